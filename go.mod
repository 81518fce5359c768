module github.com/watchsim/watchsim

go 1.25

require (
	github.com/aws/smithy-go v1.28.9
	github.com/benbjohnson/clock v1.3.5
	github.com/google/go-cmp v0.7.0
	pgregory.net/rapid v1.3.0
)
