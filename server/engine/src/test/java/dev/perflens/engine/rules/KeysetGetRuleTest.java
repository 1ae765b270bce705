package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class KeysetGetRuleTest {
    private final RuleTester tester = RuleTester.of(new KeysetGetRule());

    @Test
    void flagsKeySetLoopsThatLookEachKeyUpAgain() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Prices {
                    private final Map<String, Long> prices = new HashMap<>();

                    long total(TreeMap<String, Integer> stock) {
                        long total = 0;
                        for (String sku : prices.keySet()) {
                            // PERF: keyset-get
                            total += prices.get(sku) * stock.getOrDefault(sku, 0);
                        }
                        for (final String sku : stock.keySet()) {
                            if (sku.isEmpty()) {
                                continue;
                            }
                            // PERF: keyset-get
                            Integer count = stock.get(sku);
                            total += count;
                        }
                        return total;
                    }
                }
                """);
    }

    @Test
    void leavesEntrySetLoopsOtherMapsAndOtherKeysAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Clean {
                    long total(Map<String, Long> prices, Map<String, Long> discounts, List<Map<String, Long>> maps) {
                        long total = 0;
                        for (Map.Entry<String, Long> e : prices.entrySet()) {
                            total += e.getValue();
                        }
                        for (String sku : prices.keySet()) {
                            total += discounts.get(sku);
                            total += prices.get(sku.trim());
                        }
                        for (String sku : maps.get(0).keySet()) {
                            total += maps.get(0).get(sku);
                        }
                        for (String sku : prices.keySet()) {
                            sku = sku.trim();
                            total += sku.length();
                        }
                        return total;
                    }
                }
                """);
    }

    @Test
    void aGetThatLeavesTheLoopRunsOnceAndIsNotReported() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Selector {
                    String pick(Map<String, String> formatters, String marker) {
                        for (String key : formatters.keySet()) {
                            if (marker.startsWith(key)) {
                                return formatters.get(key);
                            }
                        }
                        for (String key : formatters.keySet()) {
                            if (key.isEmpty()) {
                                System.out.println(formatters.get(key));
                                break;
                            }
                        }
                        for (String key : formatters.keySet()) {
                            // PERF: keyset-get
                            System.out.println(formatters.get(key));
                        }
                        return null;
                    }
                }
                """);
    }

    @Test
    void fixIteratesEntrySetAndKeepsTheKeyVariable() {
        tester.expectFix("""
                import java.util.HashMap;
                import java.util.Map;

                class Report {
                    String report(HashMap<String, Integer> counts) {
                        StringBuilder out = new StringBuilder();
                        for (final String name : counts.keySet()) {
                            out.append(name).append('=').append(counts.get(name)).append('\\n');
                            if (counts.get(name) > 10) {
                                out.append("many\\n");
                            }
                        }
                        return out.toString();
                    }
                }
                """, """
                import java.util.HashMap;
                import java.util.Map;

                class Report {
                    String report(HashMap<String, Integer> counts) {
                        StringBuilder out = new StringBuilder();
                        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                            final String name = entry.getKey();
                            out.append(name).append('=').append(entry.getValue()).append('\\n');
                            if (entry.getValue() > 10) {
                                out.append("many\\n");
                            }
                        }
                        return out.toString();
                    }
                }
                """);
    }

    @Test
    void fixWrapsASingleStatementBodyAndImportsMap() {
        tester.expectFix("""
                import java.util.TreeMap;

                class Sum {
                    private final TreeMap<Integer, Long> totals = new TreeMap<>();

                    long sum() {
                        long sum = 0;
                        for (Integer entry : totals.keySet())
                            sum += entry * totals.get(entry);
                        return sum;
                    }
                }
                """, """
                import java.util.Map;
                import java.util.TreeMap;

                class Sum {
                    private final TreeMap<Integer, Long> totals = new TreeMap<>();

                    long sum() {
                        long sum = 0;
                        for (Map.Entry<Integer, Long> entry2 : totals.entrySet()) {
                            Integer entry = entry2.getKey();
                            sum += entry * entry2.getValue();
                        }
                        return sum;
                    }
                }
                """);
    }

    @Test
    void noFixWhenTheLoopChangesTheMapOrTheMapIsConcurrent() {
        tester.expectNoFix("""
                import java.util.Map;

                class Bump {
                    void bump(Map<String, Integer> counts) {
                        for (String key : counts.keySet()) {
                            counts.put(key, counts.get(key) + 1);
                        }
                    }
                }
                """, "does more with 'counts' than read it");
        tester.expectNoFix("""
                import java.util.concurrent.ConcurrentHashMap;

                class Live {
                    long sum(ConcurrentHashMap<String, Long> live) {
                        long sum = 0;
                        for (String key : live.keySet()) {
                            sum += live.get(key);
                        }
                        return sum;
                    }
                }
                """, "concurrent map");
        tester.expectNoFix("""
                import java.util.*;

                class Later {
                    List<Runnable> tasks(Map<String, Long> map) {
                        List<Runnable> tasks = new ArrayList<>();
                        for (String key : map.keySet()) {
                            tasks.add(() -> System.out.println(map.get(key)));
                        }
                        return tasks;
                    }
                }
                """, "lambda");
    }
}
