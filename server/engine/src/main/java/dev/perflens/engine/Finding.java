package dev.perflens.engine;

import dev.perflens.engine.text.TextRange;
import java.nio.file.Path;

/**
 * One performance finding: plain data, no protocol types.
 *
 * @param ruleId     stable rule id, e.g. "string-concat-in-loop"
 * @param file       the analysed file
 * @param range      the offending expression
 * @param message    what is slow and why, one or two sentences
 * @param severity   effective severity after policy
 * @param confidence how sure the rule is, with the reason
 * @param impact     the expected gain of fixing it and where that estimate comes from
 * @param fix        whether a fix is offered here, its title, or why not
 * @param context    where the code runs (hot, per call, cold, test, bounded size) and the
 *                   severity before that was applied; null when not classified
 * @param identity   what the finding is, independent of where the file's lines lie (see
 *                   {@link dev.perflens.engine.identity.FindingIdentity}); null when not computed
 */
public record Finding(
        String ruleId,
        Path file,
        TextRange range,
        String message,
        Severity severity,
        Confidence confidence,
        Impact impact,
        FixStatus fix,
        dev.perflens.engine.context.ExecutionContext context,
        String identity) {

    public Finding(String ruleId, Path file, TextRange range, String message, Severity severity,
                   Confidence confidence, Impact impact, FixStatus fix) {
        this(ruleId, file, range, message, severity, confidence, impact, fix, null, null);
    }

    public Finding(String ruleId, Path file, TextRange range, String message, Severity severity,
                   Confidence confidence, Impact impact, FixStatus fix, dev.perflens.engine.context.ExecutionContext context) {
        this(ruleId, file, range, message, severity, confidence, impact, fix, context, null);
    }

    /** This finding with its identity set. */
    public Finding withIdentity(String identity) {
        return new Finding(ruleId, file, range, message, severity, confidence, impact, fix, context, identity);
    }

    /**
     * Identifies the finding within one version of a document: the rule and the exact span.
     * A client sends it back to ask for the fix; a changed document gives a different key.
     */
    public String key() {
        return ruleId + "@" + range.offset() + "+" + range.length();
    }
}
