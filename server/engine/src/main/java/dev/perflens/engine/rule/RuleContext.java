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
                         FixStatus fixStatus, Fix fix, SizeBound bound, Quieter quieter) {
        public Report(RuleMetadata rule, ASTNode node, String message, Confidence confidence,
                      FixStatus fixStatus, Fix fix) {
            this(rule, node, message, confidence, fixStatus, fix, null, null);
        }
    }

    /**
     * A rule's own reason to report a spot below its default severity (the pattern holds, but
     * the code says it is deliberate or cheap there), e.g. a System.gc() next to a memory reading.
     */
    public record Quieter(dev.perflens.engine.Severity severity, String reason) {
    }

    /** What a rule can add to a report it has just made. */
    public final class Reported {
        private final int index;

        private Reported(int index) {
            this.index = index;
        }

        /** The size the code fixes or caps here (the engine keeps a small bound from a warning). */
        public Reported bounded(SizeBound bound) {
            if (bound != null) {
                Report r = reports.get(index);
                if (r.bound() == null || bound.size() < r.bound().size()) {
                    reports.set(index, new Report(r.rule(), r.node(), r.message(), r.confidence(), r.fixStatus(),
                            r.fix(), bound, r.quieter()));
                }
            }
            return this;
        }

        /** At most {@code severity} here, for {@code reason} (said in the message). */
        public Reported quieter(dev.perflens.engine.Severity severity, String reason) {
            Report r = reports.get(index);
            reports.set(index, new Report(r.rule(), r.node(), r.message(), r.confidence(), r.fixStatus(), r.fix(),
                    r.bound(), new Quieter(severity, reason)));
            return this;
        }
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
    public Reported report(ASTNode node, String message, Confidence confidence, Fix fix) {
        reports.add(new Report(currentRule, node, message, confidence, FixStatus.offered(fix.title()), fix));
        return new Reported(reports.size() - 1);
    }

    /**
     * Reports a finding without a fix. {@code whyNoFix} says why a rule that has fixes
     * declines here; null for rules that have no mechanical fix at all.
     */
    public Reported reportWithoutFix(ASTNode node, String message, Confidence confidence, String whyNoFix) {
        FixStatus status = whyNoFix == null ? FixStatus.none() : FixStatus.notOffered(whyNoFix);
        reports.add(new Report(currentRule, node, message, confidence, status, null));
        return new Reported(reports.size() - 1);
    }

    /** Set by the engine before it hands a node to a rule. */
    public void enterRule(RuleMetadata rule) {
        this.currentRule = rule;
    }

    public List<Report> reports() {
        return reports;
    }
}
