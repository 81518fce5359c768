package schedule_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/aws/smithy-go"
	"github.com/watchsim/watchsim/events/schedule"
)

func ExampleParse() {
	s, err := schedule.Parse("cron(0/30 20-2 ? * FRI-MON *)") // ranges may wrap
	fmt.Println(s, err)

	_, err = schedule.Parse("cron(0 1 * * * *)") // day-of-month and day-of-week both given
	var ae smithy.APIError                       // what the AWS SDK returns; watchsim errors implement it
	errors.As(err, &ae)
	fmt.Println(ae.ErrorCode(), ae.ErrorMessage())

	_, err = schedule.Parse("rate(1 minutes)") // 1 takes the singular
	fmt.Println(err)
	// Output:
	// cron(0/30 20-2 ? * FRI-MON *) <nil>
	// ValidationException Parameter ScheduleExpression is not valid.
	// ValidationException: Parameter ScheduleExpression is not valid.
}

func ExampleSchedule_Next() {
	s, _ := schedule.Parse("cron(0 10 ? * 6#1 *)") // 10:00 UTC on the first Friday of each month
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for range 3 {
		at, _ = s.Next(at)
		fmt.Println(at)
	}
	// Output:
	// 2026-01-02 10:00:00 +0000 UTC
	// 2026-02-06 10:00:00 +0000 UTC
	// 2026-03-06 10:00:00 +0000 UTC
}

func ExampleSchedule_NextFrom() {
	s, _ := schedule.Parse("rate(1 hour)")
	created := time.Date(2026, 1, 1, 9, 20, 0, 0, time.UTC)
	// The rule fires at 10:20, 11:20, …; the first firing after 12:00 is 12:20.
	next, _ := s.NextFrom(created, time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC))
	fmt.Println(next)

	// A cron schedule whose years are past never fires.
	old, _ := schedule.Parse("cron(15 10 ? * 6L 2002-2005)")
	_, ok := old.NextFrom(created, created)
	fmt.Println(ok)
	// Output:
	// 2026-01-01 12:20:00 +0000 UTC
	// false
}
