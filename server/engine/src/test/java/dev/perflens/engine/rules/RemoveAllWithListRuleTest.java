package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class RemoveAllWithListRuleTest {
    private final RuleTester tester = RuleTester.of(new RemoveAllWithListRule());

    @Test
    void flagsBulkRemovalWithListArguments() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Sync {
                    void sync(List<String> current, ArrayList<String> stale, Set<String> known, List<String> wanted,
                              ArrayDeque<String> queue, Collection<String> anything) {
                        // PERF: remove-all-with-list
                        current.removeAll(stale);
                        // PERF: remove-all-with-list
                        known.retainAll(wanted);
                        // PERF: remove-all-with-list
                        queue.removeAll(wanted.subList(0, 5));
                        // PERF: remove-all-with-list
                        stale.retainAll(wanted);
                        // PERF: remove-all-with-list
                        anything.retainAll(wanted);
                    }
                }
                """);
    }

    @Test
    void leavesElementsWhoseHashCodeReadsAFieldEqualsIgnoresAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Children {
                    static final class Placed {
                        final String node;
                        final Integer position;

                        Placed(String node, Integer position) {
                            this.node = node;
                            this.position = position;
                        }

                        @Override
                        public boolean equals(Object other) {
                            return other instanceof Placed p && node.equals(p.node);
                        }

                        @Override
                        public int hashCode() {
                            return node.hashCode() + position.hashCode();
                        }
                    }

                    void keep(List<Placed> common, List<Placed> after, List<String> names, List<String> gone) {
                        common.retainAll(after);
                        // PERF: remove-all-with-list
                        names.removeAll(gone);
                    }
                }
                """);
    }

    @Test
    void anArgumentNotFilledPerItemIsInformationOneFilledInALoopAWarning() {
        var findings = tester.analyze("""
                import java.util.*;

                class Sync {
                    void sync(List<String> current, List<String> stale, List<String> rows) {
                        current.removeAll(stale);
                        List<String> gone = new ArrayList<>();
                        for (String row : rows) {
                            if (row.isEmpty()) gone.add(row);
                        }
                        current.removeAll(gone);
                    }
                }
                """).findings();
        org.junit.jupiter.api.Assertions.assertEquals(2, findings.size(), findings.toString());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.INFO, findings.get(0).severity());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(0).message().contains("Size unknown"), findings.get(0).message());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.WARNING, findings.get(1).severity());
    }

    @Test
    void leavesSetArgumentsSetReceiversAndTinyListsAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Clean {
                    private static final List<String> RESERVED = List.of("admin", "root");

                    static class Bag<E> extends ArrayList<E> {
                        @Override
                        public boolean removeAll(Collection<?> c) {
                            return super.removeAll(new HashSet<>(c));
                        }
                    }

                    void sync(List<String> current, Set<String> known, List<String> wanted, HashSet<String> ids,
                              Collection<String> anything, Bag<String> bag) {
                        current.removeAll(known);
                        current.removeAll(RESERVED);
                        current.removeAll(Arrays.asList("a", "b"));
                        current.removeAll(Collections.singletonList("x"));
                        known.removeAll(wanted);
                        ids.removeAll(wanted);
                        anything.removeAll(wanted);
                        bag.removeAll(wanted);
                        current.addAll(wanted);
                        current.containsAll(wanted);
                    }
                }
                """);
    }

    @Test
    void fixWrapsTheListInAHashSet() {
        tester.expectFix("""
                import java.util.List;

                class Prune {
                    void prune(List<String> names, List<String> banned) {
                        names.removeAll(banned);
                    }
                }
                """, """
                import java.util.HashSet;
                import java.util.List;

                class Prune {
                    void prune(List<String> names, List<String> banned) {
                        names.removeAll(new HashSet<>(banned));
                    }
                }
                """);
        tester.expectFix("""
                import java.util.*;

                class Keep {
                    record Id(long value) {
                    }

                    boolean keep(Set<Id> ids, List<? extends Id> allowed) {
                        return ids.retainAll((allowed));
                    }
                }
                """, """
                import java.util.*;

                class Keep {
                    record Id(long value) {
                    }

                    boolean keep(Set<Id> ids, List<? extends Id> allowed) {
                        return ids.retainAll(new HashSet<>(allowed));
                    }
                }
                """);
    }

    @Test
    void noFixWhenEqualsAndHashCodeDisagree() {
        tester.expectNoFix("""
                import java.util.List;

                class Legacy {
                    static class Key {
                        final String id;

                        Key(String id) {
                            this.id = id;
                        }

                        @Override
                        public boolean equals(Object o) {
                            return o instanceof Key k && k.id.equals(id);
                        }
                    }

                    void prune(List<Key> keys, List<Key> gone) {
                        keys.removeAll(gone);
                    }
                }
                """, "overrides equals but not hashCode");
    }

    @Test
    void noFixWhenTheArgumentIsAViewOfTheReceiver() {
        tester.expectNoFix("""
                import java.util.List;

                class Head {
                    void dropHeadDuplicates(List<String> names) {
                        names.removeAll(names.subList(0, 3));
                    }
                }
                """, "read from 'names' itself");
    }

    @Test
    void noFixForAListWithItsOwnContains() {
        tester.expectNoFix("""
                import java.util.*;

                class Custom {
                    static class CaseInsensitiveList extends ArrayList<String> {
                        @Override
                        public boolean contains(Object o) {
                            return stream().anyMatch(s -> s.equalsIgnoreCase((String) o));
                        }
                    }

                    void prune(List<String> names, CaseInsensitiveList banned) {
                        names.removeAll(banned);
                    }
                }
                """, "whose contains is its own");
    }

    @Test
    void judgesCollectionFieldsByTheClassTheyHold() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Pending {
                    private final Collection<String> pending = new ArrayList<>();
                    private final Collection<String> known = new HashSet<>();
                    private final Collection<String> gone = new LinkedList<>();

                    void settle(List<String> done, Set<String> ids) {
                        // PERF: remove-all-with-list
                        pending.removeAll(done);
                        known.removeAll(done);
                        // PERF: remove-all-with-list
                        ids.retainAll(gone);
                    }
                }
                """);
    }

    @Test
    void aListArgumentWhoseSizeTheCodeFixesIsReportedWithItsBound() {
        var report = RuleReports.only(new RemoveAllWithListRule(), """
                import java.util.*;

                class Prune {
                    private static final List<String> RESERVED = Arrays.asList("a", "b", "c", "d", "e", "f", "g", "h", "i");

                    void prune(List<String> names) {
                        names.removeAll(RESERVED);
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertEquals(9, report.bound().size());
    }
}
