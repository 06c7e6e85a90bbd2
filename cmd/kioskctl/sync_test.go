package main

import (
	"bufio"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/playhall/playhall/internal/testbin"
)

// startHub runs the real hub binary on a free loopback port with one school,
// returning its URL, its data folder and a stop function.
func startHub(t *testing.T) (url, dir string, stop func()) {
	t.Helper()
	bin, err := testbin.Path("hub")
	if err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(t.TempDir(), "hub")
	if out, err := exec.Command(bin, "school", "add", "--data", dir, "S001", "--name", "第一中学", "--district", "西山区").CombinedOutput(); err != nil {
		t.Fatalf("hub school add: %v %s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data", dir)
	pr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`msg="hub serving" url=(\S+)`)
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			url = m[1]
			break
		}
	}
	if url == "" {
		cmd.Process.Kill()
		t.Fatal("hub serve did not start")
	}
	go func() {
		for sc.Scan() {
		}
	}()
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cmd.Process.Signal(syscall.SIGTERM)
			cmd.Wait()
		}
	}
	t.Cleanup(stop)
	return url, dir, stop
}

func TestEnrollAndSyncCommands(t *testing.T) {
	url, hubDir, stopHub := startHub(t)
	bin, _ := testbin.Path("hub")
	out, err := exec.Command(bin, "kiosk", "add", "--data", hubDir, "--school", "S001", "--name", "hall-1").Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	code := lines[len(lines)-1]
	data := t.TempDir()

	if c, _, errs := run(t, "enroll", "--data", data, "--hub", url); c != 2 || !strings.Contains(errs, "--code") {
		t.Fatalf("enroll without a code: %d %s", c, errs)
	}
	if c, _, errs := run(t, "sync", "--data", data); c != 1 || !strings.Contains(errs, "not enrolled") {
		t.Fatalf("sync before enrolment: %d %s", c, errs)
	}
	if c, _, errs := run(t, "enroll", "--data", data, "--hub", url, "--code", "WRONG-CODE"); c != 1 || errs == "" {
		t.Fatalf("enroll with a wrong code: %d %s", c, errs)
	}
	c, stdout, errs := run(t, "enroll", "--data", data, "--hub", url, "--code", code)
	if c != 0 || !strings.Contains(stdout, "enrolled: kiosk ") || strings.Contains(stdout, "token") {
		t.Fatalf("enroll: %d %s %s", c, stdout, errs)
	}

	fillLog(t, data, 12)
	c, stdout, errs = run(t, "sync", "--data", data)
	if c != 0 || !strings.Contains(stdout, "sent 13 of 13") || !strings.Contains(stdout, "all records acknowledged") {
		t.Fatalf("sync: %d %q %q", c, stdout, errs)
	}
	if _, out, _ := run(t, "stats", "--data", data, "--json"); !strings.Contains(out, `"unsynced": 0`) {
		t.Fatalf("stats after sync: %s", out)
	}

	// With the hub gone, sync says how much is left and exits 1.
	stopHub()
	fillLog(t, data, 3)
	c, _, errs = run(t, "sync", "--data", data)
	if c != 1 || !strings.Contains(errs, "4 records left to send") {
		t.Fatalf("sync with the hub down: %d %s", c, errs)
	}
}

func TestSyncBar(t *testing.T) {
	tests := []struct {
		sent, total int
		want        string
	}{
		{0, 10, "[..........] 0/10"},
		{5, 10, "[#####.....] 5/10"},
		{10, 10, "[##########] 10/10"},
		{0, 0, "[##########] 0/0"},
	}
	for _, tc := range tests {
		if got := syncBar(tc.sent, tc.total, 10); got != tc.want {
			t.Errorf("syncBar(%d, %d) = %q, want %q", tc.sent, tc.total, got, tc.want)
		}
	}
}
