//go:build !js

// Command web is the WebAssembly edition; on any other platform it only
// says how to build it (see main_js.go and README.md (The web edition)).
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "cmd/web is the browser edition: build it with ./build.sh web\n"+
		"(GOOS=js GOARCH=wasm go build -o dist/web/playhall.wasm ./cmd/web), then serve dist/web")
	os.Exit(2)
}
