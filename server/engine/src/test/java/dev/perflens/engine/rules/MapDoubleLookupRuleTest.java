package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class MapDoubleLookupRuleTest {
    private final RuleTester tester = RuleTester.of(new MapDoubleLookupRule());

    @Test
    void flagsContainsKeyFollowedByGet() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Cache {
                    private final Map<String, String> cache = new HashMap<>();

                    String lookup(String key, Map<String, Integer> counts, Person person, Map<String, Person> people) {
                        // PERF: map-double-lookup
                        if (cache.containsKey(key)) {
                            return cache.get(key);
                        }
                        // PERF: map-double-lookup
                        int n = counts.containsKey(key) ? counts.get(key) : 0;
                        // PERF: map-double-lookup
                        if (!counts.containsKey(key)) {
                            throw new IllegalStateException(key);
                        }
                        int m = counts.get(key);
                        // PERF: map-double-lookup
                        if (people.containsKey(person.name()) && people.get(person.name()).age() > n + m) {
                            return "old";
                        }
                        // PERF: map-double-lookup
                        if (!cache.containsKey(key)) {
                            cache.put(key, "x");
                        } else {
                            System.out.println(cache.get(key));
                        }
                        return null;
                    }

                    record Person(String name, int age) {
                    }
                }
                """);
    }

    @Test
    void leavesOtherKeysOtherMapsAndUnguardedGetsAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Clean {
                    String lookup(String key, String other, Map<String, String> a, Map<String, String> b,
                                  Set<String> set, List<Map<String, String>> maps) {
                        if (a.containsKey(key)) {
                            return b.get(key) + a.get(other);
                        }
                        if (a.containsKey(key) || key.isEmpty()) {
                            return a.get(key);
                        }
                        if (!a.containsKey(key)) {
                            return a.get(key);
                        }
                        if (a.containsKey(key)) {
                            key = key.trim();
                            return a.get(key);
                        }
                        if (maps.get(0).containsKey(key)) {
                            return maps.get(0).get(key);
                        }
                        if (a.containsKey(key)) {
                            Runnable r = () -> System.out.println(a.get(key.trim()));
                            a.put(key, "seen");
                        }
                        if (set.contains(key)) {
                            return a.get(key);
                        }
                        String v = a.get(key);
                        return a.containsKey(other) ? v : null;
                    }
                }
                """);
    }

    @Test
    void fixUsesGetOrDefaultForTheConditional() {
        tester.expectFix("""
                import java.util.Map;

                class Counts {
                    int count(Map<String, Integer> counts, String key) {
                        return counts.containsKey(key) ? counts.get(key) : 0;
                    }
                }
                """, """
                import java.util.Map;

                class Counts {
                    int count(Map<String, Integer> counts, String key) {
                        return counts.getOrDefault(key, 0);
                    }
                }
                """);
        tester.expectFix("""
                import java.util.*;

                class Groups {
                    List<String> members(Map<String, List<String>> groups, String group) {
                        List<String> found = !groups.containsKey(group) ? Collections.emptyList() : groups.get(group);
                        return found;
                    }
                }
                """, """
                import java.util.*;

                class Groups {
                    List<String> members(Map<String, List<String>> groups, String group) {
                        List<String> found = groups.getOrDefault(group, Collections.emptyList());
                        return found;
                    }
                }
                """);
        tester.expectFix("""
                import java.util.Map;

                class Names {
                    String name(Map<Integer, String> names, int id) {
                        return names.containsKey(id) ? names.get(id) : null;
                    }
                }
                """, """
                import java.util.Map;

                class Names {
                    String name(Map<Integer, String> names, int id) {
                        return names.get(id);
                    }
                }
                """);
    }

    @Test
    void fixAcceptsAKeyReadThroughFields() {
        tester.expectFix("""
                import java.util.Map;

                class Symbols {
                    static class Type {
                        String symbol;
                    }

                    static class Annotation {
                        Type type;
                    }

                    String name(Map<String, String> names, Annotation a) {
                        return names.containsKey(a.type.symbol) ? names.get(a.type.symbol) : "?";
                    }
                }
                """, """
                import java.util.Map;

                class Symbols {
                    static class Type {
                        String symbol;
                    }

                    static class Annotation {
                        Type type;
                    }

                    String name(Map<String, String> names, Annotation a) {
                        return names.getOrDefault(a.type.symbol, "?");
                    }
                }
                """);
    }

    @Test
    void fixUsesMergeForCountingWhenValuesCannotBeNull() {
        tester.expectFix("""
                import java.util.HashMap;
                import java.util.List;
                import java.util.Map;

                class WordCount {
                    Map<String, Integer> count(List<String> words) {
                        Map<String, Integer> counts = new HashMap<>();
                        for (String word : words) {
                            if (counts.containsKey(word)) {
                                counts.put(word, counts.get(word) + 1);
                            } else {
                                counts.put(word, 1);
                            }
                        }
                        return counts;
                    }
                }
                """, """
                import java.util.HashMap;
                import java.util.List;
                import java.util.Map;

                class WordCount {
                    Map<String, Integer> count(List<String> words) {
                        Map<String, Integer> counts = new HashMap<>();
                        for (String word : words) {
                            counts.merge(word, 1, Integer::sum);
                        }
                        return counts;
                    }
                }
                """);
        tester.expectFix("""
                import java.util.HashMap;
                import java.util.Map;

                class Bytes {
                    private final Map<String, Long> bytes = new HashMap<>();

                    void add(String host, long size) {
                        bytes.put(host, bytes.containsKey(host) ? size + bytes.get(host) : size);
                    }

                    long of(String host) {
                        return bytes.getOrDefault(host, 0L);
                    }
                }
                """, """
                import java.util.HashMap;
                import java.util.Map;

                class Bytes {
                    private final Map<String, Long> bytes = new HashMap<>();

                    void add(String host, long size) {
                        bytes.merge(host, size, Long::sum);
                    }

                    long of(String host) {
                        return bytes.getOrDefault(host, 0L);
                    }
                }
                """);
    }

    @Test
    void noFixOnAConcurrentHashMapWhoseCheckThenGetMayBeDeliberate() {
        tester.expectNoFix("""
                import java.util.concurrent.ConcurrentHashMap;

                class Sessions {
                    private final ConcurrentHashMap<String, StringBuilder> sessions = new ConcurrentHashMap<>();

                    void touch(String id) {
                        if (sessions.containsKey(id)) {
                            StringBuilder log = sessions.get(id);
                            log.append("touch;");
                        } else {
                            System.out.println("unknown " + id);
                        }
                    }
                }
                """, "check-then-act");
    }

    @Test
    void noFixOnAMapFieldThatOnlyEverHoldsAConcurrentHashMap() {
        tester.expectNoFix("""
                import java.util.Map;
                import java.util.concurrent.ConcurrentHashMap;

                class Registry {
                    private final Map<String, Runnable> handlers = new ConcurrentHashMap<>();

                    void register(String name, Runnable handler) {
                        handlers.put(name, handler);
                    }

                    void run(String name) {
                        if (handlers.containsKey(name)) {
                            Runnable handler = handlers.get(name);
                            handler.run();
                        }
                    }
                }
                """, "check-then-act");
    }

    @Test
    void noFixWhereNullValuesWouldChangeTheOutcome() {
        tester.expectNoFix("""
                import java.util.concurrent.ConcurrentMap;

                class AnyConcurrent {
                    void visit(ConcurrentMap<String, String> labels, String key) {
                        if (labels.containsKey(key)) {
                            String label = labels.get(key);
                            System.out.println(label);
                        }
                    }
                }
                """, "it is a parameter");
        tester.expectNoFix("""
                import java.util.Map;

                class Visit {
                    void visit(Map<String, String> labels, String key) {
                        if (labels.containsKey(key)) {
                            String label = labels.get(key);
                            System.out.println(label);
                        }
                    }
                }
                """, "may hold null values (it is a parameter");
        tester.expectNoFix("""
                import java.util.*;

                class Counter {
                    private final Map<String, Integer> counts = new HashMap<>();

                    void reset(String key) {
                        counts.put(key, null);
                    }

                    void add(String key) {
                        if (counts.containsKey(key)) {
                            counts.put(key, counts.get(key) + 1);
                        } else {
                            counts.put(key, 1);
                        }
                    }
                }
                """, "stores 'null'");
    }

    @Test
    void noFixWhenTheRewriteWouldEvaluateOrConvertDifferently() {
        tester.expectNoFix("""
                import java.util.Map;

                class Eager {
                    String name(Map<String, String> names, String key) {
                        return names.containsKey(key) ? names.get(key) : compute(key);
                    }

                    String compute(String key) {
                        return key.toUpperCase();
                    }
                }
                """, "would evaluate the default");
        tester.expectNoFix("""
                import java.util.Map;

                class Boxes {
                    Integer count(Map<String, Integer> counts, String key) {
                        return counts.containsKey(key) ? counts.get(key) : 0;
                    }
                }
                """, "box or unbox differently");
        tester.expectNoFix("""
                import java.util.Map;

                class Calls {
                    record Item(String id) {
                    }

                    String name(Map<String, String> names, Item item) {
                        return names.containsKey(item.id()) ? names.get(item.id()) : "";
                    }
                }
                """, "computed by a call");
        tester.expectNoFix("""
                import java.util.Map;

                class Shapes {
                    void show(Map<String, String> names, String key) {
                        if (names.containsKey(key)) {
                            System.out.println("found");
                            System.out.println(names.get(key));
                        }
                    }
                }
                """, "are rewritten");
    }

    @Test
    void anEnumMapHeldByAMapFieldIsReportedQuietlyWithoutTheHashingClaim() {
        var report = RuleReports.only(new MapDoubleLookupRule(), """
                import java.util.*;

                class Levels {
                    enum Level { LOW, HIGH }
                    private final Map<Level, String> names = new EnumMap<>(Level.class);

                    String name(Level level) {
                        if (names.containsKey(level)) {
                            return names.get(level);
                        }
                        return "";
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertFalse(report.message().contains("hashing"), report.message());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.HINT, report.quieter().severity());
        org.junit.jupiter.api.Assertions.assertTrue(report.quieter().reason().contains("EnumMap"), report.quieter().reason());
    }

    @Test
    void aTreeMapHeldByAMapFieldIsDescribedAsATreeLookup() {
        var report = RuleReports.only(new MapDoubleLookupRule(), """
                import java.util.*;

                class Sorted {
                    private Map<String, Integer> ranks;

                    Sorted() {
                        ranks = new TreeMap<>();
                    }

                    int rank(String key) {
                        return ranks.containsKey(key) ? ranks.get(key) : -1;
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertTrue(report.message().contains("tree"), report.message());
        org.junit.jupiter.api.Assertions.assertFalse(report.message().contains("hashing"), report.message());
    }

    @Test
    void aConcurrentHashMapHeldByAMapFieldGetsNoFix() {
        tester.expectNoFix("""
                import java.util.*;
                import java.util.concurrent.ConcurrentHashMap;

                class Sessions {
                    private final Map<String, String> sessions = new ConcurrentHashMap<>();

                    String find(String id) {
                        return sessions.containsKey(id) ? sessions.get(id) : "none";
                    }
                }
                """, "concurrent map");
        var report = RuleReports.only(new MapDoubleLookupRule(), """
                import java.util.*;
                import java.util.concurrent.ConcurrentHashMap;

                class Sessions {
                    private final Map<String, String> sessions = new ConcurrentHashMap<>();

                    String find(String id) {
                        return sessions.containsKey(id) ? sessions.get(id) : "none";
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertTrue(report.message().contains("not one atomic step"), report.message());
    }

    @Test
    void aNonPrivateFieldIsJudgedByItsDeclaredType() {
        var report = RuleReports.only(new MapDoubleLookupRule(), """
                import java.util.*;

                class Open {
                    Map<String, String> names = new TreeMap<>();

                    String name(String key) {
                        if (names.containsKey(key)) {
                            return names.get(key);
                        }
                        return "";
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertTrue(report.message().contains("hashing"), report.message());
        org.junit.jupiter.api.Assertions.assertNull(report.quieter());
    }

    @Test
    void aMapWhoseSizeTheCodeFixesIsReportedWithItsBound() {
        var report = RuleReports.only(new MapDoubleLookupRule(), """
                import java.util.*;

                class Units {
                    private static final Map<String, Integer> FACTORS = Map.of("k", 1000, "M", 1000000);

                    int factor(String unit) {
                        return FACTORS.containsKey(unit) ? FACTORS.get(unit) : 1;
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertEquals(2, report.bound().size());
    }
}
