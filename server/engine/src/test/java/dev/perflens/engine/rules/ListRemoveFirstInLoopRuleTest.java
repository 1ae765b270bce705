package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class ListRemoveFirstInLoopRuleTest {
    private final RuleTester tester = RuleTester.of(new ListRemoveFirstInLoopRule());

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
}
