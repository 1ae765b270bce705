#!/usr/bin/env bash
# VS Code end-to-end test: packages the extension as a .vsix (server jar inside), installs it
# into code-server 4.100.3 (VS Code 1.100), opens a copy of the order-service fixture and runs
# test/suite in the real extension host through the `payload` URL, driven by headless Chromium
# (puppeteer-core). Needs the Debian packages of clients/ci-deps.sh, Node 20, Java 17+ and Maven.
# Everything else it installs itself: npm packages into clients/vscode/node_modules, code-server
# into clients/vscode/.cache (both git-ignored).
# PERFLENS_UPDATE_SCREENSHOT=1 also copies the screenshots the README shows to docs/images/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$here/test-output"
started=$(date +%s)
step() { echo "vscode test: $* ($(( $(date +%s) - started )) s)"; }

for tool in node npm java chromium rg; do
  command -v "$tool" >/dev/null || { echo "vscode test: $tool is missing; run clients/ci-deps.sh" >&2; exit 2; }
done
cd "$here"
rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d)"
install_pid=""
pgid=""
cleanup() {
  # The background install (when the build failed first) and code-server's process group.
  if [[ -n "$install_pid" ]]; then kill -- "-$install_pid" 2>/dev/null || true; fi
  if [[ -n "$pgid" ]]; then kill -- "-$pgid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# code-server installs in the background while the extension is built: both mostly wait for
# the registry and the disk.
setsid bash "$here/test/install-code-server.sh" >"$out/code-server-path" 2>"$out/install-code-server.log" &
install_pid=$!

step "building the .vsix (npm ci when package-lock.json changed, tsc, vsce)"
bash "$here/build-vsix.sh" "$out/perflens.vsix" >"$out/build-vsix.log" 2>&1 \
  || { cat "$out/build-vsix.log" >&2; exit 1; }

step "node tests: src/protocol.ts against the Java DTOs, Java discovery"
node --test --test-reporter=spec test/protocol.test.mjs test/java.test.mjs

step "waiting for the code-server install"
install_status=0
wait "$install_pid" || install_status=$?
install_pid=""
[[ $install_status -eq 0 ]] || { tail -n 40 "$out/install-code-server.log" >&2; exit 1; }
code_server="$(cat "$out/code-server-path")"
cp -r "$repo/fixtures/projects/order-service" "$work/order-service"
# The smallest real benchmark settings (one fork per variant, short iterations), as a team would
# set them in .perflens.json: the benchmark test then runs JMH for real in about half a minute.
cp "$repo/clients/test-benchmark.perflens.json" "$work/order-service/.perflens.json"
mkdir -p "$work/user/User" "$work/extensions"
cat > "$work/user/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "workbench.enableExperiments": false,
  "perflens.analysis.debounceMs": 50
}
JSON
# No extension gallery: code-server would query one on the internet (the test needs none).
export EXTENSIONS_GALLERY='{}'
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
echo "bind-addr: 127.0.0.1:$port" > "$work/config.yaml"
common=(--config "$work/config.yaml" --user-data-dir "$work/user" --extensions-dir "$work/extensions")

step "installing the .vsix into code-server"
"$code_server" "${common[@]}" --install-extension "$out/perflens.vsix" >"$out/install-extension.log" 2>&1 \
  || { cat "$out/install-extension.log" >&2; exit 1; }
extension_dir="$(ls -d "$work"/extensions/perflens.perflens-*)"

step "starting code-server on port $port"
PERFLENS_TEST_OUT="$out" setsid "$code_server" "${common[@]}" --auth none --bind-addr "127.0.0.1:$port" \
  --disable-telemetry --disable-update-check --disable-workspace-trust "$work/order-service" \
  >"$out/code-server.log" 2>&1 &
pgid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "vscode test: code-server did not start" >&2; cat "$out/code-server.log" >&2; exit 1; }

remote="vscode-remote://127.0.0.1:$port"
payload="[[\"extensionDevelopmentPath\",\"$remote$extension_dir\"],[\"extensionTestsPath\",\"$remote$here/test/suite\"]]"
url="http://127.0.0.1:$port/?folder=$work/order-service&payload=$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$payload")"

step "running the extension-host tests in headless Chromium"
drive_status=0
node test/drive.mjs "$url" "$out" 420 || drive_status=$?

node - "$out/results.json" <<'JS'
const fs = require('fs');
const file = process.argv[2];
const results = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
for (const r of results) {
  console.log(`${r.ok ? 'ok' : 'not ok'} - ${r.name} (${r.ms} ms)`);
  if (!r.ok) console.log('  ' + r.error.split('\n').join('\n  '));
}
JS
passed="$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(r.filter(x=>x.ok).length)' "$out/results.json" 2>/dev/null || echo 0)"
failed="$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(r.filter(x=>!x.ok).length)' "$out/results.json" 2>/dev/null || echo 1)"
[[ $drive_status -eq 0 ]] || failed=$((failed + 1))
if [[ "${PERFLENS_UPDATE_SCREENSHOT:-}" == 1 && $failed -eq 0 ]]; then
  # The README's pictures; pngquant (Debian package) keeps them small when it is installed.
  mkdir -p "$repo/docs/images"
  for shot in vscode-diagnostic vscode-quick-fix vscode-benchmark-result; do
    if command -v pngquant >/dev/null; then
      pngquant --quality 60-85 --speed 1 --strip --force --output "$repo/docs/images/$shot.png" "$out/$shot.png"
    else
      cp "$out/$shot.png" "$repo/docs/images/$shot.png"
    fi
  done
fi
step "done; screenshots and logs in $out"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
