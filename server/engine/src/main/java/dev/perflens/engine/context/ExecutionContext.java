package dev.perflens.engine.context;

import dev.perflens.engine.Severity;

/**
 * Where a finding's code runs, as far as the code itself says, and what that does to its
 * severity: a warning is for code that runs per item of data-sized input; cold, test and
 * size-bounded code is reported more quietly, with the reason.
 *
 * @param kind         the verdict
 * @param reason       why, as the message says it (e.g. "inside a catch block")
 * @param ruleSeverity the severity before the context was applied (the rule's or the policy's)
 */
public record ExecutionContext(Kind kind, String reason, Severity ruleSeverity) {

    public enum Kind {
        /** Runs per item: inside a loop whose size the code does not bound, or a method called from one. */
        HOT,
        /** Runs per pass of a loop, but nothing shows the loop's data to be input-sized. */
        UNSIZED,
        /** Runs once per call, and no loop in the file calls the method. */
        PER_CALL,
        /** A loop or collection whose size the code bounds at a small number. */
        BOUNDED,
        /** A command-line tool or configuration code: it runs once per invocation or while configuration is read. */
        SETUP,
        /** An error, start-up, diagnostic or shutdown path. */
        COLD,
        /** Test source. */
        TEST
    }

    /** The most severe level this context allows, or null for no cap. */
    public Severity cap(boolean perCallRule) {
        return switch (kind) {
            case HOT -> null;
            case UNSIZED -> Severity.INFO;
            case PER_CALL -> perCallRule ? Severity.INFO : null;
            case BOUNDED, SETUP -> Severity.INFO;
            case COLD, TEST -> Severity.HINT;
        };
    }

    /** The sentence a message carries: "Hot path: ...", "Cold path: ...", ... */
    public String sentence() {
        String label = switch (kind) {
            case HOT -> "Hot path: ";
            case UNSIZED -> "Size unknown: ";
            case PER_CALL -> "Per call: ";
            case BOUNDED -> "Small by construction: ";
            case SETUP -> "Set-up code: ";
            case COLD -> "Cold path: ";
            case TEST -> "Test code: ";
        };
        return label + reason + ".";
    }
}
