#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need, then runs pytest.
# Usage: bash scripts/test.sh [pytest args…]   (the README's second command; .ci/run calls it)
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

# Browser assets the app serves itself (fonts; map libraries), from the npm registry.
if [ ! -d static/node_modules ] || [ static/package-lock.json -nt static/node_modules ]; then
  npm ci --prefix static --no-audit --no-fund --loglevel=error
fi

# The browser tests drive Debian's Chromium (never a downloaded browser) and need Korean fonts.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi nanum || need+=(fonts-nanum)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

exec python3 -m pytest "$@"
