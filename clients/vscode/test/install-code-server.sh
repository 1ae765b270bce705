#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100, the newest that runs on Node 20) from the npm
# registry into clients/vscode/.cache/code-server, without the downloads its install scripts
# would make outside the registries (ripgrep from GitHub, argon2 prebuilts). Needs the Debian
# packages from clients/ci-deps.sh. Prints the path of the code-server binary on stdout.
set -euo pipefail

version=4.100.3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$here/.cache/code-server-$version"
bin="$prefix/node_modules/code-server/out/node/entry.js"
stamp="$prefix/.installed"

if [[ -f "$stamp" && -f "$bin" ]]; then
  echo "$prefix/node_modules/.bin/code-server"
  exit 0
fi

command -v rg >/dev/null || { echo "install-code-server: ripgrep (rg) is missing; run clients/ci-deps.sh" >&2; exit 2; }
rm -rf "$prefix"
mkdir -p "$prefix"
cd "$prefix"
echo '{"name":"perflens-code-server-cache","private":true}' > package.json
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false npm_config_audit=false \
       npm_config_update_notifier=false
{
  echo "== npm install --ignore-scripts code-server@$version"
  npm install --no-save --ignore-scripts "code-server@$version"
  cd node_modules/code-server/lib/vscode
  echo "== vscode: npm install --omit=dev --ignore-scripts"
  npm install --omit=dev --ignore-scripts
  # @vscode/ripgrep's postinstall downloads rg unless bin/ exists: use Debian's ripgrep.
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  echo "== vscode: npm rebuild"
  npm rebuild
  cd ../..
  echo "== code-server postinstall"
  # The script reads the Node version and the package manager from npm's user agent, which
  # npm sets only for scripts it runs itself.
  npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64" sh ./postinstall.sh
  cd "$prefix"
  echo "== npm rebuild argon2"
  npm rebuild argon2
} >&2
[[ -x "$prefix/node_modules/.bin/code-server" ]] || { echo "install-code-server: no code-server binary after install" >&2; exit 1; }
touch "$stamp"
echo "$prefix/node_modules/.bin/code-server"
