package game

import "github.com/playhall/playhall/levels"

// Settings are a level's difficulty knobs after the age band's factor,
// in the units the rules use (ticks, canvas px).
type Settings struct {
	Health        int     // hits the player can take (shooter)
	TouchRadius   float64 // extra hit tolerance around every shape, canvas px
	SpeedScale    float64 // multiplies every wave's speed
	BossHits      int     // taps to capture the boss
	CueTicks      int     // how long the sort game shows a cue
	HarmCardTicks int     // how long the kiosk shows a harm card
}

// BandFactor is how an age band bends a level's difficulty: younger visitors
// get slower items, larger touch tolerance and more health.
type BandFactor struct {
	Speed  float64 // multiplies SpeedScale
	Touch  float64 // multiplies TouchRadius
	Health int     // added to Health
	Boss   float64 // multiplies BossHits (rounded, at least 1)
}

// BandFactors holds the factor of every band. An unknown band gets the
// senior factor (neutral).
var BandFactors = map[levels.Band]BandFactor{
	levels.BandPrimary: {Speed: 0.8, Touch: 1.3, Health: 1, Boss: 0.8},
	levels.BandJunior:  {Speed: 0.9, Touch: 1.15, Health: 0, Boss: 0.9},
	levels.BandSenior:  {Speed: 1.0, Touch: 1.0, Health: 0, Boss: 1.0},
	levels.BandAdult:   {Speed: 1.1, Touch: 1.0, Health: 0, Boss: 1.1},
}

// Tune applies band's factor to d and fills safe values where d leaves a
// knob at zero (so a hand-built test level still plays).
func Tune(d levels.Difficulty, band levels.Band) Settings {
	f, ok := BandFactors[band]
	if !ok {
		f = BandFactors[levels.BandSenior]
	}
	s := Settings{
		Health:        d.Health,
		TouchRadius:   d.TouchRadius,
		SpeedScale:    d.SpeedScale,
		BossHits:      d.BossHits,
		CueTicks:      Seconds(d.CueSeconds),
		HarmCardTicks: Seconds(d.HarmCardSecs),
	}
	if s.Health <= 0 {
		s.Health = 5
	}
	if s.SpeedScale <= 0 {
		s.SpeedScale = 1
	}
	if s.BossHits <= 0 {
		s.BossHits = 8
	}
	if s.CueTicks <= 0 {
		s.CueTicks = Seconds(3)
	}
	if s.HarmCardTicks <= 0 {
		s.HarmCardTicks = Seconds(2)
	}
	if s.TouchRadius < 0 {
		s.TouchRadius = 0
	}
	s.Health += f.Health
	s.TouchRadius *= f.Touch
	s.SpeedScale *= f.Speed
	s.BossHits = int(float64(s.BossHits)*f.Boss + 0.5)
	if s.BossHits < 1 {
		s.BossHits = 1
	}
	return s
}
