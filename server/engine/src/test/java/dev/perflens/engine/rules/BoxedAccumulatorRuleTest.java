package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class BoxedAccumulatorRuleTest {
    private final RuleTester tester = RuleTester.of(new BoxedAccumulatorRule());

    @Test
    void flagsWrapperLocalsUpdatedArithmeticallyInLoops() {
        tester.expectMarkedFindings("""
                import java.util.List;
                import java.util.Map;

                class Totals {
                    long all(List<Integer> values, double[] weights, Map<String, Long> map) {
                        Integer sum = 0;
                        for (Integer v : values) {
                            // PERF: boxed-accumulator
                            sum += v;
                        }
                        Long count = 0L;
                        int i = 0;
                        while (i < values.size()) {
                            // PERF: boxed-accumulator
                            count++;
                            i++;
                        }
                        Double total = 0.0;
                        for (double w : weights) {
                            // PERF: boxed-accumulator
                            total = total + w * 2;
                            total = total * 1.0;
                        }
                        Long fromMap = map.get("x");
                        do {
                            // PERF: boxed-accumulator
                            fromMap -= 1;
                        } while (fromMap > 0);
                        Integer product = 1;
                        values.forEach(v -> System.out.println(v));
                        for (int k = 0; k < 3; k++) {
                            for (int m = 0; m < 3; m++) {
                                // PERF: boxed-accumulator
                                ++product;
                            }
                        }
                        return sum + count + total.longValue() + fromMap + product;
                    }
                }
                """);
    }

    @Test
    void staysSilentOnLookAlikes() {
        tester.expectMarkedFindings("""
                import java.util.List;

                class Fine {
                    private Integer fieldCount = 0;

                    int all(List<Integer> values, Integer param) {
                        int primitive = 0;
                        Integer best = null;
                        for (Integer v : values) {
                            primitive += v;
                            if (best == null || v > best) {
                                best = v;
                            }
                            fieldCount++;
                            param++;
                            Integer fresh = 0;
                            fresh += v;
                        }
                        Integer once = 0;
                        once += 5;
                        Boolean flag = false;
                        for (Integer v : values) {
                            flag = !flag;
                        }
                        Integer last = 0;
                        for (Integer v : values) {
                            last = v;
                        }
                        Number n = 0;
                        String text = "";
                        for (Integer v : values) {
                            text += v;
                        }
                        return primitive + best + once + last + n.intValue() + text.length();
                    }
                }
                """);
    }

    @Test
    void fixDeclaresThePrimitive() {
        tester.expectFix("""
                import java.util.List;

                class Totals {
                    int sum(List<Integer> values) {
                        Integer sum = 0;
                        for (Integer v : values) {
                            sum += v;
                        }
                        return sum;
                    }
                }
                """, """
                import java.util.List;

                class Totals {
                    int sum(List<Integer> values) {
                        int sum = 0;
                        for (Integer v : values) {
                            sum += v;
                        }
                        return sum;
                    }
                }
                """);
        tester.expectFix("""
                import java.util.Map;

                class Counts {
                    void count(String[] words, Map<String, Long> counts) {
                        Long total;
                        total = 0L;
                        for (String w : words) {
                            total = total + w.length();
                            if (total > 100 && total != 101) {
                                System.out.println("long: " + total);
                            }
                        }
                        counts.put("total", total);
                        System.out.println(String.valueOf(total));
                        System.out.println(Math.max(total, 3));
                    }
                }
                """, """
                import java.util.Map;

                class Counts {
                    void count(String[] words, Map<String, Long> counts) {
                        long total;
                        total = 0L;
                        for (String w : words) {
                            total = total + w.length();
                            if (total > 100 && total != 101) {
                                System.out.println("long: " + total);
                            }
                        }
                        counts.put("total", total);
                        System.out.println(String.valueOf(total));
                        System.out.println(Math.max(total, 3));
                    }
                }
                """);
        tester.expectFix("""
                class Avg {
                    Double mean(double[] xs) {
                        Double acc = Double.valueOf(0);
                        for (double x : xs) {
                            acc += x;
                        }
                        return acc / xs.length;
                    }
                }
                """, """
                class Avg {
                    Double mean(double[] xs) {
                        double acc = Double.valueOf(0);
                        for (double x : xs) {
                            acc += x;
                        }
                        return acc / xs.length;
                    }
                }
                """);
    }

    @Test
    void noFixWhereThePrimitiveWouldBehaveDifferently() {
        tester.expectNoFix("""
                import java.util.Map;

                class Maybe {
                    Long total(Map<String, Long> map, long[] xs) {
                        Long total = map.get("start");
                        for (long x : xs) {
                            total += x;
                        }
                        return total;
                    }
                }
                """, "may be null");
        tester.expectNoFix("""
                class Identity {
                    boolean same(int[] xs, Integer other) {
                        Integer sum = 0;
                        for (int x : xs) {
                            sum += x;
                        }
                        return sum == other;
                    }
                }
                """, "compared with == or != to an object");
        tester.expectNoFix("""
                import java.util.List;

                class Overloads {
                    List<Integer> wrap(int[] xs) {
                        Integer sum = 0;
                        for (int x : xs) {
                            sum += x;
                        }
                        return List.of(sum);
                    }
                }
                """, "overloaded of");
        tester.expectNoFix("""
                class Overloads {
                    void take(Object o) {
                    }

                    void take(long l) {
                    }

                    void run(int[] xs) {
                        Integer sum = 0;
                        for (int x : xs) {
                            sum += x;
                        }
                        take(sum);
                    }
                }
                """, "overloaded take");
        tester.expectNoFix("""
                import java.util.List;

                class Shared {
                    void run(int[] xs, List<Integer> out) {
                        Integer sum = 0;
                        for (int x : xs) {
                            sum += x;
                            out.add(sum);
                        }
                    }
                }
                """, "used as an object more than once");
        tester.expectNoFix("""
                class Methods {
                    String run(int[] xs) {
                        Integer sum = 0;
                        for (int x : xs) {
                            sum += x;
                        }
                        return sum.toString();
                    }
                }
                """, "is used as an object (.toString(...))");
        tester.expectNoFix("""
                class Reset {
                    int run(int[] xs, Integer reset) {
                        Integer sum = 0;
                        for (int x : xs) {
                            sum += x;
                            if (x < 0) {
                                sum = reset;
                            }
                        }
                        return sum;
                    }
                }
                """, "is assigned 'reset', which may be null");
    }
}
