#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100, the newest that runs on Node 20) from the npm
# registry into clients/vscode/.cache/code-server-4.100.3, without the downloads its install
# scripts would make outside the registries (ripgrep from GitHub, argon2 prebuilts, Node headers).
# Needs the Debian packages of clients/ci-deps.sh. Prints the path of the code-server binary.
#
# Only the native modules the editor test needs are built: argon2 (code-server loads it at start)
# and native-watchdog (the extension host's). @vscode/spdlog (log files), node-pty (terminals),
# kerberos (proxy authentication) and the Windows-only modules are left unbuilt: building them
# took most of the install time, and VS Code runs without them (it reports the missing log
# module once and keeps going).
set -euo pipefail

version=4.100.3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$here/.cache/code-server-$version"
stamp="$prefix/.installed"

if [[ -f "$stamp" && -x "$prefix/node_modules/.bin/code-server" ]]; then
  echo "$prefix/node_modules/.bin/code-server"
  exit 0
fi

command -v rg >/dev/null || { echo "install-code-server: ripgrep (rg) is missing; run clients/ci-deps.sh" >&2; exit 2; }
rm -rf "$prefix"
mkdir -p "$prefix"
cd "$prefix"
echo '{"name":"perflens-code-server-cache","private":true}' > package.json
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false \
       npm_config_loglevel=error
# Build against the installed Node headers (Debian's nodejs ships them) instead of downloading them.
if [[ -f /usr/include/node/node.h ]]; then
  export npm_config_nodedir=/usr
fi
started=$(date +%s)
step() { echo "== $* ($(( $(date +%s) - started )) s)"; }
{
  step "npm install --ignore-scripts code-server@$version"
  npm install --no-save --ignore-scripts "code-server@$version"
  cd node_modules/code-server/lib/vscode
  step "VS Code's dependencies, without install scripts"
  npm install --omit=dev --ignore-scripts
  # @vscode/ripgrep's postinstall downloads rg unless bin/ exists: use Debian's ripgrep.
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  step "building native-watchdog"
  npm rebuild native-watchdog
  cd ../..
  step "code-server's postinstall (links, built-in extensions' dependencies)"
  # The script reads the Node version and the package manager from npm's user agent, which npm
  # sets only for scripts it runs itself; as root it also wants unsafe-perm.
  npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64" npm_config_unsafe_perm=true \
    sh ./postinstall.sh
  cd "$prefix"
  step "building argon2 from source (its install would try a prebuilt download first)"
  npm_config_build_from_source=true npm rebuild argon2
  step "done"
} >&2
[[ -x "$prefix/node_modules/.bin/code-server" ]] || { echo "install-code-server: no code-server binary after install" >&2; exit 1; }
touch "$stamp"
echo "$prefix/node_modules/.bin/code-server"
