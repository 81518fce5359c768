// Command watchsim serves a simulator over the AWS wire protocols, for the aws CLI, boto3 or an AWS
// SDK in any language: CloudWatch (rpcv2 CBOR, AWS JSON 1.0, query), CloudWatch Logs and the other
// simulated services (AWS JSON 1.1), and the SQS, SNS and S3 fakes, all on one address.
//
//	go run ./cmd/watchsim serve -addr 127.0.0.1:4566
//	aws --endpoint-url http://127.0.0.1:4566 cloudwatch put-metric-data --namespace App --metric-name Latency --value 12
//	curl -X POST 'http://127.0.0.1:4566/_watchsim/advance?by=5m'
//	curl http://127.0.0.1:4566/_watchsim/now
//
// Simulation time stands still unless advanced through POST /_watchsim/advance?by=<duration> or
// ?to=<RFC 3339>, or follows the wall clock with -realtime. POST /_watchsim/reset starts over with a
// new simulator built from the same flags. The server listens on loopback unless -addr names another
// host; it does not verify signatures unless -verify-sigv4 is given with -user.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/benbjohnson/clock"
	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/awsapi"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/metrics/widgetimage"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr, nil, nil); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "watchsim:", err)
		}
		os.Exit(2)
	}
}

const usage = `usage: watchsim serve [flags]

Serves a watchsim simulator over the AWS wire protocols. Flags:
`

// config is what the serve flags say.
type config struct {
	addr     string
	seed     uint64
	realTime bool
	start    string
	account  string
	region   string
	users    stringList
	verify   bool
	quiet    bool
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// run parses args and serves until SIGINT or SIGTERM arrives or stop is closed. ready, if not nil,
// receives the listening address once the server accepts connections.
func run(args []string, stdout, stderr io.Writer, ready chan<- string, stop <-chan struct{}) error {
	if len(args) == 0 || args[0] != "serve" {
		fmt.Fprint(stderr, usage)
		return errors.New("the only command is serve")
	}
	var c config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	fs.StringVar(&c.addr, "addr", "127.0.0.1:4566", "listen address; the host defaults to loopback (use 0.0.0.0:4566 to listen on every interface)")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of every id and random choice")
	fs.BoolVar(&c.realTime, "realtime", false, "let simulation time follow the wall clock (then /_watchsim/advance is refused)")
	fs.StringVar(&c.start, "start", "", "simulation start time, RFC 3339 (default 2026-01-01T00:00:00Z; with -realtime, the wall clock)")
	fs.StringVar(&c.account, "account", "123456789012", "12-digit account id")
	fs.StringVar(&c.region, "region", "us-east-1", "region")
	fs.Var(&c.users, "user", "ACCESS_KEY:SECRET:USERNAME, a credential whose calls are made as that IAM user (repeatable)")
	fs.BoolVar(&c.verify, "verify-sigv4", false, "verify request signatures against the -user credentials")
	fs.BoolVar(&c.quiet, "quiet", false, "do not log the listening address")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	h, err := newHandler(c)
	if err != nil {
		return err
	}
	addr := c.addr
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr // loopback unless told otherwise
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 30 * time.Second}
	if !c.quiet {
		fmt.Fprintf(stdout, "watchsim serving %s on http://%s (simulation time %s)\n",
			strings.Join(h.Services(), ", "), ln.Addr(), h.Simulator().Now().Format(time.RFC3339))
	}
	ctx, unnotify := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer unnotify()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready <- ln.Addr().String()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	case <-stop:
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shut)
	_ = h.Simulator().Close()
	return err
}

// newHandler builds the handler and the simulator factory the reset endpoint uses.
func newHandler(c config) (*awsapi.Handler, error) {
	var simOpts []watchsim.Option
	simOpts = append(simOpts, watchsim.WithSeed(c.seed), watchsim.WithAccount(c.account), watchsim.WithRegion(c.region),
		// the server draws GetMetricWidgetImage (a program importing only the library does not link gonum)
		watchsim.WithMetricsOptions(metrics.WithWidgetRenderer(widgetimage.Renderer{})))
	if c.start != "" {
		t, err := time.Parse(time.RFC3339Nano, c.start)
		if err != nil {
			return nil, fmt.Errorf("-start: %v", err)
		}
		if c.realTime {
			return nil, errors.New("-start and -realtime exclude each other: in real time the simulation follows the wall clock")
		}
		simOpts = append(simOpts, watchsim.WithStart(t))
	}
	factory := func() (*watchsim.Simulator, error) {
		opts := simOpts
		if c.realTime {
			opts = append(append([]watchsim.Option(nil), simOpts...), watchsim.WithClock(clock.New()))
		}
		return watchsim.New(opts...)
	}
	sim, err := factory()
	if err != nil {
		return nil, err
	}
	hopts := []awsapi.Option{awsapi.WithControlEndpoints(factory)}
	for _, u := range c.users {
		f := strings.SplitN(u, ":", 3)
		if len(f) != 3 {
			_ = sim.Close()
			return nil, fmt.Errorf("-user %q: want ACCESS_KEY:SECRET:USERNAME", u)
		}
		hopts = append(hopts, awsapi.WithUser(f[0], f[1], f[2]))
	}
	if c.verify {
		hopts = append(hopts, awsapi.WithSigV4Verification())
	}
	h, err := awsapi.New(sim, hopts...)
	if err != nil {
		_ = sim.Close()
		return nil, err
	}
	return h, nil
}
