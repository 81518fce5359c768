// Command loggen writes the benchmark log corpus (the same lines the logs benchmarks generate)
// to a file, so the same bytes can be scanned with grep for comparison:
//
//	go run ./logs/internal/cmd/loggen -n 1000000 -o /tmp/corpus.log
//	grep -F -c ERROR /tmp/corpus.log
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/watchsim/watchsim/logs/internal/loggen"
)

func main() {
	n := flag.Int("n", 1000000, "number of lines")
	seed := flag.Uint64("seed", 1, "generator seed (the benchmarks use 1)")
	out := flag.String("o", "", "output file (required)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "loggen: -o is required")
		os.Exit(2)
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loggen:", err)
		os.Exit(1)
	}
	if err := loggen.Write(f, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "loggen:", err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "loggen:", err)
		os.Exit(1)
	}
}
