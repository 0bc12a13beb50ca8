#!/usr/bin/env bash
# The workshop (seed: "Database migration"), end to end, on the embedded database — no server needed.
# Runs in a fresh copy of apps/example-orchestrator (apps/example-orchestrator/.demo), so it can be
# repeated and leaves the example untouched.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
. "$root/scripts/setup.sh"
example="$root/apps/example-orchestrator"
demo="$example/.demo"
rm -rf "$demo"
mkdir -p "$demo"
cp -r "$example/orchestrator.config.ts" "$example/products" "$example/answers.json" "$demo/"
mkdir -p "$demo/migrations"
cd "$demo"
unset DATABASE_URL
bold="" plain=""
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; fi
orchestrator() {
  printf '\n%s$ orchestrator %s%s\n' "$bold" "$*" "$plain"
  node "$root/apps/cli/bin/run.js" "$@"
}
orchestrator db upgrade heads
orchestrator db migrate-domain-models "Add User and UserGroup products" --inputs @answers.json
orchestrator db upgrade heads
orchestrator products
orchestrator db check

# The seed's last step: look at what the migration added, through the orchestrator API.
port="${ORCHESTRATOR_DEMO_PORT:-8080}"
printf '\n%s$ orchestrator serve --port %s &%s\n' "$bold" "$port" "$plain"
node "$root/apps/cli/bin/run.js" serve --port "$port" > "$demo/serve.log" 2>&1 &
serve_pid=$!
stop_serve() { kill -TERM "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true; }
trap stop_serve EXIT
# Ready once it prints its URL (at most 30 s; it exits with a message if the port is taken).
for _ in $(seq 1 300); do
  grep -q "^Serving" "$demo/serve.log" && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$demo/serve.log" >&2; exit 1; }
  sleep 0.1
done
grep -q "^Serving" "$demo/serve.log" || { echo "serve did not start within 30 s" >&2; cat "$demo/serve.log" >&2; exit 1; }
if command -v jq > /dev/null; then
  printf '\n%s$ curl -s localhost:%s/api/products/ | jq '"'"'.[].name'"'"'%s\n' "$bold" "$port" "$plain"
  curl -s "localhost:$port/api/products/" | jq '.[].name'
else
  printf '\n%s$ curl -s localhost:%s/api/products/ | node -e … (jq is not installed)%s\n' "$bold" "$port" "$plain"
  curl -s "localhost:$port/api/products/" |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => JSON.parse(s).forEach((p) => console.log(JSON.stringify(p.name))))'
fi
printf '\nThe metadata pages: http://localhost:%s/ (the demo stops the server now; run `orchestrator serve` in %s to keep it).\n' "$port" "$demo"
stop_serve
trap - EXIT
printf '\nThe demo project is %s (embedded database in .orchestrator/db).\n' "$demo"
