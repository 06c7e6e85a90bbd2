package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/playhall/playhall/hub/store"
	"github.com/playhall/playhall/internal/testbin"
)

func hubBin(t *testing.T) string {
	t.Helper()
	p, err := testbin.Path("hub")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// cli runs the real binary and returns stdout, stderr and the exit code.
func cli(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(hubBin(t), args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func mustCLI(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	out, errs, code := cli(t, stdin, args...)
	if code != 0 {
		t.Fatalf("hub %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

var codeRE = regexp.MustCompile(`^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$`)

// adminRound runs every administration command against dir and checks
// the results; it works the same whether or not a hub is serving dir.
func adminRound(t *testing.T, dir, suffix string) (code, token string) {
	t.Helper()
	mustCLI(t, "", "school", "add", "--data", dir, "SCH"+suffix, "--name", "实验中学", "--district", "东区", "--enrolment", "7=300", "--enrolment", "8=280")
	csvPath := filepath.Join(t.TempDir(), "schools.csv")
	os.WriteFile(csvPath, []byte("\uFEFFcode,name,district,7,8\nIMP"+suffix+"a,一中,西区,100,120\nIMP"+suffix+"b,二中,西区,,90\n"), 0o600)
	if out := mustCLI(t, "", "school", "import", "--data", dir, csvPath); !strings.Contains(out, "imported 2 schools") {
		t.Errorf("import: %s", out)
	}
	out, errs, exit := cli(t, "", "kiosk", "add", "--data", dir, "--school", "NOWHERE", "--name", "x")
	if exit != 1 || !strings.Contains(errs, "hub school add --data DIR NOWHERE") {
		t.Errorf("unknown school: exit %d %s %s", exit, out, errs)
	}
	out = mustCLI(t, "", "kiosk", "add", "--data", dir, "--school", "SCH"+suffix, "--name", "一号机")
	code = lastLine(out)
	if !codeRE.MatchString(code) {
		t.Fatalf("kiosk add last line %q is not a code", code)
	}
	mustCLI(t, "secret-password\n", "user", "add", "--data", dir, "li"+suffix, "--role", "office")
	if _, errs, exit := cli(t, "short\n", "user", "add", "--data", dir, "x", "--role", "office"); exit != 1 || !strings.Contains(errs, "8–72") {
		t.Errorf("short password: %d %s", exit, errs)
	}
	if _, _, exit := cli(t, "", "user", "add", "--data", dir, "x", "--role", "boss"); exit != 1 {
		t.Errorf("bad role accepted")
	}
	token = lastLine(mustCLI(t, "", "token", "add", "--data", dir, "--user", "li"+suffix))
	if len(token) != 64 {
		t.Fatalf("token %q", token)
	}
	if out := mustCLI(t, "", "kiosk", "list", "--data", dir); !strings.Contains(out, "一号机") || !strings.Contains(out, "awaiting enrolment") {
		t.Errorf("kiosk list: %s", out)
	}
	mustCLI(t, "gone-password\n", "user", "add", "--data", dir, "gone"+suffix, "--role", "office")
	if out := mustCLI(t, "", "user", "delete", "--data", dir, "gone"+suffix); !strings.Contains(out, "deleted") {
		t.Errorf("user delete: %s", out)
	}
	if _, errs, exit := cli(t, "", "user", "delete", "--data", dir, "gone"+suffix); exit != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("deleting again: exit %d %s", exit, errs)
	}
	if out := mustCLI(t, "", "user", "list", "--data", dir); !strings.Contains(out, "li"+suffix) || strings.Contains(out, "gone"+suffix) {
		t.Errorf("user list: %s", out)
	}
	return code, token
}

func TestCLIWithoutServer(t *testing.T) {
	dir := t.TempDir()
	adminRound(t, dir, "1")
	backup := filepath.Join(t.TempDir(), "b.db")
	if out := mustCLI(t, "", "backup", "--data", dir, backup); !strings.Contains(out, "via database") {
		t.Errorf("backup: %s", out)
	}
	restored := t.TempDir()
	data, _ := os.ReadFile(backup)
	os.WriteFile(filepath.Join(restored, store.DBFile), data, 0o600)
	var kl []store.Kiosk
	json.Unmarshal([]byte(mustCLI(t, "", "kiosk", "list", "--data", restored, "--json")), &kl)
	if len(kl) != 1 || kl[0].Name != "一号机" {
		t.Errorf("restored kiosks %v", kl)
	}
	mustCLI(t, "", "kiosk", "revoke", "--data", dir, kl[0].ID)
	if out := mustCLI(t, "", "kiosk", "list", "--data", dir); !strings.Contains(out, "revoked") {
		t.Errorf("after revoke: %s", out)
	}
	if _, _, exit := cli(t, "", "kiosk"); exit != 2 {
		t.Errorf("usage exit %d", exit)
	}
	if out := mustCLI(t, "", "--version"); !strings.HasPrefix(out, "hub ") {
		t.Errorf("version %q", out)
	}
}

// serving is a real `hub serve` process.
type serving struct {
	cmd     *exec.Cmd
	url     string
	logs    *bytes.Buffer // read only after scanned is closed
	done    chan error
	scanned chan struct{}
}

func serve(t *testing.T, dir string) *serving {
	t.Helper()
	cmd := exec.Command(hubBin(t), "serve", "--addr", "127.0.0.1:0", "--data", dir)
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	s := &serving{cmd: cmd, logs: &bytes.Buffer{}, done: make(chan error, 1), scanned: make(chan struct{})}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urlc := make(chan string, 1)
	go func() {
		defer close(s.scanned)
		sc := bufio.NewScanner(pr)
		re := regexp.MustCompile(`url=(http://[0-9.:]+)`)
		for sc.Scan() {
			line := sc.Text()
			s.logs.WriteString(line + "\n")
			if m := re.FindStringSubmatch(line); m != nil {
				urlc <- m[1]
			}
		}
	}()
	go func() { s.done <- cmd.Wait(); pw.Close() }()
	select {
	case s.url = <-urlc:
	case err := <-s.done:
		<-s.scanned
		t.Fatalf("hub serve exited: %v\n%s", err, s.logs)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-s.done
		}
	})
	return s
}

func TestCLIWhileServing(t *testing.T) {
	dir := t.TempDir()
	mustCLI(t, "", "school", "add", "--data", dir, "BOOT", "--name", "启动校", "--district", "东区")
	srv := serve(t, dir)
	if st, err := os.Stat(filepath.Join(dir, "hub.sock")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("socket: %v %v", st, err)
	}
	code, token := adminRound(t, dir, "2")
	// The code and token issued through the running hub work on it.
	resp, err := http.Post(srv.url+"/api/v1/enroll", "application/json", strings.NewReader(`{"code":"`+code+`"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("enroll: %v %v", resp, err)
	}
	resp.Body.Close()
	req, _ := http.NewRequest("GET", srv.url+"/api/v1/summary", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("summary with CLI token: %v %v", resp, err)
	}
	resp.Body.Close()
	backup := filepath.Join(t.TempDir(), "live.db")
	if out := mustCLI(t, "", "backup", "--data", dir, backup); !strings.Contains(out, "via running hub") {
		t.Errorf("backup while serving: %s", out)
	}
	restored := t.TempDir()
	data, _ := os.ReadFile(backup)
	os.WriteFile(filepath.Join(restored, store.DBFile), data, 0o600)
	st, err := store.Open(restored, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	ks := st.Kiosks()
	st.Close()
	if len(ks) != 1 || !ks[0].Enrolled {
		t.Errorf("backup kiosks %+v", ks)
	}
	out := mustCLI(t, "", "kiosk", "revoke", "--data", dir, ks[0].ID)
	if !strings.Contains(out, "revoked") {
		t.Errorf("revoke: %s", out)
	}
	// Graceful stop on SIGTERM: exit 0, socket gone, database reopens.
	srv.cmd.Process.Signal(syscall.SIGTERM)
	err = <-srv.done
	<-srv.scanned
	if err != nil {
		t.Fatalf("hub serve after SIGTERM: %v\n%s", err, srv.logs)
	}
	if !strings.Contains(srv.logs.String(), "hub stopped cleanly") {
		t.Errorf("logs: %s", srv.logs)
	}
	if _, err := os.Stat(filepath.Join(dir, "hub.sock")); !os.IsNotExist(err) {
		t.Errorf("socket left behind: %v", err)
	}
	if out := mustCLI(t, "", "kiosk", "list", "--data", dir); !strings.Contains(out, "revoked") {
		t.Errorf("after stop: %s", out)
	}
}
