package dev.perflens.engine.rule;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.FixStatus;
import dev.perflens.engine.fix.Fix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.CompilationUnit;

/** What a rule sees of the file under analysis, and where it reports. One per file and pass. */
public final class RuleContext {
    /** A rule's report, before the engine turns it into a {@link dev.perflens.engine.Finding}. */
    public record Report(RuleMetadata rule, ASTNode node, String message, Confidence confidence,
                         FixStatus fixStatus, Fix fix) {
    }

    private final CompilationUnit compilationUnit;
    private final String source;
    private final Path file;
    private final Cancellation cancellation;
    private final List<Report> reports = new ArrayList<>();
    private RuleMetadata currentRule;

    public RuleContext(CompilationUnit compilationUnit, String source, Path file, Cancellation cancellation) {
        this.compilationUnit = compilationUnit;
        this.source = source;
        this.file = file;
        this.cancellation = cancellation;
    }

    public CompilationUnit compilationUnit() {
        return compilationUnit;
    }

    public String source() {
        return source;
    }

    public Path file() {
        return file;
    }

    public void checkCanceled() {
        cancellation.checkCanceled();
    }

    /** Reports a finding with a fix the rule has proven safe at this spot. */
    public void report(ASTNode node, String message, Confidence confidence, Fix fix) {
        reports.add(new Report(currentRule, node, message, confidence, FixStatus.offered(fix.title()), fix));
    }

    /**
     * Reports a finding without a fix. {@code whyNoFix} says why a rule that has fixes
     * declines here; null for rules that have no mechanical fix at all.
     */
    public void reportWithoutFix(ASTNode node, String message, Confidence confidence, String whyNoFix) {
        FixStatus status = whyNoFix == null ? FixStatus.none() : FixStatus.notOffered(whyNoFix);
        reports.add(new Report(currentRule, node, message, confidence, status, null));
    }

    /** Set by the engine before it hands a node to a rule. */
    public void enterRule(RuleMetadata rule) {
        this.currentRule = rule;
    }

    public List<Report> reports() {
        return reports;
    }
}
