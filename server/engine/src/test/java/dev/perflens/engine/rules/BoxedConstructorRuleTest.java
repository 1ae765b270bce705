package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class BoxedConstructorRuleTest {
    private final RuleTester tester = RuleTester.of(new BoxedConstructorRule());

    @Test
    void flagsWrapperStringAndBigNumberConstructors() {
        tester.expectMarkedFindings("""
                import java.math.BigDecimal;
                import java.math.BigInteger;
                import java.util.List;

                class Legacy {
                    @SuppressWarnings("removal")
                    void all(List<Object> out, String text, int n, char c) {
                        // PERF: boxed-constructor
                        out.add(new Integer(n));
                        // PERF: boxed-constructor
                        out.add(new Long(text));
                        // PERF: boxed-constructor
                        out.add(new Short((short) 1));
                        // PERF: boxed-constructor
                        out.add(new Byte((byte) n));
                        // PERF: boxed-constructor
                        out.add(new Character(c));
                        // PERF: boxed-constructor
                        out.add(new Boolean(text));
                        // PERF: boxed-constructor
                        out.add(new Float(1.5f));
                        // PERF: boxed-constructor
                        out.add(new Double(n));
                        // PERF: boxed-constructor
                        String copy = new String(text);
                        out.add(copy.trim() + copy);
                        // PERF: boxed-constructor
                        out.add(new String(text).length());
                        // PERF: boxed-constructor
                        out.add(new BigDecimal("0"));
                        // PERF: boxed-constructor
                        out.add(new BigDecimal(10));
                        // PERF: boxed-constructor
                        out.add(new BigInteger("1"));
                        // PERF: boxed-constructor
                        out.add(new java.math.BigInteger("10"));
                    }
                }
                """);
    }

    @Test
    void staysSilentOnOtherConstructors() {
        tester.expectMarkedFindings("""
                import java.math.BigDecimal;
                import java.math.BigInteger;
                import java.nio.charset.StandardCharsets;
                import java.util.List;

                class Fine {
                    void all(List<Object> out, char[] chars, byte[] bytes, StringBuilder sb, String text) {
                        out.add(Integer.valueOf(3));
                        out.add(new String());
                        out.add(new String(chars));
                        out.add(new String(bytes, StandardCharsets.UTF_8));
                        out.add(new String(sb));
                        out.add(new String(chars, 0, 1));
                        out.add(new BigDecimal("0.0"));
                        out.add(new BigDecimal("3"));
                        out.add(new BigDecimal(text));
                        out.add(new BigDecimal(1.0));
                        out.add(new BigInteger("10", 2));
                        out.add(new BigInteger(text));
                        out.add(new BigDecimal("1") { });
                        out.add(new Object());
                    }
                }
                """);
    }

    @Test
    void staysSilentOnStringCopiesThatMayBeSentinels() {
        tester.expectMarkedFindings("""
                class Name {
                    private static final String EMPTY = "";
                    public static final Name NO_NAME = new Name(new String(EMPTY));
                    private static final String NONE = new String("none");

                    private final String simple;

                    Name(String simple) {
                        this.simple = simple;
                    }

                    boolean isNone(String value) {
                        return value == NONE || simple == EMPTY;
                    }

                    String distinct(String s) {
                        String copy = new String(s);
                        return copy;
                    }

                    boolean same(String s) {
                        String copy = new String(s);
                        return copy.length() > 0 && copy == s;
                    }
                }
                """);
    }

    @Test
    void fixUsesValueOf() {
        tester.expectFix("""
                import java.util.List;

                class Legacy {
                    @SuppressWarnings("removal")
                    void add(List<Integer> out, String text) {
                        out.add(new Integer(text));
                    }
                }
                """, """
                import java.util.List;

                class Legacy {
                    @SuppressWarnings("removal")
                    void add(List<Integer> out, String text) {
                        out.add(Integer.valueOf(text));
                    }
                }
                """);
        tester.expectFix("""
                class Flags {
                    @SuppressWarnings("removal")
                    boolean on(boolean b) {
                        Boolean flag = new java.lang.Boolean(b);
                        return flag && b;
                    }
                }
                """, """
                class Flags {
                    @SuppressWarnings("removal")
                    boolean on(boolean b) {
                        Boolean flag = java.lang.Boolean.valueOf(b);
                        return flag && b;
                    }
                }
                """);
    }

    @Test
    void fixUsesTheStringOrTheConstant() {
        tester.expectFix("""
                class Names {
                    int length() {
                        String copy = new String("fixed");
                        return copy.length();
                    }
                }
                """, """
                class Names {
                    int length() {
                        String copy = "fixed";
                        return copy.length();
                    }
                }
                """);
        tester.expectFix("""
                class Names {
                    int length(String a) {
                        return new String(a + "!").length();
                    }
                }
                """, """
                class Names {
                    int length(String a) {
                        return (a + "!").length();
                    }
                }
                """);
        tester.expectFix("""
                import java.math.BigDecimal;

                class Money {
                    BigDecimal total(BigDecimal[] amounts) {
                        BigDecimal sum = new BigDecimal("0");
                        for (BigDecimal a : amounts) {
                            sum = sum.add(a);
                        }
                        return sum;
                    }
                }
                """, """
                import java.math.BigDecimal;

                class Money {
                    BigDecimal total(BigDecimal[] amounts) {
                        BigDecimal sum = BigDecimal.ZERO;
                        for (BigDecimal a : amounts) {
                            sum = sum.add(a);
                        }
                        return sum;
                    }
                }
                """);
    }

    @Test
    void noFixWhenIdentityIsUsedOrNullWouldChange() {
        tester.expectNoFix("""
                class Sentinel {
                    @SuppressWarnings("removal")
                    private final Integer none = new Integer(-1);

                    boolean isNone(Integer value) {
                        return value == none;
                    }
                }
                """, "compared with ==");
        tester.expectNoFix("""
                class Sentinel {
                    @SuppressWarnings("removal")
                    public Long none = new Long(-1);
                }
                """, "non-private field");
        tester.expectNoFix("""
                class Lock {
                    @SuppressWarnings("removal")
                    void run(Runnable r) {
                        Integer lock = new Integer(1);
                        synchronized (lock) {
                            r.run();
                        }
                    }
                }
                """, "used as a lock");
        tester.expectNoFix("""
                class Copy {
                    String copy(String s) {
                        return new String(s).trim();
                    }
                }
                """, "may be null");
        tester.expectNoFix("""
                class Narrow {
                    @SuppressWarnings("removal")
                    Float of(double d) {
                        return new Float(d);
                    }
                }
                """, "Float(double)");
    }

    @Test
    void staysSilentOnStaticFinalFieldsWhichAreMadeOnceAndOftenMeantAsDistinctObjects() {
        tester.expectMarkedFindings("""
                import java.math.BigDecimal;

                @SuppressWarnings("removal")
                class Markers {
                    static final Integer NONE = new Integer(-1);
                    private static final Long UNSET = new Long(0);
                    static final String EMPTY_MARKER = new String("");
                    static final BigDecimal NOTHING = new BigDecimal("0");
                    static final Boolean LATER;
                    static {
                        LATER = new Boolean(true);
                    }
                    // PERF: boxed-constructor
                    private static Integer mutable = new Integer(1);
                    // PERF: boxed-constructor
                    private final Integer perInstance = new Integer(2);

                    boolean isEmpty(String s) {
                        return s == EMPTY_MARKER;
                    }
                }
                """);
    }

    @Test
    void staysSilentOnAWrapperNameThatBindsToAnotherType() {
        tester.expectMarkedFindings("""
                import java.util.List;

                class Shadow {
                    static class Integer {
                        Integer(int value) {
                        }
                    }

                    static class Long {
                        Long(String text) {
                        }
                    }

                    void all(List<Object> out, int n) {
                        out.add(new Integer(n));
                        out.add(new Long("1"));
                        // PERF: boxed-constructor
                        out.add(new java.lang.Integer(n));
                    }
                }
                """);
    }
}
