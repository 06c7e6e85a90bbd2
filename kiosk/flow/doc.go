// Package flow is the kiosk's visitor flow without a screen: the state
// machine attract → language → band → pre-play questions → how-to → round →
// results → quiz → pledge → attract, the idle and "Still there?" logic, the
// closed screen, the stuck-touch filter, the wake-tap swallow, the staff
// gesture and PIN pad lock, button layouts for both canvases, the autopilot
// that plays the whole flow, and input recording for replays.
//
// Time is ticks (game.TPS per second). Machine.Tick is the only way time
// passes, so tests drive hours of kiosk life in microseconds with no sleeps,
// and --autoplay runs are reproducible. Wall-clock time enters only through
// Env.Now (opening hours, quiet hours, the play's start minute).
//
// The package never imports Ebitengine; package kiosk draws what Machine
// holds and feeds it pointer events in logical canvas units.
package flow
