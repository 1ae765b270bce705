#!/usr/bin/env bash
# What `perflens check` costs without any rule: the floor set by starting the JVM and by JDT
# (parsing, binding resolution, DOM conversion). Runs check on a copy of a corpus whose
# .perflens.json disables every rule, alternating with the normal check, N runs each.
#   bench/perf/floor.sh [CORPUS] [RUNS] [CHECK OPTIONS...]   (default: commons-lang3 3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
name="${1:-commons-lang3}"
runs="${2:-3}"
shift $(( $# > 2 ? 2 : $# ))
"$root/fixtures/corpora/fetch.sh" "$name" >/dev/null
work="$here/out/floor"
rm -rf "$work" && mkdir -p "$work"
cp -r "$root/fixtures/corpora/downloaded/$name" "$work/$name"
python3 - "$root/docs/rules" "$work/$name/.perflens.json" <<'PY'
import json, os, sys
ids = sorted(f[:-3] for f in os.listdir(sys.argv[1]) if f.endswith('.md'))
json.dump({'rules': {i: {'enabled': False} for i in ids}}, open(sys.argv[2], 'w'), indent=1)
PY
for ((i = 1; i <= runs; i++)); do
  for variant in rules none; do
    dir="$root/fixtures/corpora/downloaded/$name"
    [[ $variant == none ]] && dir="$work/$name"
    /usr/bin/time -f '%e %U %S %M' -o "$work/$variant.$i.time" "$root/bin/perflens" check "$dir" --format json \
      --output "$work/$variant.json" --fail-on none "$@" >/dev/null 2>"$work/$variant.stderr" || true
  done
done
python3 - "$work" "$runs" "$name" <<'PY'
import json, statistics, sys
work, runs, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def med(v):
    rows = [list(map(float, open(f'{work}/{v}.{i}.time').read().split()[-4:])) for i in range(1, runs + 1)]
    return statistics.median(r[0] for r in rows), statistics.median(r[1] + r[2] for r in rows), statistics.median(r[3] for r in rows) / 1024
print(f'| {name} | check, all rules | check, no rule (floor) |')
print('|---|---|---|')
a, b = med('rules'), med('none')
print(f'| wall s | {a[0]:.1f} | {b[0]:.1f} |')
print(f'| CPU s | {a[1]:.1f} | {b[1]:.1f} |')
print(f'| peak RSS MiB | {a[2]:.0f} | {b[2]:.0f} |')
print(f"| findings | {len(json.load(open(f'{work}/rules.json'))['findings'])} | {len(json.load(open(f'{work}/none.json'))['findings'])} |")
PY
