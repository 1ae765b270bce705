package dev.perflens.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.engine.Finding;
import dev.perflens.engine.Severity;
import dev.perflens.engine.testing.RuleTester;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualArrayCopyRuleTest {
    private final RuleTester tester = RuleTester.of(new ManualArrayCopyRule());

    @Test
    void flagsElementByElementCopies() {
        tester.expectMarkedFindings("""
                class Buffers {
                    private final int[] data = new int[16];

                    void all(int[] src, int[] dst, String[] names, String[] copy, int from, int to, int offset) {
                        // PERF: manual-array-copy
                        for (int i = 0; i < src.length; i++) {
                            dst[i] = src[i];
                        }
                        // PERF: manual-array-copy
                        for (int i = from; i < to; i++)
                            dst[i + offset] = src[i];
                        // PERF: manual-array-copy
                        for (int i = 0; i < names.length - 1; ++i) {
                            copy[i] = names[i + 1];
                        }
                        // PERF: manual-array-copy
                        for (int i = 0; i < src.length; i += 1) {
                            this.data[offset + i] = (src[i]);
                        }
                        // PERF: manual-array-copy
                        for (int i = 0; i < from; i++) {
                            src[i] = src[i + 1];
                        }
                    }
                }
                """);
    }

    @Test
    void staysSilentOnLoopsThatDoMoreThanCopy() {
        tester.expectMarkedFindings("""
                class Fine {
                    int[] next() {
                        return new int[1];
                    }

                    void all(int[] src, int[] dst, long[] wide, Integer[] boxed, int n) {
                        for (int i = 0; i < n; i++) {
                            dst[i] = src[i] * 2;
                        }
                        for (int i = 0; i < n; i++) {
                            wide[i] = src[i];
                        }
                        for (int i = 0; i < n; i++) {
                            boxed[i] = src[i];
                        }
                        for (int i = 0; i < n; i++) {
                            dst[i] = src[n - i];
                        }
                        for (int i = 0; i < n; i++) {
                            dst[i] = src[i];
                            n--;
                        }
                        for (int i = 0; i < n; i += 2) {
                            dst[i] = src[i];
                        }
                        for (int i = n - 1; i >= 0; i--) {
                            dst[i] = src[i];
                        }
                        for (int i = 0; i <= n; i++) {
                            dst[i] = src[i];
                        }
                        for (int i = 0; i < n; i++) {
                            next()[i] = src[i];
                        }
                        for (int i = 0; i < src.length; i++) {
                            src[i + 1] = src[i];
                        }
                        for (int i = 0; i < src.length; i++) {
                            src[i] = src[i];
                        }
                        for (int i = 0; i < n; i++) {
                            dst[i] = src[0];
                        }
                        int j = 0;
                        for (int i = 0; i < n; i++) {
                            dst[j] = src[i];
                        }
                        for (int v : src) {
                            dst[v] = v;
                        }
                    }
                }
                """);
    }

    @Test
    void fixCopiesIntoAFreshArrayOfTheSourceLength() {
        tester.expectFix("""
                class Buffers {
                    int[] copy(int[] src) {
                        int[] dst = new int[src.length];
                        for (int i = 0; i < src.length; i++) {
                            dst[i] = src[i];
                        }
                        return dst;
                    }
                }
                """, """
                class Buffers {
                    int[] copy(int[] src) {
                        int[] dst = new int[src.length];
                        System.arraycopy(src, 0, dst, 0, src.length);
                        return dst;
                    }
                }
                """);
        tester.expectFix("""
                class Args {
                    String[] prepend(String first, String[] rest) {
                        String[] all;
                        all = new String[rest.length + 1];
                        for (int i = 0; i < rest.length; i++)
                            all[i + 1] = rest[i];
                        all[0] = first;
                        return all;
                    }
                }
                """, """
                class Args {
                    String[] prepend(String first, String[] rest) {
                        String[] all;
                        all = new String[rest.length + 1];
                        System.arraycopy(rest, 0, all, 1, rest.length);
                        all[0] = first;
                        return all;
                    }
                }
                """);
    }

    @Test
    void noFixWhenBoundsOrDistinctnessAreNotProvable() {
        tester.expectNoFix("""
                class Buffers {
                    void copy(int[] src, int[] dst) {
                        for (int i = 0; i < src.length; i++) {
                            dst[i] = src[i];
                        }
                    }
                }
                """, "not a new array allocated right before the loop");
        tester.expectNoFix("""
                class Buffers {
                    int[] copy(int[] src, int n) {
                        int[] dst = new int[n];
                        for (int i = 0; i < n; i++) {
                            dst[i] = src[i];
                        }
                        return dst;
                    }
                }
                """, "not provably inside both arrays");
        tester.expectNoFix("""
                class Buffers {
                    int[] copy(int[] src) {
                        int[] dst = new int[src.length];
                        for (int i = 0; i < src.length; i++) {
                            dst[i + 1] = src[i];
                        }
                        return dst;
                    }
                }
                """, "not provably inside both arrays");
        tester.expectNoFix("""
                class Shift {
                    void removeFirst(Object[] items, int size) {
                        for (int i = 0; i < size - 1; i++) {
                            items[i] = items[i + 1];
                        }
                    }
                }
                """, "shifts elements within 'items'");
        tester.expectNoFix("""
                class Holder {
                    private int[] src = new int[4];

                    int[] copy() {
                        int[] dst = new int[src.length];
                        for (int i = 0; i < src.length; i++) {
                            dst[i] = src[i];
                        }
                        return dst;
                    }
                }
                """, "non-final field");
    }

    @Test
    void flagsWhileAndDoCopiesAndOtherConditionsAndUpdates() {
        tester.expectMarkedFindings("""
                class Loops {
                    void all(int[] src, int[] dst, int n) {
                        int i = 0;
                        // PERF: manual-array-copy
                        while (i < n) {
                            dst[i] = src[i];
                            i++;
                        }
                        int j = 0;
                        // PERF: manual-array-copy
                        do {
                            dst[j] = src[j];
                            j += 1;
                        } while (j != n);
                        // PERF: manual-array-copy
                        for (int k = 0; k != n; k = k + 1) {
                            dst[k] = src[k];
                        }
                        // PERF: manual-array-copy
                        for (int k = 0; n > k; k++) {
                            dst[k + 1] = src[k];
                        }
                        int m = 0;
                        while (m < n) {
                            m++;
                            dst[m] = src[m];
                        }
                        int p = 0;
                        while (p < n) {
                            dst[p] = src[p];
                            p += 2;
                        }
                        int q = 0;
                        while (q < n) {
                            dst[q] = src[q];
                            n++;
                        }
                        for (int k = 0; k != n; k = k + 2) {
                            dst[k] = src[k];
                        }
                        for (int k = 0; k != n; k = n + 1) {
                            dst[k] = src[k];
                        }
                    }
                }
                """);
    }

    @Test
    void noFixForWhileCopiesWhoseCounterOutlivesTheLoop() {
        tester.expectNoFix("""
                class Copies {
                    int[] copy(int[] src) {
                        int[] dst = new int[src.length];
                        int i = 0;
                        while (i < src.length) {
                            dst[i] = src[i];
                            i++;
                        }
                        return dst;
                    }
                }
                """, "counter 'i'");
    }

    @Test
    void fixForAForLoopWithInequalityConditionAndLongUpdate() {
        tester.expectFix("""
                class Copies {
                    int[] copy(int[] src) {
                        int[] dst = new int[src.length];
                        for (int i = 0; i != src.length; i = i + 1) {
                            dst[i] = src[i];
                        }
                        return dst;
                    }
                }
                """, """
                class Copies {
                    int[] copy(int[] src) {
                        int[] dst = new int[src.length];
                        System.arraycopy(src, 0, dst, 0, src.length);
                        return dst;
                    }
                }
                """);
    }

    @Test
    void aConstantLengthSourceBoundsTheCopy() {
        String source = """
                class Small {
                    private static final int[] DEFAULTS = {1, 2, 3, 4};

                    void reset(int[] state) {
                        // PERF: manual-array-copy
                        for (int i = 0; i < state.length; i++) {
                            state[i] = DEFAULTS[i];
                        }
                    }
                }
                """;
        tester.expectMarkedFindings(source);
        List<Finding> findings = tester.analyze(source).findings();
        assertTrue(findings.get(0).message().contains("size bounded at 4 by the array initialiser that initialises 'DEFAULTS'"),
                findings.get(0).message());
    }
}
