package eventpattern

// This file is a test-only copy of the event generator of the shared CityLots benchmark
// (../shared/bench/citylots/main.go, the same algorithm, so that benchmarks need no 180 MB file).
// TestCityLotsGenerator checks its output against the sha256 published in that README.

import (
	"fmt"
	"sort"
	"strconv"
)

// streets is ordered by intended popularity: rank 0 is drawn most often.
// Exactly 200 names; patternName relies on 200 being coprime with 73.
var streets = [...]string{
	"MISSION", "MARKET", "FOLSOM", "HOWARD", "HARRISON", "BRYANT", "VALENCIA", "GEARY", "CALIFORNIA", "SACRAMENTO",
	"19TH", "24TH", "CLAY", "WASHINGTON", "JACKSON", "PACIFIC", "BROADWAY", "VALLEJO", "GREEN", "UNION",
	"FILBERT", "GREENWICH", "LOMBARD", "CHESTNUT", "FRANCISCO", "BAY", "NORTH POINT", "BEACH", "JEFFERSON", "PINE",
	"BUSH", "SUTTER", "POST", "OFARRELL", "ELLIS", "EDDY", "TURK", "GOLDEN GATE", "MCALLISTER", "FULTON",
	"GROVE", "HAYES", "FELL", "OAK", "PAGE", "HAIGHT", "WALLER", "DUBOCE", "IRVING", "JUDAH",
	"KIRKHAM", "LAWTON", "MORAGA", "NORIEGA", "ORTEGA", "PACHECO", "QUINTARA", "RIVERA", "SANTIAGO", "TARAVAL",
	"ULLOA", "VICENTE", "WAWONA", "SLOAT", "LINCOLN", "CABRILLO", "BALBOA", "ANZA", "CLEMENT", "LAKE",
	"1ST", "2ND", "3RD", "4TH", "5TH", "6TH", "7TH", "8TH", "9TH", "10TH",
	"11TH", "12TH", "13TH", "14TH", "15TH", "16TH", "17TH", "18TH", "20TH", "21ST",
	"22ND", "23RD", "25TH", "26TH", "27TH", "28TH", "29TH", "30TH", "31ST", "32ND",
	"33RD", "34TH", "35TH", "36TH", "37TH", "38TH", "39TH", "40TH", "41ST", "42ND",
	"43RD", "44TH", "45TH", "46TH", "47TH", "48TH", "GUERRERO", "DOLORES", "CHURCH", "SANCHEZ",
	"NOE", "CASTRO", "DIAMOND", "DOUGLASS", "HOFFMAN", "SHOTWELL", "CAPP", "SOUTH VAN NESS", "FLORIDA", "ALABAMA",
	"YORK", "HAMPSHIRE", "POTRERO", "UTAH", "SAN BRUNO", "VERMONT", "KANSAS", "RHODE ISLAND", "DE HARO", "CAROLINA",
	"WISCONSIN", "ARKANSAS", "CONNECTICUT", "MISSOURI", "TEXAS", "MISSISSIPPI", "PENNSYLVANIA", "IOWA", "INDIANA", "TENNESSEE",
	"CLAYTON", "COLE", "SHRADER", "STANYAN", "ASHBURY", "MASONIC", "CENTRAL", "BAKER", "BRODERICK", "DIVISADERO",
	"SCOTT", "PIERCE", "STEINER", "FILLMORE", "WEBSTER", "BUCHANAN", "LAGUNA", "OCTAVIA", "GOUGH", "FRANKLIN",
	"VAN NESS", "POLK", "LARKIN", "HYDE", "LEAVENWORTH", "JONES", "TAYLOR", "MASON", "POWELL", "STOCKTON",
	"GRANT", "KEARNY", "MONTGOMERY", "SANSOME", "BATTERY", "TOWNSEND", "BRANNAN", "GENEVA", "OCEAN", "MONTEREY",
	"SUNSET", "JUNIPERO SERRA", "ALEMANY", "CORTLAND", "SAN JOSE", "EVANS", "CRANLEIGH", "GREAT HIGHWAY", "THE EMBARCADERO", "PARK PRESIDIO",
}

// Street types that are not "ST". "" means JSON null.
var nonStreetTypes = map[string]string{
	"GOLDEN GATE": "AVE", "SOUTH VAN NESS": "AVE", "VAN NESS": "AVE", "GENEVA": "AVE", "OCEAN": "AVE",
	"SAN JOSE": "AVE", "EVANS": "AVE", "CENTRAL": "AVE", "POTRERO": "AVE", "MASONIC": "AVE",
	"SLOAT": "BLVD", "SUNSET": "BLVD", "MONTEREY": "BLVD", "JUNIPERO SERRA": "BLVD", "ALEMANY": "BLVD",
	"PARK PRESIDIO": "BLVD", "GEARY": "BLVD", "LINCOLN": "BLVD",
	"BROADWAY": "", "GREAT HIGHWAY": "", "THE EMBARCADERO": "", "CRANLEIGH": "",
}

