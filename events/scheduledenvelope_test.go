package events

import (
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"pgregory.net/rapid"
)

// The template renders what appendJSON renders for the same scheduled event.
func TestScheduledTemplateMatchesAppendJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		account := rapid.StringMatching(`[0-9]{12}`).Draw(t, "account")
		region := rapid.SampledFrom([]string{"us-east-1", "eu-west-3", "ap-southeast-2"}).Draw(t, "region")
		arn := "arn:aws:events:" + region + ":" + account + ":rule/" + rapid.StringMatching(`[A-Za-z0-9._-]{1,64}`).Draw(t, "name")
		uid := [2]uint64{rapid.Uint64().Draw(t, "x"), rapid.Uint64().Draw(t, "y")}
		at := time.Unix(rapid.Int64Range(0, 7258118400).Draw(t, "sec"), 0).UTC() // 1970..2200
		tmpl := newScheduledTemplate(account, region, []string{arn})
		var days dayFormat
		got := tmpl.append(nil, &days, uid, at)
		ev := event{id: string(appendUUID(nil, uid)), detailType: "Scheduled Event", source: "aws.events", account: account,
			region: region, time: at, resources: []string{arn}, detail: "{}"}
		if want := ev.appendJSON(nil); string(got) != string(want) {
			t.Fatalf("template\n%s\nappendJSON\n%s", got, want)
		}
		if len(got) != tmpl.size() {
			t.Fatalf("size %d, rendered %d bytes", tmpl.size(), len(got))
		}
	})
}

// appendUUID gives the ids bus.Bus.UUID gives for the same draws, and the scheduled path draws
// them in the same order.
func TestDrawUUIDIsBusUUID(t *testing.T) {
	a, b := bus.MustNew(bus.WithSeed(11)), bus.MustNew(bus.WithSeed(11))
	defer a.Close()
	defer b.Close()
	s := &Service{b: a}
	for range 1000 {
		got, want := string(appendUUID(nil, s.drawUUID())), b.UUID()
		if got != want {
			t.Fatalf("appendUUID = %s, bus.UUID = %s", got, want)
		}
	}
}

// appendEnvelopeTime is time.Time.AppendFormat with the envelope layout, in UTC, for any time.
func TestAppendEnvelopeTime(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("x", -7*3600-1800), time.FixedZone("y", 13*3600)}
	rapid.Check(t, func(t *rapid.T) {
		at := time.Unix(rapid.Int64Range(-70000000000, 300000000000).Draw(t, "sec"), rapid.Int64Range(0, 999999999).Draw(t, "ns")).
			In(rapid.SampledFrom(zones).Draw(t, "zone"))
		got := string(appendEnvelopeTime([]byte("x"), at))
		want := "x" + at.UTC().Format(envelopeTimeLayout)
		if got != want {
			t.Fatalf("%v: %s, want %s", at, got, want)
		}
		// The same through a day cache primed with another time of the day, or another day.
		var days dayFormat
		days.append(nil, at.Add(time.Duration(rapid.Int64Range(-48, 48).Draw(t, "hours"))*time.Hour))
		if got := string(days.append([]byte("x"), at)); got != want {
			t.Fatalf("%v through the day cache: %s, want %s", at, got, want)
		}
	})
}
