package dev.perflens.engine.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.engine.Finding;
import dev.perflens.engine.testing.RuleTester;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkedListIndexedAccessRuleTest {
    private final RuleTester tester = RuleTester.of(new LinkedListIndexedAccessRule());

    @Test
    void flagsIndexedAccessToLinkedListsInLoops() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Scan {
                    private final LinkedList<String> history = new LinkedList<>();

                    int total(LinkedList<Integer> values, int[] positions) {
                        int sum = 0;
                        for (int i = 0; i < values.size(); i++) {
                            // PERF: linked-list-indexed-access
                            sum += values.get(i) + values.get(i) / 2;
                        }
                        List<String> names = new LinkedList<>();
                        int k = 0;
                        while (k < names.size()) {
                            // PERF: linked-list-indexed-access
                            names.set(k, "x");
                            k++;
                        }
                        for (int p : positions) {
                            // PERF: linked-list-indexed-access
                            sum += history.get(p).length();
                        }
                        return sum;
                    }
                }
                """);
    }

    @Test
    void leavesArrayListsEndsConstantsAndCodeOutsideLoopsAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Clean {
                    int total(LinkedList<Integer> values, ArrayList<Integer> array, List<Integer> unknown,
                              List<LinkedList<Integer>> lists) {
                        int sum = values.get(values.size() / 2);
                        List<Integer> copy = new ArrayList<>(values);
                        for (int i = 0; i < values.size(); i++) {
                            sum += array.get(i) + unknown.get(i) + copy.get(i);
                            sum += values.get(0) + values.get(values.size() - 1) + values.getFirst();
                            sum += values.get(values.size() - 1 - sum) + values.get(values.size() - sum + i);
                            sum += lists.get(i).get(i);
                            LinkedList<Integer> fresh = new LinkedList<>(values);
                            sum += fresh.get(i);
                        }
                        return sum;
                    }
                }
                """);
    }

    @Test
    void fixTurnsCountingLoopIntoEnhancedForReusingTheElementVariable() {
        tester.expectFix("""
                import java.util.LinkedList;
                import java.util.List;

                class Names {
                    int longest(List<String> input) {
                        LinkedList<String> names = new LinkedList<>(input);
                        int best = 0;
                        for (int i = 0; i < names.size(); i++) {
                            final String name = names.get(i);
                            best = Math.max(best, name.length());
                        }
                        return best;
                    }
                }
                """, """
                import java.util.LinkedList;
                import java.util.List;

                class Names {
                    int longest(List<String> input) {
                        LinkedList<String> names = new LinkedList<>(input);
                        int best = 0;
                        for (final String name : names) {
                            best = Math.max(best, name.length());
                        }
                        return best;
                    }
                }
                """);
    }

    @Test
    void fixIntroducesAnElementVariableNamedAfterTheList() {
        tester.expectFix("""
                import java.util.LinkedList;

                class Totals {
                    long sum(LinkedList<Long> amounts) {
                        long total = 0;
                        for (int i = 0; i < amounts.size(); ++i) {
                            total += amounts.get(i) * 2 + amounts.get(i);
                        }
                        return total;
                    }
                }
                """, """
                import java.util.LinkedList;

                class Totals {
                    long sum(LinkedList<Long> amounts) {
                        long total = 0;
                        for (Long amount : amounts) {
                            total += amount * 2 + amount;
                        }
                        return total;
                    }
                }
                """);
        tester.expectFix("""
                import java.util.LinkedList;
                import java.util.List;

                class Printer {
                    void print(List<String> input) {
                        List<String> lines = new LinkedList<>(input);
                        for (int i = 0; i < lines.size(); i++)
                            System.out.println(lines.get(i));
                    }
                }
                """, """
                import java.util.LinkedList;
                import java.util.List;

                class Printer {
                    void print(List<String> input) {
                        List<String> lines = new LinkedList<>(input);
                        for (String line : lines)
                            System.out.println(line);
                    }
                }
                """);
    }

    @Test
    void noFixWhenTheIndexServesMoreThanTheList() {
        tester.expectNoFix("""
                import java.util.LinkedList;

                class Numbered {
                    void print(LinkedList<String> lines) {
                        for (int i = 0; i < lines.size(); i++) {
                            System.out.println(i + ": " + lines.get(i));
                        }
                    }
                }
                """, "also used for something other");
    }

    @Test
    void noFixWhenTheLoopMayChangeTheList() {
        tester.expectNoFix("""
                import java.util.LinkedList;

                class Grow {
                    void grow(LinkedList<String> lines) {
                        for (int i = 0; i < lines.size(); i++) {
                            if (lines.get(i).isEmpty()) {
                                lines.add("more");
                            }
                        }
                    }
                }
                """, "for more than get(i)");
        tester.expectNoFix("""
                import java.util.LinkedList;

                class Visit {
                    void visit(LinkedList<String> lines) {
                        for (int i = 0; i < lines.size(); i++) {
                            handle(lines.get(i));
                        }
                    }

                    void handle(String line) {
                    }
                }
                """, "might change 'lines'");
        tester.expectNoFix("""
                import java.util.LinkedList;

                class Field {
                    private final LinkedList<String> lines = new LinkedList<>();

                    int count() {
                        int n = 0;
                        for (int i = 0; i < lines.size(); i++) {
                            n += lines.get(i).length();
                        }
                        return n;
                    }
                }
                """, "is a field");
    }

    @Test
    void noFixForSetOrOtherLoopShapes() {
        tester.expectNoFix("""
                import java.util.LinkedList;

                class Upper {
                    void upper(LinkedList<String> lines) {
                        for (int i = 0; i < lines.size(); i++) {
                            lines.set(i, "x");
                        }
                    }
                }
                """, "ListIterator");
        tester.expectNoFix("""
                import java.util.LinkedList;

                class Backwards {
                    int sum(LinkedList<Integer> values) {
                        int sum = 0;
                        for (int i = values.size() - 1; i >= 0; i--) {
                            sum += values.get(i);
                        }
                        return sum;
                    }
                }
                """, "only a loop");
    }

    @Test
    void flagsAListParameterWhenEveryCallerInTheFilePassesALinkedList() {
        String source = """
                import java.util.*;

                class Callers {
                    void run(LinkedList<String> names) {
                        List<String> queue = new LinkedList<>();
                        total(names);
                        total(queue);
                        mixed(names);
                        mixed(new ArrayList<>());
                        exposed(names);
                        referenced(names);
                        Runnable r = () -> referenced(names);
                        java.util.function.Consumer<List<String>> c = this::referenced;
                        reassigned(names);
                    }

                    private int total(List<String> items) {
                        int sum = 0;
                        for (int i = 0; i < items.size(); i++) {
                            // PERF: linked-list-indexed-access
                            sum += items.get(i).length();
                        }
                        return sum;
                    }

                    private int mixed(List<String> items) {
                        int sum = 0;
                        for (int i = 0; i < items.size(); i++) {
                            sum += items.get(i).length();
                        }
                        return sum;
                    }

                    public int exposed(List<String> items) {
                        int sum = 0;
                        for (int i = 0; i < items.size(); i++) {
                            sum += items.get(i).length();
                        }
                        return sum;
                    }

                    private void referenced(List<String> items) {
                        for (int i = 0; i < items.size(); i++) {
                            System.out.println(items.get(i));
                        }
                    }

                    private void reassigned(List<String> items) {
                        items = new ArrayList<>(items);
                        for (int i = 0; i < items.size(); i++) {
                            System.out.println(items.get(i));
                        }
                    }

                    private void uncalled(List<String> items) {
                        for (int i = 0; i < items.size(); i++) {
                            System.out.println(items.get(i));
                        }
                    }
                }
                """;
        tester.expectMarkedFindings(source);
        List<Finding> findings = tester.analyze(source).findings();
        assertTrue(findings.get(0).message().contains("callers in this file pass a LinkedList (line 6)"),
                findings.get(0).message());
    }

    @Test
    void aParameterFedALinkedListGetsTheEnhancedForFix() {
        tester.expectFix("""
                import java.util.*;

                class Printer {
                    void run() {
                        print(new LinkedList<>(List.of("a", "b")));
                    }

                    private void print(List<String> lines) {
                        for (int i = 0; i < lines.size(); i++) {
                            System.out.println(lines.get(i));
                        }
                    }
                }
                """, """
                import java.util.*;

                class Printer {
                    void run() {
                        print(new LinkedList<>(List.of("a", "b")));
                    }

                    private void print(List<String> lines) {
                        for (String line : lines) {
                            System.out.println(line);
                        }
                    }
                }
                """);
    }
}
