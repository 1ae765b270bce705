package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

/** Loops.enclosingLoop (used by most loop rules) against Loops.enclosingPass (which also sees per-element lambdas). */
class LoopsTest {
    /** Reports every call of probe() that enclosingLoop places in a loop. */
    @PerfRule(id = "loop-probe", summary = "probe", severity = Severity.WARNING, category = Category.COLLECTIONS,
            complexityBefore = "O(n)", complexityAfter = "O(1)")
    static final class LoopProbe implements Rule, MethodInvocationMatcher {
        @Override
        public void matchMethodInvocation(org.eclipse.jdt.core.dom.MethodInvocation node, RuleContext context) {
            if (node.getName().getIdentifier().equals("probe") && Loops.enclosingLoop(node).isPresent()) {
                context.reportWithoutFix(node, "in a loop", Confidence.high("probe"), null);
            }
        }
    }

    /** Reports every call of probe() that enclosingPass places in a loop pass. */
    @PerfRule(id = "pass-probe", summary = "probe", severity = Severity.WARNING, category = Category.COLLECTIONS,
            complexityBefore = "O(n)", complexityAfter = "O(1)")
    static final class PassProbe implements Rule, MethodInvocationMatcher {
        @Override
        public void matchMethodInvocation(org.eclipse.jdt.core.dom.MethodInvocation node, RuleContext context) {
            if (node.getName().getIdentifier().equals("probe") && Loops.enclosingPass(node).isPresent()) {
                context.reportWithoutFix(node, "in a pass", Confidence.high("probe"), null);
            }
        }
    }

    private static final String SOURCE_HEAD = """
            import java.util.*;
            import java.util.stream.*;

            class Shapes {
                static int probe() {
                    return 0;
                }

                void all(int[] slots, List<Integer> list, Map<String, Integer> map, Optional<String> maybe, Runnable[] later) {
            """;

    @Test
    void enclosingLoopKeepsItsNarrowReading() {
        RuleTester.of(new LoopProbe()).expectMarkedFindings(SOURCE_HEAD + """
                        for (int s : slots) {
                            // PERF: loop-probe
                            probe();
                        }
                        // PERF: loop-probe
                        list.forEach(x -> probe());
                        Arrays.setAll(slots, i -> probe());
                        list.replaceAll(x -> probe());
                        IntStream.range(0, 3).map(i -> probe()).sum();
                        for (int s : slots) {
                            map.computeIfAbsent("k", k -> probe());
                            later[0] = () -> probe();
                        }
                    }
                }
                """);
    }

    @Test
    void enclosingPassAlsoCountsPerElementAndAtMostOnceLambdas() {
        RuleTester.of(new PassProbe()).expectMarkedFindings(SOURCE_HEAD + """
                        for (int s : slots) {
                            // PERF: pass-probe
                            probe();
                        }
                        // PERF: pass-probe
                        list.forEach(x -> probe());
                        // PERF: pass-probe
                        Arrays.setAll(slots, i -> probe());
                        // PERF: pass-probe
                        list.replaceAll(x -> probe());
                        // PERF: pass-probe
                        IntStream.range(0, 3).map(i -> probe()).sum();
                        map.computeIfAbsent("k", k -> probe());
                        maybe.map(m -> probe());
                        for (int s : slots) {
                            // PERF: pass-probe
                            map.computeIfAbsent("k", k -> probe());
                            // PERF: pass-probe
                            maybe.ifPresent(m -> probe());
                            later[0] = () -> probe();
                        }
                    }
                }
                """);
    }
}
