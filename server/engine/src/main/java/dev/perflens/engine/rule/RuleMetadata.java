package dev.perflens.engine.rule;

import dev.perflens.engine.Category;
import dev.perflens.engine.Impact;
import dev.perflens.engine.Severity;

/** The {@link PerfRule} annotation as a plain value. */
public record RuleMetadata(
        String id,
        String summary,
        Severity severity,
        Category category,
        String complexityBefore,
        String complexityAfter,
        boolean hasFix,
        boolean perCall) {

    public RuleMetadata(String id, String summary, Severity severity, Category category, String complexityBefore,
                        String complexityAfter, boolean hasFix) {
        this(id, summary, severity, category, complexityBefore, complexityAfter, hasFix, false);
    }

    /** Relative path of the rule's documentation page inside the repository. */
    public String docPath() {
        return "docs/rules/" + id + ".md";
    }

    public Impact declaredImpact() {
        return Impact.declaredBy(id, complexityBefore, complexityAfter);
    }

    public static RuleMetadata of(Class<?> ruleClass) {
        PerfRule annotation = ruleClass.getAnnotation(PerfRule.class);
        if (annotation == null) {
            throw new IllegalStateException(ruleClass.getName() + " lacks @PerfRule");
        }
        return new RuleMetadata(annotation.id(), annotation.summary(), annotation.severity(),
                annotation.category(), annotation.complexityBefore(), annotation.complexityAfter(),
                annotation.hasFix(), annotation.perCall());
    }
}
