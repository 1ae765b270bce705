#!/usr/bin/env bash
# Headless Neovim end-to-end test of the Perflens plugin against the real server jar.
# Needs nvim (Debian package `neovim`, see clients/ci-deps.sh), Java 17+ and Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$here/test-output"
jar="$repo/server/lsp/target/perflens.jar"

command -v nvim >/dev/null || { echo "neovim test: nvim is missing; run clients/ci-deps.sh" >&2; exit 2; }
if [[ ! -f "$jar" ]]; then
  echo "neovim test: building the server jar" >&2
  mvn -B -q -o -f "$repo/pom.xml" -DskipTests package || mvn -B -q -ntp -f "$repo/pom.xml" -DskipTests package
fi

rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$repo/fixtures/projects/order-service" "$work/order-service"
# The smallest real benchmark settings, as a team would set them in .perflens.json.
cp "$repo/clients/test-benchmark.perflens.json" "$work/order-service/.perflens.json"

echo "neovim test: $(nvim --version | head -1)"
# XDG folders in the temp dir: no user config, the LSP log lands in the test output.
status=0
XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$out/cache" XDG_STATE_HOME="$out/state" \
PERFLENS_PLUGIN="$here" PERFLENS_JAR="$jar" PERFLENS_WORKSPACE="$work/order-service" \
  timeout 420 nvim --headless -u NONE -n -i NONE -c "luafile $here/test/e2e.lua" </dev/null 2>"$out/nvim.stderr" || status=$?
if [[ $status -ne 0 ]]; then
  echo "neovim test: failed (exit $status); nvim's stderr and the LSP log are under $out" >&2
  tail -n 20 "$out/nvim.stderr" >&2 || true
fi
exit $status
