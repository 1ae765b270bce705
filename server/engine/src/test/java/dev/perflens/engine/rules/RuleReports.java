package dev.perflens.engine.rules;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import dev.perflens.engine.rule.RuleDispatcher;
import dev.perflens.engine.workspace.ParseEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jdt.core.dom.ASTParser;
import org.eclipse.jdt.core.dom.CompilationUnit;

/**
 * A rule's raw reports on an inline source, with the size bound and the quieter reason the
 * rule attached (the engine turns those into severity and message text; tests of the rule
 * itself look at what the rule said).
 */
final class RuleReports {
    private static final Pattern TYPE_NAME = Pattern.compile("(?:class|record|enum|interface)\\s+(\\w+)");

    private RuleReports() {
    }

    static List<RuleContext.Report> of(Rule rule, String source) {
        ASTParser parser = ParseEnvironment.jdkOnly().newParser();
        parser.setSource(source.toCharArray());
        Matcher name = TYPE_NAME.matcher(source);
        parser.setUnitName(Path.of("/inline", (name.find() ? name.group(1) : "Test") + ".java").toString());
        CompilationUnit unit = (CompilationUnit) parser.createAST(null);
        RuleContext context = new RuleContext(unit, source, Path.of("/inline/Test.java"), Cancellation.NONE);
        unit.accept(new RuleDispatcher(List.of(rule), context));
        return context.reports();
    }

    /** The only report, failing when there is not exactly one. */
    static RuleContext.Report only(Rule rule, String source) {
        List<RuleContext.Report> reports = of(rule, source);
        org.junit.jupiter.api.Assertions.assertEquals(1, reports.size(), () -> "reports: " + reports);
        return reports.get(0);
    }
}
