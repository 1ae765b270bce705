// The registry of Perflens commands. Each entry here must also be contributed in package.json
// (the extension-host test checks both lists). Their ids differ from the commands the server
// advertises (perflens.benchmark, perflens.importProfile, perflens.hotspots): the language
// client registers those itself, and a second registration of one id stops it from starting.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { BenchmarkRun, pickReport, openReport, runBenchmark, RUN_BENCHMARK_COMMAND } from './benchmark';
import { HOTSPOTS_VIEW, HotspotsProvider, importProfile, profileToImport, showSummary } from './hotspots';
import { BenchmarkParams, DIAGNOSTIC_SOURCE, FindingRef, isFindingRef, PreviewFixResult } from './protocol';
import { readSettings } from './settings';

/** What commands get from the extension. */
export interface CommandContext {
    restart(): Promise<void>;
    showOutput(): void;
    previewFix(ref: FindingRef): Promise<PreviewFixResult>;
    /** The running client, once started; rejects when the server is not running. */
    client(): Promise<LanguageClient>;
    hotspots: HotspotsProvider;
    /** Called when a benchmark starts; the run object is updated as it progresses. */
    onBenchmark(run: BenchmarkRun): void;
}

export interface PerflensCommand {
    id: string;
    run(context: CommandContext, ...args: unknown[]): unknown;
}

/** The FindingRef of the Perflens diagnostic at the cursor, if any. */
export function findingAtCursor(): FindingRef | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
        return undefined;
    }
    const position = editor.selection.active;
    const diagnostics = vscode.languages.getDiagnostics(editor.document.uri)
        .filter(d => d.source === DIAGNOSTIC_SOURCE && d.range.start.line <= position.line && d.range.end.line >= position.line);
    const atCursor = diagnostics.find(d => d.range.contains(position)) ?? diagnostics[0];
    // vscode-languageclient keeps the LSP diagnostic's data on the diagnostic it creates.
    const data = (atCursor as unknown as { data?: unknown } | undefined)?.data;
    return isFindingRef(data) ? data : undefined;
}

export const COMMANDS: PerflensCommand[] = [
    {
        id: 'perflens.previewFix',
        // Shows the fix of the finding at the cursor as the server's unified diff. Applying goes
        // through the quick fix (refactor preview), so this command never changes a file.
        async run(context, ref?: unknown) {
            const finding = isFindingRef(ref) ? ref : findingAtCursor();
            if (!finding) {
                void vscode.window.showInformationMessage('Perflens: no finding with a fix at the cursor.');
                return undefined;
            }
            const result = await context.previewFix(finding);
            const header = `# ${result.title}\n# ${result.impact}\n`;
            const document = await vscode.workspace.openTextDocument({ language: 'diff', content: header + result.diff });
            await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
            return result;
        },
    },
    {
        id: RUN_BENCHMARK_COMMAND,
        // The argument is what the server's "Benchmark this fix" code action carries
        // ({finding}); from the palette, the finding at the cursor, else the method around it.
        async run(context, arg?: unknown) {
            const target = benchmarkTarget(arg);
            if (!target) {
                void vscode.window.showInformationMessage('Perflens: put the cursor on a Perflens finding, or in a method, to benchmark it.');
                return undefined;
            }
            return runBenchmark(await context.client(), target, readSettings().benchmarkMode, run => context.onBenchmark(run));
        },
    },
    {
        id: 'perflens.openBenchmarkReport',
        // A report's Uri (the result's "Open Report" button), or a quick pick of the workspace's reports.
        run: (_context, arg?: unknown) => arg instanceof vscode.Uri ? openReport(arg) : pickReport(),
    },
    {
        id: 'perflens.importProfileFile',
        async run(context, arg?: unknown) {
            const file = await profileToImport(arg);
            if (!file) {
                return undefined;
            }
            const summary = await importProfile(await context.client(), file).catch((e: Error) => {
                void vscode.window.showErrorMessage(`Perflens: ${e.message}`);
                return undefined;
            });
            context.hotspots.refresh();
            if (summary) {
                showSummary(summary);
            }
            return summary;
        },
    },
    {
        id: 'perflens.showHotspots',
        async run(context) {
            context.hotspots.refresh();
            await vscode.commands.executeCommand(`${HOTSPOTS_VIEW}.focus`);
            return context.hotspots.getChildren();
        },
    },
    {
        id: 'perflens.restartServer',
        run: context => context.restart(),
    },
    {
        id: 'perflens.showOutput',
        run: context => context.showOutput(),
    },
];

/** What to benchmark: a code action's {finding}, a bare FindingRef, the finding at the cursor, or the method at the cursor. */
function benchmarkTarget(arg: unknown): Partial<BenchmarkParams> | undefined {
    const given = arg as Partial<BenchmarkParams> | undefined;
    if (given && (isFindingRef(given.finding) || (given.uri && given.position) || given.benchmarkId)) {
        return given;
    }
    if (isFindingRef(arg)) {
        return { finding: arg };
    }
    const finding = findingAtCursor();
    if (finding) {
        return { finding };
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'java') {
        return undefined;
    }
    const at = editor.selection.active;
    return { uri: editor.document.uri.toString(), position: { line: at.line, character: at.character } };
}

export function registerCommands(context: CommandContext): vscode.Disposable[] {
    return COMMANDS.map(command =>
        vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(context, ...args)));
}
