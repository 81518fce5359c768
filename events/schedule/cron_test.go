package schedule

import "testing"

// Every cron expression AWS was seen to accept, and the documentation's examples
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html).
var awsValidCron = []string{
	"cron(0 2 ? * SAT *)", "cron(0 12 * * ? *)", "cron(5,35 14 * * ? *)", "cron(15 10 ? * 6L 2002-2005)",
	"cron(0 2 ? * SAT#3 *)", "cron(* * ? * SAT#3 *)", "cron(0/5 5 ? JAN 1-5 2022)", "cron(0 10 * * ? *)",
	"cron(15 12 * * ? *)", "cron(0 18 ? * MON-FRI *)", "cron(0 8 1 * ? *)", "cron(0/15 * * * ? *)",
	"cron(0/10 * ? * MON-FRI *)", "cron(0/5 8-17 ? * MON-FRI *)", "cron(0/30 20-23 ? * MON-FRI *)",
	"cron(0/30 0-2 ? * MON-FRI *)",
}

// Every cron expression AWS was seen to refuse.
var awsInvalidCron = []string{
	"cron(0 1 * * * *)", "cron(7 20 * * NOT *)", "cron(INVALID)", "cron(0 dummy ? * MON-FRI *)", "cron(71 8 1 * ? *)",
	"cron(0 0 ? * 3#1,6#3 *)", // the documentation's "#" note
}

func TestCronAWSValid(t *testing.T) {
	for _, expr := range awsValidCron {
		s := mustParse(t, expr)
		if s.String() != expr {
			t.Errorf("String() = %q", s.String())
		}
	}
}

func TestCronAWSInvalid(t *testing.T) {
	for _, expr := range awsInvalidCron {
		_, err := Parse(expr)
		wantInvalid(t, expr, err)
	}
}

// Further expressions that follow from the documented grammar.
func TestCronValid(t *testing.T) {
	for _, expr := range []string{
		"cron(* * * * ? *)", "cron(* * ? * * *)", "cron(0 0 L * ? *)", "cron(0 0 LW * ? *)", "cron(0 0 15W * ? *)",
		"cron(0 0 1W * ? *)", "cron(0 0 31W * ? *)", "cron(0 0 ? * L *)", "cron(0 0 ? * 1L *)", "cron(0 0 ? * FRIL *)",
		"cron(0 0 ? * 2#5 *)", "cron(0 0 ? * MON#1 *)", "cron(0 22-2 * * ? *)", "cron(0 0 ? * FRI-MON *)",
		"cron(0 0 28-3 * ? *)", "cron(0 0 1 NOV-FEB ? *)", "cron(0 20-2/3 * * ? *)", "cron(1/10 * * * ? *)",
		"cron(*/7 * * * ? *)", "cron(0 0 */2 * ? *)", "cron(0 0 1 JAN/3 ? *)", "cron(0 0 1 1-12/4 ? *)",
		"cron(0 0 1 * ? 1970)", "cron(0 0 1 * ? 2199)", "cron(0 0 1 * ? 1970-2199)", "cron(0 0 1 * ? 2020/4)",
		"cron(0 0 1 * ? */10)", "cron(0 0 1 * ? 2020,2024,2028)", "cron(00 08 01 * ? *)", "cron(0 0 ? * 1,3,5,7 *)",
		"cron(0 0 ? * SUN,SAT *)", "cron(0 0 1,15 * ? *)", "cron(59 23 31 12 ? 2199)",
		"cron(0 0 29 2 ? *)", "cron(0 0 30 2 ? *)", "cron(0 0 1/31 * ? *)",
		"cron(0/59 * * * ? *)",
		// letters in any case ([derived]: the console takes "Wed-Fri")
		"cron(0 0 ? jan mon-fri *)", "cron(0 0 ? * sat#3 *)", "cron(0 0 lw * ? *)", "cron(0 0 ? * 6l *)",
		"cron(0 0 l * ? *)", "cron(0 0 15w * ? *)", "cron(0 0 ? * Fri *)",
	} {
		mustParse(t, expr)
	}
}

