package dev.perflens.engine.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.Finding;
import dev.perflens.engine.Severity;
import dev.perflens.engine.calibration.CalibrationData;
import dev.perflens.engine.calibration.Calibrations;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.rule.RuleRegistry;
import dev.perflens.engine.rules.ExplicitGcRule;
import dev.perflens.engine.rules.ListMembershipInLoopRule;
import dev.perflens.engine.workspace.ParseEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jdt.core.JavaCore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where a finding's code runs sets its severity. Each case is one method body in a class; the
 * one finding in it must come out at the expected severity with the expected sentence. The
 * rules used: explicit-gc (a warning rule whose cost is per call) and list-membership-in-loop (a
 * warning rule that only fires in loops).
 */
class ExecutionContextTest {
    private static final Engine ENGINE = new Engine(new RuleRegistry(Set.of(new ExplicitGcRule(),
            new ListMembershipInLoopRule())), new Calibrations(CalibrationData.EMPTY));
    private static final ParseEnvironment JDK = new ParseEnvironment(List.of(), List.of(),
            JavaCore.latestSupportedJavaVersion());
    private static final String MAIN = "/work/app/src/main/java/app/Job.java";

    static Stream<Arguments> cases() {
        return Stream.of(
                // cold paths: hint
                Arguments.of("catch", "void f() { try { g(); } catch (RuntimeException e) { System.gc(); } } void g() {}",
                        Severity.HINT, "Cold path: inside a catch block."),
                Arguments.of("finally", "void f() { try { } finally { System.gc(); } }",
                        Severity.HINT, "Cold path: inside a finally block."),
                Arguments.of("toString", "public String toString() { System.gc(); return \"\"; }",
                        Severity.HINT, "Cold path: inside toString()."),
                Arguments.of("static initialiser", "static { System.gc(); }",
                        Severity.HINT, "Cold path: in a static initialiser (runs once per class)."),
                Arguments.of("main", "public static void main(String[] args) { for (String a : args) System.gc(); }",
                        Severity.HINT, "Cold path: inside main()."),
                Arguments.of("shutdown hook", "void f() { Runtime.getRuntime().addShutdownHook(new Thread(() -> System.gc())); }",
                        Severity.HINT, "Cold path: in a shutdown hook."),
                Arguments.of("lazy initialisation", "String started; String started() { if (started == null) { System.gc();"
                                + " started = \"now\"; } return started; }",
                        Severity.HINT, "Cold path: in a lazy initialisation (if (started == null) ...): runs once, then 'started' holds the result."),
                Arguments.of("exception class", "static class Bad extends RuntimeException { String describe() { System.gc(); return \"\"; } }",
                        Severity.HINT, "Cold path: in an exception class."),
                Arguments.of("start-up", "void init() { System.gc(); }",
                        Severity.HINT, "Cold path: in start-up configuration (init())."),
                Arguments.of("debug branch", "java.util.logging.Logger log; void f(List<String> xs, List<String> ys) {"
                                + " if (log.isLoggable(java.util.logging.Level.FINE)) { for (String x : xs) if (ys.contains(x)) g(); } } void g() {}",
                        Severity.HINT, "Cold path: in a branch that runs only when debug or trace logging is on."),
                Arguments.of("assert", "void f(List<String> xs, List<String> ys) { for (String x : xs) assert ys.contains(x); }",
                        Severity.HINT, "Cold path: inside an assert statement (runs only with assertions enabled)."),
                Arguments.of("exception message", "void f(boolean bad) { if (bad) { RuntimeException e = new IllegalStateException("
                                + "((java.util.function.Supplier<String>) () -> { System.gc(); return \"\"; }).get()); } }",
                        Severity.HINT, "Cold path: building an exception's message."),
                Arguments.of("thrown", "void f(boolean bad) { if (bad) throw fail(() -> System.gc()); }"
                                + " RuntimeException fail(Runnable r) { return null; }",
                        Severity.HINT, "Cold path: building the exception of a throw statement."),
                // small by construction: information
                Arguments.of("constant bound", "void f(List<String> ys) { for (int i = 0; i < 3; i++) if (ys.contains(\"a\" + i)) g(); } void g() {}",
                        Severity.INFO, "Small by construction: size bounded at 3 by the loop's constant bound."),
                Arguments.of("retry loop", "static final int MAX_RETRIES = 5; void f() { int attempt = 0;"
                                + " while (attempt < MAX_RETRIES) { System.gc(); attempt++; } }",
                        Severity.INFO, "Small by construction: size bounded at 5 by the constant MAX_RETRIES = 5."),
                Arguments.of("a constant bound beside another condition", "void f(java.io.InputStream in) throws java.io.IOException {"
                                + " java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger(0);"
                                + " do { in.read(); System.gc(); read.incrementAndGet(); } while (read.get() < 8 && !Thread.interrupted()); }",
                        Severity.INFO, "Small by construction: size bounded at 8 by the loop's constant bound."),
                Arguments.of("small enum", "enum Mode { A, B, C } void f(List<Mode> ys) { for (Mode m : Mode.values()) if (ys.contains(m)) g(); } void g() {}",
                        Severity.INFO, "Small by construction: size bounded at 3 by the enum Mode (3 constants)."),
                Arguments.of("literal", "void f(List<String> ys) { for (String s : List.of(\"a\", \"b\")) if (ys.contains(s)) g(); } void g() {}",
                        Severity.INFO, "Small by construction: size bounded at 2 by the List.of literal."),
                // once per call, for a per-call rule: information
                Arguments.of("per call", "void f() { System.gc(); }",
                        Severity.INFO, "Per call: runs once per call of f(), and no loop in this file calls it."),
                // hot: warning
                Arguments.of("loop", "void f(List<String> xs) { for (String x : xs) System.gc(); }",
                        Severity.WARNING, "Hot path: runs on every pass of the for-each loop at line 5, over 'xs', from the parameter 'xs'."),
                Arguments.of("loop over a field", "List<String> names = new ArrayList<>(); void f() { for (String x : names) System.gc(); }",
                        Severity.INFO, "Size unknown: runs on every pass of the for-each loop at line 5, and nothing shows its data"
                                + " to be input-sized (a parameter, a collection filled per item, a stream or result set it reads);"
                                + " a profile that shows this line hot raises the finding."),
                Arguments.of("reading loop", "void f(java.io.BufferedReader in) throws java.io.IOException { String line;"
                                + " java.io.BufferedReader r = in; while ((line = r.readLine()) != null) System.gc(); }",
                        Severity.WARNING, "Hot path: runs on every pass of the while loop at line 5, which reads 'r' until it ends."),
                Arguments.of("chain walk", "static class Node { Node parent; } void f(Node start) { Node t = start.parent;"
                                + " while (t != null) { System.gc(); t = t.parent; } }",
                        Severity.WARNING, "Hot path: runs on every pass of the while loop at line 5, which walks the chain 't' (t=t.parent)."),
                Arguments.of("reads in its body", "void f(java.util.Scanner in) { java.util.Scanner s = in; while (true) {"
                                + " String line = s.nextLine(); if (line.isEmpty()) break; System.gc(); } }",
                        Severity.WARNING, "Hot path: runs on every pass of the while loop at line 5, which reads 's' in its body."),
                Arguments.of("copy of a parameter", "void f(List<String> in) { List<String> copy = new ArrayList<>(in);"
                                + " for (String x : copy) System.gc(); }",
                        Severity.WARNING, "Hot path: runs on every pass of the for-each loop at line 5, over 'copy', a copy of the parameter 'in'."),
                Arguments.of("inner loop over a field inside a loop over a parameter", "List<String> cols = new ArrayList<>();"
                                + " void f(List<String> rows) { for (String r : rows) { for (String c : cols) System.gc(); } }",
                        Severity.WARNING, "Hot path: runs on every pass of the for-each loop at line 5, over 'rows', from the parameter"
                                + " 'rows' (the for-each loop at line 5 around it)."),
                Arguments.of("large constant bound", "void f() { for (int i = 0; i < 1000; i++) System.gc(); }",
                        Severity.WARNING, "Hot path: runs on every pass of the for loop at line 5 (up to 1000 passes)."),
                Arguments.of("called from a loop", "void f(List<String> xs) { for (String x : xs) compact(); }\n"
                                + "    private void compact() { System.gc(); }",
                        Severity.WARNING, "Hot path: compact() is called on every pass of a loop at line 5."),
                Arguments.of("per-element lambda", "void f(List<String> xs) { xs.removeIf(x -> { System.gc(); return false; }); }",
                        Severity.WARNING, "Hot path: runs on every pass of the removeIf lambda at line 5, over 'xs', from the parameter 'xs'."),
                Arguments.of("error branch", "void f(List<String> xs, boolean bad) { if (bad) { for (String x : xs) System.gc();"
                                + " throw new IllegalStateException(); } }",
                        Severity.HINT, "Cold path: in a branch that ends by throwing an exception (an error path)."),
                Arguments.of("a branch that throws but can return first is not an error path", "void f(List<String> xs) {"
                                + " if (!xs.isEmpty()) { for (String x : xs) { System.gc(); if (x.isEmpty()) return; }"
                                + " throw new IllegalStateException(); } }",
                        Severity.WARNING, "Hot path: runs on every pass of the for-each loop at line 5, over 'xs', from the parameter 'xs'."),
                Arguments.of("a search that throws when it finds nothing is not an error path", "String f(List<String> xs) {"
                                + " for (String x : xs) { System.gc(); if (x.isEmpty()) return x; } throw new IllegalStateException(); }",
                        Severity.WARNING, "Hot path: runs on every pass of the for-each loop at line 5, over 'xs', from the parameter 'xs'."),
                Arguments.of("after a failed attempt", "void f(List<String> xs) { for (String x : xs) { try { g(); return; }"
                                + " catch (RuntimeException e) { } System.gc(); } } void g() {}",
                        Severity.HINT, "Cold path: after a failed attempt of a retry loop (the try block above returns or breaks on success)."),
                Arguments.of("after a try that does not leave the loop", "void f(List<String> xs) { for (String x : xs) {"
                                + " try { g(); } catch (RuntimeException e) { } System.gc(); } } void g() {}",
                        Severity.WARNING, "Hot path: runs on every pass of the for-each loop at line 5, over 'xs', from the parameter 'xs'."),
                Arguments.of("called only after failed attempts", "void f(List<String> xs) { for (String x : xs) {"
                                + " try { g(); break; } catch (RuntimeException e) { } pause(); } } void g() {}\n"
                                + "    private void pause() { System.gc(); }",
                        Severity.INFO, "Per call: runs once per call of pause(), and no loop in this file calls it."),
                Arguments.of("command-line tool", "public static void main(String[] args) { }"
                                + " void f(List<String> xs) { for (String x : xs) System.gc(); }",
                        Severity.INFO, "Set-up code: in a command-line tool (Job declares main()), which runs it once per invocation."),
                Arguments.of("a main with other parameters is not a tool's", "static void main(int code) { }"
                                + " void f(List<String> xs) { for (String x : xs) System.gc(); }",
                        Severity.WARNING, "Hot path: runs on every pass of the for-each loop at line 5, over 'xs', from the parameter 'xs'."),
                Arguments.of("varargs", "void f(String... xs) { for (String x : xs) System.gc(); }",
                        Severity.INFO, "Size unknown: runs on every pass of the for-each loop at line 5, over the varargs"
                                + " parameter 'xs', whose elements callers mostly write out one by one; a profile that shows"
                                + " this line hot raises the finding."),
                Arguments.of("an array parameter is the caller's data", "void f(String[] xs) { for (String x : xs) System.gc(); }",
                        Severity.WARNING, "Hot path: runs on every pass of the for-each loop at line 5, over 'xs', from the parameter 'xs'."),
                Arguments.of("varargs inside a loop over data", "void f(List<String> rows, String... xs) { for (String r : rows)"
                                + " for (String x : xs) System.gc(); }",
                        Severity.WARNING, "Hot path: runs on every pass of the for-each loop at line 5, over 'rows', from the"
                                + " parameter 'rows' (the for-each loop at line 5 around it)."),
                Arguments.of("schema metadata", "void f(java.sql.Connection c) throws java.sql.SQLException {"
                                + " java.sql.DatabaseMetaData meta = c.getMetaData(); java.sql.ResultSet keys = null;"
                                + " keys = meta.getPrimaryKeys(null, null, \"T\"); while (keys.next()) System.gc(); }",
                        Severity.INFO, "Size unknown: runs on every pass of the while loop at line 5, and nothing shows its"
                                + " data to be input-sized (a parameter, a collection filled per item, a stream or result set it"
                                + " reads); a profile that shows this line hot raises the finding."),
                Arguments.of("query results", "void f(java.sql.Connection c) throws java.sql.SQLException {"
                                + " java.sql.ResultSet rows = c.createStatement().executeQuery(\"select 1\"); while (rows.next()) System.gc(); }",
                        Severity.WARNING, "Hot path: runs on every pass of the while loop at line 5, which reads 'rows' until it ends."),
                Arguments.of("timing loop", "long f(List<String> xs) { long time = System.currentTimeMillis();"
                                + " for (String x : xs) System.gc(); time = System.currentTimeMillis() - time; return time; }",
                        Severity.HINT, "Cold path: in a timing loop (System.currentTimeMillis() is read before the for-each loop"
                                + " at line 5 and subtracted after it): the passes are what the code measures."),
                Arguments.of("a clock read but not subtracted is no timing loop", "long f(List<String> xs) {"
                                + " long started = System.nanoTime(); for (String x : xs) System.gc(); return started; }",
                        Severity.WARNING, "Hot path: runs on every pass of the for-each loop at line 5, over 'xs', from the parameter 'xs'."),
                Arguments.of("an iterator over a parameter", "void f(List<String> xs) { Iterator<String> it = xs.iterator();"
                                + " while (it.hasNext()) { it.next(); System.gc(); } }",
                        Severity.WARNING, "Hot path: runs on every pass of the while loop at line 5, which reads 'it' over 'xs',"
                                + " from the parameter 'xs'."),
                Arguments.of("an iterator over a field", "List<String> names = new ArrayList<>(); void f() {"
                                + " Iterator<String> it = names.iterator(); while (it.hasNext()) { it.next(); System.gc(); } }",
                        Severity.INFO, "Size unknown: runs on every pass of the while loop at line 5, and nothing shows its data"
                                + " to be input-sized (a parameter, a collection filled per item, a stream or result set it reads);"
                                + " a profile that shows this line hot raises the finding."),
                Arguments.of("a tokenizer over a constant", "void f() { StringTokenizer t = new StringTokenizer(\"a b c\");"
                                + " while (t.hasMoreTokens()) { t.nextToken(); System.gc(); } }",
                        Severity.INFO, "Size unknown: runs on every pass of the while loop at line 5, and nothing shows its data"
                                + " to be input-sized (a parameter, a collection filled per item, a stream or result set it reads);"
                                + " a profile that shows this line hot raises the finding."),
                Arguments.of("a list filled from varargs", "void f(String... xs) { List<String> seen = new ArrayList<>();"
                                + " for (String x : xs) seen.add(x); for (String s : seen) System.gc(); }",
                        Severity.INFO, "Size unknown: runs on every pass of the for-each loop at line 5, and nothing shows its data"
                                + " to be input-sized (a parameter, a collection filled per item, a stream or result set it reads);"
                                + " a profile that shows this line hot raises the finding."),
                Arguments.of("catch inside a loop is still cold", "void f(List<String> xs) { for (String x : xs) {"
                                + " try { g(); } catch (RuntimeException e) { System.gc(); } } } void g() {}",
                        Severity.HINT, "Cold path: inside a catch block."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void contextSetsSeverityAndSaysWhy(String name, String members, Severity expected, String sentence) {
        Finding finding = onlyFinding(MAIN, source(members), Policy.defaults(null));
        assertEquals(expected, finding.severity(), finding.message());
        assertTrue(finding.message().endsWith(sentence), () -> "message: " + finding.message());
        assertEquals(Severity.WARNING, finding.context().ruleSeverity());
    }

    static Stream<Arguments> packages() {
        return Stream.of(
                Arguments.of("app.tools", Severity.INFO,
                        "Set-up code: in a command-line tool (package app.tools), which runs once per invocation."),
                Arguments.of("app.cli", Severity.INFO,
                        "Set-up code: in a command-line tool (package app.cli), which runs once per invocation."),
                Arguments.of("app.config", Severity.INFO,
                        "Set-up code: in configuration code (package app.config), which runs while the configuration is read."),
                Arguments.of("app.testutil", Severity.HINT, "Test code: test support code (package app.testutil)."),
                Arguments.of("app.testing.support", Severity.HINT, "Test code: test support code (package app.testing.support)."),
                Arguments.of("app.toolkit", Severity.WARNING, "Hot path: runs on every pass of the for-each loop at line 5,"
                        + " over 'xs', from the parameter 'xs'."),
                Arguments.of("app.configurable", Severity.WARNING, "Hot path: runs on every pass of the for-each loop at"
                        + " line 5, over 'xs', from the parameter 'xs'."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void thePackageSaysWhatKindOfCodeItHolds(String pkg, Severity expected, String sentence) {
        String source = source("void f(List<String> xs) { for (String x : xs) System.gc(); }").replace("package app;",
                "package " + pkg + ";");
        Finding finding = onlyFinding("/work/app/src/main/java/" + pkg.replace('.', '/') + "/Job.java", source,
                Policy.defaults(null));
        assertEquals(expected, finding.severity(), finding.message());
        assertTrue(finding.message().endsWith(sentence), () -> "message: " + finding.message());
    }

    @Test
    void testCodeIsAHintByDefaultLikeMainCodeWhenIncludedAndAbsentWhenExcluded() {
        String test = "/work/app/src/test/java/app/Job.java";
        String members = "void f(List<String> xs) { for (String x : xs) System.gc(); }";
        Finding hinted = onlyFinding(test, source(members), Policy.defaults(null));
        assertEquals(Severity.HINT, hinted.severity());
        assertTrue(hinted.message().endsWith("Test code: test source (src/test)."), hinted.message());
        Finding included = onlyFinding(test, source(members), Policy.defaults(null).withTests(Policy.TestSources.INCLUDE));
        assertEquals(Severity.WARNING, included.severity());
        assertEquals(List.of(), ENGINE.analyze(Path.of(test), source(members), JDK,
                Policy.defaults(null).withTests(Policy.TestSources.EXCLUDE), Cancellation.NONE).findings());
        Finding junit = onlyFinding(MAIN, "import org.junit.jupiter.api.Test;\n" + source(members), Policy.defaults(null));
        assertEquals(Severity.HINT, junit.severity(), junit.message());
    }

    @Test
    void aSeverityThePolicySetsIsKeptAndTheReasonStillSaid() {
        Policy policy = new Policy(null, Map.of("explicit-gc", new Policy.RuleSettings(null, Severity.WARNING)),
                null, List.of(), List.of());
        Finding finding = onlyFinding(MAIN, source("void f() { try { } finally { System.gc(); } }"), policy);
        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.message().endsWith("Cold path: inside a finally block."), finding.message());
    }

    private static String source(String members) {
        return "package app;\nimport java.util.*;\n\nclass Job {\n    " + members + "\n}\n";
    }

    private static Finding onlyFinding(String file, String source, Policy policy) {
        List<Finding> findings = ENGINE.analyze(Path.of(file), source, JDK, policy, Cancellation.NONE).findings();
        assertEquals(1, findings.size(), () -> "findings: " + findings + "\n" + source);
        return findings.get(0);
    }
}
