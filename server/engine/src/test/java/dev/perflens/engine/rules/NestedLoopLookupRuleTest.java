package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class NestedLoopLookupRuleTest {
    private final RuleTester tester = RuleTester.of(new NestedLoopLookupRule());

    @Test
    void flagsInnerLoopsThatSearchByTheOuterElementsKey() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Join {
                    record Order(String id, String customerId, long amount) {
                    }

                    record Customer(String id, String country, int code) {
                    }

                    Map<Order, Customer> join(List<Order> orders, List<Customer> customers, Customer[] byCode,
                                              int[] codes, Set<String> countries) {
                        Map<Order, Customer> result = new HashMap<>();
                        for (Order order : orders) {
                            for (Customer customer : customers) {
                                // PERF: nested-loop-lookup
                                if (customer.id().equals(order.customerId())) {
                                    result.put(order, customer);
                                    break;
                                }
                            }
                        }
                        for (int i = 0; i < codes.length; i++) {
                            for (int j = 0; j < byCode.length; j++) {
                                // PERF: nested-loop-lookup
                                if (byCode[j] != null && codes[i] == byCode[j].code()) {
                                    result.put(null, byCode[j]);
                                }
                            }
                        }
                        orders.forEach(o -> {
                            for (int j = 0; j < customers.size(); j++) {
                                // PERF: nested-loop-lookup
                                if (Objects.equals(o.customerId(), customers.get(j).id())) {
                                    result.put(o, customers.get(j));
                                }
                            }
                        });
                        for (Order order : orders) {
                            Optional<Customer> match = customers.stream()
                                    // PERF: nested-loop-lookup
                                    .filter(c -> c.id().equals(order.customerId()))
                                    .findFirst();
                            String wanted = order.customerId();
                            // PERF: nested-loop-lookup
                            boolean known = customers.stream().anyMatch(c -> wanted.equals(c.id()));
                        }
                        return result;
                    }
                }
                """);
    }

    @Test
    void leavesKeysWhoseHashCodeReadsAFieldEqualsIgnoresAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Positions {
                    static final class Placed {
                        final String node;
                        final int position;

                        Placed(String node, int position) {
                            this.node = node;
                            this.position = position;
                        }

                        @Override
                        public boolean equals(Object other) {
                            return other instanceof Placed p && node.equals(p.node);
                        }

                        @Override
                        public int hashCode() {
                            return node.hashCode() + position;
                        }
                    }

                    static final class Named {
                        final String name;

                        Named(String name) {
                            this.name = name;
                        }

                        @Override
                        public boolean equals(Object other) {
                            return other instanceof Named n && name.equals(n.name);
                        }

                        @Override
                        public int hashCode() {
                            return name.hashCode();
                        }
                    }

                    int common(List<Placed> before, List<Placed> after, List<Named> xs, List<Named> ys) {
                        int n = 0;
                        for (Placed a : before) {
                            for (Placed b : after) {
                                if (b.equals(a)) {
                                    n++;
                                }
                            }
                        }
                        for (Named x : xs) {
                            for (Named y : ys) {
                                // PERF: nested-loop-lookup
                                if (y.equals(x)) {
                                    n++;
                                }
                            }
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void leavesFiltersOnFixedValuesRangesSmallConstantsAndEnumsAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Clean {
                    enum Kind { A, B, C }

                    record Item(String name, Kind kind, int start, int end, boolean active) {
                    }

                    private static final String[] RESERVED = {"admin", "root"};
                    private static final List<String> SMALL = List.of("x", "y");

                    int count(List<Item> items, List<Item> others, String wanted, Kind[] kinds, List<List<Item>> groups,
                              Enum<?>[] constants) {
                        int n = 0;
                        for (Item item : items) {
                            for (Item other : others) {
                                if (other.name().equals(wanted)) {
                                    n++;
                                }
                                if (other.start() < item.end() && item.start() < other.end()) {
                                    n++;
                                }
                                if (other == item || other.active() == item.active()) {
                                    n++;
                                }
                                if (other.name().equalsIgnoreCase(item.name())) {
                                    n++;
                                }
                            }
                            for (String reserved : RESERVED) {
                                if (reserved.equals(item.name())) {
                                    n++;
                                }
                            }
                            for (String small : SMALL) {
                                if (small.equals(item.name())) {
                                    n++;
                                }
                            }
                            for (Kind kind : kinds) {
                                if (kind == item.kind()) {
                                    n++;
                                }
                            }
                            for (Enum<?> constant : constants) {
                                if (constant.name().equals(item.name())) {
                                    n++;
                                }
                            }
                            for (Item inGroup : groups.get(n)) {
                                if (inGroup.name().equals(item.name())) {
                                    n++;
                                }
                            }
                            List<Item> fresh = new ArrayList<>(others);
                            for (Item f : fresh) {
                                if (f.name().equals(item.name())) {
                                    n++;
                                }
                            }
                        }
                        for (Item other : others) {
                            if (other.name().equals(wanted)) {
                                n++;
                            }
                        }
                        for (Item item : items) {
                            if (!item.active()) {
                                continue;
                            }
                            for (Item other : others) {
                                if (other.name().equals(item.name())) {
                                    n++;
                                }
                            }
                            break;
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void leavesSearchesOfPrimitiveArraysAlone() {
        // A HashMap index would box every element and be slower than the scan of a primitive array.
        tester.expectMarkedFindings("""
                import java.util.*;

                class Common {
                    private final long[] stamps;
                    private final List<Long> boxed;

                    Common(long[] stamps, List<Long> boxed) {
                        this.stamps = stamps;
                        this.boxed = boxed;
                    }

                    int common(int[] left, int[] right, long[] wanted) {
                        int n = 0;
                        for (int x : left) {
                            for (int y : right) {
                                if (x == y) {
                                    n++;
                                }
                            }
                        }
                        for (long w : wanted) {
                            for (int j = 0; j < stamps.length; j++) {
                                if (stamps[j] == w) {
                                    n++;
                                }
                            }
                            for (Long b : boxed) {
                                // PERF: nested-loop-lookup
                                if (b.equals(w)) {
                                    n++;
                                }
                            }
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void anInnerCollectionWhoseSizeTheCodeFixesIsReportedWithItsBound() {
        var report = RuleReports.only(new NestedLoopLookupRule(), """
                import java.util.*;

                class Join {
                    record Item(String id) {}

                    private final Item[] slots = new Item[12];

                    int matches(List<Item> items) {
                        int n = 0;
                        for (Item item : items) {
                            for (Item slot : slots) {
                                if (slot.id().equals(item.id())) {
                                    n++;
                                }
                            }
                        }
                        return n;
                    }
                }
                """);
        org.junit.jupiter.api.Assertions.assertEquals(12, report.bound().size());
    }
}
