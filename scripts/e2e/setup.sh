#!/usr/bin/env bash
# One job: make this machine able to run the code-server E2E (docs: shared/docs/vscode-e2e.md).
# Idempotent; safe on a clean CI machine running as root. Reruns skip what is already in place.
#   - Debian packages: chromium, fonts, ripgrep, the -dev libraries code-server's native modules build against
#   - code-server (+ node-gyp@12 beside it) in .e2e/cs, keyed on its version
#   - playwright-core (a devDependency) in the repo's node_modules
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E="$ROOT/.e2e"
CS_VERSION=${CS_VERSION:-4.100.3}
CS_HOST="$E2E/cs"
CACHE="$E2E/cache"
export TMPDIR=${TMPDIR:-/tmp} npm_config_yes=true npm_config_update_notifier=false
log() { printf '[e2e-setup %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
mkdir -p "$E2E" "$CACHE"

# ---- 1. Debian packages (never Debian's nodejs/npm/node-*) -------------------------------------------
APT_PKGS=(chromium fonts-liberation ripgrep libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev build-essential python3 pkg-config)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "setup.sh: need root for apt-get install ${missing[*]}" >&2; exit 1; }
  log "apt: installing ${missing[*]}"
  apt-get update -qq
  # Refuse anything that would remove packages (e.g. NodeSource's nodejs being replaced by Debian's).
  sim=$(DEBIAN_FRONTEND=noninteractive apt-get install -s --no-install-recommends "${missing[@]}")
  if grep -E '^Remv ' <<<"$sim"; then
    echo "setup.sh: apt would REMOVE the packages above; refusing (Debian nodejs/npm must not replace node)." >&2
    exit 1
  fi
  if grep -E '^Inst (nodejs|npm|node-|libnode)' <<<"$sim"; then
    echo "setup.sh: apt would install Debian node packages (above); refusing." >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$E2E/apt.log" 2>&1 \
    || { tail -30 "$E2E/apt.log" >&2; exit 1; }
else
  log "apt: all packages present"
fi
command -v node >/dev/null || { echo "setup.sh: node is missing" >&2; exit 1; }

# ---- 2. playwright-core (devDependency of the repo; no browser download) ------------------------------
if [ ! -d "$ROOT/node_modules" ]; then
  log "npm ci (repo dependencies incl. playwright-core)"
  (cd "$ROOT" && npm ci --no-audit --no-fund >"$E2E/npm-ci.log" 2>&1) || { tail -30 "$E2E/npm-ci.log" >&2; exit 1; }
fi
[ -f "$ROOT/node_modules/playwright-core/package.json" ] \
  || { echo "setup.sh: node_modules lacks playwright-core: run 'npm ci' (or npm install) in $ROOT" >&2; exit 1; }

# ---- 3. code-server in a host package, skipped when the right version is there -------------------------
installed_version() {
  node -p "try{require('$CS_HOST/node_modules/code-server/package.json').version}catch(e){''}" 2>/dev/null
}
if [ "$(installed_version)" = "$CS_VERSION" ] && [ -x "$CS_HOST/node_modules/.bin/code-server" ] \
   && [ -f "$CS_HOST/.installed-ok" ]; then
  log "code-server $CS_VERSION already installed in $CS_HOST"
else
  if [ -f /usr/include/node/node_api.h ]; then export npm_config_nodedir=/usr; fi
  CS_TGZ="$CACHE/code-server-$CS_VERSION.tgz"
  if [ ! -s "$CS_TGZ" ]; then
    log "npm pack code-server@$CS_VERSION"
    f=$(cd "$CACHE" && npm pack --silent "code-server@$CS_VERSION" | tail -1)
    [ "$CACHE/$f" = "$CS_TGZ" ] || mv "$CACHE/$f" "$CS_TGZ"
  fi
  # Seed @vscode/ripgrep's download cache from Debian's rg: versions come from the shipped shrinkwrap.
  RG_VER=$(tar xzOf "$CS_TGZ" package/lib/vscode/npm-shrinkwrap.json | node -e '
    let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages["node_modules/@vscode/ripgrep"];
    if(!p){process.exit(3)}console.log(p.version)})')
  RG_TGZ="$CACHE/vscode-ripgrep-$RG_VER.tgz"
  if [ ! -s "$RG_TGZ" ]; then
    f=$(cd "$CACHE" && npm pack --silent "@vscode/ripgrep@$RG_VER" | tail -1)
    [ "$CACHE/$f" = "$RG_TGZ" ] || mv "$CACHE/$f" "$RG_TGZ"
  fi
  RG_TAG=$(tar xzOf "$RG_TGZ" package/lib/postinstall.js | sed -n "s/^const VERSION = '\(.*\)';.*/\1/p" | head -1)
  [ -n "$RG_TAG" ] || { echo "setup.sh: could not read the ripgrep tag from @vscode/ripgrep@$RG_VER" >&2; exit 1; }
  case "$(uname -m)" in x86_64) RG_TRIPLE=x86_64-unknown-linux-musl;; aarch64) RG_TRIPLE=aarch64-unknown-linux-musl;;
    *) echo "setup.sh: unsupported arch $(uname -m)" >&2; exit 1;; esac
  RG_CACHE="$TMPDIR/vscode-ripgrep-cache-$RG_VER"
  mkdir -p "$RG_CACHE/stage"; cp /usr/bin/rg "$RG_CACHE/stage/rg"
  tar czf "$RG_CACHE/ripgrep-$RG_TAG-$RG_TRIPLE.tar.gz" -C "$RG_CACHE/stage" rg
  log "seeded ripgrep cache: @vscode/ripgrep $RG_VER, tag $RG_TAG"

  log "npm install code-server@$CS_VERSION + node-gyp@12 into $CS_HOST (takes ~1 min)"
  rm -rf "$CS_HOST"; mkdir -p "$CS_HOST"
  echo '{"name":"semsearch-e2e-cs-host","private":true}' >"$CS_HOST/package.json"
  # --unsafe-perm: code-server's postinstall refuses root otherwise (npm 11 warns about the flag; harmless).
  (cd "$CS_HOST" && npm_config_unsafe_perm=true npm install --unsafe-perm --no-audit --no-fund \
      "$CS_TGZ" node-gyp@12 >"$E2E/cs-install.log" 2>&1) || { tail -40 "$E2E/cs-install.log" >&2; exit 1; }
  [ "$(installed_version)" = "$CS_VERSION" ] || { echo "setup.sh: code-server install did not produce $CS_VERSION" >&2; exit 1; }
  touch "$CS_HOST/.installed-ok"
fi
log "ready: code-server $(installed_version) in $CS_HOST"