func checkStreets() {
	seen := map[string]bool{}
	for _, s := range streets {
		if seen[s] {
			panic("duplicate street " + s)
		}
		seen[s] = true
	}
}

// rng is splitmix64: tiny, fast, and fully specified. The generator uses only
// integer arithmetic, so its output never depends on the platform or Go release
// (no floating-point rounding or fused multiply-add differences).
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a value in [0,n), n > 0 (the modulo bias is negligible here).
func (r *rng) intn(n int64) int64 { return int64(r.next() % uint64(n)) }

// permille reports true with probability p/1000.
func (r *rng) permille(p int64) bool { return r.intn(1000) < p }

// Coordinates are integers in units of 1e-14 degree, printed as decimals with
// up to 14 fractional digits (like -122.42485025893909).
const degree = 100_000_000_000_000

type face struct {
	street  string
	stType  string // "" is null
	odd     bool
	next    int64 // next house number on this face
	unknown bool
}

type generator struct {
	r     rng
	cum   []int64 // cumulative street weights
	total int64
	buf   []byte
	block int
}

const (
	minPts         = 5  // points in a Polygon ring, the closing point included
	maxPts         = 30 //
	unknownPermil  = 15 // block faces with STREET "UNKNOWN"
	condoPermil    = 40 // lots whose BLKLOT differs from MAPBLKLOT
	multiPermil    = 10 // lots whose geometry is a MultiPolygon
	sameToStPermil = 600
)

func newGenerator(seed uint64) *generator {
	g := &generator{r: rng{s: seed}}
	for i := range streets {
		g.total += 1_000_000_000 / int64(i+10)
		g.cum = append(g.cum, g.total)
	}
	return g
}

func numberedStreet(name string) int {
	n := 0
	for _, c := range name {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func (g *generator) newFace() face {
	if g.r.permille(unknownPermil) {
		return face{street: "UNKNOWN", unknown: true}
	}
	u := g.r.intn(g.total)
	i := sort.Search(len(g.cum), func(i int) bool { return g.cum[i] > u })
	f := face{street: streets[i], odd: g.r.intn(2) == 1, next: 100 * g.r.intn(50)}
	switch num := numberedStreet(f.street); {
	case num > 30:
		f.stType = "AVE"
	case num > 0:
		f.stType = "ST"
		if g.r.intn(2) == 1 {
			f.stType = "AVE"
		}
	default:
		t, ok := nonStreetTypes[f.street]
		if !ok {
			t = "ST"
		}
		f.stType = t
	}
	if f.odd {
		f.next++
	}
	return f
}

func (g *generator) str(key, val string) {
	g.buf = append(g.buf, '"')
	g.buf = append(g.buf, key...)
	g.buf = append(g.buf, `":"`...)
	g.buf = append(g.buf, val...)
	g.buf = append(g.buf, '"')
}

func (g *generator) coord(v int64) {
	if v < 0 {
		g.buf = append(g.buf, '-')
		v = -v
	}
	g.buf = strconv.AppendInt(g.buf, v/degree, 10)
	frac := v % degree
	if frac == 0 {
		return
	}
	digits := []byte(strconv.FormatInt(frac+degree, 10))[1:] // zero-padded to 14 digits
	for digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	g.buf = append(g.buf, '.')
	g.buf = append(g.buf, digits...)
}

// ring appends a closed ring of pts points (the last repeats the first): the
// four corners of a w x h lot whose south-west corner is (lon, lat), plus
// pts-5 extra vertices along its edges; all but the first are jittered by up to
// 5e-7 degree.
func (g *generator) ring(lon, lat int64, pts int) {
	w := 10_000_000_000 + g.r.intn(28_000_000_000) // 0.0001-0.00038 degree
	h := 8_000_000_000 + g.r.intn(22_000_000_000)
	corners := []int64{0, w, w + h, 2*w + h}
	ts := make([]int64, 0, pts)
	ts = append(ts, corners...)
	extra := make([]int64, pts-5)
	for i := range extra {
		extra[i] = g.r.intn(2 * (w + h))
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i] < extra[j] })
	ts = append(ts, extra...)
	sort.SliceStable(ts, func(i, j int) bool { return ts[i] < ts[j] })
	g.buf = append(g.buf, '[')
	for k, t := range ts {
		var x, y int64
		switch {
		case t < w:
			x, y = t, 0
		case t < w+h:
			x, y = w, t-w
		case t < 2*w+h:
			x, y = w-(t-w-h), h
		default:
			x, y = 0, h-(t-2*w-h)
		}
		if k > 0 { // every vertex but the first, which also closes the ring
			x += g.r.intn(100_000_000) - 50_000_000
			y += g.r.intn(100_000_000) - 50_000_000
		}
		if k > 0 {
			g.buf = append(g.buf, ',')
		}
		g.buf = append(g.buf, '[')
		g.coord(lon + x)
		g.buf = append(g.buf, ',')
		g.coord(lat + y)
		g.buf = append(g.buf, ",0]"...)
	}
	// close the ring on the first corner, (0,0)
	g.buf = append(g.buf, ",["...)
	g.coord(lon)
	g.buf = append(g.buf, ',')
	g.coord(lat)
	g.buf = append(g.buf, ",0]]"...)
}

