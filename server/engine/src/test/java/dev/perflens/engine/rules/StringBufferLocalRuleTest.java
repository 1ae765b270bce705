package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class StringBufferLocalRuleTest {
    private final RuleTester tester = RuleTester.of(new StringBufferLocalRule());

    @Test
    void flagsStringBuffersThatStayInTheirMethod() {
        tester.expectMarkedFindings("""
                import java.util.List;

                class Render {
                    String csv(List<String> cells) {
                        // PERF: string-buffer-local
                        StringBuffer out = new StringBuffer();
                        for (String cell : cells) {
                            out.append(cell).append(',');
                        }
                        if (out.length() > 0) {
                            out.setLength(out.length() - 1);
                        }
                        return out.toString();
                    }

                    String twice(String s) {
                        // PERF: string-buffer-local
                        var buffer = new StringBuffer(s);
                        buffer.append(s);
                        String copy = "[" + buffer + "]";
                        StringBuilder target = new StringBuilder();
                        target.append(buffer);
                        return String.valueOf(buffer) + copy + target;
                    }

                    int reused(String[] words) {
                        int total = 0;
                        // PERF: string-buffer-local
                        StringBuffer word = new StringBuffer(16);
                        for (String w : words) {
                            word = new StringBuffer(w);
                            total += word.reverse().length();
                        }
                        return total;
                    }
                }
                """);
    }

    @Test
    void staysSilentWhenTheBufferIsOrMayBeShared() {
        tester.expectMarkedFindings("""
                import java.util.ArrayList;
                import java.util.List;
                import java.util.function.Supplier;
                import java.util.regex.Matcher;
                import java.util.regex.Pattern;

                class Shared {
                    private StringBuffer field = new StringBuffer();
                    private final List<StringBuffer> all = new ArrayList<>();

                    StringBuffer returned() {
                        StringBuffer sb = new StringBuffer();
                        sb.append("x");
                        return sb;
                    }

                    void storedInField() {
                        StringBuffer sb = new StringBuffer();
                        field = sb;
                        all.add(new StringBuffer());
                    }

                    void passedOn() {
                        StringBuffer sb = new StringBuffer();
                        fill(sb);
                        StringBuffer other = new StringBuffer();
                        Matcher m = Pattern.compile("a").matcher("banana");
                        while (m.find()) {
                            m.appendReplacement(other, "b");
                        }
                    }

                    void fill(StringBuffer sb) {
                        sb.append("param");
                    }

                    Supplier<String> captured() {
                        StringBuffer sb = new StringBuffer();
                        Runnable r = () -> sb.append("x");
                        new Thread(r).start();
                        return sb::toString;
                    }

                    void chainedResultEscapes() {
                        StringBuffer sb = new StringBuffer();
                        field = sb.append("x");
                    }

                    void lock() {
                        StringBuffer sb = new StringBuffer();
                        synchronized (sb) {
                            sb.append(1);
                        }
                    }

                    void notFresh(StringBuffer in) {
                        StringBuffer sb = in;
                        sb.append(1);
                        StringBuffer later = new StringBuffer();
                        later = in;
                        later.append(2);
                    }

                    void builderIsFine() {
                        StringBuilder sb = new StringBuilder();
                        sb.append(1);
                    }

                    void anonymousSubclass() {
                        CharSequence cs = new StringBuffer();
                        Object o = new StringBuffer() { };
                    }
                }
                """);
    }

    @Test
    void fixRenamesTheTypeAndEveryCreation() {
        tester.expectFix("""
                class Render {
                    String csv(String[] cells) {
                        StringBuffer out = new StringBuffer(64);
                        for (String cell : cells) {
                            out.append(cell).append(',');
                        }
                        return out.toString();
                    }
                }
                """, """
                class Render {
                    String csv(String[] cells) {
                        StringBuilder out = new StringBuilder(64);
                        for (String cell : cells) {
                            out.append(cell).append(',');
                        }
                        return out.toString();
                    }
                }
                """);
        tester.expectFix("""
                class Words {
                    int reversedLength(String[] words) {
                        int total = 0;
                        var word = new StringBuffer();
                        for (String w : words) {
                            word = new StringBuffer(w);
                            total += word.reverse().length();
                        }
                        return total + ("" + word).length();
                    }
                }
                """, """
                class Words {
                    int reversedLength(String[] words) {
                        int total = 0;
                        var word = new StringBuilder();
                        for (String w : words) {
                            word = new StringBuilder(w);
                            total += word.reverse().length();
                        }
                        return total + ("" + word).length();
                    }
                }
                """);
        tester.expectFix("""
                class Copy {
                    String copy(CharSequence text) {
                        java.lang.StringBuffer sb = new java.lang.StringBuffer(text);
                        StringBuilder target = new StringBuilder();
                        target.append(sb);
                        return new String(sb) + target;
                    }
                }
                """, """
                class Copy {
                    String copy(CharSequence text) {
                        StringBuilder sb = new StringBuilder(text);
                        StringBuilder target = new StringBuilder();
                        target.append(sb);
                        return new String(sb) + target;
                    }
                }
                """);
    }

    @Test
    void noFixWhenTheDeclarationHasSeveralVariables() {
        tester.expectNoFix("""
                class Two {
                    String both() {
                        StringBuffer a = new StringBuffer(), b = new StringBuffer();
                        a.append(1);
                        b.append(2);
                        return a.toString() + b;
                    }
                }
                """, "other variables");
    }
}
