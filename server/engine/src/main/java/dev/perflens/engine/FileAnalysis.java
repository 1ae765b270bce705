package dev.perflens.engine;

import java.nio.file.Path;
import java.util.List;

/** The outcome of analysing one file: findings and, beside them, problems. */
public record FileAnalysis(Path file, List<Finding> findings, List<Problem> problems) {
    public FileAnalysis {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
    }
}
