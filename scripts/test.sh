#!/usr/bin/env bash
# The whole test suite, from a fresh clone: set-up (Node 24, pnpm, install, build), the editors the
# editor tests drive, then type checks, lint and every package's tests through turbo. PostgreSQL tests
# need the server at 127.0.0.1:5432 (ORCHESTRATOR_TEST_POSTGRES_URL overrides it) and fail when it is
# unreachable.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
. "$root/scripts/setup.sh"
# Debian's chromium and neovim, and code-server: the real editors the editor tests drive.
"$root/scripts/install-editor-tools.sh"
cd "$root"
pnpm run typecheck
pnpm run lint
pnpm run test
