// "Perflens: Show Hotspots" (a tree view in the Explorer fed by perflens/hotspots: the hottest
// methods of the loaded profiles with their shares, and under each the Perflens findings inside
// it) and "Perflens: Import Profile…" (perflens.importProfile with a file the user picks).
// Every figure shown is the server's, which names the profile it comes from.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, Hotspot, HotspotsRequest, HotspotsResult, ProfileSummary, ServerCommands } from './protocol';

export const HOTSPOTS_VIEW = 'perflens.hotspots';
const HOT_METHOD = 'hot-method';

export type HotspotNode =
    | { kind: 'method'; hotspot: Hotspot; findings: vscode.Diagnostic[] }
    | { kind: 'finding'; uri: vscode.Uri; diagnostic: vscode.Diagnostic };

const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code ?? '');

function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
    return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The Perflens findings inside the hotspot's method (its own hot-method marker left out). */
export function findingsIn(hotspot: Hotspot): vscode.Diagnostic[] {
    const method = toRange(hotspot.methodRange ?? hotspot.range);
    return vscode.languages.getDiagnostics(vscode.Uri.parse(hotspot.uri))
        .filter(d => d.source === DIAGNOSTIC_SOURCE && codeOf(d) !== HOT_METHOD && method.contains(d.range))
        .sort((a, b) => a.range.start.compareTo(b.range.start));
}

export class HotspotsProvider implements vscode.TreeDataProvider<HotspotNode> {
    private readonly changed = new vscode.EventEmitter<HotspotNode | undefined>();
    readonly onDidChangeTreeData = this.changed.event;
    /** The last answer of perflens/hotspots, for the view's message and the tests. */
    last: HotspotsResult | undefined;

    constructor(private readonly client: () => Promise<LanguageClient>, private readonly limit = 20) {}

    refresh(): void {
        this.changed.fire(undefined);
    }

    async getChildren(node?: HotspotNode): Promise<HotspotNode[]> {
        if (node) {
            return node.kind === 'method'
                ? node.findings.map(diagnostic => ({ kind: 'finding', uri: vscode.Uri.parse(node.hotspot.uri), diagnostic }))
                : [];
        }
        try {
            const client = await this.client();
            this.last = await client.sendRequest(HotspotsRequest, { limit: this.limit, metric: 'cpu' });
        } catch {
            this.last = undefined; // no server (yet): the view shows its welcome text
            return [];
        }
        return this.last.hotspots.map(hotspot => ({ kind: 'method', hotspot, findings: findingsIn(hotspot) }));
    }

    getTreeItem(node: HotspotNode): vscode.TreeItem {
        if (node.kind === 'finding') {
            const d = node.diagnostic;
            const item = new vscode.TreeItem(d.message.split('\n')[0], vscode.TreeItemCollapsibleState.None);
            item.description = `${codeOf(d)} · line ${d.range.start.line + 1}`;
            item.tooltip = d.message;
            item.iconPath = new vscode.ThemeIcon(d.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning');
            item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri, { selection: d.range }] };
            return item;
        }
        const h = node.hotspot;
        const item = new vscode.TreeItem(h.name, node.findings.length > 0
            ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.description = `${percent(h.selfShare)} own · ${percent(h.totalShare)} total`;
        item.tooltip = `${h.name}: ${percent(h.selfShare)} of ${this.last?.metric ?? 'cpu'} samples in its own code (${h.selfSamples}), `
            + `${percent(h.totalShare)} through it (${h.totalSamples}); profile ${h.profiles}`;
        item.iconPath = new vscode.ThemeIcon('flame');
        const line = h.hottestLine ?? h.range.start.line;
        item.command = {
            command: 'vscode.open', title: 'Open',
            arguments: [vscode.Uri.parse(h.uri), { selection: new vscode.Range(line, 0, line, 0) }],
        };
        return item;
    }
}

/** perflens.importProfile: loads a .jfr or collapsed-stacks file into the server; returns its summary. */
export async function importProfile(client: LanguageClient, file: string): Promise<ProfileSummary> {
    return client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.importProfile, arguments: [file] });
}

/** The file to import: the argument (a path or a Uri), or the one the user picks. */
export async function profileToImport(arg: unknown): Promise<string | undefined> {
    if (typeof arg === 'string') {
        return arg;
    }
    if (arg instanceof vscode.Uri) {
        return arg.fsPath;
    }
    const picked = await vscode.window.showOpenDialog({
        title: 'Perflens: Import Profile',
        openLabel: 'Import',
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        filters: { 'Profiles (JFR, collapsed stacks)': ['jfr', 'collapsed', 'folded', 'txt'], 'All files': ['*'] },
    });
    return picked?.[0]?.fsPath;
}

export function showSummary(summary: ProfileSummary): void {
    const notes = summary.notes?.length ? ` (${summary.notes.join('; ')})` : '';
    void vscode.window.showInformationMessage(`Perflens: imported ${summary.summary}${notes}`, 'Show Hotspots')
        .then(choice => {
            if (choice) {
                void vscode.commands.executeCommand('perflens.showHotspots');
            }
        });
}
