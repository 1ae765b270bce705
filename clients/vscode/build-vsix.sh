#!/usr/bin/env bash
# Builds the VS Code extension as a .vsix with the server jar inside:
#   clients/vscode/build-vsix.sh [OUTPUT.vsix]     (default: clients/vscode/perflens.vsix)
# Installs the npm packages from package-lock.json first (again only when the lock changed) and
# builds server/lsp/target/perflens.jar when it is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
vsix="$(realpath -m "${1:-$here/perflens.vsix}")"
jar="$repo/server/lsp/target/perflens.jar"

if [[ ! -f "$jar" ]]; then
  echo "build-vsix: building the server jar" >&2
  mvn -B -q -o -f "$repo/pom.xml" -DskipTests package || mvn -B -q -ntp -f "$repo/pom.xml" -DskipTests package
fi
cd "$here"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ "$(cat node_modules/.perflens-lock 2>/dev/null)" != "$lock_sum" ]]; then
  echo "build-vsix: npm ci" >&2
  # puppeteer-core drives Debian's chromium: no browser download.
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  echo "$lock_sum" > node_modules/.perflens-lock
fi
rm -rf out server schema
npx tsc -p .
mkdir -p server schema
cp "$jar" server/perflens.jar
# VS Code validates and completes .perflens.json with the policy's schema.
cp "$repo/docs/perflens.schema.json" schema/perflens.schema.json
# No LICENSE or repository URL is published yet; vsce would stop to ask about both.
npx vsce package --skip-license --allow-missing-repository -o "$vsix" >&2
echo "$vsix"