// points returns a ring size: a plain rectangle (5 points) for 13% of lots,
// otherwise uniform in [minPts, maxPts]; the mean is about 16.
func (g *generator) points() int {
	if g.r.permille(130) {
		return minPts
	}
	return minPts + int(g.r.intn(maxPts-minPts+1))
}

// nextBlock appends one block's lots to g.buf, at most limit lines; it returns
// how many.
func (g *generator) nextBlock(limit int) int {
	g.block++
	if g.r.permille(80) {
		g.block += 1 + int(g.r.intn(5))
	}
	blockNum := fmt.Sprintf("%04d", g.block%10000)
	if g.block >= 10000 { // only for very long runs
		blockNum += string(rune('A' + (g.block/10000-1)%26))
	}
	// San Francisco: lon -122.515..-122.375, lat 37.708..37.810
	blockLon := -122_515*(degree/1000) + g.r.intn(140*(degree/1000))
	blockLat := 37_708*(degree/1000) + g.r.intn(102*(degree/1000))
	faces := make([]face, 2+g.r.intn(3))
	for i := range faces {
		faces[i] = g.newFace()
	}
	lots := 1 + int(g.r.intn(55))
	if lots > limit {
		lots = limit
	}
	for j := 1; j <= lots; j++ {
		f := &faces[g.r.intn(int64(len(faces)))]
		lotNum := fmt.Sprintf("%03d", j)
		blkLot := blockNum + lotNum
		if g.r.permille(condoPermil) {
			blkLot = blockNum + fmt.Sprintf("%03d", int64(j)+10+g.r.intn(50))
		}
		from, to := "0", "0"
		oddEven := "E"
		if !f.unknown {
			fn := f.next
			tn := fn
			if !g.r.permille(sameToStPermil) {
				tn += 2 * (1 + g.r.intn(6))
			}
			f.next = tn + 2*(1+g.r.intn(4))
			from, to = strconv.FormatInt(fn, 10), strconv.FormatInt(tn, 10)
			if f.odd {
				oddEven = "O"
			}
		}
		g.buf = append(g.buf, `{"type":"Feature","properties":{`...)
		g.str("MAPBLKLOT", blockNum+lotNum)
		g.buf = append(g.buf, ',')
		g.str("BLKLOT", blkLot)
		g.buf = append(g.buf, ',')
		g.str("BLOCK_NUM", blockNum)
		g.buf = append(g.buf, ',')
		g.str("LOT_NUM", lotNum)
		g.buf = append(g.buf, ',')
		g.str("FROM_ST", from)
		g.buf = append(g.buf, ',')
		g.str("TO_ST", to)
		g.buf = append(g.buf, ',')
		g.str("STREET", f.street)
		g.buf = append(g.buf, ',')
		if f.unknown || f.stType == "" {
			g.buf = append(g.buf, `"ST_TYPE":null`...)
		} else {
			g.str("ST_TYPE", f.stType)
		}
		g.buf = append(g.buf, ',')
		g.str("ODD_EVEN", oddEven)
		lon := blockLon + g.r.intn(160_000_000_000) - 80_000_000_000
		lat := blockLat + g.r.intn(120_000_000_000) - 60_000_000_000
		if g.r.permille(multiPermil) {
			g.buf = append(g.buf, `},"geometry":{"type":"MultiPolygon","coordinates":[[`...)
			g.ring(lon, lat, 5+int(g.r.intn(4)))
			g.buf = append(g.buf, "],["...)
			g.ring(lon+40_000_000_000, lat+30_000_000_000, 5+int(g.r.intn(4)))
			g.buf = append(g.buf, "]]}}\n"...)
		} else {
			g.buf = append(g.buf, `},"geometry":{"type":"Polygon","coordinates":[`...)
			g.ring(lon, lat, g.points())
			g.buf = append(g.buf, "]}}\n"...)
		}
	}
	return lots
}

// cityLotsEvents returns the first n events of the stream for seed, one []byte per line (without
// the newline), all slices of one buffer.
func cityLotsEvents(n int, seed uint64) [][]byte {
	checkStreets()
	g := newGenerator(seed)
	var all []byte
	for written := 0; written < n; {
		g.buf = g.buf[:0]
		written += g.nextBlock(n - written)
		all = append(all, g.buf...)
	}
	out := make([][]byte, 0, n)
	start := 0
	for i, c := range all {
		if c == '\n' {
			out = append(out, all[start:i:i])
			start = i + 1
		}
	}
	return out
}
