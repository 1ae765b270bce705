// "Perflens: Run Benchmark for This Finding" and "Perflens: Open Benchmark Report". The run is
// the server's perflens/benchmark request with a progress token of ours: its $/progress reports
// fill a notification whose Cancel button cancels the request's token, which the language client
// turns into $/cancelRequest (the server then kills the benchmark's JVM). The result is shown
// with its speed-up and interval, as the server measured them, and a button for the report.
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, WorkDoneProgress } from 'vscode-languageclient/node';
import { BenchmarkParams, BenchmarkRequest, BenchmarkResult, BenchmarkRow, ServerCommands } from './protocol';
import { BenchmarkMode } from './settings';

/** The command the server puts on its "Benchmark this fix" code actions, and ours that replaces it. */
export const SERVER_BENCHMARK_COMMAND = ServerCommands.benchmark;
export const RUN_BENCHMARK_COMMAND = 'perflens.runBenchmark';
const REQUEST_CANCELLED = -32800;
const OPEN_REPORT = 'Open Report';

/** What the last run reported, for the status of a run in progress and for the tests. */
export interface BenchmarkRun {
    token: string;
    /** Each $/progress message in order: "begin: ...", "report: fork 1/2: original (40%)", "end: ...". */
    progress: string[];
    outcome: 'running' | 'done' | 'canceled' | 'failed';
    result?: BenchmarkResult;
}

let runs = 0;

/** "12.3x": a speed-up as people read it. */
function times(value: number): string {
    return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toPrecision(3)}x`;
}

/** The speed-up at the largest measured size with its 99.9% interval, e.g. "342x (99.9% interval 259x to 452x) at n=3000". */
export function speedupText(result: BenchmarkResult): string | undefined {
    const rows: BenchmarkRow[] = result.rows ?? [];
    const largest = rows[rows.length - 1];
    if (!largest || largest.speedup == null) {
        return undefined;
    }
    const interval = largest.speedupLow != null && largest.speedupHigh != null
        ? ` (99.9% interval ${times(largest.speedupLow)} to ${times(largest.speedupHigh)})` : '';
    return `speed-up ${times(largest.speedup)}${interval} at n=${largest.size}`;
}

/** The benchmark request's parameters: the settings' mode, unless the team's .perflens.json should decide. */
export function benchmarkParams(target: Partial<BenchmarkParams>, mode: BenchmarkMode, token: string): Partial<BenchmarkParams> {
    return { ...target, ...(mode === 'policy' ? {} : { mode }), workDoneToken: token };
}

export async function runBenchmark(client: LanguageClient, target: Partial<BenchmarkParams>, mode: BenchmarkMode,
    onRun: (run: BenchmarkRun) => void): Promise<BenchmarkResult | undefined> {
    const run: BenchmarkRun = { token: `perflens-vscode-benchmark-${process.pid}-${++runs}`, progress: [], outcome: 'running' };
    onRun(run);
    const params = benchmarkParams(target, mode, run.token);
    const result = await vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification,
        title: 'Perflens benchmark',
        cancellable: true,
    }, async (progress, cancel) => {
        let percentage = 0;
        let ended = false;
        const listener = client.onProgress(WorkDoneProgress.type, run.token, value => {
            ended = value.kind === 'end';
            const next = 'percentage' in value && typeof value.percentage === 'number' ? value.percentage : percentage;
            const message = value.kind === 'begin' ? value.title + (value.message ? `: ${value.message}` : '') : value.message ?? '';
            run.progress.push(`${value.kind}: ${message}${next !== percentage ? ` (${next}%)` : ''}`);
            progress.report({ message, increment: Math.max(0, next - percentage) });
            percentage = Math.max(percentage, next);
        });
        try {
            // The token goes to the language client, which sends $/cancelRequest when Cancel is pressed.
            return await client.sendRequest(BenchmarkRequest, params as BenchmarkParams, cancel);
        } catch (e) {
            const code = (e as { code?: number }).code;
            if (cancel.isCancellationRequested || code === REQUEST_CANCELLED || e instanceof vscode.CancellationError) {
                run.outcome = 'canceled';
                return undefined;
            }
            run.outcome = 'failed';
            // The server's message says what went wrong and what to do (inputs, compile errors, ...).
            void vscode.window.showErrorMessage(`Perflens: the benchmark failed: ${e instanceof Error ? e.message : String(e)}`);
            return undefined;
        } finally {
            // A canceled run's "end" may follow its response: keep listening for it a little longer.
            if (ended) {
                listener.dispose();
            } else {
                setTimeout(() => listener.dispose(), 30000);
            }
        }
    });
    if (!result) {
        if (run.outcome === 'canceled') {
            void vscode.window.showInformationMessage('Perflens: benchmark canceled.');
        }
        return undefined;
    }
    run.outcome = 'done';
    run.result = result;
    // The summary names the interval itself when it is far from symmetric.
    const speedup = result.summary.includes('interval') ? undefined : speedupText(result);
    const what = result.fixTitle ? `"${result.fixTitle}"` : result.method;
    const message = `Perflens: ${what}: ${result.summary}${speedup ? `; ${speedup}` : ''}.`;
    const buttons = result.markdownUri ? [OPEN_REPORT] : [];
    void vscode.window.showInformationMessage(message, ...buttons).then(choice => {
        if (choice === OPEN_REPORT) {
            void openReport(vscode.Uri.parse(result.markdownUri));
        }
    });
    return result;
}

export async function openReport(uri: vscode.Uri): Promise<vscode.Uri> {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
}

/** The Markdown reports of the workspace, newest first, as a quick pick; opens the chosen one's preview. */
export async function pickReport(): Promise<vscode.Uri | undefined> {
    const reports = await vscode.workspace.findFiles('**/.perflens/benchmarks/*.md');
    if (reports.length === 0) {
        void vscode.window.showInformationMessage('Perflens: no benchmark report in this workspace yet '
            + '(run "Perflens: Run Benchmark for This Finding" first).');
        return undefined;
    }
    const items = await Promise.all(reports.map(async uri => {
        const stat = await vscode.workspace.fs.stat(uri);
        return {
            label: path.basename(uri.fsPath, '.md'),
            description: vscode.workspace.asRelativePath(uri),
            detail: `measured ${new Date(stat.mtime).toLocaleString()}`,
            uri,
            mtime: stat.mtime,
        };
    }));
    items.sort((a, b) => b.mtime - a.mtime);
    const picked = await vscode.window.showQuickPick(items, { title: 'Perflens: Open Benchmark Report', matchOnDescription: true });
    return picked ? openReport(picked.uri) : undefined;
}
