#!/usr/bin/env bash
# Builds what the VS Code suites load: the extension bundle (the repo's own build script) and the
# compiled E2E harness + integration suite (test/e2e/tsconfig.json → out/test/...).
# Env: E2E_EXT_DIR=<folder> skips the extension build (another build, e.g. a stub); E2E_SKIP_BUILD=1 likewise.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
EXT_DIR=${E2E_EXT_DIR:-$ROOT}
LOG="$ROOT/.e2e/build.log"
mkdir -p "$ROOT/.e2e"

if [ "$EXT_DIR" = "$ROOT" ] && [ -z "${E2E_SKIP_BUILD:-}" ]; then
  s=$(node -p "const s=require('$ROOT/package.json').scripts||{};['build:ext','build:extension','bundle','compile:ext'].find(k=>s[k])||''")
  if [ -n "$s" ]; then cmd=(npm run --silent "$s")
  elif [ -f "$ROOT/esbuild.mjs" ]; then cmd=(node esbuild.mjs)
  else echo "build.sh: no extension build script (build:ext) and no esbuild.mjs in $ROOT" >&2; exit 1; fi
  (cd "$ROOT" && "${cmd[@]}") >"$LOG" 2>&1 || { tail -30 "$LOG" >&2; echo "build.sh: '${cmd[*]}' failed (log: $LOG)" >&2; exit 1; }
fi
MAIN=$(node -p "require('$EXT_DIR/package.json').main||''")
[ -n "$MAIN" ] && [ -f "$EXT_DIR/$MAIN" ] || { echo "build.sh: the extension's main ($EXT_DIR/$MAIN) is missing" >&2; exit 1; }
(cd "$ROOT" && node_modules/.bin/tsc -p test/e2e/tsconfig.json) || { echo "build.sh: compiling the tests failed" >&2; exit 1; }