func TestCronInvalid(t *testing.T) {
	for _, expr := range []string{
		// structure
		"cron()", "cron(* * * * ?)", "cron(* * * * ? * *)", "cron(0 12 * * ? *", "cron 0 12 * * ? *)",
		" cron(0 12 * * ? *)", "cron(0 12 * * ? *) ", "CRON(0 12 * * ? *)", "Cron(0 12 * * ? *)",
		"cron(0 12 * * ? *)x", "at(2026-01-01T00:00:00)", "cron(0,12 * * ? *)",
		// the ?-rule: exactly one of day-of-month and day-of-week is ?
		"cron(0 1 ? * ? *)", "cron(0 1 1 * MON *)", "cron(0 1 * * MON *)", "cron(0 1 1 * * *)", "cron(0 1 L * MON *)",
		// ? only in day fields, and alone
		"cron(? 1 * * ? *)", "cron(0 ? * * ? *)", "cron(0 1 * ? ? *)", "cron(0 1 * * ? ?)", "cron(0 1 ?,1 * ? *)",
		"cron(0 1 * * ?,1 *)", "cron(0 1 ?/2 * ? *)",
		// ranges of values
		"cron(60 * * * ? *)", "cron(0 24 * * ? *)", "cron(0 0 0 * ? *)", "cron(0 0 32 * ? *)", "cron(0 0 1 0 ? *)",
		"cron(0 0 1 13 ? *)", "cron(0 0 ? * 0 *)", "cron(0 0 ? * 8 *)", "cron(0 0 1 * ? 1969)", "cron(0 0 1 * ? 2200)",
		"cron(-1 * * * ? *)", "cron(0 0 1 * ? 99999)",
		// names
		"cron(0 0 1 JANUARY ? *)", "cron(0 0 ? * MONDAY *)", "cron(0 0 1 MON ? *)", "cron(0 0 ? * JAN *)",
		"cron(JAN 0 1 * ? *)", "cron(0 0 1 1-MAR ? *)", "cron(0 0 ? * MON-6 *)", "cron(0 0 1 * ? 2020-2019)",
		// lists, ranges, steps
		"cron(1,,2 * * * ? *)", "cron(1, * * * ? *)", "cron(,1 * * * ? *)", "cron(1-2-3 * * * ? *)", "cron(1- * * * ? *)",
		"cron(-5 * * * ? *)", "cron(0/0 * * * ? *)", "cron(0/61 * * * ? *)", "cron(0/ * * * ? *)", "cron(/5 * * * ? *)",
		"cron(0/5/2 * * * ? *)", "cron(*,5 * * * ? *)", "cron(5,* * * * ? *)", "cron(** * * * ? *)",
		"cron(0 0/25 * * ? *)", "cron(0 0 1/32 * ? *)", "cron(0 0 1 1/13 ? *)", "cron(0 0 1 * ? 2000/231)",
		"cron(0 0 ? * 1/2 *)", "cron(0 0 ? * */2 *)", "cron(0 0 ? * MON/2 *)", // no / in day-of-week
		// L, W, # where they do not belong or not alone
		"cron(L * * * ? *)", "cron(0 L * * ? *)", "cron(0 0 1 L ? *)", "cron(0 0 1 * ? L)", "cron(0 0 W * ? *)",
		"cron(0 0 1,L * ? *)", "cron(0 0 L,1 * ? *)", "cron(0 0 LW,1 * ? *)", "cron(0 0 1W,15 * ? *)", "cron(0 0 1-5W * ? *)",
		"cron(0 0 0W * ? *)", "cron(0 0 32W * ? *)", "cron(0 0 WL * ? *)", "cron(0 0 L/2 * ? *)", "cron(0 0 1W/2 * ? *)",
		"cron(0 0 ? * W *)", "cron(0 0 ? * 1W *)", "cron(0 0 1# * ? *)", "cron(0 0 ? * 2#0 *)", "cron(0 0 ? * 2#6 *)",
		"cron(0 0 ? * 8#1 *)", "cron(0 0 ? * #1 *)", "cron(0 0 ? * 2# *)", "cron(0 0 ? * 2#1#1 *)", "cron(0 0 ? * 2#1,3 *)",
		"cron(0 0 ? * 1,2#1 *)", "cron(0 0 ? * 0L *)", "cron(0 0 ? * 8L *)", "cron(0 0 ? * LL *)", "cron(0 0 ? * 1-2L *)",
		"cron(0 0 ? * L,2 *)", "cron(0 0 ? * 2,L *)", "cron(0 0 ? * 6L,1 *)", "cron(0 0 L# * ? *)", "cron(0 0 ? * L#1 *)",
		"cron(0 0 ? * 2L#1 *)", "cron(0 0 ? * FRIDAYL *)", "cron(0 0 ? * 2#1L *)",
	} {
		_, err := Parse(expr)
		wantInvalid(t, expr, err)
	}
}

