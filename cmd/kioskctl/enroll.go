package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	ksync "github.com/playhall/playhall/kiosk/sync"
)

func init() {
	register("enroll", "enrol this kiosk with a hub (--data DIR --hub URL --code CODE [--ca FILE])", runEnroll)
}

func runEnroll(args []string, stdout, stderr io.Writer) int {
	fs := logFlags("enroll", stderr)
	data := fs.String("data", "", "the kiosk's data folder")
	hub := fs.String("hub", "", "the hub's URL, e.g. https://hub.edu.example:8443")
	code := fs.String("code", "", "the one-time code printed by `hub kiosk add`")
	ca := fs.String("ca", "", "PEM file of the CA that signed the hub's certificate (intranet hubs)")
	if c := logParse(fs, args, data, stderr); c >= 0 {
		return c
	}
	if *hub == "" || *code == "" {
		fmt.Fprintln(stderr, "kioskctl enroll: --hub URL and --code CODE are required")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	e, err := ksync.Enroll(ctx, *data, *hub, *code, *ca)
	if err != nil {
		fmt.Fprintln(stderr, "kioskctl enroll:", err)
		return 1
	}
	fmt.Fprintf(stdout, "enrolled: kiosk %s (%s) of school %s at %s; identity in %s/%s\n",
		e.KioskID, e.KioskName, e.SchoolCode, e.HubURL, *data, ksync.EnrollmentFile)
	return 0
}
