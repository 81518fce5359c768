package events

import (
	"bytes"
	"time"
	"unsafe"

	"github.com/watchsim/watchsim/internal/uuidv4"
)

// A scheduled rule's events differ only in their id and time, so each rule keeps its envelope
// rendered once, by appendJSON, split around those two members; a firing writes the pieces, a
// freshly formatted id and a fixed-width time straight into the delivery arena. The result is byte
// for byte what appendJSON renders for the same event (a test holds them equal).

// envelopeTimeLayout is the envelope's time format ("Amazon EventBridge events",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html).
const envelopeTimeLayout = "2006-01-02T15:04:05Z"

// envelopePrefix is the start of every envelope, up to the id's first character.
const envelopePrefix = `{"version":"0","id":"`

const uuidLen = uuidv4.Len

// scheduledTemplate is a rule's scheduled event around its id and time: envelopePrefix, id, mid,
// time, tail.
type scheduledTemplate struct {
	mid, tail string
}

// newScheduledTemplate renders the scheduled event of the rule whose ARN is resources[0].
func newScheduledTemplate(account, region string, resources []string) *scheduledTemplate {
	const idMark = "00000000-0000-4000-8000-000000000000"
	at := time.Unix(0, 0).UTC()
	ev := event{id: idMark, detailType: "Scheduled Event", source: "aws.events", account: account, region: region,
		time: at, resources: resources, detail: "{}"}
	b := ev.appendJSON(nil)
	timeMark := []byte(`,"time":"` + at.Format(envelopeTimeLayout) + `"`)
	rest := b[len(envelopePrefix)+uuidLen:]
	i := bytes.Index(rest, timeMark)
	if !bytes.HasPrefix(b, []byte(envelopePrefix+idMark)) || i < 0 {
		panic("events: the envelope no longer starts with the id and holds the time after it")
	}
	mid := len(`,"time":"`) + i
	return &scheduledTemplate{mid: string(rest[:mid]), tail: string(rest[mid+len(envelopeTimeLayout):])}
}

// size is the length of the envelope.
func (t *scheduledTemplate) size() int {
	return len(envelopePrefix) + uuidLen + len(t.mid) + len(envelopeTimeLayout) + len(t.tail)
}

// append appends the envelope of the event with the UUID drawn as uid, at time at.
func (t *scheduledTemplate) append(dst []byte, days *dayFormat, uid [2]uint64, at time.Time) []byte {
	dst = append(dst, envelopePrefix...)
	dst = appendUUID(dst, uid)
	dst = append(dst, t.mid...)
	dst = days.append(dst, at)
	return append(dst, t.tail...)
}

// newScheduledSent renders the scheduled event of r (id drawn as uid, at now) into the delivery
// arena and records it in sn (a scratch's), like newSent without the copy. Its id is read from the
// arena, which is never written again where an envelope was put.
func (s *Service) newScheduledSent(r *rule, sn *sent, uid [2]uint64, now time.Time) *sent {
	if r.tmpl == nil {
		r.tmpl = newScheduledTemplate(s.b.Account(), s.b.Region(), r.self)
	}
	n := r.tmpl.size()
	if cap(s.arena)-len(s.arena) < n {
		s.arena = make([]byte, 0, max(32<<10, n))
	}
	start := len(s.arena)
	s.arena = r.tmpl.append(s.arena, &s.days, uid, now)
	body := s.arena[start : start+n : start+n]
	*sn = sent{body: body, id: unsafe.String(&body[len(envelopePrefix)], uuidLen), ingested: now, scratch: true}
	return sn
}

// drawUUID draws a version 4 UUID from the bus's seeded source: the two numbers bus.Bus.UUID draws,
// in the same order, so that appendUUID gives the id it would have given.
func (s *Service) drawUUID() [2]uint64 {
	return [2]uint64{s.b.Uint64(), s.b.Uint64()}
}

// appendUUID formats the UUID drawn as uid as bus.Bus.UUID does.
func appendUUID(dst []byte, uid [2]uint64) []byte { return uuidv4.Append(dst, uid[0], uid[1]) }

// appendEnvelopeTime appends t in UTC as 2006-01-02T15:04:05Z, as time.Time.AppendFormat with
// envelopeTimeLayout does, without parsing the layout.
func appendEnvelopeTime(dst []byte, t time.Time) []byte {
	t = t.UTC()
	y, mo, d := t.Date()
	if y < 1000 || y > 9999 {
		return t.AppendFormat(dst, envelopeTimeLayout)
	}
	h, mi, sec := t.Clock()
	var b [len(envelopeTimeLayout)]byte
	put := func(i, v int) { b[i], b[i+1] = byte('0'+v/10), byte('0'+v%10) }
	put(0, y/100)
	put(2, y%100)
	b[4] = '-'
	put(5, int(mo))
	b[7] = '-'
	put(8, d)
	b[10] = 'T'
	put(11, h)
	b[13] = ':'
	put(14, mi)
	b[16] = ':'
	put(17, sec)
	b[19] = 'Z'
	return append(dst, b[:]...)
}

// dayFormat is appendEnvelopeTime with the date of the last day it formatted kept: firings mostly
// fall on the day of the one before, and then only the clock is written.
type dayFormat struct {
	day  int64 // Unix day of date
	date [len(envelopeTimeLayout)]byte
	ok   bool
}

func (f *dayFormat) append(dst []byte, t time.Time) []byte {
	sec := t.Unix()
	day := sec / 86400
	if sec%86400 < 0 {
		day--
	}
	if !f.ok || f.day != day {
		if y := t.UTC().Year(); y < 1000 || y > 9999 {
			return appendEnvelopeTime(dst, t)
		}
		appendEnvelopeTime(f.date[:0], t)
		f.day, f.ok = day, true
	}
	b := f.date
	rem := int(sec - day*86400)
	put := func(i, v int) { b[i], b[i+1] = byte('0'+v/10), byte('0'+v%10) }
	put(11, rem/3600)
	put(14, rem/60%60)
	put(17, rem%60)
	return append(dst, b[:]...)
}
