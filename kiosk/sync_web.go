//go:build js

package kiosk

// The web edition posts each play as it ends (storage_web.go); there is no
// background sync and no staff menu.
func (a *App) startSync() {}

type noSync struct{}

// syncClient is nil in the web edition.
type syncClient = *noSync

func (a *App) syncState() string { return "web" }
