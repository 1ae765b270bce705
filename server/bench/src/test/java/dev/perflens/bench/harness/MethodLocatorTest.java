package dev.perflens.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.bench.BenchmarkException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodLocatorTest {
    static final String SOURCE = """
            package demo.shop;

            import java.util.List;
            import java.util.Map;

            public class Basket {
                private final List<String> items;

                public Basket(List<String> items) {
                    for (String item : items) {
                        System.out.println(item);
                    }
                    this.items = items;
                }

                private static int count(@Deprecated List<Line> lines, String... skus) {
                    int n = 0;
                    for (Line line : lines) {
                        Runnable r = new Runnable() {
                            public void run() {
                                System.out.println(line);
                            }
                        };
                        n++;
                    }
                    return n;
                }

                <T> boolean has(List<T> list, T item) {
                    return list.contains(item);
                }

                private record Line(String sku, int quantity) {
                }

                class Inner {
                    void work(Map.Entry<String, Integer>[] entries) {
                    }
                }

                abstract static class Base {
                    abstract void run();
                }
            }
            """;

    @Test
    void findsTheEnclosingMethodOfAnOffsetEvenInsideAnAnonymousClass() throws BenchmarkException {
        MethodUnderTest method = MethodLocator.at(SOURCE, SOURCE.indexOf("System.out.println(line)"));
        assertEquals("count", method.name());
        assertEquals("demo.shop", method.packageName());
        assertEquals(List.of("Basket"), method.typeNames());
        assertTrue(method.isStatic());
        assertFalse(method.returnsVoid());
        assertEquals(List.of(new MethodUnderTest.Parameter("lines", "List<Line>", "List"),
                new MethodUnderTest.Parameter("skus", "String[]", "String[]")), method.parameters());
        assertEquals("demo.shop.Basket#count(List,String[])", method.signature());
        assertEquals("Basket.count(List<Line>, String[])", method.displayName());
        assertEquals("demo.shop.Basket.count(List,StringArray)", method.id());
        assertEquals(List.of("java.util.List", "java.util.Map"), method.imports());
        assertTrue(SOURCE.substring(method.startOffset(), method.endOffset()).startsWith("private static int count("));
        assertTrue(SOURCE.substring(method.startOffset(), method.endOffset()).endsWith("return n;\n    }"));
        assertEquals(method, MethodLocator.bySignature(SOURCE, method.signature()));
    }

    @Test
    void saysWhyASpotCannotBeBenchmarked() {
        assertEquals("the code is in a constructor or initializer; Perflens benchmarks methods: move the loop into a"
                + " method, or benchmark a method that calls it",
                assertThrows(BenchmarkException.class, () -> MethodLocator.at(SOURCE, SOURCE.indexOf("println(item)")))
                        .getMessage());
        assertTrue(assertThrows(BenchmarkException.class, () -> MethodLocator.at(SOURCE, SOURCE.indexOf("list.contains")))
                .getMessage().contains("has a parameter of a type variable (List<T> list)"));
        assertTrue(assertThrows(BenchmarkException.class, () -> MethodLocator.at(SOURCE, SOURCE.indexOf("void work")))
                .getMessage().contains("belongs to an inner (non-static) class"));
        assertTrue(assertThrows(BenchmarkException.class, () -> MethodLocator.at(SOURCE, SOURCE.indexOf("abstract void run")))
                .getMessage().contains("has no body"));
        assertEquals("there is no method at this position to benchmark",
                assertThrows(BenchmarkException.class, () -> MethodLocator.at(SOURCE, 3)).getMessage());
        assertTrue(assertThrows(BenchmarkException.class, () -> MethodLocator.bySignature(SOURCE, "demo.shop.Basket#gone()"))
                .getMessage().contains("is not in the file any more"));
    }

    @Test
    void widenAccessBlanksPrivateOnTheMethodAndNestedTypesOnly() throws BenchmarkException {
        MethodUnderTest method = MethodLocator.at(SOURCE, SOURCE.indexOf("int n = 0"));
        String widened = MethodLocator.widenAccess(SOURCE, method);
        assertEquals(SOURCE.length(), widened.length(), "offsets stay where they were");
        assertTrue(widened.contains("        static int count("));
        assertTrue(widened.contains("        record Line("));
        assertTrue(widened.contains("private final List<String> items;"), "fields keep their modifiers");
    }
}
