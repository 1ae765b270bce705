package dev.perflens.engine.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.engine.Finding;
import dev.perflens.engine.testing.RuleTester;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortToFindExtremeRuleTest {
    private final RuleTester tester = RuleTester.of(new SortToFindExtremeRule());

    @Test
    void flagsSortingToTakeTheFirstOrLastElement() {
        tester.expectMarkedFindings("""
                import java.util.*;
                import java.util.stream.*;

                class Cheapest {
                    record Offer(String id, long price) {
                    }

                    Optional<Offer> cheapest(List<Offer> offers, Comparator<Offer> byPrice) {
                        return offers.stream()
                                // PERF: sort-to-find-extreme
                                .sorted(byPrice)
                                .findFirst();
                    }

                    Optional<String> firstName(Set<String> names) {
                        // PERF: sort-to-find-extreme
                        return names.stream().sorted().findFirst();
                    }

                    int smallest(int[] values, double[] weights) {
                        // PERF: sort-to-find-extreme
                        double lightest = DoubleStream.of(weights).sorted().findFirst().orElse(0);
                        // PERF: sort-to-find-extreme
                        return IntStream.of(values).sorted().findFirst().orElse(-1) + (int) lightest;
                    }

                    Offer newest(Collection<Offer> input) {
                        List<Offer> copy = new ArrayList<>(input);
                        // PERF: sort-to-find-extreme
                        Collections.sort(copy, Comparator.comparingLong(Offer::price));
                        return copy.isEmpty() ? null : copy.get(copy.size() - 1);
                    }

                    String range(Collection<String> input) {
                        List<String> sorted = input.stream().collect(Collectors.toList());
                        // PERF: sort-to-find-extreme
                        sorted.sort(null);
                        return sorted.get(0) + ".." + sorted.get(sorted.size() - 1);
                    }
                }
                """);
    }

    @Test
    void leavesSortsWhoseOrderIsUsedAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Clean {
                    private final List<String> field = new ArrayList<>();

                    List<String> top(List<String> names, Collection<String> input) {
                        Optional<String> any = names.stream().sorted().findAny();
                        List<String> ordered = names.stream().sorted().toList();
                        Collections.sort(names);
                        String first = names.get(0);
                        Collections.sort(field);
                        String f = field.get(0);
                        List<String> copy = new ArrayList<>(input);
                        Collections.sort(copy);
                        String head = copy.get(0);
                        for (String s : copy) {
                            head += s;
                        }
                        List<String> returned = new ArrayList<>(input);
                        Collections.sort(returned);
                        if (returned.get(0).isEmpty()) {
                            return returned;
                        }
                        List<String> second = new ArrayList<>(input);
                        Collections.sort(second);
                        String two = second.get(1);
                        List<String> view = Arrays.asList(input.toArray(new String[0]));
                        Collections.sort(view);
                        String v = view.get(0);
                        return List.of(first, f, head, two, v);
                    }
                }
                """);
    }

    @Test
    void fixReplacesSortedFindFirstWithMin() {
        tester.expectFix("""
                import java.util.*;

                class Cheapest {
                    record Offer(String id, long price) {
                    }

                    Optional<Offer> cheapest(List<Offer> offers) {
                        return offers.stream()
                                .filter(o -> o.price() > 0)
                                .sorted(Comparator.comparingLong(Offer::price))
                                .findFirst();
                    }
                }
                """, """
                import java.util.*;

                class Cheapest {
                    record Offer(String id, long price) {
                    }

                    Optional<Offer> cheapest(List<Offer> offers) {
                        return offers.stream()
                                .filter(o -> o.price() > 0)
                                .min(Comparator.comparingLong(Offer::price));
                    }
                }
                """);
        tester.expectFix("""
                import java.util.List;
                import java.util.Optional;

                class First {
                    Optional<String> first(List<String> names) {
                        return names.stream().sorted().findFirst();
                    }
                }
                """, """
                import java.util.Comparator;
                import java.util.List;
                import java.util.Optional;

                class First {
                    Optional<String> first(List<String> names) {
                        return names.stream().min(Comparator.naturalOrder());
                    }
                }
                """);
        tester.expectFix("""
                import java.util.*;

                class Latest {
                    Optional<String> latest(List<String> names) {
                        return names.stream().sorted(Comparator.comparing(String::length).reversed().thenComparing(Comparator.reverseOrder())).findFirst();
                    }
                }
                """, """
                import java.util.*;

                class Latest {
                    Optional<String> latest(List<String> names) {
                        return names.stream().min(Comparator.comparing(String::length).reversed().thenComparing(Comparator.reverseOrder()));
                    }
                }
                """);
        tester.expectFix("""
                import java.util.stream.IntStream;

                class Low {
                    int low(int[] values) {
                        return IntStream.of(values).sorted().findFirst().orElse(0);
                    }
                }
                """, """
                import java.util.stream.IntStream;

                class Low {
                    int low(int[] values) {
                        return IntStream.of(values).min().orElse(0);
                    }
                }
                """);
    }

    @Test
    void noFixForDoublesNonComparablesAndInPlaceSorts() {
        tester.expectNoFix("""
                import java.util.stream.DoubleStream;

                class Low {
                    double low(double[] values) {
                        return DoubleStream.of(values).sorted().findFirst().orElse(0);
                    }
                }
                """, "NaN");
        tester.expectNoFix("""
                import java.util.*;

                class Oldest {
                    record Context(long timeStamp) {
                    }

                    Context oldest(List<Context> contexts) {
                        return contexts.stream()
                                .sorted((c1, c2) -> c1.timeStamp() < c2.timeStamp() ? -1 : 1)
                                .findFirst()
                                .get();
                    }
                }
                """, "the project's own");
        tester.expectNoFix("""
                import java.util.*;

                class Raw {
                    Optional<Object> first(List<Object> things) {
                        return things.stream().sorted().findFirst();
                    }
                }
                """, "not known to be Comparable");
        tester.expectNoFix("""
                import java.util.*;

                class InPlace {
                    String last(Collection<String> input) {
                        List<String> copy = new ArrayList<>(input);
                        Collections.sort(copy);
                        return copy.get(copy.size() - 1);
                    }
                }
                """, "reorders 'copy' in place");
    }

    @Test
    void aLiteralSourceBoundsTheSort() {
        String source = """
                import java.util.*;
                import java.util.stream.*;

                class Literals {
                    private static final List<String> MODES = List.of("fast", "safe", "slow");

                    Optional<String> first(String extra) {
                        // PERF: sort-to-find-extreme
                        Optional<String> a = MODES.stream().filter(m -> !m.isEmpty()).sorted().findFirst();
                        // PERF: sort-to-find-extreme
                        Optional<String> b = Stream.of("x", "y").sorted().findFirst();
                        List<String> copy = new ArrayList<>(List.of("b", "a", extra, "c"));
                        // PERF: sort-to-find-extreme
                        Collections.sort(copy);
                        return a.or(() -> b).map(s -> s + copy.get(0));
                    }
                }
                """;
        tester.expectMarkedFindings(source);
        List<Finding> findings = tester.analyze(source).findings();
        assertTrue(findings.get(0).message().contains("size bounded at 3 by the List.of literal that initialises 'MODES'"),
                findings.get(0).message());
        assertTrue(findings.get(1).message().contains("size bounded at 2 by the Stream.of literal"), findings.get(1).message());
        assertTrue(findings.get(2).message().contains("size bounded at 4 by the List.of literal copied into 'copy'"),
                findings.get(2).message());
    }
}
