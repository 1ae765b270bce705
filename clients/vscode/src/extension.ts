// Perflens for VS Code: starts the Perflens language server for Java files. Diagnostics, quick
// fixes (edits resolved in codeAction/resolve, each annotated with needsConfirmation, so VS Code
// shows its refactor preview before anything changes) and $/progress notifications come
// through vscode-languageclient; the perflens/* requests and commands are added here.
import * as vscode from 'vscode';
import {
    DidChangeConfigurationNotification, LanguageClient, LanguageClientOptions, Middleware, RevealOutputChannelOn, State,
} from 'vscode-languageclient/node';
import { BenchmarkRun, RUN_BENCHMARK_COMMAND, SERVER_BENCHMARK_COMMAND } from './benchmark';
import { CommandContext, registerCommands } from './commands';
import { HOTSPOTS_VIEW, HotspotsProvider } from './hotspots';
import { JavaNotFoundError } from './java';
import { FindingRef, PreviewFixRequest, PreviewFixResult } from './protocol';
import { ServerNotFoundError, serverLaunch } from './server';
import { atLeast, initializationOptions, readSettings, RESTART_SETTINGS } from './settings';

/** What activate() returns: for other extensions and for the extension-host tests. */
export interface PerflensApi {
    readonly client: LanguageClient | undefined;
    /** How the running server was started (jar, Java and where each came from). */
    readonly launch: string | undefined;
    /** Resolves once the server has started (or failed to: then client is undefined). */
    ready(): Promise<void>;
    previewFix(ref: FindingRef): Promise<PreviewFixResult>;
    /** The hotspot tree's data (what the Explorer view shows). */
    readonly hotspots: HotspotsProvider;
    /** The last benchmark started from this window: its progress messages, outcome and result. */
    readonly lastBenchmark: BenchmarkRun | undefined;
}

/** The server's "Benchmark this fix" actions run our command, which shows progress with Cancel and the result. */
function useOurBenchmarkCommand<T extends vscode.Command | vscode.CodeAction>(item: T): T {
    const command = item instanceof vscode.CodeAction ? item.command : (item as vscode.Command);
    if (command && command.command === SERVER_BENCHMARK_COMMAND) {
        command.command = RUN_BENCHMARK_COMMAND;
    }
    return item;
}

const middleware: Middleware = {
    async provideCodeActions(document, range, context, token, next) {
        const actions = await next(document, range, context, token);
        return actions?.map(useOurBenchmarkCommand);
    },
    async resolveCodeAction(item, token, next) {
        const resolved = await next(item, token);
        return resolved && useOurBenchmarkCommand(resolved);
    },
    handleDiagnostics(uri, diagnostics, next) {
        next(uri, atLeast(diagnostics, readSettings().minimumSeverity));
    },
};

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
            initializationOptions: initializationOptions(settings, vscode.workspace.isTrusted),
            // Later changes go as workspace/didChangeConfiguration {"perflens": {...}} (sendConfiguration below),
            // not by the client's own section sync, which would pass a perflens.workspace.trusted that the
            // untrusted folder's .vscode/settings.json sets.
            outputChannel: output,
            revealOutputChannelOn: RevealOutputChannelOn.Never,
            diagnosticCollectionName: 'perflens',
            middleware,
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

    const running = async (): Promise<LanguageClient> => {
        await starting;
        if (!client) {
            throw new Error('the Perflens server is not running');
        }
        return client;
    };
    const hotspots = new HotspotsProvider(running);
    let lastBenchmark: BenchmarkRun | undefined;
    const commands: CommandContext = {
        restart,
        showOutput: () => output.show(true),
        previewFix: async ref => (await running()).sendRequest(PreviewFixRequest, ref),
        client: running,
        hotspots,
        onBenchmark: run => { lastBenchmark = run; },
    };
    context.subscriptions.push(...registerCommands(commands));
    context.subscriptions.push(vscode.window.registerTreeDataProvider(HOTSPOTS_VIEW, hotspots));
    // The tree lists findings under their methods: follow the diagnostics (and a measurement's re-publish).
    let pending: ReturnType<typeof setTimeout> | undefined;
    context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(() => {
        clearTimeout(pending);
        pending = setTimeout(() => hotspots.refresh(), 500);
    }));
    // The perflens section as the user set it, with trust from VS Code's Workspace Trust only.
    const sendConfiguration = () => {
        const section = vscode.workspace.getConfiguration().get<Record<string, unknown>>('perflens') ?? {};
        void client?.sendNotification(DidChangeConfigurationNotification.type,
            { settings: { perflens: { ...section, workspace: { trusted: vscode.workspace.isTrusted } } } });
    };
    // Trust granted later (VS Code never takes it back without a reload): the server may now run the build.
    context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
        output.appendLine('Workspace trusted: the server may now resolve the classpath with the build');
        sendConfiguration();
    }));
    context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('perflens')) {
            sendConfiguration();
        }
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
        hotspots,
        get lastBenchmark() {
            return lastBenchmark;
        },
    };
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
