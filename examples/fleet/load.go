package main

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"time"
)

// The load model: requests per second arriving at the fleet, driven from the seed.
const (
	// instanceCapacity is the requests per second one instance serves at 100 % CPU.
	instanceCapacity = 100.0
	// bytesPerCPUMinute is the network traffic per percent of CPU and minute.
	bytesPerCPUMinute = 2_000_000.0
)

// loadModel is a diurnal load (low at night, peak mid-afternoon UTC) with hourly noise, one traffic
// spike, and rare status-check failures — all drawn from the seed, so a run is reproducible.
type loadModel struct {
	start    time.Time
	base     float64   // requests/s at the diurnal peak
	noise    []float64 // hourly factor around 1
	spikeAt  time.Time
	spikeLen time.Duration
	spikeX   float64
	seed     uint64
}

func newLoadModel(seed uint64, start time.Time, days int) *loadModel {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	l := &loadModel{start: start, base: 550 + 100*r.Float64(), noise: make([]float64, days*24), seed: seed}
	for i := range l.noise {
		l.noise[i] = 0.9 + 0.2*r.Float64()
	}
	// One spike, 2–3 hours long at 2–3× the load, some afternoon in the middle of the run.
	day := days/3 + r.IntN(max(days/3, 1))
	l.spikeAt = start.Add(time.Duration(day)*24*time.Hour + time.Duration(13+r.IntN(3))*time.Hour)
	l.spikeLen = time.Duration(120+r.IntN(60)) * time.Minute
	l.spikeX = 2 + r.Float64()
	return l
}

// at returns the load at t, in requests per second.
func (l *loadModel) at(t time.Time) float64 {
	h := t.Sub(l.start).Hours()
	hourOfDay := float64(t.Hour()) + float64(t.Minute())/60
	diurnal := 0.55 + 0.45*math.Sin(2*math.Pi*(hourOfDay-9)/24) // peak at 15:00 UTC
	v := l.base * diurnal
	if i := int(h); i >= 0 && i < len(l.noise) {
		v *= l.noise[i]
	}
	if !t.Before(l.spikeAt) && t.Before(l.spikeAt.Add(l.spikeLen)) {
		v *= l.spikeX
	}
	return v
}

// impaired reports whether the instance id fails its status checks in the hour that contains t
// (about one instance-hour in 500).
func (l *loadModel) impaired(id string, t time.Time) bool {
	h := fnv.New64a()
	_, _ = h.Write([]byte(id))
	x := h.Sum64() ^ l.seed ^ uint64(t.Unix()/3600)*0x9e3779b97f4a7c15
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return x%500 == 0
}
