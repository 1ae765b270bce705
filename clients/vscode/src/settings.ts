// The perflens.* settings this extension contributes (package.json), read in one place.
import * as vscode from 'vscode';

export interface PerflensSettings {
    javaHome: string | null;
    serverPath: string | null;
    debounceMs: number;
}

export function readSettings(): PerflensSettings {
    const config = vscode.workspace.getConfiguration('perflens');
    return {
        javaHome: config.get<string | null>('java.home') || null,
        serverPath: config.get<string | null>('server.path') || null,
        debounceMs: config.get<number>('analysis.debounceMs', 150),
    };
}

/** What the server reads from initializationOptions: {"perflens": {"analysis": {"debounceMs": N}}}. */
export function initializationOptions(settings: PerflensSettings): object {
    return { perflens: { analysis: { debounceMs: settings.debounceMs } } };
}

/** Settings that change how the server is started: a change restarts it. */
export const RESTART_SETTINGS = ['perflens.java.home', 'perflens.server.path'];
