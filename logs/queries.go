package logs

type query struct{}
