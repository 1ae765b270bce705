package dev.perflens.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a workspace's files into batches for parallel analysis. Each batch is resolved in its
 * own binding environment, and a type a batch references but does not hold is read again from
 * source there; so batches are runs of neighbouring paths (a package stays together, and so do
 * most of the types it references), of about equal size in bytes (what parsing costs).
 */
final class Batches {
    /** Below this many files per batch, a second environment costs more than it saves. */
    static final int MIN_FILES_PER_BATCH = 32;

    private Batches() {
    }

    static List<List<Path>> split(List<Path> files, int parallelism) {
        int count = Math.max(1, Math.min(parallelism, files.size() / MIN_FILES_PER_BATCH));
        if (count == 1) {
            return List.of(files);
        }
        List<Path> sorted = files.stream().sorted(Comparator.comparing(Path::toString)).toList();
        long[] sizes = sorted.stream().mapToLong(Batches::size).toArray();
        long total = 0;
        for (long size : sizes) {
            total += size;
        }
        List<List<Path>> batches = new ArrayList<>(count);
        List<Path> current = new ArrayList<>();
        long filled = 0;
        for (int i = 0; i < sorted.size(); i++) {
            current.add(sorted.get(i));
            filled += sizes[i];
            // Close the batch once it holds its share of all bytes so far (the last one takes the rest).
            if (batches.size() < count - 1 && filled >= total * (batches.size() + 1) / count) {
                batches.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // unreadable: reported when the batch reads it
        }
    }
}
