package dev.perflens.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What to benchmark: a method in a file of a project, as it is and (optionally) with a fix
 * applied. The texts are what the editor holds, which may differ from the disk; other files
 * are read from the source roots.
 *
 * @param projectRoot  the workspace folder (reports and class path entries are relative to it)
 * @param sourceRoots  the project's source roots (copied into the sandbox)
 * @param file         the file that holds the method
 * @param originalText the file's text as it is
 * @param fixedText    the file's text with the fix applied, or null to measure the original only
 * @param offset       an offset inside the method in {@code originalText} (a finding's start)
 * @param ruleId       the rule whose fix is compared, or null
 * @param findingKey   the finding's key, or null
 * @param fixTitle     the fix's title, or null
 * @param classpath    the workspace's resolved classpath (what analysis resolved: Maven, Gradle), for main and
 *                     test sources; {@code benchmark.classpath} of the settings adds to it
 */
public record BenchmarkJob(Path projectRoot, List<Path> sourceRoots, Path file, String originalText, String fixedText,
                           int offset, String ruleId, String findingKey, String fixTitle, List<Path> classpath) {
    public BenchmarkJob {
        sourceRoots = List.copyOf(sourceRoots);
        classpath = classpath == null ? List.of() : List.copyOf(classpath);
    }

    /** A job without a resolved classpath (a folder without a build). */
    public BenchmarkJob(Path projectRoot, List<Path> sourceRoots, Path file, String originalText, String fixedText,
                        int offset, String ruleId, String findingKey, String fixTitle) {
        this(projectRoot, sourceRoots, file, originalText, fixedText, offset, ruleId, findingKey, fixTitle, List.of());
    }

    public boolean withFix() {
        return fixedText != null;
    }

    /** The same job measuring the original only (baselines guard the code as it is). */
    public BenchmarkJob originalOnly() {
        return new BenchmarkJob(projectRoot, sourceRoots, file, originalText, null, offset, null, null, null, classpath);
    }
}
