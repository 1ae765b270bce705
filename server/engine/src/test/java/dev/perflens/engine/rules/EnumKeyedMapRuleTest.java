package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class EnumKeyedMapRuleTest {
    private final RuleTester tester = RuleTester.of(new EnumKeyedMapRule());

    @Test
    void flagsHashMapsAndHashSetsOfEnums() {
        tester.expectMarkedFindings("""
                import java.util.*;
                import java.util.concurrent.TimeUnit;

                class Stats {
                    enum Status { NEW, PAID, SHIPPED }

                    // PERF: enum-keyed-map
                    private final Map<Status, Integer> counts = new HashMap<>();
                    // PERF: enum-keyed-map
                    private final Set<TimeUnit> units = new HashSet<>();

                    Map<Status, List<String>> group(List<String> ids) {
                        // PERF: enum-keyed-map
                        Map<Status, List<String>> byStatus = new HashMap<Status, List<String>>(16);
                        // PERF: enum-keyed-map
                        Set<Status> seen = new HashSet<>(Arrays.asList(Status.NEW, Status.PAID));
                        return byStatus;
                    }
                }
                """);
    }

    @Test
    void leavesOtherKeysOrderedMapsAndEnumCollectionsAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Clean {
                    enum Status { NEW, PAID }

                    <E extends Enum<E>> void build(Class<E> type) {
                        Map<String, Status> byName = new HashMap<>();
                        Map<Status, Integer> ordered = new LinkedHashMap<>();
                        Set<Status> insertion = new LinkedHashSet<>();
                        Map<Status, Integer> tree = new TreeMap<>();
                        Map<Status, Integer> array = new EnumMap<>(Status.class);
                        Set<Status> bits = EnumSet.noneOf(Status.class);
                        Map<E, Integer> generic = new HashMap<>();
                        Map<Enum<?>, Integer> anyEnum = new HashMap<>();
                        Map<Status, Integer> anonymous = new HashMap<>() {
                        };
                    }
                }
                """);
    }

    @Test
    void fixUsesEnumMapForALocalThatIsNeverIterated() {
        tester.expectFix("""
                import java.util.HashMap;
                import java.util.List;
                import java.util.Map;

                class Tally {
                    enum Status { NEW, PAID, SHIPPED }

                    int paid(List<String> codes) {
                        Map<Status, Integer> counts = new HashMap<>();
                        for (String code : codes) {
                            Status status = Status.valueOf(code);
                            counts.merge(status, 1, Integer::sum);
                        }
                        counts.putIfAbsent(Status.NEW, 0);
                        return counts.getOrDefault(Status.PAID, 0) + counts.get(Status.NEW);
                    }
                }
                """, """
                import java.util.EnumMap;
                import java.util.HashMap;
                import java.util.List;
                import java.util.Map;

                class Tally {
                    enum Status { NEW, PAID, SHIPPED }

                    int paid(List<String> codes) {
                        Map<Status, Integer> counts = new EnumMap<>(Status.class);
                        for (String code : codes) {
                            Status status = Status.valueOf(code);
                            counts.merge(status, 1, Integer::sum);
                        }
                        counts.putIfAbsent(Status.NEW, 0);
                        return counts.getOrDefault(Status.PAID, 0) + counts.get(Status.NEW);
                    }
                }
                """);
        tester.expectFix("""
                import java.util.*;

                class Flags {
                    enum Flag { A, B, C }

                    boolean all(Flag wanted) {
                        Set<Flag> on = new HashSet<>();
                        for (Flag flag : Flag.values()) {
                            on.add(flag);
                        }
                        return on.contains(wanted) && on.size() == 3;
                    }
                }
                """, """
                import java.util.*;

                class Flags {
                    enum Flag { A, B, C }

                    boolean all(Flag wanted) {
                        Set<Flag> on = EnumSet.noneOf(Flag.class);
                        for (Flag flag : Flag.values()) {
                            on.add(flag);
                        }
                        return on.contains(wanted) && on.size() == 3;
                    }
                }
                """);
    }

    @Test
    void noFixWhenIterationOrderOrNullKeysCouldShow() {
        tester.expectNoFix("""
                import java.util.*;

                class Report {
                    enum Status { NEW, PAID }

                    String report(List<Status> statuses) {
                        Map<Status, Integer> counts = new HashMap<>();
                        for (Status s : statuses) {
                            counts.merge(s, 1, Integer::sum);
                        }
                        return counts.toString();
                    }
                }
                """, "may be null");
        tester.expectNoFix("""
                import java.util.*;

                class Report {
                    enum Status { NEW, PAID }

                    String report() {
                        Map<Status, Integer> counts = new HashMap<>();
                        counts.put(Status.NEW, 1);
                        return counts.keySet().toString();
                    }
                }
                """, "iterates in the enum's declaration order");
        tester.expectNoFix("""
                import java.util.*;

                class Report {
                    enum Status { NEW, PAID }

                    Map<Status, Integer> report() {
                        Map<Status, Integer> counts = new HashMap<>();
                        counts.put(Status.NEW, 1);
                        return counts;
                    }
                }
                """, "passed on or returned");
        tester.expectNoFix("""
                import java.util.*;

                class Holder {
                    enum Status { NEW, PAID }

                    private final Map<Status, Integer> counts = new HashMap<>();
                }
                """, "only a local variable's map");
        tester.expectNoFix("""
                import java.util.*;

                class Copy {
                    enum Status { NEW, PAID }

                    int copy(Map<Status, Integer> source) {
                        Map<Status, Integer> counts = new HashMap<>(source);
                        return counts.size();
                    }
                }
                """, "IllegalArgumentException");
        tester.expectNoFix("""
                import java.util.*;

                class Sized {
                    enum Status { NEW, PAID }

                    int count(Status[] all) {
                        Set<Status> seen = new HashSet<>(all.length);
                        seen.add(Status.NEW);
                        return seen.size();
                    }
                }
                """, "capacity argument 'all.length'");
    }

    /** An enum of {@code n} constants C0..C(n-1), as source. */
    private static String bigEnum(int n) {
        StringBuilder constants = new StringBuilder();
        for (int i = 0; i < n; i++) {
            constants.append(i == 0 ? "" : ", ").append('C').append(i);
        }
        return "enum Code { " + constants + " }";
    }

    @Test
    void doesNotClaimLessMemoryForAFewEntriesOfALargeEnum() {
        var report = RuleReports.only(new EnumKeyedMapRule(), """
                import java.util.*;

                class Labels {
                    %s

                    private final Map<Code, String> labels = new HashMap<>();

                    Labels() {
                        labels.put(Code.C1, "one");
                        labels.put(Code.C2, "two");
                        labels.put(Code.C1, "uno");
                    }

                    String label(Code code) {
                        return labels.get(code);
                    }
                }
                """.formatted(bigEnum(40)));
        org.junit.jupiter.api.Assertions.assertFalse(report.message().contains("less memory"), report.message());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.HINT, report.quieter().severity());
        org.junit.jupiter.api.Assertions.assertTrue(report.quieter().reason().contains("2 of the 40"),
                report.quieter().reason());
    }

    @Test
    void stillClaimsLessMemoryWhenTheEnumIsSmallOrTheEntriesUnknown() {
        var small = RuleReports.only(new EnumKeyedMapRule(), """
                import java.util.*;

                class Flags {
                    enum Flag { A, B, C }

                    private final Map<Flag, String> names = new HashMap<>();

                    Flags() {
                        names.put(Flag.A, "a");
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertTrue(small.message().contains("less memory"), small.message());
        org.junit.jupiter.api.Assertions.assertNull(small.quieter());
        var unknown = RuleReports.only(new EnumKeyedMapRule(), """
                import java.util.*;

                class Counts {
                    %s

                    private final Map<Code, Integer> counts = new HashMap<>();

                    void count(Code code) {
                        counts.merge(code, 1, Integer::sum);
                    }
                }
                """.formatted(bigEnum(40)));
        org.junit.jupiter.api.Assertions.assertNull(unknown.quieter());
    }

    @Test
    void noFindingWhereANullKeyIsPut() {
        // EnumMap.put(null, v) and EnumSet.add(null) throw NullPointerException.
        tester.expectMarkedFindings("""
                import java.util.*;

                class Defaults {
                    enum Kind { A, B }

                    private final Map<Kind, String> names = new HashMap<>();

                    Defaults() {
                        names.put(null, "none");
                        names.put(Kind.A, "a");
                    }

                    Set<Kind> kinds(boolean any) {
                        Set<Kind> kinds = new HashSet<>();
                        kinds.add(any ? null : Kind.B);
                        kinds.add(null);
                        return kinds;
                    }
                }
                """);
    }

    @Test
    void noFindingWhereAKeyMayBeNullThroughAParameterOrAnotherMapsEntries() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Registry {
                    enum Jdbc { INT, CHAR }

                    private final Map<String, Map<Jdbc, String>> handlers = new HashMap<>();

                    void registerDefault(String type, String handler) {
                        register(type, null, handler);
                    }

                    private void register(String type, Jdbc jdbc, String handler) {
                        Map<Jdbc, String> map = new HashMap<>();
                        map.put(jdbc, handler);
                        handlers.put(type, map);
                    }

                    Map<Jdbc, String> copy(Map<Jdbc, String> from) {
                        Map<Jdbc, String> to = new HashMap<>();
                        for (Map.Entry<Jdbc, String> entry : from.entrySet()) {
                            to.put(entry.getKey(), entry.getValue());
                        }
                        return to;
                    }

                    Map<Jdbc, String> named(Jdbc jdbc) {
                        // PERF: enum-keyed-map
                        Map<Jdbc, String> names = new HashMap<>();
                        names.put(jdbc, "x");
                        return names;
                    }
                }
                """);
    }

    @Test
    void theEngineSaysWhyAFewEntriesOfALargeEnumAreOnlyAHint() {
        var findings = tester.analyze("""
                import java.util.*;

                class Labels {
                    %s

                    private final Map<Code, String> labels = new HashMap<>();

                    Labels() {
                        labels.put(Code.C3, "three");
                    }
                }
                """.formatted(bigEnum(40))).findings();
        org.junit.jupiter.api.Assertions.assertEquals(1, findings.size(), findings::toString);
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.HINT, findings.get(0).severity());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(0).message().contains("1 of the 40 constants"),
                findings.get(0).message());
    }
}
