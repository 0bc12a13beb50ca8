#!/usr/bin/env bash
# Release tarballs of the three publishable packages, as npm would publish them (`workspace:` ranges
# replaced by versions): @orchestrator/sdk, @orchestrator/cli and @orchestrator/language-server.
#   scripts/pack.sh [DEST]   (default DEST: dist/release; prints the tarballs' paths, one a line)
# Packs what is built: run scripts/setup.sh (or pnpm run build) first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# setup.sh's project-local Node 24 and pnpm, when it installed them.
if [ -x "$root/.tools/node24/bin/pnpm" ]; then export PATH="$root/.tools/node24/bin:$PATH"; fi
dest="$(mkdir -p "${1:-$root/dist/release}" && cd "${1:-$root/dist/release}" && pwd)"
packages=(packages/sdk apps/cli packages/language-server)
for package in "${packages[@]}"; do
  if [ ! -d "$root/$package/dist" ]; then
    echo "pack.sh: $package is not built; run scripts/setup.sh (or pnpm run build) first" >&2
    exit 1
  fi
done
for package in "${packages[@]}"; do
  (cd "$root/$package" && pnpm pack --pack-destination "$dest" >/dev/null)
done
for package in "${packages[@]}"; do
  name="$(node -p "const p = require('$root/$package/package.json'); p.name.replace('@', '').replace('/', '-') + '-' + p.version")"
  echo "$dest/$name.tgz"
done
