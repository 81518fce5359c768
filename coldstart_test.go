package watchsim_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// buildColdStart builds internal/cmd/coldstart — a fresh process's first answer — into a temporary
// directory and returns the binary's path.
// With all, it links every library package of the module (build tag coldstart_all).
func buildColdStart(tb testing.TB, all bool) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "coldstart")
	args := []string{"build", "-o", bin}
	if all {
		args = append(args, "-tags", "coldstart_all")
	}
	out, err := exec.Command("go", append(args, "./internal/cmd/coldstart")...).CombinedOutput()
	if err != nil {
		tb.Fatalf("go build ./internal/cmd/coldstart: %v\n%s", err, out)
	}
	return bin
}

// TestNothingRunsAtInit runs the cold-start program, which links every library package of the module,
// with GODEBUG=inittrace=1: the runtime then reports every package whose initialisation did work.
// No watchsim package may appear (no regexps compiled, no tables built, no maps filled at init).
func TestNothingRunsAtInit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	cmd := exec.Command(buildColdStart(t, true))
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("coldstart: %v\n%s", err, stderr.String())
	}
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "init github.com/watchsim/") {
			t.Errorf("work at package initialisation: %s", line)
		}
	}
}

// TestColdStartLinksEveryPackage keeps the cold-start program honest: it must import every library
// package of the module, so TestNothingRunsAtInit covers packages added later.
func TestColdStartLinksEveryPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	list := func(args ...string) []string {
		out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
		if err != nil {
			t.Fatalf("go list %v: %v", args, err)
		}
		return strings.Fields(string(out))
	}
	deps := list("-deps", "-tags", "coldstart_all", "./internal/cmd/coldstart")
	for _, p := range list("-f", "{{if ne .Name \"main\"}}{{.ImportPath}}{{end}}", "./...") {
		// examples/ are programs and tests to read, not library code; logs/internal/ holds benchmark
		// tooling that only logs' own packages may import.
		if strings.Contains(p, "/examples/") || strings.Contains(p, "/logs/internal/") {
			continue
		}
		if !slices.Contains(deps, p) {
			t.Errorf("internal/cmd/coldstart does not link %s: add a blank import", p)
		}
	}
}

// BenchmarkColdStart times a fresh process's first answer (start, initialise the packages a user's
// program links, build a simulator, PutMetricData, Close) against an empty Go program; the difference is what watchsim
// costs a process before its first answer.
func BenchmarkColdStart(b *testing.B) {
	empty := filepath.Join(b.TempDir(), "empty.go")
	if err := os.WriteFile(empty, []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	emptyBin := filepath.Join(b.TempDir(), "empty")
	if out, err := exec.Command("go", "build", "-o", emptyBin, empty).CombinedOutput(); err != nil {
		b.Fatalf("go build empty.go: %v\n%s", err, out)
	}
	for _, c := range []struct{ name, bin string }{{"empty-program", emptyBin}, {"watchsim-first-answer", buildColdStart(b, false)}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if out, err := exec.Command(c.bin).CombinedOutput(); err != nil {
					b.Fatalf("%s: %v\n%s", c.bin, err, out)
				}
			}
		})
	}
}
