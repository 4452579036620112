#!/usr/bin/env bash
# Installs the Debian 12 packages wiredesk builds, runs and tests with; does nothing when
# they are all present. Usage: scripts/install-deps.sh [run|test]
set -euo pipefail
mode=${1:-test}

build_pkgs=(
  build-essential cmake ninja-build pkg-config
  libsqlite3-dev libmodest-dev libboost-dev nlohmann-json3-dev libcli11-dev
  libkainjow-mustache-dev libfmt-dev libxxhash-dev libcld2-dev libstemmer-dev libicu-dev iso-codes
  libcurl4-openssl-dev libexpat1-dev libxml2-dev zlib1g-dev libbrotli-dev
  libpq-dev
  libargon2-dev libsodium-dev libcmark-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
# The browser tests: Debian's chromium, and node/npm for playwright-core (tests/browser).
test_pkgs=(python3 curl chromium nodejs)
# The store tests start a throwaway PostgreSQL server (initdb into a temporary directory; as
# root they run it as the `postgres` user the package creates). Contrib has unaccent.
test_pkgs+=(postgresql postgresql-contrib)

pkgs=("${build_pkgs[@]}")
[ "$mode" = test ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm: Debian's package, unless a nodejs that bundles it (NodeSource's) is there already.
[ "$mode" = test ] && ! command -v npm >/dev/null && missing+=(npm)

# playwright-core for the browser tests, pinned by tests/browser/package-lock.json.
browser_deps() {
  [ "$mode" = test ] || return 0
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
  [ -d "$dir/node_modules/playwright-core" ] && return 0
  echo "install-deps: npm ci in tests/browser"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
}

if [ ${#missing[@]} -eq 0 ]; then
  browser_deps
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
browser_deps
