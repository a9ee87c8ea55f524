#!/usr/bin/env bash
# The extension in a real VS Code (code-server 4.100.3) driven by Playwright + Debian Chromium:
#   1. setup.sh (apt, code-server; cached)   2. build the extension, compile the tests
#   3. fixture workspaces, code-server with the extension installed
#   4. UI specs (test/e2e/specs)   5. mocha integration suite in the extension host (payload URL route)
#   6. the integration suite's missing-model case on a second server with an empty model folder
#   7. the team index: PostgreSQL servers (team-pg.mjs), the fixture published to them by the CLI, the team UI specs
#      (test/e2e/team-specs) and the team integration suite, each on a code-server of its own
# Prints "E2E: N passed, M failed" last; exits non-zero on any failure.
# Env: E2E_ONLY=ui|integration|team  E2E_SKIP_SETUP=1  E2E_SKIP_BUILD=1  E2E_INSTALL=vsix|link
#      E2E_EXT_DIR=<folder> (another build of the extension, e.g. a stub)  E2E_GREP / SEMSEARCH_IT_GREP
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/scripts/e2e"
E2E="$ROOT/.e2e"
RUN="$E2E/run"
ART="$ROOT/test-artifacts"
EXT_DIR=${E2E_EXT_DIR:-$ROOT}
ONLY=${E2E_ONLY:-all}
CS="$E2E/cs/node_modules/.bin/code-server"
T0=$(date +%s)
log() { printf '[e2e %3ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
die() { echo "e2e: $*" >&2; echo "E2E: 0 passed, 1 failed"; exit 1; }

SERVER_PGIDS=()
cleanup() {
  for g in "${SERVER_PGIDS[@]}"; do kill -- "-$g" 2>/dev/null || true; done
  for g in "${SERVER_PGIDS[@]}"; do
    for _ in $(seq 50); do kill -0 -- "-$g" 2>/dev/null || break; sleep 0.1; done
    kill -9 -- "-$g" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. machine -----------------------------------------------------------------------------------------
if [ -z "${E2E_SKIP_SETUP:-}" ]; then bash "$HERE/setup.sh" || die "setup failed"; fi
[ -x "$CS" ] || die "code-server missing: run scripts/e2e/setup.sh"
MODEL_DIR=$(cd "$ROOT/../shared/models/static-minilm-dev" 2>/dev/null && pwd) \
  || die "model not found at $ROOT/../shared/models/static-minilm-dev"

# ---- 2. build ---------------------------------------------------------------------------------------------
log "building the extension and compiling the tests"
bash "$HERE/build.sh" || die "build failed"
OUT="$ROOT/out/test"

# ---- 3. workspaces, user settings, extension, server ----------------------------------------------------
rm -rf "$RUN" "$ART"; mkdir -p "$RUN" "$ART"
for ws in ws-ui ws-it ws-nomodel; do node "$OUT/e2e/fixture.js" "$RUN/$ws" || die "fixture"; done
mkdir -p "$RUN/empty-model"

user_dir() { # <dir>: user data with quiet, deterministic settings
  mkdir -p "$1/User"
  cat >"$1/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "workbench.tips.enabled": false, "telemetry.telemetryLevel": "off",
  "update.mode": "none", "extensions.autoUpdate": false, "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true, "security.workspace.trust.enabled": false, "git.enabled": false,
  "workbench.enableExperiments": false, "chat.disableAIFeatures": true, "files.autoSave": "off",
  "editor.autoClosingBrackets": "never", "editor.autoClosingQuotes": "never", "editor.autoClosingComments": "never",
  "editor.autoSurround": "never", "editor.autoIndent": "none", "editor.formatOnType": false,
  "editor.quickSuggestions": { "other": false, "comments": false, "strings": false },
  "editor.suggestOnTriggerCharacters": false, "editor.acceptSuggestionOnEnter": "off", "editor.minimap.enabled": false }
JSON
}

EXT_NAME=$(node -p "const p=require('$EXT_DIR/package.json');p.publisher+'.'+p.name+'-'+p.version")
install_extension() { # <extensions-dir> <user-dir>
  local mode=${E2E_INSTALL:-}
  if [ -z "$mode" ]; then
    if [ "$EXT_DIR" = "$ROOT" ] && node -e "process.exit(require('$ROOT/package.json').scripts?.package?0:1)"; then mode=vsix; else mode=link; fi
  fi
  if [ "$mode" = vsix ]; then
    if [ -z "${VSIX:-}" ]; then
      local mark="$RUN/.before-package" target
      case "$(uname -m)" in aarch64) target=linux-arm64;; *) target=linux-x64;; esac
      touch "$mark"
      log "packaging the VSIX (npm run package -- $target)"
      (cd "$ROOT" && npm run --silent package -- "$target") >"$RUN/package.log" 2>&1 || { tail -30 "$RUN/package.log" >&2; return 1; }
      VSIX=$(find "$ROOT" -maxdepth 2 -name "*$target.vsix" -newer "$mark" -not -path '*/node_modules/*' | head -1)
      [ -n "$VSIX" ] || VSIX=$(find "$ROOT" -maxdepth 2 -name '*.vsix' -newer "$mark" -not -path '*/node_modules/*' | head -1)
      [ -n "$VSIX" ] || { echo "npm run package made no .vsix" >&2; return 1; }
    fi
    log "installing $(basename "$VSIX") ($(du -h "$VSIX" | cut -f1))"
    "$CS" --config "$RUN/config.yaml" --user-data-dir "$2" --extensions-dir "$1" --install-extension "$VSIX" --force \
      >"$RUN/install.log" 2>&1 || { cat "$RUN/install.log" >&2; return 1; }
  else
    log "linking $EXT_DIR as $EXT_NAME"
    mkdir -p "$1"; rm -f "$1/extensions.json"   # code-server scans the folder only while there is no extensions.json
    ln -sfn "$EXT_DIR" "$1/$EXT_NAME"
  fi
}

