package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class LoggingConcatRuleTest {
    private final RuleTester tester = RuleTester.of(new LoggingConcatRule());

    @Test
    void flagsUnguardedDebugMessagesBuiltEagerlyInEveryLibrary() {
        tester.expectMarkedFindings("""
                import java.util.List;
                import java.util.logging.Level;
                import org.apache.commons.logging.Log;
                import org.apache.commons.logging.LogFactory;
                import org.apache.logging.log4j.LogManager;
                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;
                import org.slf4j.MarkerFactory;

                class Orders {
                    private static final Logger LOG = LoggerFactory.getLogger(Orders.class);
                    private static final org.apache.logging.log4j.Logger LOG4J = LogManager.getLogger(Orders.class);
                    private static final Log JCL = LogFactory.getLog(Orders.class);
                    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("orders");

                    void process(List<String> ids, int count, Exception failure) {
                        // PERF: logging-concat
                        LOG.debug("processing " + ids.size() + " ids");
                        // PERF: logging-concat
                        LOG.trace(String.format("count=%d", count));
                        // PERF: logging-concat
                        LOG.debug(MarkerFactory.getMarker("AUDIT"), "ids " + ids);
                        // PERF: logging-concat
                        LOG.debug("failed for " + ids, failure);
                        // PERF: logging-concat
                        LOG4J.debug("count " + count);
                        // PERF: logging-concat
                        LOG4J.trace("%s items".formatted(count));
                        // PERF: logging-concat
                        JCL.debug("count " + count);
                        // PERF: logging-concat
                        JUL.fine("count " + count);
                        // PERF: logging-concat
                        JUL.log(Level.FINER, "count " + count);
                        for (String id : ids) {
                            // PERF: logging-concat
                            LOG.debug("id " + id);
                        }
                    }
                }
                """);
    }

    @Test
    void staysSilentWhenGuardedAtEnabledLevelsOrConstant() {
        tester.expectMarkedFindings("""
                import java.util.logging.Level;
                import org.apache.commons.logging.Log;
                import org.apache.commons.logging.LogFactory;
                import org.apache.logging.log4j.LogManager;
                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;

                class Quiet {
                    private static final Logger LOG = LoggerFactory.getLogger(Quiet.class);
                    private static final org.apache.logging.log4j.Logger LOG4J = LogManager.getLogger(Quiet.class);
                    private static final Log JCL = LogFactory.getLog(Quiet.class);
                    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("q");
                    private static final String PREFIX = "quiet: ";
                    private static final boolean DEBUG = LOG.isDebugEnabled();

                    void run(int n, String s) {
                        if (LOG.isDebugEnabled()) {
                            LOG.debug("n=" + n);
                        }
                        if (LOG4J.isTraceEnabled() && n > 0) {
                            LOG4J.trace("n=" + n);
                        }
                        if (JCL.isDebugEnabled()) JCL.debug("n=" + n);
                        if (JUL.isLoggable(Level.FINE)) {
                            JUL.fine("n=" + n);
                        }
                        if (DEBUG) {
                            LOG.debug("n=" + n);
                        }
                        LOG.info("n=" + n);
                        LOG.warn("n=" + n);
                        LOG4J.error("n=" + n);
                        JUL.info("n=" + n);
                        JUL.log(Level.INFO, "n=" + n);
                        LOG.debug(PREFIX + "started");
                        LOG.debug("n={}", n);
                        LOG.debug("a" + "b" + 1);
                        LOG4J.debug(() -> "n=" + n);
                        JUL.fine(() -> "n=" + n);
                        String message = "n=" + n;
                        LOG.debug(message);
                        StringBuilder sb = new StringBuilder();
                        sb.append("debug " + n);
                    }

                    void early(int n) {
                        if (!LOG.isDebugEnabled()) {
                            return;
                        }
                        LOG.debug("n=" + n);
                    }

                    void debug(String text) {
                        System.out.println(text);
                    }

                    void notALogger(int n) {
                        debug("n=" + n);
                    }
                }
                """);
    }

    @Test
    void fixTurnsConcatenationIntoAPattern() {
        tester.expectFix("""
                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;

                class Orders {
                    private static final Logger LOG = LoggerFactory.getLogger(Orders.class);

                    void process(String id, int count) {
                        LOG.debug("order " + id + " has " + count + " lines");
                    }
                }
                """, """
                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;

                class Orders {
                    private static final Logger LOG = LoggerFactory.getLogger(Orders.class);

                    void process(String id, int count) {
                        LOG.debug("order {} has {} lines", id, count);
                    }
                }
                """);
    }

    @Test
    void fixKeepsTheExplicitExceptionLastAndTheMarkerFirst() {
        tester.expectFix("""
                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;

                class Orders {
                    private static final Logger LOG = LoggerFactory.getLogger(Orders.class);

                    void process(String id, Exception failure) {
                        LOG.debug("could not load " + id + '!', failure);
                    }
                }
                """, """
                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;

                class Orders {
                    private static final Logger LOG = LoggerFactory.getLogger(Orders.class);

                    void process(String id, Exception failure) {
                        LOG.debug("could not load {}!", id, failure);
                    }
                }
                """);
        tester.expectFix("""
                import org.apache.logging.log4j.LogManager;
                import org.apache.logging.log4j.Logger;
                import org.apache.logging.log4j.MarkerManager;

                class Audit {
                    private static final Logger LOG = LogManager.getLogger(Audit.class);

                    void record(long user, java.util.List<String> roles) {
                        LOG.trace(MarkerManager.getMarker("AUDIT"), user + " has roles " + roles);
                    }
                }
                """, """
                import org.apache.logging.log4j.LogManager;
                import org.apache.logging.log4j.Logger;
                import org.apache.logging.log4j.MarkerManager;

                class Audit {
                    private static final Logger LOG = LogManager.getLogger(Audit.class);

                    void record(long user, java.util.List<String> roles) {
                        LOG.trace(MarkerManager.getMarker("AUDIT"), "{} has roles {}", user, roles);
                    }
                }
                """);
    }

    @Test
    void fixKeepsLoneBracesThatAreNotPlaceholders() {
        tester.expectFix("""
                import java.util.Map;
                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;

                class Config {
                    private static final Logger LOG = LoggerFactory.getLogger(Config.class);

                    void load(String key, Map<String, String> values) {
                        LOG.debug("entry {" + key + "} of " + values.size() + " in " + values);
                    }
                }
                """, """
                import java.util.Map;
                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;

                class Config {
                    private static final Logger LOG = LoggerFactory.getLogger(Config.class);

                    void load(String key, Map<String, String> values) {
                        LOG.debug("entry {{}} of {} in {}", key, values.size(), values);
                    }
                }
                """);
    }

    @Test
    void fixTurnsSimpleFormatIntoAPattern() {
        tester.expectFix("""
                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;

                class Orders {
                    private static final Logger LOG = LoggerFactory.getLogger(Orders.class);

                    void process(String id, int count) {
                        LOG.trace(String.format("order %s: %s lines", id, count));
                    }
                }
                """, """
                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;

                class Orders {
                    private static final Logger LOG = LoggerFactory.getLogger(Orders.class);

                    void process(String id, int count) {
                        LOG.trace("order {}: {} lines", id, count);
                    }
                }
                """);
    }

    @Test
    void noFixWhereAPatternWouldLogSomethingElse() {
        String header = """
                import org.slf4j.Logger;
                import org.slf4j.LoggerFactory;

                class Orders {
                    private static final Logger LOG = LoggerFactory.getLogger(Orders.class);

                """;
        tester.expectNoFix(header + """
                    void process(String id, Exception cause) {
                        LOG.debug("failed " + id + ": " + cause);
                    }
                }
                """, "may be a Throwable");
        tester.expectNoFix(header + """
                    void process(String id, Object value) {
                        LOG.debug("value of " + id + " is " + value);
                    }
                }
                """, "may be a Throwable");
        tester.expectNoFix(header + """
                    void process(String id) {
                        LOG.debug("set {} to " + id);
                    }
                }
                """, "contains {}");
        tester.expectNoFix(header + """
                    void process(String dir) {
                        LOG.debug("C:\\\\data\\\\" + dir);
                    }
                }
                """, "backslash");
        tester.expectNoFix(header + """
                    void process(int[] ids) {
                        LOG.debug("ids " + ids);
                    }
                }
                """, "an array");
        tester.expectNoFix(header + """
                    void process(int count, double ratio) {
                        LOG.debug(String.format("count=%d ratio=%.2f", count, ratio));
                    }
                }
                """, "other than %s");
        tester.expectNoFix(header + """
                    void process(int count, String id) {
                        LOG.debug("count " + count + " for {}", id);
                    }
                }
                """, "already passes arguments");
        tester.expectNoFix(header + """
                    void process(int a, int b) {
                        LOG.debug(a + b + " total");
                    }
                }
                """, "non-String operands");
    }

    @Test
    void noFixForLibrariesWithoutParameters() {
        tester.expectNoFix("""
                import org.apache.commons.logging.Log;
                import org.apache.commons.logging.LogFactory;

                class Orders {
                    private static final Log LOG = LogFactory.getLog(Orders.class);

                    void process(String id) {
                        LOG.trace("order " + id);
                    }
                }
                """, "commons-logging has no {}-style parameters");
        tester.expectNoFix("""
                import java.util.logging.Logger;

                class Orders {
                    private static final Logger LOG = Logger.getLogger("orders");

                    void process(String id) {
                        LOG.finest("order " + id);
                    }
                }
                """, "java.util.logging has no {}-style parameters");
    }
}