func TestCronNotSimulated(t *testing.T) {
	for _, expr := range []string{
		"cron(0  12 * * ? *)", "cron(0\t12 * * ? *)", "cron( 0 12 * * ? *)", "cron(0 12 * * ? * )",
		"cron(0 0 L-3 * ? *)", "cron(0 0 L-0 * ? *)",
	} {
		_, err := Parse(expr)
		wantNotSimulated(t, expr, err)
	}
	// A broken expression is invalid whatever its spacing.
	_, err := Parse("cron(0  99 * * ? *)")
	wantInvalid(t, "cron(0  99 * * ? *)", err)
}

// The compiled masks of a few expressions.
func TestCronMasks(t *testing.T) {
	s := mustParse(t, "cron(0/15 20-2/3 ? NOV-FEB FRI-MON 2020/100)").cron
	if s.minutes != 1|1<<15|1<<30|1<<45 {
		t.Errorf("minutes %b", s.minutes)
	}
	if s.hours != 1<<20|1<<23|1<<2 {
		t.Errorf("hours %b", s.hours)
	}
	if s.months != 1<<11|1<<12|1<<1|1<<2 {
		t.Errorf("months %b", s.months)
	}
	if s.dowMode != dowList || s.weekdays != 1<<5|1<<6|1<<0|1<<1 {
		t.Errorf("weekdays %d %b", s.dowMode, s.weekdays)
	}
	if s.domMode != domAny {
		t.Errorf("domMode %d", s.domMode)
	}
	want := [4]uint64{}
	for _, y := range []int{2020, 2120} {
		want[(y-minYear)>>6] |= 1 << ((y - minYear) & 63)
	}
	if s.years != want {
		t.Errorf("years %x", s.years)
	}
	d := mustParse(t, "cron(* 0 28-2 * ? *)").cron
	if d.days != 1<<28|1<<29|1<<30|1<<31|1<<1|1<<2 || d.minutes != 1<<60-1 {
		t.Errorf("days %b minutes %b", d.days, d.minutes)
	}
	// a/1 runs from a to the end of the field (the failfile in testdata/rapid/TestNextWholeYear).
	if o := mustParse(t, "cron(5/1 * * 01/1 ? *)").cron; o.minutes != 1<<60-1<<5 || o.months != 0x1ffe {
		t.Errorf("a/1: minutes %b months %b", o.minutes, o.months)
	}
	w := mustParse(t, "cron(0 0 ? * L *)").cron // L alone: Saturday
	if w.dowMode != dowList || w.weekdays != 1<<6 {
		t.Errorf("L: %d %b", w.dowMode, w.weekdays)
	}
	n := mustParse(t, "cron(0 0 ? * 3#2 *)").cron
	if n.dowMode != dowNth || n.dowDay != 2 || n.dowNth != 2 {
		t.Errorf("3#2: %+v", n)
	}
}
