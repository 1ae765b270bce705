package dev.perflens.lsp.cli;

import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Finding;
import dev.perflens.engine.FindingOrder;
import dev.perflens.engine.Problem;
import dev.perflens.engine.Severity;
import dev.perflens.engine.rule.RuleMetadata;
import dev.perflens.evidence.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result of a check run, most valuable finding first ({@link FindingOrder}: expected saving,
 * then severity, file and position, so the output is stable). With profiles, the findings carry
 * their profile weight and {@code profiles} says where it comes from. {@code top} keeps only the
 * N most valuable findings in the output (null: all). {@code warnings} say what the analysis lacked
 * (dependencies that were not found, so rules on their types stay silent).
 */
record Report(Path root, List<RuleMetadata> rules, List<FileAnalysis> analyses, List<Profile> profiles, Integer top,
              ChangeGate.Comparison comparison, List<String> warnings) {

    Report(Path root, List<RuleMetadata> rules, List<FileAnalysis> analyses) {
        this(root, rules, analyses, List.of(), null, null, List.of());
    }

    Report(Path root, List<RuleMetadata> rules, List<FileAnalysis> analyses, List<Profile> profiles, Integer top) {
        this(root, rules, analyses, profiles, top, null, List.of());
    }

    /** How many analysed files have at least one finding. */
    long filesWithFindings() {
        return analyses.stream().filter(a -> !a.findings().isEmpty()).count();
    }

    /** new, unchanged or updated against the baseline; null without one. */
    ChangeGate.State stateOf(Finding finding) {
        return comparison == null ? null : comparison.stateOf(displayPath(finding.file()), finding);
    }

    /** The findings a gate counts: all of them, or with a baseline only the new and updated ones. */
    List<Finding> gatedFindings() {
        return comparison == null ? allFindings() : allFindings().stream()
                .filter(f -> stateOf(f) == ChangeGate.State.NEW || stateOf(f) == ChangeGate.State.UPDATED).toList();
    }

    /** "against REF: 2 new, 1 updated, 40 unchanged, 3 absent (5 files analysed at REF too)", or null. */
    String comparisonSummary() {
        if (comparison == null) {
            return null;
        }
        Map<ChangeGate.State, Long> counts = new EnumMap<>(ChangeGate.State.class);
        allFindings().forEach(f -> counts.merge(stateOf(f), 1L, Long::sum));
        return "against " + comparison.against() + ": " + counts.getOrDefault(ChangeGate.State.NEW, 0L) + " new, "
                + counts.getOrDefault(ChangeGate.State.UPDATED, 0L) + " updated, "
                + counts.getOrDefault(ChangeGate.State.UNCHANGED, 0L) + " unchanged, " + comparison.absent().size()
                + " absent" + (comparison.analysedTwice() < 0 ? ""
                : " (" + comparison.analysedTwice() + (comparison.analysedTwice() == 1 ? " file" : " files")
                + " analysed as they were there too)");
    }

    /** Every finding, most valuable first. */
    List<Finding> allFindings() {
        return analyses.stream().flatMap(a -> a.findings().stream()).sorted(FindingOrder.BY_EXPECTED_SAVING).toList();
    }

    /** The findings the output shows: all of them, or the {@code top} most valuable. */
    List<Finding> findings() {
        List<Finding> all = allFindings();
        return top == null || top >= all.size() ? all : all.subList(0, top);
    }

    /** A file's path as reports show it: relative to the checked folder, with forward slashes. */
    String displayPath(Path file) {
        Path base = Files.isDirectory(root) ? root : root.getParent();
        Path shown = base != null && file.startsWith(base) ? base.relativize(file) : file;
        return shown.toString().replace('\\', '/');
    }

    String summary() {
        List<Finding> findings = allFindings();
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        findings.forEach(f -> bySeverity.merge(f.severity(), 1L, Long::sum));
        String detail = bySeverity.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().lowerCase()).collect(Collectors.joining(", "));
        return findings.size() + (findings.size() == 1 ? " finding" : " findings")
                + (detail.isEmpty() ? "" : " (" + detail + ")") + " in " + filesWithFindings() + " of " + analyses.size()
                + (analyses.size() == 1 ? " file" : " files")
                + (findings().size() < findings.size() ? "; showing the " + findings().size() + " most valuable" : "");
    }

    /** Syntax problems and rule failures, which make findings in those files possibly incomplete. */
    List<String> problemLines() {
        List<String> lines = new ArrayList<>();
        for (FileAnalysis analysis : analyses) {
            for (Problem problem : analysis.problems()) {
                lines.add(displayPath(analysis.file()) + ":" + (problem.range().startLine() + 1) + ":"
                        + (problem.range().startColumn() + 1) + ": " + describe(problem.kind()) + ": " + problem.message());
            }
        }
        if (lines.size() > 20) {
            int more = lines.size() - 20;
            lines = new ArrayList<>(lines.subList(0, 20));
            lines.add("... and " + more + " more problems");
        }
        if (!lines.isEmpty()) {
            lines.add(0, "perflens: some files have problems; findings there may be incomplete:");
        }
        return lines;
    }

    static String describe(Problem.Kind kind) {
        return kind == Problem.Kind.SYNTAX ? "syntax problem" : "rule failure";
    }
}
