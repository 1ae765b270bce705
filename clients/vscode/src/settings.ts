// The perflens.* settings this extension contributes (package.json), read in one place.
import * as vscode from 'vscode';

/** "policy": the mode of the team's .perflens.json (quick when it sets none). */
export type BenchmarkMode = 'policy' | 'quick' | 'thorough';
export type MinimumSeverity = 'hint' | 'information' | 'warning' | 'error';

export interface PerflensSettings {
    javaHome: string | null;
    serverPath: string | null;
    debounceMs: number;
    workspaceAnalysis: boolean;
    classpath: string[];
    profiles: string[];
    benchmarkMode: BenchmarkMode;
    minimumSeverity: MinimumSeverity;
}

export function readSettings(): PerflensSettings {
    const config = vscode.workspace.getConfiguration('perflens');
    return {
        javaHome: config.get<string | null>('java.home') || null,
        serverPath: config.get<string | null>('server.path') || null,
        debounceMs: config.get<number>('analysis.debounceMs', 150),
        workspaceAnalysis: config.get<boolean>('analysis.workspace', true),
        classpath: config.get<string[]>('classpath', []),
        profiles: config.get<string[]>('profiles', []),
        benchmarkMode: config.get<BenchmarkMode>('benchmark.mode', 'policy'),
        minimumSeverity: config.get<MinimumSeverity>('diagnostics.minimumSeverity', 'hint'),
    };
}

/**
 * What the server reads from initializationOptions: {"perflens": {"analysis": {...}, "classpath": [...],
 * "profiles": [...], "workspace": {"trusted": ...}}}. Trust is VS Code's Workspace Trust, never a setting
 * (a setting could come from the untrusted folder's own .vscode/settings.json).
 */
export function initializationOptions(settings: PerflensSettings, trusted: boolean): object {
    return {
        perflens: {
            analysis: { debounceMs: settings.debounceMs, workspace: settings.workspaceAnalysis },
            classpath: settings.classpath,
            profiles: settings.profiles,
            workspace: { trusted },
        },
    };
}

/** Settings that change how the server is started, or what it published: a change restarts it. */
export const RESTART_SETTINGS = ['perflens.java.home', 'perflens.server.path', 'perflens.diagnostics.minimumSeverity'];

/** vscode.DiagnosticSeverity counts down from Error (0) to Hint (3). */
const SEVERITY: Record<MinimumSeverity, vscode.DiagnosticSeverity> = {
    error: vscode.DiagnosticSeverity.Error,
    warning: vscode.DiagnosticSeverity.Warning,
    information: vscode.DiagnosticSeverity.Information,
    hint: vscode.DiagnosticSeverity.Hint,
};

/** The diagnostics at or above perflens.diagnostics.minimumSeverity. */
export function atLeast(diagnostics: vscode.Diagnostic[], minimum: MinimumSeverity): vscode.Diagnostic[] {
    return diagnostics.filter(d => d.severity <= SEVERITY[minimum]);
}
