package filterpattern

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// A deliberately simple backtracking matcher for the regex subset CloudWatch Logs documents,
// used to check the translation of %regex% terms to Go's RE2 syntax (\s, \S, {,n}, \xhh,
// classes, anchors, alternation, search semantics).

type refAtom struct {
	text  string            // as written in the pattern
	match func(c byte) bool // nil for anchors
	begin bool              // ^
	end   bool              // $
}

type refPiece struct {
	atom     refAtom
	min, max int // max < 0: unbounded
}

func refAtoms() []refAtom {
	in := func(set string) func(byte) bool { return func(c byte) bool { return strings.IndexByte(set, c) >= 0 } }
	not := func(f func(byte) bool) func(byte) bool { return func(c byte) bool { return !f(c) } }
	word := func(c byte) bool { return isWordByte(c) }
	space := in("\t\n ")
	return []refAtom{
		{text: "a", match: in("a")},
		{text: "b", match: in("b")},
		{text: ":", match: in(":")},
		{text: "-", match: in("-")},
		{text: " ", match: in(" ")},
		{text: ".", match: func(c byte) bool { return c != '\n' }},
		{text: "[abc]", match: in("abc")},
		{text: "[^a]", match: not(in("a"))},
		{text: "[a-c1]", match: in("abc1")},
		{text: `[\s]`, match: space},
		{text: `\d`, match: in("0123456789")},
		{text: `\D`, match: not(in("0123456789"))},
		{text: `\s`, match: space},
		{text: `\S`, match: not(space)},
		{text: `\w`, match: word},
		{text: `\W`, match: not(word)},
		{text: `\x61`, match: in("a")},
		{text: `\.`, match: in(".")},
		{text: `\-`, match: in("-")},
	}
}

func refMatchPieces(ps []refPiece, s string, pos int) bool {
	if len(ps) == 0 {
		return true
	}
	p := ps[0]
	if p.atom.begin {
		return pos == 0 && refMatchPieces(ps[1:], s, pos)
	}
	if p.atom.end {
		return pos == len(s) && refMatchPieces(ps[1:], s, pos)
	}
	max := p.max
	if max < 0 {
		max = len(s)
	}
	// i counts the repetitions consumed so far, at position q.
	for i, q := 0, pos; ; i++ {
		if i >= p.min && refMatchPieces(ps[1:], s, q) {
			return true
		}
		if i == max || q >= len(s) || !p.atom.match(s[q]) {
			return false
		}
		q++
	}
}

func refRegexSearch(branches [][]refPiece, s string) bool {
	for start := 0; start <= len(s); start++ {
		for _, b := range branches {
			if refMatchPieces(b, s, start) {
				return true
			}
		}
	}
	return false
}

func TestPropertyRegexMatchReference(t *testing.T) {
	atoms := refAtoms()
	quants := []struct {
		text     string
		min, max int
	}{{"", 1, 1}, {"", 1, 1}, {"?", 0, 1}, {"*", 0, -1}, {"+", 1, -1}, {"{2}", 2, 2}, {"{1,2}", 1, 2}, {"{,2}", 0, 2}, {"{2,}", 2, -1}}
	rapid.Check(t, func(t *rapid.T) {
		nb := rapid.IntRange(1, 3).Draw(t, "branches")
		var branches [][]refPiece
		var texts []string
		for b := 0; b < nb; b++ {
			var ps []refPiece
			var sb strings.Builder
			if rapid.IntRange(0, 3).Draw(t, "caret") == 0 {
				ps = append(ps, refPiece{atom: refAtom{begin: true}})
				sb.WriteString("^")
			}
			n := rapid.IntRange(1, 4).Draw(t, "pieces")
			for i := 0; i < n; i++ {
				a := rapid.SampledFrom(atoms).Draw(t, "atom")
				q := rapid.SampledFrom(quants).Draw(t, "quant")
				ps = append(ps, refPiece{atom: a, min: q.min, max: q.max})
				sb.WriteString(a.text + q.text)
			}
			if rapid.IntRange(0, 3).Draw(t, "dollar") == 0 {
				ps = append(ps, refPiece{atom: refAtom{end: true}})
				sb.WriteString("$")
			}
			branches = append(branches, ps)
			texts = append(texts, sb.String())
		}
		pattern := "%" + strings.Join(texts, "|") + "%"
		p, err := Compile(pattern)
		if err != nil {
			t.Fatalf("Compile(%q): %v", pattern, err)
		}
		msg := rapid.StringOfN(rapid.SampledFrom([]rune("abc1 :-.\t\n\rx")), 0, 8, -1).Draw(t, "msg")
		want := refRegexSearch(branches, msg)
		if got := p.Matches(msg); got != want {
			t.Fatalf("Compile(%q).Matches(%q) = %v, reference %v", pattern, msg, got, want)
		}
	})
}
