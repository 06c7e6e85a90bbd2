package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/playhall/playhall/kiosk/config"
)

func init() {
	register("pin", "set the staff menu PIN in kiosk.toml (pin set [--config FILE] [--pin-stdin])", runPIN)
}

// runPIN implements `kioskctl pin set`: it asks for a new 4–8 digit PIN
// twice (or reads one line from stdin with --pin-stdin, for scripts) and
// writes its bcrypt hash to staff.pin_hash in kiosk.toml, keeping every
// other line. The running kiosk reads it at its next start.
func runPIN(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "set" {
		fmt.Fprintln(stderr, "usage: kioskctl pin set [--config kiosk.toml] [--pin-stdin]")
		return 2
	}
	fs := flag.NewFlagSet("pin set", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "kiosk.toml", "the kiosk.toml to write")
	fromStdin := fs.Bool("pin-stdin", false, "read the PIN from the first line of stdin instead of asking")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	var pin string
	if *fromStdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			fmt.Fprintln(stderr, "kioskctl pin set: no PIN on stdin")
			return 1
		}
		pin = strings.TrimSpace(line)
	} else {
		fd := int(os.Stdin.Fd())
		if !term.IsTerminal(fd) {
			fmt.Fprintln(stderr, "kioskctl pin set: stdin is not a terminal; use --pin-stdin")
			return 2
		}
		ask := func(prompt string) (string, error) {
			fmt.Fprint(stderr, prompt)
			b, err := term.ReadPassword(fd)
			fmt.Fprintln(stderr)
			return strings.TrimSpace(string(b)), err
		}
		p1, err := ask("new staff PIN (4–8 digits): ")
		if err != nil {
			fmt.Fprintf(stderr, "kioskctl pin set: %v\n", err)
			return 1
		}
		p2, err := ask("again: ")
		if err != nil {
			fmt.Fprintf(stderr, "kioskctl pin set: %v\n", err)
			return 1
		}
		if p1 != p2 {
			fmt.Fprintln(stderr, "kioskctl pin set: the two PINs differ; nothing written")
			return 1
		}
		pin = p1
	}
	hash, err := config.HashPIN(pin)
	if err != nil {
		fmt.Fprintf(stderr, "kioskctl pin set: %v; nothing written\n", err)
		return 1
	}
	if err := config.WritePINHash(*path, hash); err != nil {
		fmt.Fprintf(stderr, "kioskctl pin set: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "staff PIN set in %s (restart the kiosk to use it)\n", *path)
	return 0
}
