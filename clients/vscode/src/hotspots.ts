// "Perflens: Show Hotspots" (a tree view in the Explorer fed by perflens/hotspots: the hottest
// methods of the loaded profiles with their shares, and under each the Perflens findings inside
// it, as the server orders them: largest expected saving first) and "Perflens: Import Profile…" (perflens.importProfile with a file the user picks).
// Every figure shown is the server's, which names the profile it comes from.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { Hotspot, HotspotFinding, HotspotsRequest, HotspotsResult, ProfileSummary, ServerCommands } from './protocol';

export const HOTSPOTS_VIEW = 'perflens.hotspots';

export type HotspotNode =
    | { kind: 'method'; hotspot: Hotspot }
    | { kind: 'finding'; uri: vscode.Uri; finding: HotspotFinding };

const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
    return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
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
            // the server's findings inside the method, largest expected saving first
            return node.kind === 'method'
                ? (node.hotspot.findings ?? []).map(finding => ({ kind: 'finding', uri: vscode.Uri.parse(node.hotspot.uri), finding }))
                : [];
        }
        try {
            const client = await this.client();
            this.last = await client.sendRequest(HotspotsRequest, { limit: this.limit, metric: 'cpu' });
        } catch {
            this.last = undefined; // no server (yet): the view shows its welcome text
            return [];
        }
        return this.last.hotspots.map(hotspot => ({ kind: 'method', hotspot }));
    }

    getTreeItem(node: HotspotNode): vscode.TreeItem {
        if (node.kind === 'finding') {
            const f = node.finding;
            const range = toRange(f.range);
            const item = new vscode.TreeItem(f.message.split('\n')[0], vscode.TreeItemCollapsibleState.None);
            item.description = `${f.ruleId} · line ${range.start.line + 1} · ${f.impact}`;
            item.tooltip = `${f.message}\nImpact: ${f.impact}${f.fixAvailable ? '\nA quick fix is offered.' : ''}`;
            item.iconPath = new vscode.ThemeIcon(f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info');
            item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri, { selection: range }] };
            return item;
        }
        const h = node.hotspot;
        const item = new vscode.TreeItem(h.name, (h.findings ?? []).length > 0
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
