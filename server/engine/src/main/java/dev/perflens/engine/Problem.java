package dev.perflens.engine;

import dev.perflens.engine.text.TextRange;

/**
 * Something that kept the analysis from seeing a file as the compiler would: a syntax
 * error, or an internal failure of one rule on one node. Reported beside findings; a
 * broken file is never an exception.
 */
public record Problem(Kind kind, TextRange range, String message) {
    /** SKIPPED: the file was not analysed (time budget, nesting beyond the compiler's stack); no findings. */
    public enum Kind { SYNTAX, RULE_FAILURE, SKIPPED }
}
