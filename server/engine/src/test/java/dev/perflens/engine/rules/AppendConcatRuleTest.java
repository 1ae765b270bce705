package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class AppendConcatRuleTest {
    private final RuleTester tester = RuleTester.of(new AppendConcatRule());

    @Test
    void flagsConcatenationsPassedToAppend() {
        tester.expectMarkedFindings("""
                import java.util.List;

                class Report {
                    private final StringBuffer log = new StringBuffer();

                    String render(List<String> names, int count, Object extra) {
                        StringBuilder sb = new StringBuilder();
                        for (String name : names) {
                            // PERF: append-concat
                            sb.append(name + ", ");
                        }
                        // PERF: append-concat
                        sb.append("count=" + count + " extra=" + extra).append('\\n');
                        // PERF: append-concat
                        log.append(count + ": " + names.size());
                        // PERF: append-concat
                        return sb.append("[" + names.get(0) + "]").toString();
                    }
                }
                """);
    }

    @Test
    void staysSilentOnLookAlikes() {
        tester.expectMarkedFindings("""
                import java.io.IOException;
                import java.io.Writer;

                class Fine {
                    static final String PREFIX = "p";

                    void render(StringBuilder sb, Writer w, String a, int n, int m) throws IOException {
                        sb.append("a" + "b");
                        sb.append(PREFIX + "-" + 1);
                        sb.append(n + m);
                        sb.append(a).append(n);
                        sb.append(a + n, 0, 2);
                        sb.insert(0, a + n);
                        w.append(a + n);
                        String s = a + n;
                        sb.append(s);
                    }
                }
                """);
    }

    @Test
    void fixChainsTheAppends() {
        tester.expectFix("""
                import java.util.List;

                class Report {
                    String render(List<String> names) {
                        StringBuilder sb = new StringBuilder();
                        for (String name : names) {
                            sb.append(name + ", " + name.length());
                        }
                        return sb.toString();
                    }
                }
                """, """
                import java.util.List;

                class Report {
                    String render(List<String> names) {
                        StringBuilder sb = new StringBuilder();
                        for (String name : names) {
                            sb.append(name).append(", ").append(name.length());
                        }
                        return sb.toString();
                    }
                }
                """);
        tester.expectFix("""
                class Line {
                    String line(StringBuilder out, int n, String label) {
                        return out.append(n + ": " + label).toString();
                    }
                }
                """, """
                class Line {
                    String line(StringBuilder out, int n, String label) {
                        return out.append(n).append(": ").append(label).toString();
                    }
                }
                """);
        tester.expectFix("""
                class Paren {
                    String pair(double x, double y) {
                        StringBuilder sb = new StringBuilder();
                        sb.append("(" + (x + y) + ", " + (x > y ? x : y) + ")");
                        return sb.toString();
                    }
                }
                """, """
                class Paren {
                    String pair(double x, double y) {
                        StringBuilder sb = new StringBuilder();
                        sb.append("(").append(x + y).append(", ").append(x > y ? x : y).append(")");
                        return sb.toString();
                    }
                }
                """);
    }

    @Test
    void noFixWhenTheChainWouldBehaveDifferently() {
        tester.expectNoFix("""
                class Numbers {
                    String sum(int a, int b) {
                        StringBuilder sb = new StringBuilder();
                        sb.append(a + b + " total");
                        return sb.toString();
                    }
                }
                """, "adding two non-String operands");
        tester.expectNoFix("""
                class Chars {
                    String text(char[] chars) {
                        StringBuilder sb = new StringBuilder();
                        sb.append("chars: " + chars);
                        return sb.toString();
                    }
                }
                """, "an array");
        tester.expectNoFix("""
                class Self {
                    String twice(String a) {
                        StringBuilder sb = new StringBuilder(a);
                        sb.append(a + sb);
                        return sb.toString();
                    }
                }
                """, "reads 'sb' itself");
        tester.expectNoFix("""
                import java.util.List;

                class Mutating {
                    String show(List<String> list) {
                        StringBuilder sb = new StringBuilder();
                        sb.append(list + " " + list.add("x"));
                        return sb.toString();
                    }
                }
                """, "runs code after");
        tester.expectMarkedFindings("""
                import com.example.missing.Unknown;

                class Unresolved {
                    String show(Unknown thing) {
                        StringBuilder sb = new StringBuilder();
                        sb.append("thing " + thing);
                        return sb.toString();
                    }
                }
                """); // an unresolved operand leaves the concatenation's type unknown: silent
        tester.expectNoFix("""
                class Alias {
                    void describe(StringBuilder out, CharSequence label) {
                        out.append("label=" + label);
                    }
                }
                """, "could be the builder itself");
        tester.expectNoFix("""
                class Param {
                    void describe(StringBuilder out, Object value) {
                        out.append("value=" + value.hashCode());
                    }
                }
                """, "may throw");
        tester.expectNoFix("""
                class Caught {
                    String describe(Object value) {
                        StringBuilder sb = new StringBuilder();
                        try {
                            sb.append("value=" + value.toString());
                        } catch (RuntimeException e) {
                            sb.append("?");
                        }
                        return sb.toString();
                    }
                }
                """, "may throw");
    }
}
