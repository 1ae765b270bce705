package dev.perflens.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.engine.Finding;
import dev.perflens.engine.Severity;
import dev.perflens.engine.testing.RuleTester;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListRemoveFirstInLoopRuleTest {
    private final RuleTester tester = RuleTester.of(new ListRemoveFirstInLoopRule());

    @Test
    void drainingAFieldNothingFillsPerItemIsInformationAQueueOrAFrontInsertAWarning() {
        var findings = RuleTester.of(new ListRemoveFirstInLoopRule()).analyze("""
                import java.util.*;

                class Drain {
                    private final List<String> triggers = new ArrayList<>();

                    void register(String trigger) {
                        triggers.add(trigger);
                    }

                    void drop(List<String> roots) {
                        while (!triggers.isEmpty()) {
                            triggers.remove(0);
                        }
                        List<String> queue = new ArrayList<>(roots);
                        while (!queue.isEmpty()) {
                            String next = queue.remove(0);
                            if (next.length() > 1) queue.add(next.substring(1));
                        }
                        List<String> path = new ArrayList<>();
                        for (String root : roots) {
                            path.add(0, root);
                        }
                    }
                }
                """).findings();
        org.junit.jupiter.api.Assertions.assertEquals(3, findings.size(), findings.toString());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.INFO, findings.get(0).severity());
        org.junit.jupiter.api.Assertions.assertTrue(findings.get(0).message().contains("Size unknown: nothing in this method"
                + " adds to 'triggers' per item"), findings.get(0).message());
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.WARNING, findings.get(1).severity(), "a queue");
        org.junit.jupiter.api.Assertions.assertEquals(dev.perflens.engine.Severity.WARNING, findings.get(2).severity(), "add(0) grows");
    }

    @Test
    void flagsFrontRemovalAndInsertionOnArrayListsInLoops() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class WorkList {
                    private final ArrayList<String> pending = new ArrayList<>();

                    List<String> process(ArrayList<String> queue, Vector<Integer> legacy) {
                        List<String> done = new ArrayList<>();
                        while (!queue.isEmpty()) {
                            // PERF: list-remove-first-in-loop
                            String next = queue.remove(0);
                            // PERF: list-remove-first-in-loop
                            done.add(0, next);
                        }
                        for (int i = 0; i < 10; i++) {
                            // PERF: list-remove-first-in-loop
                            pending.add(0, "x" + i);
                            // PERF: list-remove-first-in-loop
                            legacy.remove(0);
                        }
                        pending.forEach(p -> {
                            // PERF: list-remove-first-in-loop
                            done.remove(0);
                        });
                        return done;
                    }
                }
                """);
    }

    @Test
    void leavesLinkedListsDequesOtherIndexesAndOneOffCallsAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Clean {
                    static class Ring<E> extends ArrayList<E> {
                        @Override
                        public E remove(int index) {
                            return super.remove(index);
                        }
                    }

                    void process(LinkedList<String> linked, ArrayDeque<String> deque, List<String> unknown,
                                 ArrayList<Integer> numbers, Ring<String> ring, List<ArrayList<String>> lists) {
                        ArrayList<String> list = new ArrayList<>();
                        list.remove(0);
                        list.add(0, "once");
                        List<String> maybeLinked = new LinkedList<>();
                        for (int i = 0; i < 10; i++) {
                            linked.remove(0);
                            linked.add(0, "a");
                            deque.pollFirst();
                            unknown.remove(0);
                            maybeLinked.remove(0);
                            numbers.remove(Integer.valueOf(0));
                            numbers.remove(numbers.size() - 1);
                            list.add("end");
                            list.add(1, "second");
                            ring.remove(0);
                            lists.get(i).remove(0);
                            ArrayList<String> fresh = new ArrayList<>(list);
                            fresh.remove(0);
                        }
                        while (true) {
                            if (list.size() > 3) {
                                list.add(0, "last");
                                break;
                            }
                            list.add("more");
                        }
                        for (String s : linked) {
                            if (s.isEmpty()) {
                                list.remove(0);
                                return;
                            }
                        }
                    }
                }
                """);
    }

    @Test
    void flagsFrontRemovalInLambdasThatRunPerElement() {
        tester.expectMarkedFindings("""
                import java.util.*;
                import java.util.stream.IntStream;

                class Lambdas {
                    void fill(ArrayList<String> list, String[] slots, List<List<String>> rows, Map<String, String> cache,
                              java.util.concurrent.Executor executor) {
                        for (List<String> row : rows) {
                            // PERF: list-remove-first-in-loop
                            Arrays.setAll(slots, i -> list.remove(0));
                        }
                        // PERF: list-remove-first-in-loop
                        IntStream.range(0, slots.length).forEach(i -> list.remove(0));
                        // PERF: list-remove-first-in-loop
                        rows.replaceAll(r -> List.of(list.remove(0)));
                        for (String key : list.toArray(new String[0])) {
                            // PERF: list-remove-first-in-loop
                            cache.computeIfAbsent(key, k -> list.remove(0));
                        }
                        cache.computeIfAbsent("once", k -> list.remove(0));
                        Optional<String> maybe = Optional.of("x");
                        maybe.map(m -> list.remove(0));
                        for (List<String> row : rows) {
                            // PERF: list-remove-first-in-loop
                            maybe.map(m -> list.remove(0));
                        }
                        for (List<String> row : rows) {
                            executor.execute(() -> list.remove(0));
                            Runnable later = () -> list.add(0, "x");
                        }
                    }
                }
                """);
    }

    @Test
    void aSizeCheckBeforeRemoveFirstBoundsTheList() {
        String source = """
                import java.util.*;

                class Recent {
                    private static final int MAX = 10_000;
                    private final ArrayList<String> last = new ArrayList<>();
                    private final ArrayList<String> window = new ArrayList<>();
                    private final ArrayList<String> history = new ArrayList<>();
                    private final ArrayList<String> log = new ArrayList<>();

                    void record(Iterator<String> events) {
                        while (events.hasNext()) {
                            String e = events.next();
                            last.add(e);
                            if (last.size() > 10) {
                                // PERF: list-remove-first-in-loop
                                last.remove(0);
                            }
                            window.add(e);
                            if (window.size() >= 8)
                                // PERF: list-remove-first-in-loop
                                window.remove(0);
                            history.add(e);
                            while (history.size() > MAX)
                                // PERF: list-remove-first-in-loop
                                history.remove(0);
                            log.add(e);
                            if (log.size() > events.hashCode())
                                // PERF: list-remove-first-in-loop
                                log.remove(0);
                        }
                    }
                }
                """;
        tester.expectMarkedFindings(source);
        List<Finding> findings = tester.analyze(source).findings();
        assertEquals(Severity.INFO, findings.get(0).severity());
        assertTrue(findings.get(0).message().contains("size bounded at 11 by the size check before remove(0)"),
                findings.get(0).message());
        assertEquals(Severity.INFO, findings.get(1).severity());
        assertTrue(findings.get(1).message().contains("size bounded at 8 by"), findings.get(1).message());
        assertEquals(Severity.WARNING, findings.get(2).severity(), "a large cap is still a long shift");
        assertEquals(Severity.WARNING, findings.get(3).severity(), "the cap is not a constant");
    }

    @Test
    void aListCopiedFromALiteralThatNothingGrowsIsBounded() {
        String source = """
                import java.util.*;

                class Steps {
                    void run(Runnable step) {
                        List<String> work = new ArrayList<>(List.of("parse", "check", "emit"));
                        while (!work.isEmpty()) {
                            // PERF: list-remove-first-in-loop
                            System.out.println(work.remove(0));
                        }
                        List<String> growing = new ArrayList<>(List.of("a", "b"));
                        while (!growing.isEmpty()) {
                            // PERF: list-remove-first-in-loop
                            String next = growing.remove(0);
                            if (next.equals("a")) {
                                growing.add("c");
                            }
                        }
                    }
                }
                """;
        tester.expectMarkedFindings(source);
        List<Finding> findings = tester.analyze(source).findings();
        assertTrue(findings.get(0).message().contains(
                "size bounded at 3 by the List.of literal copied into 'work', which nothing adds to"), findings.get(0).message());
        assertEquals(Severity.WARNING, findings.get(1).severity(), "the loop adds to the list it drains");
    }
}
