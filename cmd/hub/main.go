// Command hub is the education office's server (一中心): it takes plays from
// kiosks and the web edition, keeps them in a bbolt database, and serves the
// dashboard, reports and exports. Administration commands work whether or
// not `hub serve` is running on the same data folder.
//
//	hub serve   --addr 127.0.0.1:8080 --data DIR [--tls-cert F --tls-key F] [--k 10] [--web DIR]
//	hub school  add --data DIR CODE --name NAME --district NAME [--enrolment GRADE=N ...]
//	hub school  import --data DIR FILE.csv
//	hub school  list --data DIR
//	hub kiosk   add --data DIR --school CODE --name NAME
//	hub kiosk   list --data DIR [--json]
//	hub kiosk   revoke --data DIR ID
//	hub user    add --data DIR NAME --role office|admin
//	hub user    list --data DIR
//	hub token   add --data DIR --user NAME
//	hub backup  --data DIR FILE
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/playhall/playhall/version"
)

const usage = `usage: hub COMMAND [flags]

  serve   --addr 127.0.0.1:8080 --data DIR [--tls-cert F --tls-key F] [--k 10] [--web DIR]
  school  add --data DIR CODE --name NAME --district NAME [--enrolment GRADE=N ...]
  school  import --data DIR FILE.csv
  school  list --data DIR
  kiosk   add --data DIR --school CODE --name NAME     (last line: one-time enrolment code)
  kiosk   list --data DIR [--json]
  kiosk   revoke --data DIR ID
  user    add --data DIR NAME --role office|admin      (password from the terminal, or stdin)
  user    list --data DIR
  user    delete --data DIR NAME                       (not the last admin; its tokens end)
  token   add --data DIR --user NAME                   (last line: bearer token)
  backup  --data DIR FILE
  --version

Administration commands work while "hub serve" runs on the same DIR: they
then ask the running hub through DIR/hub.sock.
`

// errUsage makes main print the usage and exit 2.
var errUsage = errors.New("usage")

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "--version", "-version", "version":
		fmt.Fprintln(stdout, version.String("hub"))
		return 0
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "serve":
		err = cmdServe(args[1:], stderr)
	case "school":
		err = sub(args[1:], map[string]cmdFunc{"add": cmdSchoolAdd, "import": cmdSchoolImport, "list": cmdSchoolList}, stdin, stdout)
	case "kiosk":
		err = sub(args[1:], map[string]cmdFunc{"add": cmdKioskAdd, "list": cmdKioskList, "revoke": cmdKioskRevoke}, stdin, stdout)
	case "user":
		err = sub(args[1:], map[string]cmdFunc{"add": cmdUserAdd, "list": cmdUserList, "delete": cmdUserDelete}, stdin, stdout)
	case "token":
		err = sub(args[1:], map[string]cmdFunc{"add": cmdTokenAdd}, stdin, stdout)
	case "backup":
		err = cmdBackup(args[1:], stdin, stdout)
	default:
		fmt.Fprintf(stderr, "hub: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stderr, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "hub %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

type cmdFunc func(args []string, stdin io.Reader, stdout io.Writer) error

func sub(args []string, cmds map[string]cmdFunc, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	f, ok := cmds[args[0]]
	if !ok {
		return fmt.Errorf("unknown subcommand %q: %w", args[0], errUsage)
	}
	return f(args[1:], stdin, stdout)
}

// parseFlags parses flags that may come before or after positional
// arguments (Go's flag package stops at the first positional one).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%v: %w", err, errUsage)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
