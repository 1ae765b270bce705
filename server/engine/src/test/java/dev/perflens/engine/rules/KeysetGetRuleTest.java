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
        tester.expectMarkedFindings("""
                import java.util.concurrent.ConcurrentHashMap;

                class Live {
                    long sum(ConcurrentHashMap<String, Long> live) {
                        long sum = 0;
                        for (String key : live.keySet()) {
                            sum += live.get(key); // weakly consistent: entrySet is no equivalent, and each entry is a new object
                        }
                        return sum;
                    }
                }
                """);
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

    @Test
    void judgesAMapFieldByTheClassItHolds() {
        var enumMap = RuleReports.only(new KeysetGetRule(), """
                import java.util.*;

                class Levels {
                    enum Level { LOW, HIGH }
                    private final Map<Level, Integer> counts = new EnumMap<>(Level.class);

                    int total() {
                        int total = 0;
                        for (Level level : counts.keySet()) {
                            total += counts.get(level);
                        }
                        return total;
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertFalse(enumMap.message().contains("hash"), enumMap.message());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.HINT, enumMap.quieter().severity());
        org.junit.jupiter.api.Assertions.assertTrue(enumMap.quieter().reason().contains("EnumMap"));
        var tree = RuleReports.only(new KeysetGetRule(), """
                import java.util.*;

                class Sorted {
                    private final Map<String, Integer> counts = new TreeMap<>();

                    int total() {
                        int total = 0;
                        for (String key : counts.keySet()) {
                            total += counts.get(key);
                        }
                        return total;
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertTrue(tree.message().contains("tree descent"), tree.message());
    }

    @Test
    void noFindingOnAMapFieldThatHoldsAConcurrentHashMap() {
        tester.expectMarkedFindings("""
                import java.util.Map;
                import java.util.concurrent.ConcurrentHashMap;

                class Live {
                    private final Map<String, Long> live = new ConcurrentHashMap<>();

                    long sum() {
                        long sum = 0;
                        for (String key : live.keySet()) {
                            sum += live.get(key);
                        }
                        return sum;
                    }
                }
                """);
    }

    @Test
    void aMapWhoseSizeTheEnumCapsIsReportedWithItsBound() {
        var report = RuleReports.only(new KeysetGetRule(), """
                import java.util.*;

                class Phases {
                    enum Phase { PARSE, CHECK, EMIT, LINK }

                    private final Map<Phase, Long> times = new EnumMap<>(Phase.class);

                    long total() {
                        long total = 0;
                        for (Phase phase : times.keySet()) {
                            total += times.get(phase);
                        }
                        return total;
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertEquals(4, report.bound().size());
        org.junit.jupiter.api.Assertions.assertTrue(report.bound().reason().contains("Phase"), report.bound().reason());
    }

    @Test
    void flagsIteratorLoopsOverKeySetLikeTheForEachForm() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Sweep {
                    long sweep(Map<String, Long> ages, Map<String, Long> other, long limit) {
                        long kept = 0;
                        Iterator<String> it = ages.keySet().iterator();
                        while (it.hasNext()) {
                            String name = it.next();
                            // PERF: keyset-get
                            if (ages.get(name) > limit) {
                                it.remove();
                            } else {
                                kept++;
                            }
                        }
                        for (Iterator<String> keys = ages.keySet().iterator(); keys.hasNext(); ) {
                            String name = keys.next();
                            // PERF: keyset-get
                            kept += ages.get(name);
                        }
                        Iterator<String> others = ages.keySet().iterator();
                        while (others.hasNext()) {
                            String name = others.next();
                            kept += other.get(name);
                        }
                        Iterator<String> values = ages.keySet().iterator();
                        while (values.hasNext()) {
                            kept += ages.get(values.next().trim());
                        }
                        return kept;
                    }
                }
                """);
        tester.expectNoFix("""
                import java.util.*;

                class Sweep {
                    void sweep(Map<String, Long> ages, long limit) {
                        Iterator<String> it = ages.keySet().iterator();
                        while (it.hasNext()) {
                            String name = it.next();
                            if (ages.get(name) > limit) {
                                it.remove();
                            }
                        }
                    }
                }
                """, "Iterator");
    }

    @Test
    void theEngineSaysWhyAnEnumMapLoopIsOnlyAHint() {
        var findings = tester.analyze("""
                import java.util.*;

                class Phases {
                    enum Phase { PARSE, CHECK }

                    private final Map<Phase, Long> times = new EnumMap<>(Phase.class);

                    long total() {
                        long total = 0;
                        for (Phase phase : times.keySet()) {
                            total += times.get(phase);
                        }
                        return total;
                    }
                }
                """).findings();
        org.junit.jupiter.api.Assertions.assertEquals(1, findings.size(), findings::toString);
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.HINT, findings.get(0).severity());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(0).message().contains("without hashing"),
                findings.get(0).message());
    }
}
