#!/usr/bin/env bash
# The whole test suite, from a fresh clone: set-up, the editors the editor tests drive, then type checks,
# lint and every package's tests through turbo.
#
# What it installs, each only when missing:
#   - in the repository (.tools/): Node 24 and pnpm when the system's are older (scripts/setup.sh);
#   - system-wide, with apt-get (sudo when not root): chromium and neovim, the editors the editor tests
#     drive, and the libraries and compilers code-server's native modules build with;
#   - in your cache (~/.cache/orchestrator): code-server, the VS Code the extension test runs in. Built
#     once (~8 min on two cores), then reused by every run and every clone.
#   scripts/install-editor-tools.sh does the last two; it lists the packages.
#
#   --no-editor   skip the editor tools and the editor tests (test/vscode, test/lsp/neovim.test.ts); the
#                 run says so at the start and at the end. CI never passes it.
#
# PostgreSQL tests need the server at 127.0.0.1:5432 (ORCHESTRATOR_TEST_POSTGRES_URL overrides it) and
# fail when it is unreachable. Temporary files (the tests', code-server's sockets) go to a folder of this
# run's own, removed at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
editor=1
for arg in "$@"; do
  case "$arg" in
    --no-editor) editor=0 ;;
    *)
      echo "test.sh: unknown option $arg (known: --no-editor)" >&2
      exit 2
      ;;
  esac
done
skipped_banner() {
  echo "test.sh: ************************************************************************" >&2
  echo "test.sh: --no-editor: the editor tools were NOT installed and the editor tests (VS Code, Neovim) did NOT run" >&2
  echo "test.sh: ************************************************************************" >&2
}

run_tmp="$(mktemp -d "${TMPDIR:-/tmp}/orchestrator-test.XXXXXX")"
finish() {
  rm -rf "$run_tmp"
  if [ "$editor" = 0 ]; then skipped_banner; fi
}
trap finish EXIT
export TMPDIR="$run_tmp"

# shellcheck source=setup.sh
. "$root/scripts/setup.sh"
if [ "$editor" = 1 ]; then
  "$root/scripts/install-editor-tools.sh"
else
  skipped_banner
  export ORCHESTRATOR_SKIP_EDITOR_TESTS=1
fi
cd "$root"
pnpm run typecheck
pnpm run lint
pnpm run test
