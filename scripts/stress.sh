#!/usr/bin/env bash
# The whole test suite (scripts/test.sh) on a busy machine: CPU hogs keep every core busy for as long
# as the suite runs, as a laptop compiling something else or a shared CI runner would. The suite must
# pass under it; a test that fails only here waits on something without a known bound.
#
#   scripts/stress.sh            one hog per core (stress-ng --cpu N if installed, else busy Node loops)
#   STRESS_HOGS=4 scripts/stress.sh
#   scripts/stress.sh -- cmd …   any other command under the same load (e.g. one vitest file)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hogs="${STRESS_HOGS:-$(nproc)}"

command=("$root/scripts/test.sh")
if [[ "${1:-}" == "--" ]]; then
  shift
  command=("$@")
fi

hog_pids=()
stop_hogs() {
  # Only the hogs this script started, by their pids.
  for pid in "${hog_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait "${hog_pids[@]}" 2>/dev/null || true
}
trap stop_hogs EXIT

if command -v stress-ng >/dev/null 2>&1; then
  stress-ng --cpu "$hogs" --quiet &
  hog_pids+=("$!")
else
  node_bin="$(command -v node || true)"
  [[ -x "$root/.tools/node24/bin/node" ]] && node_bin="$root/.tools/node24/bin/node"
  for _ in $(seq "$hogs"); do
    "$node_bin" -e "for (;;) {}" &
    hog_pids+=("$!")
  done
fi
echo "stress: ${hogs} CPU hog(s) running (pids ${hog_pids[*]}); running: ${command[*]}" >&2

started=$(date +%s)
status=0
"${command[@]}" || status=$?
echo "stress: finished with exit code ${status} after $(($(date +%s) - started)) s under ${hogs} hog(s)" >&2
exit "$status"
