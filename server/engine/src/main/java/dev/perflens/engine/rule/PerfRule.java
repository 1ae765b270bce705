package dev.perflens.engine.rule;

import dev.perflens.engine.Category;
import dev.perflens.engine.Severity;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A rule's metadata, read once by the registry and checked against docs/rules/&lt;id&gt;.md by a test. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PerfRule {
    /** Stable id, kebab-case; used as diagnostic code, in suppressions and in policy. */
    String id();

    /** One line: what the rule detects. */
    String summary();

    Severity severity();

    Category category();

    /** Complexity of the detected pattern, e.g. "O(n^2)". */
    String complexityBefore();

    /** Complexity after the recommended change, e.g. "O(n)". */
    String complexityAfter();

    /**
     * True for a rule whose finding costs the same on every call of its method, whatever the
     * data (a log message built, a collection forced, an object created): outside a loop such a
     * finding is a warning only where a loop in the same file calls the method. False for rules
     * whose cost grows with the data on every call (a sort, a scan, a stream's every byte).
     */
    boolean perCall() default false;

    /** Whether the rule can propose a mechanical fix (it may still decline at a given spot). */
    boolean hasFix() default false;
}
