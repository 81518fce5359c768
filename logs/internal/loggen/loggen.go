package loggen

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// vocab holds the words lines are made of.
type vocab struct {
	users, paths, methods, agents, words []string
}

func newVocab() *vocab {
	return &vocab{
		users:   []string{"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"},
		paths:   []string{"/api/v1/items", "/api/v1/orders/checkout", "/index.html", "/static/app.js", "/api/v2/users/profile", "/health"},
		methods: []string{"GET", "GET", "GET", "POST", "PUT", "DELETE"},
		agents:  []string{"curl/8.5.0", "Mozilla/5.0", "python-requests/2.31", "Go-http-client/1.1"},
		words:   []string{"processed", "request", "completed", "cache", "miss", "retrying", "connection", "pool", "flushed", "batch"},
	}
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func level(r *rand.Rand) string {
	switch n := r.IntN(100); {
	case n < 4:
		return "ERROR"
	case n < 14:
		return "WARN"
	case n < 24:
		return "DEBUG"
	}
	return "INFO"
}

func status(r *rand.Rand) int {
	switch n := r.IntN(100); {
	case n < 3:
		return 500 + r.IntN(4)
	case n < 12:
		return 400 + r.IntN(5)
	}
	return 200
}

// line returns line i of the stream, drawing from r.
func (v *vocab) line(r *rand.Rand, i int) string {
	ts := fmt.Sprintf("2026-12-01T%02d:%02d:%02d.%03dZ", (i/3600000)%24, (i/60000)%60, (i/1000)%60, i%1000)
	switch i % 3 {
	case 0:
		return fmt.Sprintf("%s [%s] worker-%02d %s %s id=%08x in %dms user=%s path=%s %s trace=%016x",
			ts, level(r), r.IntN(64), pick(r, v.words), pick(r, v.words), r.Uint32(), r.IntN(2000), pick(r, v.users), pick(r, v.paths), pick(r, v.words), r.Uint64())
	case 1:
		return fmt.Sprintf(`{"timestamp":"%s","level":"%s","requestId":"%08x","latency":%d,"status":%d,"path":"%s","user":"%s","az":"us-east-1a"}`,
			ts, level(r), r.Uint32(), r.IntN(2000), status(r), pick(r, v.paths), pick(r, v.users))
	default:
		return fmt.Sprintf(`10.%d.%d.%d - %s [01/Dec/2026:%02d:%02d:%02d +0000] "%s %s HTTP/1.1" %d %d "https://example.com/" "%s"`,
			r.IntN(256), r.IntN(256), r.IntN(256), pick(r, v.users), (i/3600)%24, (i/60)%60, i%60,
			pick(r, v.methods), pick(r, v.paths), status(r), r.IntN(20000), pick(r, v.agents))
	}
}

// Lines returns n lines generated from seed. Line i is plain text when i%3 == 0, JSON when
// i%3 == 1 and a space-delimited access-log line otherwise. The lines are substrings of one
// newline-separated buffer holding exactly the bytes [Write] produces, so a scan over them
// touches memory the way grep scanning the written file does.
func Lines(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	v := newVocab()
	var b strings.Builder
	ends := make([]int, n)
	for i := range ends {
		b.WriteString(v.line(r, i))
		ends[i] = b.Len()
		b.WriteByte('\n')
	}
	all := b.String()
	out := make([]string, n)
	start := 0
	for i, end := range ends {
		out[i] = all[start:end]
		start = end + 1
	}
	return out
}

// Write writes the same n lines as Lines, each followed by a newline.
func Write(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	v := newVocab()
	for i := 0; i < n; i++ {
		if _, err := bw.WriteString(v.line(r, i)); err != nil {
			return err
		}
		if err := bw.WriteByte('\n'); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Size returns the total number of bytes of lines, without separators.
func Size(lines []string) int64 {
	var n int64
	for _, l := range lines {
		n += int64(len(l))
	}
	return n
}

// Only returns the lines of one kind: 0 plain text, 1 JSON, 2 space-delimited.
// The returned lines are copied into one contiguous buffer, like the output of [Lines].
func Only(lines []string, kind int) []string {
	var b strings.Builder
	var ends []int
	for i, l := range lines {
		if i%3 == kind {
			b.WriteString(l)
			ends = append(ends, b.Len())
			b.WriteByte('\n')
		}
	}
	all := b.String()
	out := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		out[i] = all[start:end]
		start = end + 1
	}
	return out
}
