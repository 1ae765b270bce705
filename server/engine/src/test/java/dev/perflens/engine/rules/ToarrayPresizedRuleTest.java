package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ToarrayPresizedRuleTest {
    private final RuleTester tester = RuleTester.of(new ToarrayPresizedRule());

    @Test
    void flagsArraysPresizedToTheSameArrayBackedCollection() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Exports {
                    private final List<String> names = new ArrayList<>();
                    private final Collection<String> queue = new ArrayDeque<>();

                    String[] all(List<String> items, Vector<Long> ids, Holder holder) {
                        // PERF: toarray-presized
                        String[] a = items.toArray(new String[items.size()]);
                        // PERF: toarray-presized
                        Long[] b = ids.toArray(new Long[ids.size()]);
                        // PERF: toarray-presized
                        String[] c = this.names.toArray(new String[names.size()]);
                        // PERF: toarray-presized
                        String[] d = queue.toArray(new String[queue.size()]);
                        // PERF: toarray-presized
                        int[][] f = holder.rows().toArray(new int[holder.rows().size()][]);
                        return a;
                    }

                    interface Holder {
                        List<int[]> rows();
                    }
                }
                """);
    }

    @Test
    void leavesCollectionsWhoseToArrayZeroesItsOwnArrayToo() {
        // HashSet, map views, LinkedList, TreeSet and the concurrent maps' views allocate a short array with
        // Array.newInstance, which is zeroed like the pre-sized one: the zero-length form saves nothing there
        tester.expectMarkedFindings("""
                import java.util.*;
                import java.util.concurrent.ConcurrentHashMap;

                class Views {
                    private final Map<String, Integer> scores = new HashMap<>();
                    private final Map<String, Integer> live = new ConcurrentHashMap<>();
                    private final List<String> linked = new LinkedList<>();

                    Object[] all(Collection<String> items, Set<Long> ids, TreeSet<String> sorted) {
                        String[] a = items.toArray(new String[items.size()]);
                        Long[] b = ids.toArray(new Long[ids.size()]);
                        String[] c = scores.keySet().toArray(new String[scores.size()]);
                        Integer[] d = scores.values().toArray(new Integer[scores.values().size()]);
                        String[] e = live.keySet().toArray(new String[live.size()]);
                        String[] f = linked.toArray(new String[linked.size()]);
                        String[] g = sorted.toArray(new String[sorted.size()]);
                        return a;
                    }
                }
                """);
    }

    @Test
    void staysSilentOnOtherSizesAndNonCollections() {
        tester.expectMarkedFindings("""
                import java.util.*;
                import java.util.stream.Stream;

                class Fine {
                    String[] all(List<String> items, List<String> other, Stream<String> stream, int n) {
                        String[] a = items.toArray(new String[0]);
                        String[] b = items.toArray(new String[other.size()]);
                        String[] c = items.toArray(new String[n]);
                        String[] d = items.toArray(new String[items.size() + 1]);
                        String[] e = items.toArray(String[]::new);
                        Object[] f = items.toArray();
                        String[] g = stream.toArray(String[]::new);
                        String[] h = items.toArray(new String[] {"x"});
                        String[] k = pick(items).toArray(new String[pick(items).size()]);
                        Array array = new Array();
                        String[] m = array.toArray(new String[array.size()]);
                        return a;
                    }

                    List<String> pick(List<String> l) {
                        return l;
                    }

                    static class Array {
                        int size() {
                            return 1;
                        }

                        String[] toArray(String[] into) {
                            return into;
                        }
                    }
                }
                """);
    }

    @Test
    void fixPassesAZeroLengthArrayOfTheSameType() {
        tester.expectFix("""
                import java.util.List;

                class Exports {
                    String[] all(List<String> items) {
                        return items.toArray(new String[items.size()]);
                    }
                }
                """, """
                import java.util.List;

                class Exports {
                    String[] all(List<String> items) {
                        return items.toArray(new String[0]);
                    }
                }
                """);
        tester.expectFix("""
                import java.util.*;

                class Keys {
                    java.util.Map.Entry<String, int[]>[] entries(Map<String, int[]> map) {
                        ArrayList<Map.Entry<String, int[]>> sorted = new ArrayList<>(map.entrySet());
                        @SuppressWarnings("unchecked")
                        java.util.Map.Entry<String, int[]>[] result = sorted.toArray(new Map.Entry[sorted.size()]);
                        return result;
                    }
                }
                """, """
                import java.util.*;

                class Keys {
                    java.util.Map.Entry<String, int[]>[] entries(Map<String, int[]> map) {
                        ArrayList<Map.Entry<String, int[]>> sorted = new ArrayList<>(map.entrySet());
                        @SuppressWarnings("unchecked")
                        java.util.Map.Entry<String, int[]>[] result = sorted.toArray(new Map.Entry[0]);
                        return result;
                    }
                }
                """);
        tester.expectFix("""
                import java.util.List;

                class Rows {
                    int[][] rows(List<int[]> rows) {
                        return rows.toArray(new int[rows.size()][]);
                    }
                }
                """, """
                import java.util.List;

                class Rows {
                    int[][] rows(List<int[]> rows) {
                        return rows.toArray(new int[0][]);
                    }
                }
                """);
    }

    @Test
    void noFixWhenTheSizeCallMayHaveSideEffectsOrTheCollectionIsConcurrent() {
        tester.expectNoFix("""
                import java.util.List;

                class Holder {
                    interface Source {
                        List<String> names();
                    }

                    String[] all(Source source) {
                        return source.names().toArray(new String[source.names().size()]);
                    }
                }
                """, "calls names()");
        tester.expectNoFix("""
                import java.util.concurrent.CopyOnWriteArrayList;

                class Listeners {
                    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

                    Runnable[] snapshot() {
                        return listeners.toArray(new Runnable[listeners.size()]);
                    }
                }
                """, "concurrent");
    }
}
