#!/usr/bin/env bash
# Which HTTP library for `serve`: minimal one-thread keep-alive servers in Boost.Beast and
# RESTinio answer the same ~30 KB page; nginx serves the same bytes as a static file.
# wrk -t1 -c64 against each, loopback only. Results go in docs/http-server-choice.md.
# Usage: bench/http_choice.sh [seconds]   (needs g++, wrk, nginx, libboost-dev, librestinio-dev)
set -euo pipefail
DUR=${1:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT

# A ~30 KB page of plain HTML.
{ echo '<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body>'
  for i in $(seq 1 60); do echo "<p>Paragraph $i: the quick brown fox jumps over the lazy dog, again and again, until the page weighs about thirty kilobytes in all, as a news article does.</p>"; done
  echo '<p>' ; head -c 20000 /dev/zero | tr '\0' 'x'; echo '</p></body></html>'; } > "$TMP/page.html"
BYTES=$(stat -c %s "$TMP/page.html")
echo "page: $BYTES bytes"

g++ -std=c++20 -O2 -DNDEBUG -o "$TMP/beast_min" "$HERE/http_choice/beast_min.cc" -pthread &
B=$!
g++ -std=c++20 -O2 -DNDEBUG -o "$TMP/restinio_min" "$HERE/http_choice/restinio_min.cc" \
    -lhttp_parser -lfmt -pthread &
R=$!
wait $B && wait $R

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

mkdir -p "$TMP/www" && cp "$TMP/page.html" "$TMP/www/page.html"
NGINX_PORT=$(free_port)
cat > "$TMP/nginx.conf" <<CONF
worker_processes 1;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; open_file_cache max=64;
  client_body_temp_path $TMP; proxy_temp_path $TMP; fastcgi_temp_path $TMP;
  uwsgi_temp_path $TMP; scgi_temp_path $TMP;
  server { listen 127.0.0.1:$NGINX_PORT; root $TMP/www;
           location / { default_type text/html; } }
}
CONF
/usr/sbin/nginx -c "$TMP/nginx.conf" -p "$TMP" -g 'daemon off;' 2>/dev/null &
PIDS+=($!)

BEAST_PORT=$(free_port)
"$TMP/beast_min" "$TMP/page.html" "$BEAST_PORT" & PIDS+=($!)
RESTINIO_PORT=$(free_port)
"$TMP/restinio_min" "$TMP/page.html" "$RESTINIO_PORT" >/dev/null & PIDS+=($!)
sleep 1

run() {  # name url
  local rps
  rps=$(wrk -t1 -c64 -d"${DUR}s" "$2" | awk '/Requests\/sec/ {print $2}')
  printf '%-10s %10s req/s\n' "$1" "$rps"
}
run nginx    "http://127.0.0.1:$NGINX_PORT/page.html"
run beast    "http://127.0.0.1:$BEAST_PORT/page.html"
run restinio "http://127.0.0.1:$RESTINIO_PORT/page.html"
