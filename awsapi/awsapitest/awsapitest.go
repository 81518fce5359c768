package awsapitest

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/awsapi"
)

// The credentials [Config] signs with: the AWS documentation's example access key, which is also the
// access key of the simulator's default identity.
const (
	AccessKeyID     = "AKIAIOSFODNN7EXAMPLE"
	SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

// Server starts an httptest server serving sim with the options, closed when the test ends. A
// Handler option error fails the test.
func Server(t testing.TB, sim *watchsim.Simulator, opts ...awsapi.Option) *httptest.Server {
	t.Helper()
	h, err := awsapi.New(sim, opts...)
	if err != nil {
		t.Fatalf("awsapitest: %v", err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// Config starts a server serving sim (see [Server]) and returns an aws.Config for it, as
// config.LoadDefaultConfig would build it with the endpoint and credentials given: the simulator's
// region, static credentials ([AccessKeyID]) in a credentials cache, BaseEndpoint the server's URL,
// the SDK's default HTTP client (a BuildableClient: keep-alive, up to 10 idle connections per host;
// they are closed when the test ends) and RequestMinCompressSizeBytes 10240, the documented default,
// so PutMetricData bodies of 10 KiB and more go out gzipped as from a production client (an
// aws.Config literal would leave it 0 and gzip every body, a 0.5 ms cost per call no real client
// pays; set it to 0 on the returned Config to gzip every request). One difference: no retries (the
// simulator does not fail at random, and a retry's back-off would sleep in real time).
func Config(t testing.TB, sim *watchsim.Simulator, opts ...awsapi.Option) aws.Config {
	t.Helper()
	srv := Server(t, sim, opts...)
	// the client LoadDefaultConfig builds (a BuildableClient, frozen as the SDK's "legacy" defaults
	// mode leaves it), closing its idle connections before the server closes
	hc := awshttp.NewBuildableClient().Freeze()
	if c, ok := hc.(interface{ CloseIdleConnections() }); ok {
		t.Cleanup(c.CloseIdleConnections)
	}
	return aws.Config{
		Region: sim.Bus.Region(),
		// cached, as LoadDefaultConfig caches every credentials provider
		Credentials: aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: AccessKeyID, SecretAccessKey: SecretAccessKey, Source: "awsapitest"}, nil
		})),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   hc,
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
		// what config.LoadDefaultConfig sets: the documented 10 KiB default
		RequestMinCompressSizeBytes: 10240,
	}
}
