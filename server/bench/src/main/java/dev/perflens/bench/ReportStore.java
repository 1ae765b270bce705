package dev.perflens.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reports under a project's {@code .perflens/benchmarks/}: {@code ID.json} (the full report,
 * which also says how to run it again) and {@code ID.md} (the readable table). Files are
 * written to a temporary file in the same folder and renamed, so a reader never sees half a report.
 */
public final class ReportStore {
    public static final String FOLDER = ".perflens/benchmarks";
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path folder;

    public ReportStore(Path projectRoot) {
        this.folder = projectRoot.resolve(FOLDER);
    }

    /** Where a report was written. */
    public record Written(Path json, Path markdown) {
    }

    public Written save(BenchmarkReport report) throws IOException {
        Files.createDirectories(folder);
        Path json = folder.resolve(report.id() + ".json");
        Path markdown = folder.resolve(report.id() + ".md");
        writeAtomically(json, JSON.writeValueAsString(report) + "\n");
        writeAtomically(markdown, MarkdownReport.render(report));
        return new Written(json, markdown);
    }

    /** Every saved report, by id; unreadable files are skipped (and named in {@code problems}). */
    public List<BenchmarkReport> saved(List<String> problems) throws IOException {
        List<BenchmarkReport> reports = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return reports;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    reports.add(read(file));
                } catch (IOException e) {
                    problems.add(file.getFileName() + ": " + e.getMessage());
                }
            }
        }
        return reports;
    }

    public Optional<BenchmarkReport> load(String id) throws IOException {
        Path file = folder.resolve(id + ".json");
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    public static BenchmarkReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BenchmarkReport.class);
    }

    public static String toJson(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    static void writeAtomically(Path target, String text) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
