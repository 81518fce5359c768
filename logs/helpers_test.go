package logs

import (
	"errors"

	"github.com/watchsim/watchsim/bus"
)

func asBusError(err error, target **bus.Error) bool { return errors.As(err, target) }
