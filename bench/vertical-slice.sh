#!/usr/bin/env bash
# Throughput and latency of the vertical slice, each layer measured through everything below it.
# The stack runs as `npm start` does (separate processes, embedded profile); autocannon runs in its
# own process, with an operator token (tokens live 5 minutes: keep runs shorter than that).
# Usage: npm run build && bash bench/vertical-slice.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-20}
data=$(mktemp -d)
export SANDBOX_PORT=24000 SYSTEM_API_PORT=23001 PROCESS_API_PORT=23002 EXPERIENCE_API_PORT=23000 DATA_DIR="$data" LOG_LEVEL=warn
node dist/scripts/start.js > "$data/start.out" 2>&1 &
launcher=$!
trap 'kill -INT $launcher 2>/dev/null || true; wait $launcher 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do grep -q "is running" "$data/start.out" && break; sleep 0.5; done
token=$(curl -fsS -u ops-console:operator-demo-secret -d grant_type=client_credentials http://127.0.0.1:23001/oauth2/token \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

run() {
  local name=$1; shift
  local json
  json=$(npx autocannon --json -d "$duration" -c "$connections" -H "authorization=Bearer $token" "$@" 2>/dev/null)
  node -e '
    const r = JSON.parse(process.argv[1]);
    const errors = r.errors + r.timeouts + (r.non2xx || 0);
    console.log(`| ${process.argv[2]} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${errors} |`);
  ' "$json" "$name"
}

echo "| target (${duration}s, ${connections} connections) | req/s | p50 ms | p99 ms | errors |"
echo "|---|---|---|---|---|"
run "sandbox FHIR read (core system alone)" "http://127.0.0.1:24000/ehr/fhir/R4/Patient/avery-quinn"
run "system-api GET /ehr/v1/patients/{id}" "http://127.0.0.1:23001/ehr/v1/patients/avery-quinn"
run "process-api GET /v1/patients/{id}/summary" "http://127.0.0.1:23002/v1/patients/avery-quinn/summary"
run "experience-api GraphQL patient(id)" -m POST -H 'content-type=application/json' \
  -b '{"query":"{ patient(id: \"avery-quinn\") { displayName mrn ageYears } }"}' "http://127.0.0.1:23000/graphql"
