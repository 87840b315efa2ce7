#!/usr/bin/env bash
# Runs a command on Node 24 (n8n 2.x's runtime; this machine ships Node 20).
# The Node 24 binary comes from the npm package node@24, installed with the
# pinned n8n runtime by scripts/install-n8n.sh (skipped when already there).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNTIME="${SUPPORTGATE_N8N_HOME:-$ROOT/.n8n-runtime}"
# The marker is written last: a half-finished install (stopped, or still running) is finished.
if ! ls "$RUNTIME"/.installed-n8n-* >/dev/null 2>&1; then
  echo "Node 24 / n8n runtime missing in $RUNTIME: installing it once (a few minutes)." >&2
  bash "$ROOT/scripts/install-n8n.sh" >&2
fi
# Our own tools (tsc, jest, esbuild) first; node itself comes from the runtime.
export PATH="$ROOT/node_modules/.bin:$RUNTIME/node_modules/.bin:$PATH"
exec "$@"
