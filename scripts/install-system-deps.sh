#!/usr/bin/env bash
# Debian packages the tests need: GNU gettext (msgfmt, the outside judge of our catalogues) and
# Chromium (the kiosk's browser tests drive it through Playwright; Playwright's own download is not used)
# and Varnish (a real shared cache in front of the server, for the Vary and CORS tests) and wrk.
# Installs only what is missing; uses sudo when not root.
set -euo pipefail

missing=()
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ] || missing+=(varnish)  # a real shared cache
command -v wrk >/dev/null 2>&1 || missing+=(wrk)  # the load of the 100-article scale row (make scale-row)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install: ${missing[*]} (GNU gettext provides msgfmt)" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
