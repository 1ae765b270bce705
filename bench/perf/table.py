"""Prints the tables of bench/perf/run.sh from the raw figures it left in bench/perf/out/:
medians over the runs that completed, ratios Perflens / PMD, the edit latency and the memory."""
import glob, json, os, statistics, sys

out = sys.argv[1]
corpora = sys.argv[2].split()
threads = sys.argv[3]


def runs(name, tool):
    rows = []
    for path in sorted(glob.glob(f'{out}/{name}.{tool}.*.time')):
        fields = open(path).read().split()
        if len(fields) >= 4:  # /usr/bin/time -f '%e %U %S %M': wall, user, sys, peak RSS KiB
            rows.append([float(x) for x in fields[-4:]])
    return rows


def medians(rows):
    return (statistics.median(r[0] for r in rows), statistics.median(r[1] + r[2] for r in rows),
            statistics.median(r[3] for r in rows) / 1024)


def figures(path):
    if not os.path.exists(path):
        return None
    pairs = [line.split() for line in open(path) if len(line.split()) == 2]
    return dict(pairs) if pairs else None


rows = []
for name in corpora:
    perflens, pmd = runs(name, 'perflens'), runs(name, 'pmd')
    n = min(len(perflens), len(pmd))
    if n == 0:
        continue
    (pw, pc, pr), (qw, qc, qr) = medians(perflens[:n]), medians(pmd[:n])
    report = json.load(open(f'{out}/{name}.perflens.json'))
    violations = sum(1 for line in open(f'{out}/{name}.pmd.txt') if line.strip())
    rows.append(f"| {name} | {report['summary']['files']} | {n} | {pw:.1f} | {qw:.1f} | **{pw / qw:.2f}** | {pc:.1f} | {qc:.1f} "
                f"| {pc / qc:.2f} | {pr:.0f} | {qr:.0f} | **{pr / qr:.2f}** | {len(report['findings'])} | {violations} |")
if rows:
    print(f'## perflens check vs PMD 7.27.0 category/java/performance.xml (medians of alternating runs; both on {threads} threads)')
    print()
    print('| corpus | files | runs each | perflens wall s | PMD wall s | wall ratio (target <= 0.5) | perflens CPU s '
          '| PMD CPU s | CPU ratio | perflens peak RSS MiB | PMD peak RSS MiB | RSS ratio (target <= 1) '
          '| perflens findings | PMD violations |')
    print('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    print('\n'.join(rows))
    print()

latency = figures(f'{out}/latency.txt')
if latency and 'median_ms' in latency:
    print('## Edit -> publishDiagnostics, StringUtils.java of commons-lang3 (debounce 0, real server over stdio)')
    print()
    print('| edits | median ms (target <= 100) | p95 ms (target <= 250) | max ms | min ms | first open ms |')
    print('|---|---|---|---|---|---|')
    print(f"| {latency['edits']} | **{latency['median_ms']}** | **{latency['p95_ms']}** | {latency['max_ms']} "
          f"| {latency['min_ms']} | {latency['open_ms']} |")
    print()

memory = figures(f'{out}/memory.txt')
if memory and 'heap_used_mib' in memory:
    print('## Server memory, guava opened and analysed (every file opened, then jcmd GC.run + GC.heap_info)')
    print()
    print('| files | analysis s | heap used after full GC MiB (target <= 512) | process RSS MiB |')
    print('|---|---|---|---|')
    print(f"| {memory['files']} | {memory['analysis_s']} | **{memory['heap_used_mib']}** | {memory['rss_mib']} |")
    print()
