package dev.perflens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.workspace.ParseEnvironment;
import dev.perflens.engine.workspace.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parallel batches: every file in exactly one batch, and the same findings as one batch. */
class BatchesTest {
    private static final int PACKAGES = 4;
    private static final int FILES_PER_PACKAGE = 24;

    /**
     * A project whose files reference types of other packages (so of other batches): each file's
     * loop searches a List field declared in the previous package, a finding only a resolved
     * binding gives (list-membership-in-loop), and grows a String (string-concat-in-loop).
     */
    private static List<Path> project(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int p = 0; p < PACKAGES; p++) {
            Path folder = Files.createDirectories(root.resolve("src/main/java/p" + p));
            int previous = (p + PACKAGES - 1) % PACKAGES;
            for (int f = 0; f < FILES_PER_PACKAGE; f++) {
                Path file = folder.resolve("C" + f + ".java");
                Files.writeString(file, """
                        package p%1$d;

                        public class C%2$d {
                            public java.util.List<String> items = new java.util.ArrayList<>();

                            String join(String[] names, p%3$d.C%2$d other) {
                                String all = "";
                                for (String name : names) {
                                    if (other.items.contains(name)) {
                                        all += name;
                                    }
                                }
                                return all;
                            }
                        }
                        """.formatted(p, f, previous) + "\n".repeat(f * 7)); // files of different sizes
                files.add(file);
            }
        }
        return files;
    }

    private static TreeSet<String> findings(List<Path> files, Path root, int parallelism) {
        Engine engine = Guice.createInjector(new EngineModule()).getInstance(Engine.class);
        TreeSet<String> found = new TreeSet<>();
        List<Problem> problems = new ArrayList<>();
        engine.analyzeAll(files, ParseEnvironment.of(ProjectLayout.discover(root)), Policy.defaults(null),
                Engine.DEFAULT_FILE_BUDGET, parallelism, Cancellation.NONE, analysis -> {
                    analysis.findings().forEach(f -> found.add(root.relativize(f.file()) + ":"
                            + f.range().startLine() + ":" + f.ruleId()));
                    problems.addAll(analysis.problems());
                });
        assertEquals(List.of(), problems);
        return found;
    }

    @Test
    void parallelBatchesFindWhatOneBatchFinds(@TempDir Path root) throws IOException {
        List<Path> files = project(root);
        assertEquals(2, Batches.split(files, 2).size(), "the project must be large enough for two batches");
        TreeSet<String> serial = findings(files, root, 1);
        assertEquals(PACKAGES * FILES_PER_PACKAGE * 2, serial.size(), serial.toString());
        assertTrue(serial.stream().anyMatch(f -> f.endsWith("list-membership-in-loop")), serial.toString());
        assertEquals(serial, findings(files, root, 2));
        assertEquals(serial, findings(files, root, 3));
    }

    @ParameterizedTest
    @CsvSource({"10, 4, 1", "63, 2, 1", "64, 2, 2", "96, 3, 3", "96, 8, 3", "500, 4, 4"})
    void splitsIntoContiguousRunsOfSimilarSize(int fileCount, int parallelism, int expectedBatches,
                                                @TempDir Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < fileCount; i++) {
            Path file = root.resolve(String.format("F%04d.java", i));
            Files.writeString(file, "x".repeat(100 + (i * 37) % 900));
            total += Files.size(file);
            files.add(file);
        }
        List<Path> shuffled = new ArrayList<>(files);
        java.util.Collections.shuffle(shuffled, new java.util.Random(fileCount));
        List<List<Path>> batches = Batches.split(shuffled, parallelism);
        assertEquals(expectedBatches, batches.size());
        List<Path> flat = batches.stream().flatMap(List::stream).toList();
        // One batch is the files as given; several are runs of the sorted paths. Each file once.
        assertEquals(files, batches.size() == 1 ? flat.stream().sorted().toList() : flat);
        for (List<Path> batch : batches) {
            long bytes = batch.stream().mapToLong(BatchesTest::size).sum();
            assertTrue(Math.abs(bytes - total / batches.size()) <= 1000, "batch of " + bytes + " bytes of " + total);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