PORT=; URL=
start_server() { # <name> <extensions-dir> <user-dir> [VAR=value ...]: sets PORT, URL
  local name=$1 exts=$2 ud=$3; shift 3
  PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  env XDG_CONFIG_HOME="$RUN/xdg-config" XDG_DATA_HOME="$RUN/xdg-data" SEMSEARCH_MODEL_DIR="$MODEL_DIR" "$@" \
    setsid "$CS" --config "$RUN/config.yaml" --user-data-dir "$ud" --extensions-dir "$exts" \
    --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check --disable-workspace-trust \
    --disable-getting-started-override >"$RUN/$name-server.log" 2>&1 </dev/null &
  SERVER_PGIDS+=("$!")
  URL="http://127.0.0.1:$PORT"
  for _ in $(seq 300); do
    curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null && { log "$name server up at $URL"; return 0; }
    kill -0 "$!" 2>/dev/null || break
    sleep 0.1
  done
  cat "$RUN/$name-server.log" >&2; return 1
}

export XDG_CONFIG_HOME="$RUN/xdg-config" XDG_DATA_HOME="$RUN/xdg-data"
user_dir "$RUN/ud"
install_extension "$RUN/exts" "$RUN/ud" || die "extension install failed"
start_server main "$RUN/exts" "$RUN/ud" SEMSEARCH_IT_RESULTS="$RUN/it-results.json" SEMSEARCH_IT_SUITE=main \
  || die "code-server did not start"

# ---- 4-6. test phases; each leaves a results JSON (a phase without one counts as one failure) -------------
PHASES=()
phase() { # <name> <results-json> <command...>
  local name=$1 results=$2; shift 2
  PHASES+=("$name=$results")
  log "phase $name"
  timeout 600 "$@" 2>&1 | tee "$RUN/$name.log"
  local rc=${PIPESTATUS[0]}
  log "phase $name exit $rc"
  echo "$rc" >"$RUN/$name.rc"
}

if [ "$ONLY" = all ] || [ "$ONLY" = ui ]; then
  phase ui "$RUN/ui-results.json" node "$OUT/e2e/ui.js" "$URL" "$RUN/ws-ui" "$ART" "$RUN/ui-results.json"
fi
if [ "$ONLY" = all ] || [ "$ONLY" = integration ]; then
  phase integration "$RUN/it-results.json" \
    node "$OUT/e2e/integration.js" "$URL" "$RUN/ws-it" "$EXT_DIR" "$OUT/integration/index.js"
  user_dir "$RUN/ud-nomodel"
  if start_server nomodel "$RUN/exts-nomodel" "$RUN/ud-nomodel" SEMSEARCH_MODEL_DIR="$RUN/empty-model" \
      SEMSEARCH_IT_SUITE=missing-model SEMSEARCH_IT_RESULTS="$RUN/it-nomodel-results.json"; then
    phase integration-missing-model "$RUN/it-nomodel-results.json" \
      node "$OUT/e2e/integration.js" "$URL" "$RUN/ws-nomodel" "$EXT_DIR" "$OUT/integration/index.js"
  else
    PHASES+=("integration-missing-model=$RUN/none.json")
  fi
fi

