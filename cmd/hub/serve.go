package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os/signal"
	"syscall"

	"github.com/playhall/playhall/hub/play"
	"github.com/playhall/playhall/hub/server"
	"github.com/playhall/playhall/version"
)

// cmdServe runs the hub until SIGINT or SIGTERM, then shuts down
// gracefully (requests in flight finish, the database closes cleanly).
func cmdServe(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	data := fs.String("data", "", "data folder (holds hub.db and hub.sock)")
	cert := fs.String("tls-cert", "", "TLS certificate file (PEM)")
	key := fs.String("tls-key", "", "TLS key file (PEM)")
	k := fs.Int("k", 10, "small-cell threshold K (at least 5)")
	web := fs.String("web", "", "folder with the web edition, served at /play/ (default: dist/web next to the binary, DIR/web or ./dist/web)")
	kioskRate := fs.Float64("kiosk-rate", 50, "ingest requests per second per kiosk")
	webRate := fs.Float64("web-rate", 60, "web plays per minute per client address")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("--data DIR is required: %w", errUsage)
	}
	if (*cert == "") != (*key == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	if *web == "" {
		*web = play.DefaultDir(*data)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	log.Info(version.String("hub"), "web", *web)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	err := server.Run(ctx, *data, server.Config{Addr: *addr, TLSCert: *cert, TLSKey: *key, K: *k, WebDir: *web,
		KioskRate: *kioskRate, WebPerMinute: *webRate, Logger: log}, nil)
	if err == nil {
		log.Info("hub stopped cleanly")
	}
	return err
}
