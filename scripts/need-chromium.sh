#!/bin/sh
# `make test` needs a browser for tests/test_browser.py: Debian's Chromium, never a downloaded build.
# Present: nothing to do. Missing: install it from Debian when we may (root with apt-get), else
# fail once, here, with the exact command, instead of two test errors later.
# CHROMIUM names another binary (the tests read it too).
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ "$chromium" = /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "$chromium is missing: installing Debian's chromium for the browser test (apt-get)..." >&2
    apt-get update -qq >/dev/null 2>&1  # a stale extra repository must not stop the install
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    [ -x "$chromium" ] && exit 0
fi
echo "error: $chromium is missing; the browser test needs it. Run: sudo apt-get install -y chromium" \
     "(or set CHROMIUM=/path/to/chromium), then make test again" >&2
exit 1
