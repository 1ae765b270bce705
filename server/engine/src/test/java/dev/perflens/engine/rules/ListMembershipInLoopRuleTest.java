package dev.perflens.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ListMembershipInLoopRuleTest {
    private final RuleTester tester = RuleTester.of(new ListMembershipInLoopRule());

    @Test
    void flagsScansOfListsInLoops() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Matcher {
                    List<String> matched(List<String> orders, List<String> wanted, ArrayList<Integer> ids) {
                        List<String> out = new ArrayList<>();
                        for (String order : orders) {
                            // PERF: list-membership-in-loop
                            if (wanted.contains(order)) {
                                out.add(order);
                            }
                            // PERF: list-membership-in-loop
                            if (ids.indexOf(order.length()) >= 0) {
                                // PERF: list-membership-in-loop
                                out.remove(order);
                            }
                        }
                        Collection<String> seen = new ArrayList<>();
                        int i = 0;
                        while (i < orders.size()) {
                            // PERF: list-membership-in-loop
                            if (!seen.contains(orders.get(i))) {
                                seen.add(orders.get(i));
                            }
                            i++;
                        }
                        orders.forEach(o -> {
                            // PERF: list-membership-in-loop
                            int at = wanted.lastIndexOf(o);
                        });
                        return out;
                    }
                }
                """);
    }

    @Test
    void leavesSetsIndexRemovalSmallConstantListsAndCodeOutsideLoopsAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Clean {
                    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP");
                    private static final List<String> MODES = Arrays.asList("a", "b");

                    int count(List<String> orders, Set<String> wanted, List<Integer> queue, List<List<String>> lists) {
                        int n = 0;
                        List<String> current = lists.get(0);
                        Collection<String> maybeSet = new HashSet<>();
                        Collection<String> reassigned = new ArrayList<>();
                        reassigned = new TreeSet<>();
                        for (String order : orders) {
                            if (wanted.contains(order) || CURRENCIES.contains(order) || MODES.contains(order)) {
                                n++;
                            }
                            if (maybeSet.contains(order) || reassigned.contains(order)) {
                                n++;
                            }
                            if (!queue.isEmpty()) {
                                queue.remove(queue.size() - 1);
                            }
                            List<String> perOrder = List.of(order.split(","));
                            if (perOrder.contains("x")) {
                                n++;
                            }
                            if (lists.get(n).contains(order) || lists.get(0).indexOf(order) > 0) {
                                n++;
                            }
                            current = lists.get(n % 2);
                            if (current.contains(order)) {
                                n++;
                            }
                        }
                        if (orders.contains("first")) {
                            n++;
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void aFieldOrLocalNotShownToGrowWithTheInputIsInformationAParameterOrAGrowingListAWarning() {
        var findings = tester.analyze("""
                import java.util.*;

                class Filters {
                    private final List<String> filters = new ArrayList<>();

                    int count(List<String> names, List<String> wanted) {
                        int n = 0;
                        for (String name : names) {
                            if (filters.contains(name)) n++;
                        }
                        for (String name : names) {
                            if (wanted.contains(name)) n++;
                        }
                        List<String> seen = new ArrayList<>();
                        for (String name : names) {
                            if (!seen.contains(name)) seen.add(name);
                        }
                        return n + seen.size();
                    }
                }
                """).findings();
        assertEquals(3, findings.size(), findings.toString());
        assertEquals(dev.perflens.engine.Severity.INFO, findings.get(0).severity());
        assertTrue(findings.get(0).message().contains("Size unknown: nothing in this method adds to 'filters' per item"),
                findings.get(0).message());
        assertEquals(dev.perflens.engine.Severity.WARNING, findings.get(1).severity(), "a parameter: the caller's data");
        assertEquals(dev.perflens.engine.Severity.WARNING, findings.get(2).severity(), "grows in the loop: quadratic");
    }

    @Test
    void aScanThatLeavesTheLoopRunsOnceAndIsNotReported() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Elements {
                    void drop(List<String> elements, List<String> wanted) {
                        for (String e : wanted) {
                            if (e.isEmpty()) {
                                elements.remove(e);
                                return;
                            }
                        }
                        for (String e : wanted) {
                            if (e.startsWith("x")) {
                                elements.remove(e);
                                break;
                            }
                        }
                        for (String e : wanted) {
                            if (e.startsWith("y")) {
                                throw new IllegalStateException("at " + elements.indexOf(e));
                            }
                        }
                        for (String e : elements) {
                            if (e.startsWith("z")) {
                                if (elements.remove(e)) {
                                    return;
                                }
                            }
                        }
                        for (String e : wanted) {
                            // PERF: list-membership-in-loop
                            elements.remove(e);
                        }
                    }
                }
                """);
    }

    /**
     * The loop's own element, taken from the list itself, is no membership test: indexOf asks
     * for the current position (a counter gives it) and remove(list.get(i)) costs the shift
     * remove(i) costs too; neither is answered by a HashSet (pdfbox PlainTextFormatter, kafka
     * AbstractStickyAssignor, zookeeper QuorumOracleMaj). A different list's lookup still is.
     */
    @Test
    void thePositionOrRemovalOfTheLoopsOwnElementIsNotAMembershipTest() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Lines {
                    int layout(List<String> lines, List<String> other, List<Integer> proposals) {
                        int n = 0;
                        for (String line : lines) {
                            if (lines.indexOf(line) == 0) n++;
                            if (lines.lastIndexOf(line) != lines.size() - 1) n++;
                            // PERF: list-membership-in-loop
                            if (other.indexOf(line) == 0) n++;
                        }
                        int i = 0;
                        while (i < proposals.size()) {
                            Integer p = proposals.get(i);
                            if (p > 3) {
                                proposals.remove(p);
                            } else {
                                i++;
                            }
                            if (proposals.indexOf(proposals.get(i)) > 2) n++;
                        }
                        Integer q;
                        int j = 0;
                        while (j < proposals.size()) {
                            q = proposals.get(j);
                            if (q > 5) proposals.remove(q); else j++;
                        }
                        Integer r = proposals.get(0);
                        for (String line : lines) {
                            // PERF: list-membership-in-loop
                            proposals.remove(r);
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void aPositionThatIsUsedIsAdvisedAsAnIndexMapNotAHashSet() {
        var findings = tester.analyze("""
                import java.util.*;

                class Keys {
                    int[] decode(List<Double> keys, List<Double> sorted) {
                        int[] out = new int[keys.size()];
                        for (int i = 0; i < keys.size(); i++) {
                            out[i] = sorted.indexOf(keys.get(i));
                        }
                        for (Double k : keys) {
                            if (sorted.indexOf(k) < 0) out[0]++;
                        }
                        return out;
                    }
                }
                """).findings();
        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("HashMap from element to index"), findings.get(0).message());
        assertTrue(!findings.get(0).fix().available(), "no HashSet rewrite where the position is used");
        assertTrue(findings.get(1).message().contains("HashSet built once"), findings.get(1).message());
    }

    @Test
    void flagsLargeOrArrayBackedFactoryLists() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Big {
                    private static final List<String> MANY = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i");

                    int count(String[] keys, String[] words) {
                        List<String> fromArray = Arrays.asList(words);
                        int n = 0;
                        for (String key : keys) {
                            // PERF: list-membership-in-loop
                            if (MANY.contains(key)) {
                                n++;
                            }
                            // PERF: list-membership-in-loop
                            if (fromArray.contains(key)) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void fixBuildsAHashSetBeforeTheLoopAndQueriesIt() {
        tester.expectFix("""
                import java.util.ArrayList;
                import java.util.List;

                class Matcher {
                    List<String> matched(List<String> orders, List<String> wanted) {
                        List<String> out = new ArrayList<>();
                        for (String order : orders) {
                            if (wanted.contains(order)) {
                                out.add(order);
                            }
                        }
                        return out;
                    }
                }
                """, """
                import java.util.ArrayList;
                import java.util.HashSet;
                import java.util.List;
                import java.util.Set;

                class Matcher {
                    List<String> matched(List<String> orders, List<String> wanted) {
                        List<String> out = new ArrayList<>();
                        Set<String> wantedSet = new HashSet<>(wanted);
                        for (String order : orders) {
                            if (wantedSet.contains(order)) {
                                out.add(order);
                            }
                        }
                        return out;
                    }
                }
                """);
    }

    @Test
    void fixTurnsIndexOfMembershipTestsIntoContainsAndHoistsPastUnchangingOuterLoops() {
        tester.expectFix("""
                import java.util.*;

                class Dedup {
                    <T> int count(List<List<T>> batches, List<T> seen) {
                        int fresh = 0;
                        for (List<T> batch : batches) {
                            for (T item : batch) {
                                if (seen.indexOf(item) < 0 && -1 != seen.lastIndexOf(item)) {
                                    fresh++;
                                }
                            }
                        }
                        return fresh + seen.size();
                    }
                }
                """, """
                import java.util.*;

                class Dedup {
                    <T> int count(List<List<T>> batches, List<T> seen) {
                        int fresh = 0;
                        Set<T> seenSet = new HashSet<>(seen);
                        for (List<T> batch : batches) {
                            for (T item : batch) {
                                if (!seenSet.contains(item) && seenSet.contains(item)) {
                                    fresh++;
                                }
                            }
                        }
                        return fresh + seen.size();
                    }
                }
                """);
    }

    @Test
    void noFixWhenTheListChangesOrTheIndexIsUsed() {
        tester.expectNoFix("""
                import java.util.*;

                class Growing {
                    List<String> unique(List<String> items) {
                        List<String> seen = new ArrayList<>();
                        for (String item : items) {
                            if (!seen.contains(item)) {
                                seen.add(item);
                            }
                        }
                        return seen;
                    }
                }
                """, "may change inside the loop");
        tester.expectNoFix("""
                import java.util.*;

                class Positions {
                    int sum(List<String> items, List<String> order) {
                        int total = 0;
                        for (String item : items) {
                            total += order.indexOf(item);
                        }
                        return total;
                    }
                }
                """, "the index itself is used");
        tester.expectNoFix("""
                import java.util.*;

                class Removing {
                    void drop(List<String> items, List<String> from) {
                        for (String item : items) {
                            from.remove(item);
                        }
                    }
                }
                """, "remove(Object) changes the list");
        tester.expectNoFix("""
                import java.util.*;

                class Shared {
                    private final List<String> wanted = new ArrayList<>();

                    int count(List<String> items) {
                        int n = 0;
                        for (String item : items) {
                            if (wanted.contains(item)) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """, "is a field");
        tester.expectNoFix("""
                import java.util.*;

                class Escaping {
                    int count(List<String> items, List<String> wanted) {
                        int n = 0;
                        for (String item : items) {
                            if (wanted.contains(item)) {
                                n++;
                            }
                            Collections.sort(wanted);
                        }
                        return n;
                    }
                }
                """, "may change inside the loop");
    }

    @Test
    void aCollectionFieldThatOnlyEverHoldsAnArrayListIsScannedLikeAList() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Seen {
                    private final Collection<String> seen = new ArrayList<>();
                    private Collection<String> unique = new HashSet<>();

                    int fresh(List<String> items) {
                        int n = 0;
                        for (String item : items) {
                            // PERF: list-membership-in-loop
                            if (!seen.contains(item)) {
                                n++;
                            }
                            if (unique.contains(item)) {
                                n--;
                            }
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void noSnapshotSetForACopyOnWriteArrayList() {
        tester.expectNoFix("""
                import java.util.*;
                import java.util.concurrent.CopyOnWriteArrayList;

                class Listeners {
                    int known(List<String> names, Collection<String> initial) {
                        List<String> live = new CopyOnWriteArrayList<>(initial);
                        new Thread(() -> live.add("late")).start();
                        int n = 0;
                        for (String name : names) {
                            if (live.contains(name)) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """, "CopyOnWriteArrayList");
    }

    @Test
    void aListWhoseSizeTheCodeFixesIsReportedWithItsBound() {
        var report = RuleReports.only(new ListMembershipInLoopRule(), """
                import java.util.*;

                class Codes {
                    private static final List<String> CODES = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

                    int known(List<String> items) {
                        int n = 0;
                        for (String item : items) {
                            if (CODES.contains(item)) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertEquals(10, report.bound().size());
        org.junit.jupiter.api.Assertions.assertTrue(report.bound().reason().contains("'CODES'"), report.bound().reason());
    }

    @Test
    void theEngineSaysTheBoundOfASmallConstantList() {
        var findings = tester.analyze("""
                import java.util.*;

                class Codes {
                    private static final List<String> CODES = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

                    int known(List<String> items) {
                        int n = 0;
                        for (String item : items) {
                            if (CODES.contains(item)) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """).findings();
        org.junit.jupiter.api.Assertions.assertEquals(1, findings.size(), findings::toString);
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(0).message().contains("size bounded at 10"),
                findings.get(0).message());
    }
}
