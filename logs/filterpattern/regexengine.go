package filterpattern

import (
	"math/bits"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// The %regex% engine. Go's regexp.Compile costs 5–40 µs for a CloudWatch Logs regex, more
// than the whole rest of a pattern; the language AWS accepts is small enough (no groups) to
// compile in a few microseconds into a bit-parallel automaton instead:
//
//   - Each alternative is a sequence of atoms with quantifiers. Its position automaton
//     (Glushkov) is a chain: a {m,n} atom is expanded into m mandatory and n-m optional
//     copies, {m,} into m-1 mandatory copies and one repeating copy (* is one optional
//     repeating copy). Bit 0 of a chain is its start state, bit k the state "matched up to
//     position k".
//   - Chains are packed into 64-bit words. One input rune costs a table load, a shift, two
//     AND/ORs for the step, and a subtraction trick (Navarro and Raffinot's extended
//     shift-and) that closes the state over skipped optional positions.
//   - The search is unanchored: each step re-injects the start states of the alternatives
//     that do not begin with ^. ^ and $ are resolved per alternative when compiling:
//     everything before the last ^ and after the first $ must match the empty string.
//   - The alphabet is runeSet's 257 symbols, and input is decoded as Go's regexp decodes it
//     (an invalid UTF-8 byte is one U+FFFD), so '.', [^…], \D, \W match one whole rune exactly
//     as before.
//   - An alternative needing more than 63 positions (a large {m,n}) makes the whole pattern
//     fall back to Go's regexp, compiled on first use (sync.Once), so Compile stays cheap and
//     correctness does not depend on the fast path. Syntax the parser does not know (never
//     produced by the translation) is compiled eagerly by Go's regexp.

// filterRegex is a compiled %regex% body. Its methods are safe for concurrent use.
type filterRegex struct {
	words []reWord
	one   [1]reWord // words when the pattern fits one word

	// fallback (Go syntax) is set when the pattern is matched by Go's regexp instead.
	fallback string
	once     sync.Once
	re       *regexp.Regexp
}

// reWord is a group of alternatives simulated in one uint64.
type reWord struct {
	table      [128]uint64  // bit k set in table[c]: position k accepts ASCII c
	hiAll      uint64       // positions accepting every rune above U+007F
	hi         *[129]uint64 // nil, or the masks of symbols 128–256 when some set tells them apart (\x80–\xff)
	loop       uint64       // positions that may repeat
	opt        uint64       // optional positions
	trig       uint64       // for each run of optional positions, the bit just below it
	runEnd     uint64       // for each run of optional positions, its top bit
	inject     uint64       // start bits re-injected at every step (alternatives without ^)
	init       uint64       // the state before the first rune: closure of all start bits
	acceptAny  uint64       // final bits of alternatives without $
	acceptEnd  uint64       // final bits of alternatives ending with $
	prefix     string       // literal text every match of the word's only alternative starts with
	prefixInit uint64       // the state at which a prefix search may skip ahead
}

// MatchString reports whether s contains a match.
func (f *filterRegex) MatchString(s string) bool {
	if f.fallback != "" {
		f.once.Do(func() {
			// Cannot fail: newFilterRegex validated the pattern with the same rules.
			f.re, _ = regexp.Compile(f.fallback)
		})
		return f.re != nil && f.re.MatchString(s)
	}
	for i := range f.words {
		if f.words[i].match(s) {
			return true
		}
	}
	return false
}

// closure adds to d the optional positions reachable from its active states without input.
func (w *reWord) closure(d uint64) uint64 {
	df := d | w.runEnd
	return d | w.opt&(^(df-w.trig)^df)
}

func (w *reWord) match(s string) bool {
	d := w.init
	// Go does not hoist loads out of loops: keep the masks in locals (registers).
	table, hi, hiAll := &w.table, w.hi, w.hiAll
	loop, opt, trig, runEnd, inject := w.loop, w.opt, w.trig, w.runEnd, w.inject
	acceptAny, prefix, prefixInit := w.acceptAny, w.prefix, w.prefixInit
	if d&acceptAny != 0 {
		return true
	}
	for i := 0; i < len(s); {
		if d == prefixInit && prefix != "" {
			j := strings.Index(s[i:], prefix)
			if j < 0 {
				return false
			}
			i += j
		}
		c := s[i]
		var m uint64
		if c < utf8.RuneSelf {
			m = table[c]
			i++
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			m = hiAll
			if hi != nil {
				if r > 0xff {
					r = symOther
				}
				m = hi[r-utf8.RuneSelf]
			}
			i += n
		}
		d = ((d<<1)|(d&loop))&m | inject
		if opt != 0 {
			df := d | runEnd
			d |= opt & (^(df - trig) ^ df)
		}
		if d&acceptAny != 0 {
			return true
		}
		if d == 0 {
			return false
		}
	}
	return d&(acceptAny|w.acceptEnd) != 0
}

// reAlt is an alternative after resolving its anchors: its character atoms are
// items[lo:hi] of the parse.
type reAlt struct {
	begin, end bool
	lo, hi     int
	positions  int
}

// resolveAnchors drops the assertions from items (one alternative, compacted in place):
// everything before the last ^ and after the first $ must match empty. ok is false when the
// alternative can never match. Offsets in alt are relative to items.
func resolveAnchors(items []reItem) (alt reAlt, ok bool) {
	lastCaret, firstDollar := -1, -1
	n := 0
	for _, it := range items { // drop atoms that match only the empty string ({0}, ^*, $?)
		if it.max == 0 || it.anchor != 0 && it.min == 0 {
			continue
		}
		items[n] = it
		if it.anchor == '^' {
			lastCaret = n
		}
		if it.anchor == '$' && firstDollar < 0 {
			firstDollar = n
		}
		n++
	}
	items = items[:n]
	lo, hi := 0, len(items)
	if lastCaret >= 0 {
		alt.begin, lo = true, lastCaret+1
	}
	if firstDollar >= 0 {
		alt.end, hi = true, firstDollar
	}
	for k, it := range items {
		if (k < lo || k >= hi) && it.anchor == 0 && it.min > 0 {
			return alt, false
		}
	}
	if lo < hi {
		alt.lo, alt.hi = lo, hi
	}
	for _, it := range items[alt.lo:alt.hi] {
		switch {
		case it.max >= 0:
			alt.positions += it.max
		case it.min == 0:
			alt.positions++
		default:
			alt.positions += it.min
		}
	}
	return alt, true
}

// newFilterRegex compiles goSrc, the Go-syntax translation of a %regex% body. ok is false when
// the pattern is invalid.
func newFilterRegex(goSrc string) (*filterRegex, bool) {
	var itemBuf [64]reItem
	var endBuf, altBuf [8]int
	items, ends, res := parseGoSubset(goSrc, itemBuf[:0], endBuf[:0])
	switch res {
	case reInvalid:
		return nil, false
	case reUnsupported:
		re, err := regexp.Compile(goSrc)
		if err != nil {
			return nil, false
		}
		f := &filterRegex{fallback: goSrc, re: re}
		f.once.Do(func() {})
		return f, true
	}
	// Resolve the anchors of each alternative; altStarts[k] is where live alternative k's
	// items begin.
	var altsBuf [8]reAlt
	alts, altStarts := altsBuf[:0], altBuf[:0]
	start := 0
	for _, end := range ends {
		alt, ok := resolveAnchors(items[start:end])
		if ok {
			if alt.positions > 63 {
				return &filterRegex{fallback: goSrc}, true
			}
			alts = append(alts, alt)
			altStarts = append(altStarts, start)
		}
		start = end
	}
	f := &filterRegex{}
	nWords, used := 0, 64
	for _, a := range alts {
		if used+a.positions+1 > 64 {
			nWords++
			used = 0
		}
		used += a.positions + 1
	}
	if nWords == 1 {
		f.words = f.one[:]
	} else {
		f.words = make([]reWord, nWords)
	}
	var bld reBuilder
	wi, bit, count := -1, 64, 0
	for k, a := range alts {
		if bit+a.positions+1 > 64 {
			if wi >= 0 {
				bld.finish(&f.words[wi])
			}
			wi, bit, count = wi+1, 0, 0
		}
		altItems := items[altStarts[k]+a.lo : altStarts[k]+a.hi]
		bld.addAlt(&f.words[wi], a, altItems, uint(bit))
		bit += a.positions + 1
		count++
		if count == 1 {
			f.words[wi].setPrefix(a, altItems)
		} else {
			f.words[wi].prefix = ""
		}
	}
	if wi >= 0 {
		bld.finish(&f.words[wi])
	}
	return f, true
}

// reBuilder holds the scratch state of laying out one word. ASCII sets with more than half
// of the ASCII characters (., [^…], \D, \W, \S) are recorded by their complement and applied
// once; the symbols above U+007F are almost always accepted all together or not at all
// (hiAll), and get a table only when a set names some of them (\x80–\xff).
type reBuilder struct {
	dense  uint64      // positions with a dense ASCII set
	excl   [128]uint64 // excl[c]: dense positions that do not accept c
	hiUsed bool
	hi     [129]uint64 // masks of the symbols 128–256 from sets that tell them apart
}

// finish applies the scratch state and computes the initial state of w, then resets b.
func (b *reBuilder) finish(w *reWord) {
	if b.dense != 0 {
		for c := range w.table {
			w.table[c] |= b.dense &^ b.excl[c]
		}
	}
	if b.hiUsed {
		w.hi = new([129]uint64)
		for k := range w.hi {
			w.hi[k] = b.hi[k] | w.hiAll
		}
	}
	if b.dense != 0 || b.hiUsed {
		*b = reBuilder{}
	}
	w.init = w.closure(w.init)
	if w.prefix != "" {
		w.prefixInit = w.init
	}
}

// addSet marks the positions in mask as accepting the symbols of set.
func (b *reBuilder) addSet(w *reWord, set *runeSet, mask uint64) {
	ascii := bits.OnesCount64(set[0]) + bits.OnesCount64(set[1])
	if ascii > 64 {
		b.dense |= mask
		addBits(b.excl[:], [2]uint64{^set[0], ^set[1]}, mask)
	} else {
		addBits(w.table[:], [2]uint64{set[0], set[1]}, mask)
	}
	switch hi := set[2] & set[3] & (set[4] | ^uint64(1)); {
	case hi == ^uint64(0):
		w.hiAll |= mask
	case set[2]|set[3]|set[4] == 0:
	default:
		b.hiUsed = true
		addBits(b.hi[:128], [2]uint64{set[2], set[3]}, mask)
		if set[4]&1 != 0 {
			b.hi[128] |= mask
		}
	}
}

// addBits ors mask into table[c] for every bit c of set.
func addBits(table []uint64, set [2]uint64, mask uint64) {
	for wi, bitsw := range set {
		for bitsw != 0 {
			table[wi<<6|bits.TrailingZeros64(bitsw)] |= mask
			bitsw &= bitsw - 1
		}
	}
}

// addAlt lays out alternative a (its atoms are items) from bit start (its start state) upwards.
func (b *reBuilder) addAlt(w *reWord, a reAlt, items []reItem, start uint) {
	w.init |= 1 << start
	if !a.begin {
		w.inject |= 1 << start
	}
	p := start // last position laid out
	inRun := false
	setOpt := func(optional bool) {
		if optional {
			if !inRun {
				w.trig |= 1 << (p - 1)
				inRun = true
			}
			w.opt |= 1 << p
			return
		}
		if inRun {
			w.runEnd |= 1 << (p - 1)
			inRun = false
		}
	}
	for i := range items {
		it := &items[i]
		first := p + 1
		switch {
		case it.max >= 0:
			for k := 0; k < it.max; k++ {
				p++
				setOpt(k >= it.min)
			}
		case it.min == 0:
			p++
			setOpt(true)
			w.loop |= 1 << p
		default:
			for k := 0; k < it.min; k++ {
				p++
				setOpt(false)
			}
			w.loop |= 1 << p
		}
		if p >= first {
			var mask uint64 = (1<<(p-first+1) - 1) << first
			b.addSet(w, &it.set, mask)
		}
	}
	if inRun {
		w.runEnd |= 1 << p
	}
	if a.end {
		w.acceptEnd |= 1 << p
	} else {
		w.acceptAny |= 1 << p
	}
}

// setPrefix records the literal ASCII text alternative a must begin with,
// when it is not anchored with ^: matching can then skip to its next occurrence.
func (w *reWord) setPrefix(a reAlt, items []reItem) {
	w.prefix = ""
	if a.begin {
		return
	}
	var buf [16]byte
	n := 0
	for _, it := range items {
		if it.min < 1 || n == len(buf) || it.set.count() != 1 {
			break
		}
		sym := -1
		for wi, bw := range it.set {
			if bw != 0 {
				sym = wi<<6 | bits.TrailingZeros64(bw)
			}
		}
		if sym >= utf8.RuneSelf {
			break
		}
		reps := it.min
		for k := 0; k < reps && n < len(buf); k++ {
			buf[n] = byte(sym)
			n++
		}
		if it.max != it.min {
			break
		}
	}
	w.prefix = string(buf[:n])
}
