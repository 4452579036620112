#!/usr/bin/env bash
# serve's page cache against nginx: wiredesk serves one article page from its cache, nginx
# serves the same bytes as a static file; wrk -t1 -c64 against each, side by side. The issue
# asks for at least half of nginx's requests/s. Loopback only; every process is stopped at exit.
#
# Usage:
#   bench/serve_bench.sh [--db FILE] [--bin build/wiredesk] [--driver PATH] [--seconds N]
#                        [--rounds N] [--article /articles/ID]
# The two run alternately, --rounds times each (default 2), and the best of each is compared,
# so a burst of other load on a shared machine does not decide the ratio.
# With --db FILE, or else when var/wiredesk.db (the Makefile's DB) and build/wiredesk exist,
# it runs `wiredesk serve --db FILE` and fetches /articles/1. Otherwise it runs
# serve_bench_driver (src/serve/serve_bench_driver.cc: the same server over sample articles
# in memory), given by --driver or found under build*/.
# Builds nothing: run `make` (or build the serve_bench_driver target) first.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=""
BIN="$ROOT/build/wiredesk"
DRIVER=""
SECONDS_PER_RUN=10
ROUNDS=2
ARTICLE=/articles/1
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB=$2; shift 2 ;;
    --bin) BIN=$2; shift 2 ;;
    --driver) DRIVER=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --article) ARTICLE=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [ -z "$DB" ] && [ -z "$DRIVER" ] && [ -f "$ROOT/var/wiredesk.db" ] && [ -x "$BIN" ]; then
  DB="$ROOT/var/wiredesk.db"
fi
for tool in wrk curl python3 /usr/sbin/nginx; do
  command -v "$tool" >/dev/null || { echo "serve_bench: needs $tool" >&2; exit 1; }
done

TMP=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() {  # url
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "serve_bench: nothing answered at $1" >&2; exit 1
}

WD_PORT=$(free_port)
if [ -n "$DB" ]; then
  [ -x "$BIN" ] || { echo "serve_bench: $BIN not built (run make)" >&2; exit 1; }
  "$BIN" serve --db "$DB" --listen "127.0.0.1:$WD_PORT" >"$TMP/wiredesk.log" 2>&1 &
  WHAT="wiredesk serve --db $DB"
else
  if [ -z "$DRIVER" ]; then
    DRIVER=$(find "$ROOT"/build* -name serve_bench_driver -type f -perm -u+x 2>/dev/null | head -n1 || true)
  fi
  [ -n "$DRIVER" ] && [ -x "$DRIVER" ] || { echo "serve_bench: no --db and no serve_bench_driver built" >&2; exit 1; }
  "$DRIVER" "127.0.0.1:$WD_PORT" >"$TMP/wiredesk.log" 2>&1 &
  WHAT="$DRIVER (in-memory sample articles)"
fi
PIDS+=($!)
WD_URL="http://127.0.0.1:$WD_PORT$ARTICLE"
wait_for "$WD_URL"

# nginx serves the very bytes wiredesk sends for the page.
mkdir -p "$TMP/www"
curl -fsS -o "$TMP/www/page.html" "$WD_URL"
NGINX_PORT=$(free_port)
cat > "$TMP/nginx.conf" <<CONF
worker_processes 1;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on; tcp_nopush on; open_file_cache max=64;
  client_body_temp_path $TMP; proxy_temp_path $TMP; fastcgi_temp_path $TMP;
  uwsgi_temp_path $TMP; scgi_temp_path $TMP;
  server { listen 127.0.0.1:$NGINX_PORT; root $TMP/www; location / { default_type text/html; } }
}
CONF
/usr/sbin/nginx -c "$TMP/nginx.conf" -p "$TMP" -g 'daemon off;' &
PIDS+=($!)
NGINX_URL="http://127.0.0.1:$NGINX_PORT/page.html"
wait_for "$NGINX_URL"

rps() { wrk -t1 -c64 -d"${SECONDS_PER_RUN}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
echo "server:  $WHAT"
echo "page:    $ARTICLE, $(stat -c %s "$TMP/www/page.html") bytes"
best() { python3 -c 'import sys; print(max(float(x) for x in sys.argv[1:]))' "$@"; }
NGINX_ALL=(); WD_ALL=()
for round in $(seq 1 "$ROUNDS"); do
  NGINX_ALL+=("$(rps "$NGINX_URL")")
  WD_ALL+=("$(rps "$WD_URL")")
  echo "round $round: nginx ${NGINX_ALL[-1]}, wiredesk ${WD_ALL[-1]} req/s"
done
NGINX_RPS=$(best "${NGINX_ALL[@]}")
WD_RPS=$(best "${WD_ALL[@]}")
printf 'nginx     %10s req/s (best, static file, worker_processes 1)\n' "$NGINX_RPS"
printf 'wiredesk  %10s req/s (best, page cache)\n' "$WD_RPS"
python3 -c "import sys; r=float(sys.argv[1])/float(sys.argv[2]); print(f'ratio     {r:10.2f}  (wiredesk / nginx; the issue asks >= 0.50)'); sys.exit(0 if r >= 0.5 else 1)" "$WD_RPS" "$NGINX_RPS"
