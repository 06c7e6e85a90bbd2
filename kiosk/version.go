package kiosk

import "github.com/playhall/playhall/version"

func versionLine() string { return version.String("kiosk") }
