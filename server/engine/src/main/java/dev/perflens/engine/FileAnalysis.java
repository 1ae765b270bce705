package dev.perflens.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of analysing one file: findings and, beside them, problems.
 *
 * @param unresolvedTypes the distinct names of types the compiler could not find (a classpath
 *                        that lacks a library): rules stay silent on code that uses them
 */
public record FileAnalysis(Path file, List<Finding> findings, List<Problem> problems, List<String> unresolvedTypes) {
    public FileAnalysis {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
        unresolvedTypes = List.copyOf(unresolvedTypes);
    }

    /** Every type resolved (or not known). */
    public FileAnalysis(Path file, List<Finding> findings, List<Problem> problems) {
        this(file, findings, problems, List.of());
    }

    /** The same analysis with other findings (re-ranked), keeping its problems and unresolved types. */
    public FileAnalysis withFindings(List<Finding> replaced) {
        return new FileAnalysis(file, replaced, problems, unresolvedTypes);
    }
}
