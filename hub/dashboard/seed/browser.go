package seed

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/chromedp/chromedp"
)

// ErrNoChromium means the Chromium binary is missing.
var ErrNoChromium = errors.New("seed: Chromium not found")

// ChromiumPath is $PLAYHALL_CHROMIUM, else /usr/bin/chromium. The error
// (ErrNoChromium) says how to install it.
func ChromiumPath() (string, error) {
	p := os.Getenv("PLAYHALL_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if st, err := os.Stat(p); err != nil || st.IsDir() {
		return "", fmt.Errorf("%w at %s: install Debian's chromium (apt-get install chromium, or ./build.sh deps) or set PLAYHALL_CHROMIUM to its path", ErrNoChromium, p)
	}
	return p, nil
}

// Browser starts a headless Chromium with a fresh profile in userDataDir and
// a width×height window, and returns a chromedp context for its first tab.
// Cancel the returned function to close the browser.
func Browser(parent context.Context, userDataDir string, width, height int) (context.Context, context.CancelFunc, error) {
	path, err := ChromiumPath()
	if err != nil {
		return nil, nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-device-scale-factor", "1"),
		chromedp.UserDataDir(userDataDir),
		chromedp.WindowSize(width, height),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancelTab()
		cancelAlloc()
		return nil, nil, fmt.Errorf("seed: start Chromium %s: %w", path, err)
	}
	return ctx, func() { cancelTab(); cancelAlloc() }, nil
}
