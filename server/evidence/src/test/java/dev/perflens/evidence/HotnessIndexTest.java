package dev.perflens.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.evidence.source.WorkspaceSources;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attribution and sums on the order-service sources, with stacks whose shape is known exactly. */
public class HotnessIndexTest {
    public static final Path SOURCES = Path.of("../../fixtures/projects/order-service/src/main/java").toAbsolutePath().normalize();
    static final Path MATCHER = SOURCES.resolve("com/example/orders/OrderMatcher.java");
    static final Path APP = SOURCES.resolve("com/example/orders/OrderServiceApp.java");

    // OrderServiceApp.main calls matchOrders on line 71; matchOrders calls contains on line 22.
    public static final String STACKS = """
            java/lang/Thread.run;com/example/orders/OrderServiceApp.main:71_[j];com/example/orders/OrderMatcher.matchOrders:22_[j];java/util/ArrayList.contains_[i];java/util/ArrayList.indexOfRange_[i];java/lang/String.equals_[i] 60
            com/example/orders/OrderServiceApp.main:71_[j];com/example/orders/OrderMatcher.matchOrders:22_[j];java/util/ArrayList.contains_[j] 20
            com/example/orders/OrderServiceApp.main:71_[j];com/example/orders/OrderMatcher.matchOrders:23_[j] 5
            com/example/orders/OrderServiceApp.main:74_[j];com/example/orders/CsvImporter.importOrders:32_[j];java/lang/String.split_[j] 10
            com/example/orders/OrderServiceApp.main:80_[j] 3
            start_thread;thread_native_entry;C2Compiler::compile_method 2
            """;

    private static HotnessIndex index() throws Exception {
        Profile profile = CollapsedStackReader.read(Path.of("stacks.collapsed"), new StringReader(STACKS), Metric.CPU);
        return HotnessIndex.build(List.of(profile), WorkspaceSources.of(List.of(SOURCES)));
    }

    @Test
    void libraryTimeGoesToTheNearestWorkspaceCaller() throws Exception {
        HotnessIndex index = index();
        assertEquals(100, index.totals().events(Metric.CPU));
        MethodHotness match = index.method(MATCHER, "com.example.orders.OrderMatcher#matchOrders#0").orElseThrow();
        assertEquals(85, match.weights().selfWeight(Metric.CPU), "60 + 20 in ArrayList/String, 5 in its own code");
        assertEquals(85, match.weights().totalWeight(Metric.CPU));
        assertEquals(0.85, match.selfShare(Metric.CPU), 1e-9);
        assertEquals(22, match.hottestLine());

        MethodHotness main = index.method(APP, "com.example.orders.OrderServiceApp#main#0").orElseThrow();
        assertEquals(3, main.weights().selfWeight(Metric.CPU));
        assertEquals(98, main.weights().totalWeight(Metric.CPU), "every stack with a workspace frame passes main");
        assertEquals(2, index.unattributedWeight(Metric.CPU), "the compiler thread has no workspace frame");
    }

    @Test
    void linesCountEachStackOnceAndRangesToo() throws Exception {
        HotnessIndex index = index();
        assertEquals(80, index.lines(MATCHER).get(22).totalWeight(Metric.CPU));
        assertEquals(80, index.lines(MATCHER).get(22).selfWeight(Metric.CPU));
        assertEquals(5, index.lines(MATCHER).get(23).totalWeight(Metric.CPU));
        Weights loop = index.lines(MATCHER, 20, 26);
        assertEquals(85, loop.totalWeight(Metric.CPU));
        assertEquals(85, loop.selfWeight(Metric.CPU));
        assertEquals(85, index.lines(APP, 71, 71).totalWeight(Metric.CPU));
        assertEquals(0, index.lines(MATCHER, 1, 10).totalWeight(Metric.CPU));
        assertTrue(index.covers(MATCHER));
        assertFalse(index.covers(SOURCES.resolve("com/example/orders/ReportService.java")));
    }

    @Test
    void hotspotsAreOrderedBySelfWeight() throws Exception {
        List<String> names = index().hotspots(Metric.CPU, 3).stream().map(MethodHotness::name).toList();
        assertEquals(List.of("OrderMatcher.matchOrders", "CsvImporter.importOrders", "OrderServiceApp.main"), names);
    }

    @Test
    void recursionCountsOncePerStack() throws Exception {
        Profile profile = CollapsedStackReader.read(Path.of("r.collapsed"), new StringReader(
                "com/example/orders/OrderMatcher.matchOrders:22;com/example/orders/OrderMatcher.matchOrders:22;"
                        + "com/example/orders/OrderMatcher.matchOrders:23 4\n"), Metric.CPU);
        HotnessIndex index = HotnessIndex.build(List.of(profile), WorkspaceSources.of(List.of(SOURCES)));
        MethodHotness match = index.method(MATCHER, "com.example.orders.OrderMatcher#matchOrders#0").orElseThrow();
        assertEquals(4, match.weights().totalWeight(Metric.CPU));
        assertEquals(1.0, match.totalShare(Metric.CPU), 1e-9);
        assertEquals(4, index.lines(MATCHER).get(22).totalWeight(Metric.CPU));
    }

    @Test
    void severalProfilesAddUpAndAreNamed() throws Exception {
        Profile a = CollapsedStackReader.read(Path.of("a.collapsed"), new StringReader(STACKS), Metric.CPU);
        Profile b = CollapsedStackReader.read(Path.of("b-alloc.collapsed"), new StringReader(
                "com/example/orders/OrderServiceApp.main:74;com/example/orders/CsvImporter.importOrders:32 4096\n"),
                Metric.ALLOCATION);
        HotnessIndex index = HotnessIndex.build(List.of(a, b), WorkspaceSources.of(List.of(SOURCES)));
        assertEquals("a.collapsed, b-alloc.collapsed", index.profileNames());
        assertEquals(4096, index.totals().weight(Metric.ALLOCATION));
        assertEquals("CsvImporter.importOrders", index.hotspots(Metric.ALLOCATION, 1).get(0).name());
    }

    @Test
    void emptyIndexAnswersNoSamples() {
        HotnessIndex index = HotnessIndex.empty();
        assertTrue(index.isEmpty());
        assertTrue(index.hotspots(Metric.CPU, 5).isEmpty());
        assertEquals(0, index.lines(MATCHER, 1, 100).totalWeight(Metric.CPU));
    }
}
