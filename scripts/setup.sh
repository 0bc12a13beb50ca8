#!/usr/bin/env bash
# Prepares a fresh clone: Node 24 and pnpm 12.4.2 (project-local when the system's are older), the
# locked dependencies, and a build. Safe to run again; each step is skipped when already done.
# Source it (`. scripts/setup.sh`) to get the right node and pnpm on PATH in the calling shell.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_version=24.21.0
pnpm_version=12.4.2
tools="$root/.tools/node24"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 24 ]; then
  if [ ! -x "$tools/bin/node" ]; then
    echo "setup: installing Node $node_version into .tools/node24 (the node on PATH is $(node -v 2>/dev/null || echo missing))" >&2
    npm install --global --prefix "$tools" --no-audit --no-fund --loglevel=error "node@$node_version" >&2
  fi
  export PATH="$tools/bin:$PATH"
fi
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  if [ ! -x "$tools/bin/pnpm" ] || [ "$("$tools/bin/pnpm" --version)" != "$pnpm_version" ]; then
    echo "setup: installing pnpm $pnpm_version into .tools/node24" >&2
    npm install --global --prefix "$tools" --no-audit --no-fund --loglevel=error "pnpm@$pnpm_version" >&2
  fi
  export PATH="$tools/bin:$PATH"
fi

cd "$root"
pnpm install --frozen-lockfile --reporter=append-only >&2
pnpm run build >&2
