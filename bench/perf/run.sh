#!/usr/bin/env bash
# Perflens against PMD 7 on real code, and the language server's edit latency and memory.
# One command from a clean checkout (Java 17, Maven, python3, /usr/bin/time, jcmd):
#
#   bench/perf/run.sh [--runs N] [--corpora "commons-lang3 guava jackson-databind"]
#                     [--only check|lsp|memory] [--no-build]
#   bench/perf/run.sh --report     # the tables again from bench/perf/out/ (runs that completed)
#
# 1. builds the server jar (mvn package, offline first), fetches the corpora's sources jars
#    from Maven Central (fixtures/corpora/fetch.sh) and assembles PMD's CLI (bench/perf/pmd.sh);
# 2. per corpus, runs `perflens check` and PMD `check -R category/java/performance.xml` on the
#    same folder, alternating (A B A B ...), N runs each (default 5), under /usr/bin/time:
#    wall time, CPU time (user + sys) and peak RSS; prints medians and the ratio;
# 3. edit latency through the real server over stdio (bench/perf/LspProbe.java): StringUtils.java
#    of commons-lang3, debounce 0, 200 single-character edits, didChange -> publishDiagnostics of
#    that version: median, p95, max;
# 4. server memory: every guava file opened and analysed, then a full GC (jcmd GC.run) and the
#    heap's used bytes (jcmd GC.heap_info).
# Raw figures go to bench/perf/out/ (ignored by git); the table is printed and written to
# bench/perf/out/table.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
runs=5
corpora="commons-lang3 guava jackson-databind"
only=""
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --corpora) corpora="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --report) python3 "$here/table.py" "$out" "$corpora" "$(nproc)"; exit 0 ;;
    *) echo "usage: $0 [--runs N] [--corpora \"NAMES\"] [--only check|lsp|memory] [--no-build] | --report" >&2; exit 2 ;;
  esac
done
for tool in java mvn python3 jcmd /usr/bin/time; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench/perf/run.sh: $tool is missing (/usr/bin/time: apt-get install time)" >&2
    exit 2
  fi
done
wants() { [[ -z "$only" || "$only" == "$1" ]]; }

jar="$root/server/lsp/target/perflens.jar"
if [[ $build == 1 || ! -f "$jar" ]]; then
  echo "building the server jar ..." >&2
  if ! mvn -B -q -o -f "$root/pom.xml" -DskipTests package >/dev/null 2>&1; then
    mvn -B -q -ntp -f "$root/pom.xml" -DskipTests package >&2
  fi
fi
echo "fetching corpora ..." >&2
"$root/fixtures/corpora/fetch.sh" $corpora commons-lang3 guava >&2
corpus_dir() { echo "$root/fixtures/corpora/downloaded/$1"; }
for name in $corpora commons-lang3 guava; do
  if [[ ! -d "$(corpus_dir "$name")" ]]; then
    echo "bench/perf/run.sh: no corpus '$name' (fixtures/corpora/fetch.sh lists the known ones)" >&2
    exit 2
  fi
done
threads="$(nproc)"
mkdir -p "$out"
if wants check; then
  rm -f "$out"/*.time
fi
wants lsp && rm -f "$out/latency.txt"
wants memory && rm -f "$out/memory.txt"
rm -f "$out/table.md"

{
  echo "# bench/perf/run.sh, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), \
$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory, \
$(java -version 2>&1 | head -2 | tail -1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} > "$out/table.md"

# One timed run: name, tool, run index, command...
timed() {
  local name="$1" tool="$2" index="$3"
  shift 3
  /usr/bin/time -f '%e %U %S %M' -o "$out/$name.$tool.$index.time" "$@" >/dev/null 2>"$out/$name.$tool.$index.stderr" || {
    local status=$?
    # perflens exits 0 or 1 (findings), PMD 0 or 4 (violations): anything else is a failure.
    if [[ $status -ne 1 && $status -ne 4 ]]; then
      echo "$tool failed on $name (exit $status), see $out/$name.$tool.$index.stderr" >&2
      exit 1
    fi
  }
}

if wants check; then
  pmd_lib="$("$here/pmd.sh")"
  for name in $corpora; do
    dir="$(corpus_dir "$name")"
    files="$(find "$dir" -name '*.java' | wc -l)"
    echo "$name: $files files, $runs runs each, alternating perflens and PMD ..." >&2
    for ((i = 1; i <= runs; i++)); do
      timed "$name" perflens "$i" "$root/bin/perflens" check "$dir" --format json \
        --output "$out/$name.perflens.json" --fail-on none
      timed "$name" pmd "$i" java -cp "$pmd_lib/*" net.sourceforge.pmd.cli.PmdCli check -d "$dir" \
        -R category/java/performance.xml -f text -r "$out/$name.pmd.txt" --no-progress \
        --no-fail-on-violation --threads "$threads"
      echo "  run $i: perflens $(cut -d' ' -f1 "$out/$name.perflens.$i.time") s, pmd $(cut -d' ' -f1 "$out/$name.pmd.$i.time") s" >&2
    done
  done
fi

probe() {
  java -Dperflens.home="$root" -Dprobe.timeout=900 -cp "$jar" "$here/LspProbe.java" "$@" 2>"$out/probe.stderr"
}
if wants lsp; then
  echo "edit latency on StringUtils.java ..." >&2
  lang3="$(corpus_dir commons-lang3)"
  probe latency "$lang3" "$lang3/org/apache/commons/lang3/StringUtils.java" 200 > "$out/latency.txt"
fi
if wants memory; then
  echo "server memory on guava (opens and analyses every file) ..." >&2
  probe memory "$(corpus_dir guava)" > "$out/memory.txt"
fi
python3 "$here/table.py" "$out" "$corpora" "$threads" >> "$out/table.md"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/table.md"
cat "$out/table.md"
