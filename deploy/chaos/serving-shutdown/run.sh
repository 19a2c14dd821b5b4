#!/usr/bin/env bash
# SIGTERM-under-load trials against serving (docs/serving.md, "Shutdown"): for each rate argument, start serving
# (deploy/h2rec start restarts only what is not running), wait until ready, offer load for PRE s, SIGTERM the
# serving JVM, keep offering POST s; then summarize.py OUT/trial-*.json. Rate 0 = only the back-to-back client.
# Needs a served model version in $H2REC_HOME (e.g. deploy/h2rec pipeline --dataset ../shared/data/movielens-100k,
# deploy/h2rec start, then activate it), python3 with grpcio + protobuf (PYTHON=/usr/bin/python3 with Debian's
# python3-grpcio python3-protobuf), and protoc (Debian: protobuf-compiler).
# Plaintext only (no H2REC_TLS_CERT); the histories are MovieLens-100K's, so serve a model trained on it.
#   deploy/chaos/serving-shutdown/run.sh OUT 1200 400 1200 400
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"; shift
export H2REC_HOME="${H2REC_HOME:-$HOME/.h2rec}"
gen="$out/gen"
mkdir -p "$gen"
(cd "$root/proto/src/main/proto" && protoc --python_out="$gen" h2rec/common/v1/*.proto h2rec/serving/v1/*.proto)
export PYTHONPATH="$gen${PYTHONPATH:+:$PYTHONPATH}"
port="${H2REC_SERVING_HTTP_PORT:-8080}"
cd "$root"
for rate in "$@"; do
  tag="trial-$(date +%H%M%S)-r$rate"
  deploy/h2rec start > "$out/$tag.start.log" 2>&1 || { cat "$out/$tag.start.log"; exit 1; }
  for _ in $(seq 1 120); do
    curl -s "localhost:$port/q/health/ready" | grep -q '"status": "UP"' && break
    sleep 0.5
  done
  curl -s "localhost:$port/q/health/ready" | grep -q '"status": "UP"' || { echo "serving is not ready" >&2; exit 1; }
  sleep 1
  log="$H2REC_HOME/logs/serving-service.log"
  offset=$(stat -c %s "$log")
  pid=$(cut -d' ' -f1 "$H2REC_HOME/run/serving-service.pid")
  echo "== $tag (serving pid $pid)"
  "${PYTHON:-python3}" "$here/attack.py" --rate "$rate" --pre "${PRE:-5}" --post "${POST:-3}" --pid "$pid" \
    --target "localhost:${H2REC_SERVING_GRPC_PORT:-9090}" --out "$out/$tag.json"
  sleep 1
  tail -c +$((offset + 1)) "$log" > "$out/$tag.serving.log"
done
"${PYTHON:-python3}" "$here/summarize.py" "$out/trial-*.json"
