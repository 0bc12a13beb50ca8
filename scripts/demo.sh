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
printf '\nThe demo project is %s (embedded database in .orchestrator/db).\n' "$demo"
