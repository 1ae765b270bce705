#!/usr/bin/env bash
# Checks that a speed change left the findings alone: runs `perflens check --format json` with a
# baseline jar (built from the commit before the change) and with this checkout's jar on every
# downloaded corpus (fixtures/corpora/fetch.sh), and diffs the reports.
#   bench/perf/compare-findings.sh BASELINE.jar [CHECK OPTIONS...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
baseline="${1:?usage: compare-findings.sh BASELINE.jar [CHECK OPTIONS...]}"
shift
out="$here/out/compare"
mkdir -p "$out"
"$root/fixtures/corpora/fetch.sh" >/dev/null
status=0
for corpus in "$root"/fixtures/corpora/downloaded/*/; do
  name="$(basename "$corpus")"
  [[ "$name" == reports ]] && continue
  java -Xss4m -jar "$baseline" check "$corpus" --format json --output "$out/$name.before.json" --fail-on none 2>/dev/null
  java -Xss4m -jar "$root/server/lsp/target/perflens.jar" check "$corpus" --format json \
    --output "$out/$name.after.json" --fail-on none "$@" 2>/dev/null
  if cmp -s "$out/$name.before.json" "$out/$name.after.json"; then
    echo "$name: identical ($(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(len(r['findings']), 'findings,', len(r['problems']), 'problems')" "$out/$name.after.json"))"
  else
    echo "$name: DIFFERENT"
    diff <(python3 -m json.tool "$out/$name.before.json") <(python3 -m json.tool "$out/$name.after.json") | head -20
    status=1
  fi
done
exit $status
