// Perflens for VS Code: starts the Perflens language server for Java files. Diagnostics, quick
// fixes (edits resolved in codeAction/resolve, each annotated with needsConfirmation, so VS Code
// shows its refactor preview before anything changes) and $/progress notifications come
// through vscode-languageclient; the perflens/* requests and commands are added here.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, RevealOutputChannelOn, State } from 'vscode-languageclient/node';
import { CommandContext, registerCommands } from './commands';
import { JavaNotFoundError } from './java';
import { FindingRef, PreviewFixRequest, PreviewFixResult } from './protocol';
import { ServerNotFoundError, serverLaunch } from './server';
import { initializationOptions, readSettings, RESTART_SETTINGS } from './settings';

/** What activate() returns: for other extensions and for the extension-host tests. */
export interface PerflensApi {
    readonly client: LanguageClient | undefined;
    /** How the running server was started (jar, Java and where each came from). */
    readonly launch: string | undefined;
    /** Resolves once the server has started (or failed to: then client is undefined). */
    ready(): Promise<void>;
    previewFix(ref: FindingRef): Promise<PreviewFixResult>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): PerflensApi {
    const output = vscode.window.createOutputChannel('Perflens');
    const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 0);
    status.name = 'Perflens';
    status.command = 'perflens.showOutput';
    context.subscriptions.push(output, status);
    let launch: string | undefined;
    let starting: Promise<void> = Promise.resolve();

    const show = (icon: string, tooltip: string) => {
        status.text = `$(${icon}) Perflens`;
        status.tooltip = tooltip;
        status.show();
    };

    const start = async (): Promise<void> => {
        const settings = readSettings();
        let executable;
        try {
            const found = serverLaunch(context.extensionPath, settings);
            executable = found.executable;
            launch = found.description;
        } catch (e) {
            if (!(e instanceof JavaNotFoundError || e instanceof ServerNotFoundError)) {
                throw e;
            }
            launch = undefined;
            output.appendLine(e.message);
            show('error', e.message);
            const setting = e instanceof JavaNotFoundError ? 'perflens.java.home' : 'perflens.server.path';
            void vscode.window.showErrorMessage(e.message, 'Open Settings').then(choice => {
                if (choice) {
                    void vscode.commands.executeCommand('workbench.action.openSettings', setting);
                }
            });
            return;
        }
        output.appendLine(`Starting the Perflens server: ${launch}`);
        const options: LanguageClientOptions = {
            documentSelector: [{ scheme: 'file', language: 'java' }],
            initializationOptions: initializationOptions(settings),
            // Later changes arrive as workspace/didChangeConfiguration {"perflens": {...}}.
            synchronize: { configurationSection: 'perflens' },
            outputChannel: output,
            revealOutputChannelOn: RevealOutputChannelOn.Never,
            diagnosticCollectionName: 'perflens',
        };
        // The id 'perflens' makes the client read perflens.trace.server.
        const created = new LanguageClient('perflens', 'Perflens', { run: executable, debug: executable }, options);
        created.onDidChangeState(e => {
            if (e.newState === State.Running) {
                show('pulse', `Perflens server running: ${launch}`);
            } else if (e.newState === State.Stopped) {
                show('debug-disconnect', 'Perflens server stopped (click for its output)');
            } else {
                show('loading~spin', 'Perflens server starting');
            }
        });
        client = created;
        await created.start();
    };

    const restart = async (): Promise<void> => {
        const old = client;
        client = undefined;
        if (old) {
            await old.stop().catch(() => undefined);
        }
        starting = start();
        return starting;
    };

    const commands: CommandContext = {
        restart,
        showOutput: () => output.show(true),
        previewFix: async ref => {
            await starting;
            if (!client) {
                throw new Error('the Perflens server is not running');
            }
            return client.sendRequest(PreviewFixRequest, ref);
        },
    };
    context.subscriptions.push(...registerCommands(commands));
    context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(e => {
        if (RESTART_SETTINGS.some(setting => e.affectsConfiguration(setting))) {
            void restart();
        }
    }));

    starting = start().catch(e => {
        output.appendLine(`The Perflens server failed to start: ${e instanceof Error ? e.message : String(e)}`);
        show('error', 'The Perflens server failed to start (click for its output)');
    });
    return {
        get client() {
            return client;
        },
        get launch() {
            return launch;
        },
        ready: () => starting,
        previewFix: commands.previewFix,
    };
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
