package dev.perflens.evidence.trace;

import dev.perflens.engine.Confidence;
import dev.perflens.engine.Finding;
import dev.perflens.engine.FixStatus;
import dev.perflens.engine.Impact;
import dev.perflens.engine.Severity;
import dev.perflens.engine.policy.Policy;
import dev.perflens.evidence.source.Declaration;
import dev.perflens.evidence.source.SourceOutline;
import dev.perflens.evidence.source.WorkspaceSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Joins the N+1 queries traces show with the static findings: a query-in-loop finding in the
 * method a trace names is confirmed, says so with the figures, and is raised one severity
 * level; an N+1 that no static finding covers (the query sits in a helper, a repository, an ORM's
 * lazy load) becomes an {@value #N_PLUS_ONE} finding on the method, with the statement.
 */
public final class TraceRanker {
    public static final String N_PLUS_ONE = "n-plus-one-queries";
    private static final String QUERY_IN_LOOP = "query-in-loop";

    private final TraceSet traces;
    private final WorkspaceSources sources;
    private final String label;
    private List<Located> located;

    /** {@code label}: how messages name the evidence, e.g. the trace files' names. */
    public TraceRanker(TraceSet traces, WorkspaceSources sources, String label) {
        this.traces = traces;
        this.sources = sources;
        this.label = label;
    }

    /** An N+1 of the traces with the workspace declaration its method is, when the sources have it. */
    public record Located(TraceSet.Repetition repetition, Path file, Declaration declaration) {
    }

    /** The N+1 queries whose method is in the workspace. */
    public List<Located> located() {
        if (located == null) {
            List<Located> found = new ArrayList<>();
            for (TraceSet.Repetition repetition : traces.nPlusOneQueries()) {
                locate(repetition.function()).ifPresent(at -> found.add(new Located(repetition, at.file(), at.declaration())));
            }
            located = List.copyOf(found);
        }
        return located;
    }

    private record At(Path file, Declaration declaration) {
    }

    private Optional<At> locate(String function) {
        if (function == null || function.lastIndexOf('.') <= 0) {
            return Optional.empty();
        }
        String type = function.substring(0, function.lastIndexOf('.'));
        String method = function.substring(function.lastIndexOf('.') + 1);
        Optional<Path> file = sources.fileOf(type);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Optional<SourceOutline> outline = sources.outline(file.get());
        return outline.flatMap(o -> o.declarationNamed(type, method, null)).map(d -> new At(file.get(), d));
    }

    /**
     * One file's findings with the trace evidence: confirmed query-in-loop findings (message and
     * severity), then the N+1 findings of methods in this file that no static finding covers.
     */
    public List<Finding> rank(Path file, List<Finding> findings, Policy policy) {
        List<Located> here = located().stream().filter(l -> l.file().equals(file)).toList();
        if (here.isEmpty()) {
            return findings;
        }
        List<Finding> ranked = new ArrayList<>(findings.size() + here.size());
        Set<Located> confirmed = new HashSet<>();
        for (Finding finding : findings) {
            Located match = finding.ruleId().equals(QUERY_IN_LOOP) ? here.stream()
                    .filter(l -> l.declaration().containsLine(finding.range().startLine() + 1)).findFirst().orElse(null) : null;
            if (match == null) {
                ranked.add(finding);
                continue;
            }
            confirmed.add(match);
            Severity severity = policy.setsSeverity(finding.ruleId()) || finding.severity() == Severity.ERROR
                    ? finding.severity() : Severity.values()[finding.severity().ordinal() - 1];
            String raised = severity == finding.severity() ? "" : " Severity raised from " + finding.severity().lowerCase()
                    + " to " + severity.lowerCase() + " by the traces.";
            ranked.add(new Finding(finding.ruleId(), finding.file(), finding.range(), finding.message() + " Confirmed by "
                    + figures(match.repetition()) + "." + raised, severity, finding.confidence(), finding.impact(),
                    finding.fix(), finding.context(), finding.identity()));
        }
        for (Located located : here) {
            if (confirmed.contains(located)) {
                continue;
            }
            TraceSet.Repetition r = located.repetition();
            Optional<dev.perflens.engine.text.TextRange> call = callSite(file, located.declaration());
            String where = call.map(c -> "; the call at line " + (c.startLine() + 1) + ", inside a loop, reaches the query")
                    .orElse("");
            String message = "N+1 queries seen in traces: " + located.declaration().displayName() + " runs '" + r.call()
                    + "' (" + r.system() + ") " + r.medianCalls() + " times per " + quoted(r.parentName()) + ", once per item"
                    + " of something it iterates, directly or through the methods it calls (" + figures(r) + where + ")."
                    + " Fetch the rows for all items with one query (an IN list or a join), or batch-fetch them (JPA: JOIN"
                    + " FETCH, @BatchSize), instead of one query per item.";
            ranked.add(new Finding(N_PLUS_ONE, file, call.orElse(located.declaration().nameRange()), message,
                    policy.severity(N_PLUS_ONE, Severity.WARNING),
                    Confidence.high("measured: " + r.traces() + (r.traces() == 1 ? " trace" : " traces") + " of " + label
                            + " with " + TraceSet.REPEATS + " or more identical statements under one parent span"),
                    new Impact(r.medianCalls() + " queries per " + quoted(r.parentName()), "1 query",
                            "measured in traces, not estimated"), FixStatus.notOffered("no mechanical fix: the query to"
                            + " batch may sit in a helper, a repository or an ORM mapping")));
        }
        return ranked;
    }

    /** The call in one of the method's loops that leads to a query, read from the file as it is now. */
    private static Optional<dev.perflens.engine.text.TextRange> callSite(Path file, Declaration declaration) {
        try {
            return CallSites.queryCallInLoop(java.nio.file.Files.readString(file), declaration);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty(); // the method's name carries the finding then
        }
    }

    /** "3 traces of shop.jsonl: 40 queries per ShopApp.orderPage (median; max 52), 40.0 ms, 80% of its time". */
    static String figures(TraceSet.Repetition r, String label) {
        return String.format(Locale.ROOT, "%d %s of %s: %d queries per %s (median; max %d), %.1f ms, %.0f%% of its time",
                r.traces(), r.traces() == 1 ? "trace" : "traces", label, r.medianCalls(), quoted(r.parentName()),
                r.maxCalls(), r.medianMillis(), 100 * r.medianShare());
    }

    private String figures(TraceSet.Repetition r) {
        return figures(r, label);
    }

    private static String quoted(String spanName) {
        return spanName == null ? "parent span" : "'" + spanName + "'";
    }
}
