package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/playhall/playhall/hub/store"
)

// multi collects a repeated flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func cmdSchoolAdd(args []string, _ io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("school add", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	name := fs.String("name", "", "school name")
	district := fs.String("district", "", "district name")
	var enrol multi
	fs.Var(&enrol, "enrolment", "GRADE=N (repeatable)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("give exactly one school CODE: %w", errUsage)
	}
	sc := store.School{Code: pos[0], Name: *name, District: *district}
	for _, e := range enrol {
		g, n, ok := strings.Cut(e, "=")
		v, err := strconv.Atoi(n)
		if !ok || err != nil {
			return fmt.Errorf("--enrolment %q: want GRADE=N, e.g. --enrolment 7=320", e)
		}
		if sc.Enrolment == nil {
			sc.Enrolment = map[string]int{}
		}
		sc.Enrolment[g] = v
	}
	b, err := open(*data)
	if err != nil {
		return err
	}
	defer b.Close()
	if err := b.AddSchool(sc); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "school %s (%s, %s) saved, %d students enrolled\n", sc.Code, sc.Name, sc.District, sc.Students())
	return nil
}

func cmdSchoolImport(args []string, _ io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("school import", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("give one CSV file: %w", errUsage)
	}
	raw, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	list, err := store.ParseSchoolsCSV(bytes.NewReader(raw), pos[0])
	if err != nil {
		return err
	}
	b, err := open(*data)
	if err != nil {
		return err
	}
	defer b.Close()
	if err := b.ImportSchools(list, raw, filepath.Base(pos[0])); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d schools from %s\n", len(list), pos[0])
	return nil
}

func cmdSchoolList(args []string, _ io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("school list", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	b, err := open(*data)
	if err != nil {
		return err
	}
	defer b.Close()
	list, err := b.Schools()
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(list)
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tDISTRICT\tENROLMENT")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", s.Code, s.Name, s.District, s.Students())
	}
	return tw.Flush()
}

func cmdKioskAdd(args []string, _ io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("kiosk add", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	school := fs.String("school", "", "school code (registered with hub school add)")
	name := fs.String("name", "", "kiosk name")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *school == "" || *name == "" {
		return fmt.Errorf("--school CODE and --name NAME are required: %w", errUsage)
	}
	b, err := open(*data)
	if err != nil {
		return err
	}
	defer b.Close()
	k, code, err := b.AddKiosk(*school, *name)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "kiosk %s (%s) added at school %s\n", k.ID, k.Name, k.School)
	fmt.Fprintf(stdout, "enrol it once with: kioskctl enroll --data DIR --hub URL --code %s\n", code)
	fmt.Fprintln(stdout, code)
	return nil
}

func cmdKioskList(args []string, _ io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("kiosk list", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	b, err := open(*data)
	if err != nil {
		return err
	}
	defer b.Close()
	list, err := b.Kiosks()
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(list)
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSCHOOL\tNAME\tSTATE\tLAST SEEN\tVERSION\tBACKLOG")
	for _, k := range list {
		state := "awaiting enrolment"
		switch {
		case k.Revoked:
			state = "revoked"
		case k.Enrolled:
			state = "enrolled"
		}
		seen := "never"
		if !k.LastSeen.IsZero() {
			seen = k.LastSeen.Format("2006-01-02 15:04Z")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", k.ID, k.School, k.Name, state, seen, k.Health.AppVersion, k.Health.Backlog)
	}
	return tw.Flush()
}

func cmdKioskRevoke(args []string, _ io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("kiosk revoke", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("give one kiosk ID: %w", errUsage)
	}
	b, err := open(*data)
	if err != nil {
		return err
	}
	defer b.Close()
	k, err := b.RevokeKiosk(pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "kiosk %s (%s) revoked: its token no longer works\n", k.ID, k.Name)
	return nil
}

// readPassword asks twice on a terminal; otherwise it reads the first line
// of stdin.
func readPassword(stdin io.Reader) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(os.Stderr, "Password: ")
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(os.Stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(os.Stderr, "Again: ")
		p2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(os.Stderr)
		if err != nil {
			return "", err
		}
		if string(p1) != string(p2) {
			return "", errors.New("the passwords differ")
		}
		return string(p1), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}

func cmdUserAdd(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	role := fs.String("role", "", "office or admin")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *role == "" {
		return fmt.Errorf("give one user NAME and --role office|admin: %w", errUsage)
	}
	if *role != store.RoleOffice && *role != store.RoleAdmin {
		return fmt.Errorf("--role %q: must be office or admin", *role)
	}
	pw, err := readPassword(stdin)
	if err != nil {
		return err
	}
	hash, err := store.HashPassword(pw)
	if err != nil {
		return err
	}
	b, err := open(*data)
	if err != nil {
		return err
	}
	defer b.Close()
	if err := b.AddUser(pos[0], *role, hash); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "user %s saved with role %s\n", pos[0], *role)
	return nil
}

func cmdUserList(args []string, _ io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("user list", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	b, err := open(*data)
	if err != nil {
		return err
	}
	defer b.Close()
	list, err := b.Users()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLE\tCREATED")
	for _, u := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", u.Name, u.Role, u.Created.Format("2006-01-02"))
	}
	return tw.Flush()
}

// cmdUserDelete: hub user delete --data DIR NAME. The user's bearer tokens
// (and, on a running hub, sessions) stop working; the last admin is refused.
func cmdUserDelete(args []string, _ io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("user delete", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("give one user NAME: %w", errUsage)
	}
	b, err := open(*data)
	if err != nil {
		return err
	}
	defer b.Close()
	if err := b.DeleteUser(pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "user %s deleted (via %s)\n", pos[0], b.Via())
	return nil
}

func cmdTokenAdd(args []string, _ io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("token add", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	user := fs.String("user", "", "user name")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *user == "" {
		return fmt.Errorf("--user NAME is required: %w", errUsage)
	}
	b, err := open(*data)
	if err != nil {
		return err
	}
	defer b.Close()
	tok, err := b.AddToken(*user)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "bearer token for %s (shown once; send as Authorization: Bearer TOKEN):\n%s\n", *user, tok)
	return nil
}

func cmdBackup(args []string, _ io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("give one backup FILE: %w", errUsage)
	}
	path, err := filepath.Abs(pos[0])
	if err != nil {
		return err
	}
	b, err := open(*data)
	if err != nil {
		return err
	}
	defer b.Close()
	if err := b.Backup(path); err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s (%d bytes, via %s)\n", path, st.Size(), b.Via())
	return nil
}
