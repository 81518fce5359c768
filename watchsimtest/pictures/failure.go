package pictures

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim"
)

// Env names the environment variable that keeps the pictures of failing tests: when it is
// set to a directory, [OnFailure] writes into <dir>/<test name>/ there (created if needed)
// instead of the test's own directory, which Go removes when the test ends.
const Env = "WATCHSIM_PICTURES"

// Write draws [AlarmChart] of the alarm named name over [from, to] into dir as
// <name>.svg and <name>.png (characters other than letters, digits, '.', '_' and '-' become '_')
// and returns the two paths. The same simulation writes the same bytes.
func Write(ctx context.Context, sim *watchsim.Simulator, name string, from, to time.Time, dir string) (svgPath, pngPath string, err error) {
	c, err := AlarmChart(ctx, sim, name, from, to)
	if err != nil {
		return "", "", err
	}
	svg, err := c.SVG()
	if err != nil {
		return "", "", err
	}
	png, err := c.PNG()
	if err != nil {
		return "", "", err
	}
	base := filepath.Join(dir, fileName(name))
	svgPath, pngPath = base+".svg", base+".png"
	if err := os.WriteFile(svgPath, svg, 0o644); err != nil {
		return "", "", err
	}
	if err := os.WriteFile(pngPath, png, 0o644); err != nil {
		return "", "", err
	}
	return svgPath, pngPath, nil
}

// OnFailure arranges that, if t has failed when it ends, the picture of each named alarm
// ([AlarmChart]) from now until the simulation time at the end is written as SVG and PNG and its
// paths logged. Call it after watchsimtest.New: the pictures are then logged just before the timeline, while
// the simulator is still open. The directory is $WATCHSIM_PICTURES/<test name> when [Env] is
// set, else t.ArtifactDir() where the Go release has it (kept with go test -artifacts), else
// t.TempDir(). A picture that cannot be drawn is logged as such; it does not fail the test further.
func OnFailure(t testing.TB, sim *watchsim.Simulator, names ...string) {
	t.Helper()
	if sim == nil {
		t.Fatalf("pictures.OnFailure: nil simulator")
		return
	}
	from := sim.Now()
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		dir, kept, err := pictureDir(t)
		if err != nil {
			t.Logf("watchsim pictures: %v", err)
			return
		}
		to := sim.Now()
		if !to.After(from) {
			to = from.Add(time.Minute)
		}
		for _, n := range names {
			svg, png, err := Write(context.Background(), sim, n, from, to, dir)
			if err != nil {
				t.Logf("watchsim picture of alarm %q: %v", n, err)
				continue
			}
			note := ""
			if !kept {
				note = " (removed when the test ends: set " + Env + "=dir or run go test -artifacts to keep it)"
			}
			t.Logf("watchsim picture of alarm %q: %s and %s%s", n, svg, png, note)
		}
	})
}

// pictureDir returns where a failing test's pictures go and whether they outlive the test.
func pictureDir(t testing.TB) (dir string, kept bool, err error) {
	if root := os.Getenv(Env); root != "" {
		dir = filepath.Join(root, fileName(t.Name()))
		return dir, true, os.MkdirAll(dir, 0o755)
	}
	if a, ok := t.(interface{ ArtifactDir() string }); ok {
		f := flag.Lookup("test.artifacts") // kept only under go test -artifacts
		return a.ArtifactDir(), f != nil && f.Value.String() == "true", nil
	}
	dir = t.TempDir()
	if dir == "" {
		return "", false, errors.New("no directory to write to")
	}
	return dir, false, nil
}

// fileName makes s safe as one path element.
func fileName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '_'
	}, s)
	if s == "" || s == "." || s == ".." {
		s = "_" + s
	}
	return s
}
