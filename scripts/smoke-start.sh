#!/usr/bin/env bash
# Runs the built `npm start` launcher on spare ports, checks the vertical slice over REST and
# GraphQL, then stops it with SIGINT and checks that every process exited cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
export SANDBOX_PORT=14000 SYSTEM_API_PORT=13001 PROCESS_API_PORT=13002 EXPERIENCE_API_PORT=13000 DATA_DIR="$data"
node dist/scripts/start.js > "$data/start.out" 2>&1 &
launcher=$!
trap 'kill -INT $launcher 2>/dev/null || true; rm -rf "$data"' EXIT

for _ in $(seq 1 120); do grep -q "is running" "$data/start.out" && break; sleep 0.5; done
cat "$data/start.out"
grep -q "system-api ready · process-api ready · experience-api ready" "$data/start.out"

grep -q "ops-console  *operator-demo-secret" "$data/start.out"
token=$(curl -fsS -u ops-console:operator-demo-secret -d grant_type=client_credentials http://127.0.0.1:13001/oauth2/token \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
auth="Authorization: Bearer $token"
test "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:13001/ehr/v1/patients/avery-quinn)" = 401
curl -fsS -H "$auth" "http://127.0.0.1:13001/ehr/v1/patients/avery-quinn" | grep -q '"mrn":"CG-100234"'
curl -fsS -H "$auth" "http://127.0.0.1:13002/v1/patients/avery-quinn/summary" | grep -q '"displayName":"Avery Quinn"'
curl -fsS -H "$auth" "http://127.0.0.1:13000/graphql" -H 'content-type: application/json' \
  -d '{"query":"{ patient(id: \"avery-quinn\") { mrn } }"}' | grep -q '"mrn":"CG-100234"'
curl -fsS "http://127.0.0.1:13001/docs/openapi.json" | grep -q '"openapi": *"3.1.0"'
test "$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" http://127.0.0.1:13001/ehr/v1/patients/nobody)" = 404

kill -INT $launcher
wait $launcher
grep -q "Stopped." "$data/start.out"
for port in 14000 13001 13002 13000; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port still open after Ctrl-C" >&2; exit 1; fi
done
echo "smoke: npm start serves the vertical slice and stops cleanly"