# ---- 7. the team index: PostgreSQL (PGlite + pgvector, password-checked roles), the fixture committed to git and
# published by the CLI as the writer role; then the team UI specs and the team integration suite, each on a code-server
# (and a PostgreSQL server) of its own, since each stops its PostgreSQL server to see the fallback. Cleanup stops the
# PostgreSQL servers in any case (their process groups are in SERVER_PGIDS).
TEAM_URL=; TEAM_COMMIT=; TEAM_INFO=; TEAM_READER_PASSWORD=
team_store() { # <name>: workspace $RUN/<name>, server info $RUN/<name>-pg.json; sets TEAM_*
  local ws="$RUN/$1" writer_pw pid port
  TEAM_INFO="$RUN/$1-pg.json"
  node "$OUT/e2e/fixture.js" "$ws" || return 1
  printf '.semsearch/\n' >"$ws/.gitignore"
  git -C "$ws" init -q && git -C "$ws" add -A \
    && git -C "$ws" -c user.name=e2e -c user.email=e2e@localhost -c commit.gpgsign=false commit -qm "e2e fixture" || return 1
  TEAM_COMMIT=$(git -C "$ws" rev-parse HEAD)
  writer_pw=$(node -p "require('crypto').randomBytes(12).toString('hex')")
  TEAM_READER_PASSWORD=$(node -p "require('crypto').randomBytes(12).toString('hex')")
  env TEAM_WRITER_PASSWORD="$writer_pw" TEAM_READER_PASSWORD="$TEAM_READER_PASSWORD" \
    setsid node "$HERE/team-pg.mjs" "$TEAM_INFO" >"$RUN/$1-pg.log" 2>&1 </dev/null &
  pid=$!
  SERVER_PGIDS+=("$pid")
  for _ in $(seq 300); do [ -f "$TEAM_INFO" ] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  [ -f "$TEAM_INFO" ] || { cat "$RUN/$1-pg.log" >&2; return 1; }
  port=$(node -p "require('$TEAM_INFO').port")
  log "team store for $1 up on 127.0.0.1:$port; publishing $1 ($TEAM_COMMIT) as semsearch_writer"
  (cd "$ROOT" && PGPASSWORD="$writer_pw" node bin/semsearch.js index "$ws" --store "postgres://semsearch_writer@127.0.0.1:$port/postgres" \
    --model "$MODEL_DIR" --json) >"$RUN/$1-publish.log" 2>&1 || { cat "$RUN/$1-publish.log" >&2; return 1; }
  grep -q '"publish"' "$RUN/$1-publish.log" || { cat "$RUN/$1-publish.log" >&2; return 1; }
  TEAM_URL="postgres://semsearch_reader@127.0.0.1:$port/postgres"
}
if [ "$ONLY" = all ] || [ "$ONLY" = ui ] || [ "$ONLY" = team ]; then
  # The user has put the store's URL (no password) in their settings; the spec types the password.
  user_dir "$RUN/ud-team-ui"
  if team_store ws-team-ui \
      && node -e "const f=process.argv[1],s=JSON.parse(require('fs').readFileSync(f,'utf8'));s['semanticSearch.teamStore.url']=process.argv[2];require('fs').writeFileSync(f,JSON.stringify(s,null,1))" \
        "$RUN/ud-team-ui/User/settings.json" "$TEAM_URL" \
      && install_extension "$RUN/exts-team-ui" "$RUN/ud-team-ui" && start_server team-ui "$RUN/exts-team-ui" "$RUN/ud-team-ui"; then
    phase ui-team "$RUN/ui-team-results.json" env E2E_UI_SPECS=team E2E_TEAM_INFO="$TEAM_INFO" E2E_TEAM_COMMIT="$TEAM_COMMIT" \
      E2E_TEAM_PASSWORD="$TEAM_READER_PASSWORD" node "$OUT/e2e/ui.js" "$URL" "$RUN/ws-team-ui" "$ART" "$RUN/ui-team-results.json"
  else
    PHASES+=("ui-team=$RUN/none.json")
  fi
fi
if [ "$ONLY" = all ] || [ "$ONLY" = integration ] || [ "$ONLY" = team ]; then
  user_dir "$RUN/ud-team"
  if team_store ws-team && start_server team "$RUN/exts-team" "$RUN/ud-team" SEMSEARCH_IT_SUITE=team \
      SEMSEARCH_IT_RESULTS="$RUN/it-team-results.json" SEMSEARCH_IT_TEAM_URL="$TEAM_URL" SEMSEARCH_IT_TEAM_COMMIT="$TEAM_COMMIT" \
      SEMSEARCH_IT_TEAM_PASSWORD="$TEAM_READER_PASSWORD" SEMSEARCH_IT_TEAM_INFO="$TEAM_INFO"; then
    phase integration-team "$RUN/it-team-results.json" \
      node "$OUT/e2e/integration.js" "$URL" "$RUN/ws-team" "$EXT_DIR" "$OUT/integration/index.js"
  else
    PHASES+=("integration-team=$RUN/none.json")
  fi
fi

# ---- summary ----------------------------------------------------------------------------------------------
log "artifacts: $ART ; logs: $RUN"
node "$HERE/summary.js" "$RUN" "${PHASES[@]}"
