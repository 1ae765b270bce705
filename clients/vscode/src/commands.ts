// The registry of Perflens commands. Each entry here must also be contributed in package.json
// (the extension-host test checks both lists). Commands whose server side does not exist yet
// are listed in PLANNED_COMMANDS only, and registered when that server side lands.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, FindingRef, isFindingRef, PreviewFixResult } from './protocol';

/** What commands get from the extension. */
export interface CommandContext {
    restart(): Promise<void>;
    showOutput(): void;
    previewFix(ref: FindingRef): Promise<PreviewFixResult>;
}

export interface PerflensCommand {
    id: string;
    run(context: CommandContext, ...args: unknown[]): unknown;
}

/** The FindingRef of the Perflens diagnostic at the cursor, if any. */
function findingAtCursor(): FindingRef | undefined {
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
        id: 'perflens.restartServer',
        run: context => context.restart(),
    },
    {
        id: 'perflens.showOutput',
        run: context => context.showOutput(),
    },
];

/**
 * Arrive with the benchmark and profile work, when the server implements what each needs;
 * their settings (profiles, policy file, benchmark mode, severity threshold) come with them.
 */
export const PLANNED_COMMANDS = [
    { id: 'perflens.benchmark', title: 'Run Benchmark for This Finding', needs: 'workspace/executeCommand perflens.benchmark, $/progress with cancel' },
    { id: 'perflens.importProfile', title: 'Import Profile…', needs: 'workspace/executeCommand perflens.importProfile' },
    { id: 'perflens.showHotspots', title: 'Show Hotspots', needs: 'perflens/hotspots (a tree view)' },
    { id: 'perflens.openBenchmarkReport', title: 'Open Benchmark Report', needs: 'the BenchmarkResult of perflens/benchmark' },
];

export function registerCommands(context: CommandContext): vscode.Disposable[] {
    return COMMANDS.map(command =>
        vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.run(context, ...args)));
}
