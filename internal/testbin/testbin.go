// Package testbin gives tests the real Playhall binaries. When build.sh test
// runs, PLAYHALL_BIN points at the freshly built bin/ folder; under a plain
// `go test` the binary is built once per test process into a temporary
// folder. Either way a test runs exactly what ships.
package testbin

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
)

var (
	mu    sync.Mutex
	built = map[string]string{}
	tmp   string
)

// Path returns the path of the named binary ("kiosk", "kioskctl" or "hub"),
// building it if needed. The error says which build failed and why.
func Path(name string) (string, error) {
	mu.Lock()
	defer mu.Unlock()
	if p, ok := built[name]; ok {
		return p, nil
	}
	exe := name
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	if dir := os.Getenv("PLAYHALL_BIN"); dir != "" {
		p := filepath.Join(dir, exe)
		if _, err := os.Stat(p); err == nil {
			built[name] = p
			return p, nil
		}
	}
	if tmp == "" {
		d, err := os.MkdirTemp("", "playhall-testbin-")
		if err != nil {
			return "", err
		}
		tmp = d
	}
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(tmp, exe)
	cmd := exec.Command("go", "build", "-o", p, "./cmd/"+name)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("testbin: go build ./cmd/%s: %v\n%s", name, err, out)
	}
	built[name] = p
	return p, nil
}

// Root returns the module's root folder (where go.mod is).
func Root() (string, error) { return moduleRoot() }

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("testbin: go env GOMOD: %v", err)
	}
	mod := string(out)
	for len(mod) > 0 && (mod[len(mod)-1] == '\n' || mod[len(mod)-1] == '\r') {
		mod = mod[:len(mod)-1]
	}
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("testbin: not inside the Playhall module")
	}
	return filepath.Dir(mod), nil
}
