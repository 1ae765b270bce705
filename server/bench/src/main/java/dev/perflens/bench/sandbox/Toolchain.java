package dev.perflens.bench.sandbox;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where JMH, its annotation processor and Perflens' input generator are on this machine: the
 * jars (or class folders) the classes were loaded from. In the shaded server jar they all are
 * that jar; in a Maven build they are the local repository's jars.
 */
public record Toolchain(List<Path> processorPath, List<Path> benchmarkClasspath) {
    private static final String PROCESSOR = "org.openjdk.jmh.generators.BenchmarkProcessor";
    private static final List<String> RUNTIME = List.of("org.openjdk.jmh.Main", "joptsimple.OptionParser",
            "org.apache.commons.math3.stat.descriptive.StatisticalSummary", "dev.perflens.bench.runtime.Inputs");

    public Toolchain {
        processorPath = List.copyOf(processorPath);
        benchmarkClasspath = List.copyOf(benchmarkClasspath);
    }

    public static Toolchain locate() {
        Set<Path> runtime = new LinkedHashSet<>();
        for (String name : RUNTIME) {
            runtime.add(locationOf(name));
        }
        Set<Path> processor = new LinkedHashSet<>();
        processor.add(locationOf(PROCESSOR));
        processor.addAll(runtime);
        return new Toolchain(new ArrayList<>(processor), new ArrayList<>(runtime));
    }

    static Path locationOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, Toolchain.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("the benchmark toolchain is incomplete: cannot locate " + className, e);
        }
    }
}
