#!/usr/bin/env bash
# The workshop, end to end, on the embedded database (no server needed), in apps/example-orchestrator.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
. "$root/scripts/setup.sh"
cd "$root/apps/example-orchestrator"
orchestrator() { node "$root/apps/cli/bin/run.js" "$@"; }
set -x
orchestrator db upgrade heads
orchestrator products
