// The perflens/* extension to LSP, as the server declares it in
// protocol-extensions/src/main/java/dev/perflens/protocol/ (PerflensProtocol and its DTOs) and
// specifies in protocol-extensions/PROTOCOL.md. test/protocol.test.mjs fails when the two sides
// differ in methods, parameter and result types, or fields.
import { RequestType, WorkspaceEdit } from 'vscode-languageclient';

/** One finding in one version of a document: the `data` of every Perflens diagnostic and code action. */
export interface FindingRef {
    /** The document's URI. */
    uri: string;
    /** The document version the finding was computed on. */
    version: number;
    /** The rule id, also the diagnostic's code. */
    ruleId: string;
    /** The finding's key within that version: rule id and span. */
    key: string;
}

/** A fix shown before anything changes: its title, the expected impact, the diff, and the edit. */
export interface PreviewFixResult {
    /** The fix's title, as in the code action. */
    title: string;
    /** The rule that found the problem. */
    ruleId: string;
    /** The expected impact and where the estimate comes from. */
    impact: string;
    /** The change as a unified diff ("--- a/path", "+++ b/path", hunks). */
    diff: string;
    /** The same change as a workspace edit; every edit carries a needsConfirmation annotation. */
    edit: WorkspaceEdit;
}

/** `perflens/previewFix`: the fix of one finding as a unified diff and as a workspace edit. */
export const PreviewFixRequest = new RequestType<FindingRef, PreviewFixResult, void>('perflens/previewFix');

/** The diagnostic source and the change annotation every Perflens fix carries. */
export const DIAGNOSTIC_SOURCE = 'perflens';

export function isFindingRef(value: unknown): value is FindingRef {
    const v = value as Partial<FindingRef> | undefined;
    return !!v && typeof v.uri === 'string' && typeof v.version === 'number'
        && typeof v.ruleId === 'string' && typeof v.key === 'string';
}
