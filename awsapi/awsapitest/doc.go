// Package awsapitest points the AWS SDK for Go v2 at a simulator in one call: it starts an
// [httptest.Server] serving the simulator through [awsapi.Handler], closed when the test ends, and
// returns an aws.Config (region, static credentials, BaseEndpoint) to hand to the code under test
// unchanged.
//
//	sim, _ := watchsim.New()
//	cfg := awsapitest.Config(t, sim)
//	cw := cloudwatch.NewFromConfig(cfg)
//	_, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{…}) // rpcv2 CBOR, as against AWS
//	sim.Advance(5 * time.Minute)
//
// It is a package of its own so that only the tests that use it bring aws-sdk-go-v2 into their
// dependency graph; package awsapi itself does not import it.
//
// # Index
//
//   - [Config]: an aws.Config for a new server serving the simulator.
//   - [Server]: the server alone (its URL is the endpoint for any SDK, the aws CLI or boto3).
//   - [AccessKeyID], [SecretAccessKey]: the credentials [Config] signs with.
package awsapitest
