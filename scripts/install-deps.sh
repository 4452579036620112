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
  libgtest-dev libgmock-dev libbenchmark-dev
)
test_pkgs=(python3 curl)

pkgs=("${build_pkgs[@]}")
[ "$mode" = test ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
