package dev.perflens.lsp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Finding;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.workspace.ParseEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What a change did to the findings: each finding is {@code new}, {@code unchanged} or
 * {@code updated} (the same identity with another message, e.g. a bigger loop) against a
 * baseline, and the baseline's findings that are gone are {@code absent}. The baseline is a git
 * revision (then only the files the change touched are analysed, now and as they were there,
 * read with {@code git show}, never checked out over the tree) or a SARIF file an earlier run
 * wrote (then the whole tree is analysed and compared). Findings are matched by
 * {@link Finding#identity()}, so moving code is not a change.
 */
final class ChangeGate {
    enum State {
        NEW, UNCHANGED, UPDATED, ABSENT;

        /** SARIF's {@code baselineState} value, also used in text and JSON. */
        String sarif() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A baseline finding as far as comparing needs it: where it was, what it said. */
    record Baseline(String file, String identity, String ruleId, int line, String message, String severity) {
    }

    /** The comparison: the state of every current finding (by {@link #key}) and the baseline findings now absent. */
    record Comparison(String against, Map<String, State> states, List<Baseline> absent, int analysedTwice) {
        State stateOf(String file, Finding finding) {
            return states.getOrDefault(key(file, finding.identity()), State.NEW);
        }
    }

    /** Exit 2 with this message: not a repository, an unknown revision, an unreadable baseline. */
    static final class GateException extends Exception {
        GateException(String message) {
            super(message);
        }
    }

    private ChangeGate() {
    }

    static String key(String file, String identity) {
        return file + "|" + identity;
    }

    /** Line numbers in a message ("the loop at line 41") move with the code: they do not make a finding updated. */
    static String comparable(String message) {
        return message == null ? "" : message.replaceAll("\\blines? \\d+(-\\d+)?", "line #");
    }

    static Comparison compare(String against, List<FileAnalysis> current, List<Baseline> baseline,
                              Function<Path, String> displayPath, int analysedTwice) {
        Map<String, Baseline> before = new HashMap<>();
        for (Baseline b : baseline) {
            before.put(key(b.file(), b.identity()), b);
        }
        Map<String, State> states = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (FileAnalysis analysis : current) {
            String file = displayPath.apply(analysis.file());
            for (Finding finding : analysis.findings()) {
                String key = key(file, finding.identity());
                seen.add(key);
                Baseline old = before.get(key);
                states.put(key, old == null ? State.NEW
                        : comparable(old.message()).equals(comparable(finding.message())) ? State.UNCHANGED : State.UPDATED);
            }
        }
        List<Baseline> absent = baseline.stream().filter(b -> !seen.contains(key(b.file(), b.identity()))).toList();
        return new Comparison(against, states, absent, analysedTwice);
    }

    /** A revision resolved in a repository, and the Java files changed since it (existing or deleted). */
    record Change(String revision, Path top, String commit, Set<Path> files) {
        String describe() {
            return revision + " (" + commit.substring(0, Math.min(12, commit.length())) + ")";
        }
    }

    /** The Java files changed since {@code revision}: in the index, the working tree or untracked. */
    static Change changedSince(String revision, Path folder) throws GateException {
        Path top = Path.of(git(folder, "rev-parse", "--show-toplevel").trim());
        String commit;
        try {
            commit = git(top, "rev-parse", "--verify", "--quiet", revision + "^{commit}").trim();
        } catch (GateException e) {
            throw new GateException("unknown revision '" + revision + "' in " + top);
        }
        // git names files from the repository's real top; the analysis names them as the user's path does
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            throw new GateException("cannot read " + folder + ": " + e.getMessage());
        }
        Path userTop = real.startsWith(top) ? folder.toAbsolutePath().normalize() : top;
        Path realBase = real.startsWith(top) ? real : top;
        Set<Path> changed = new LinkedHashSet<>();
        List<String> names = new ArrayList<>(List.of(git(top, "diff", "--name-only", "-z", "--no-renames", commit, "--")
                .split("\0")));
        names.addAll(List.of(git(top, "ls-files", "--others", "--exclude-standard", "-z").split("\0")));
        for (String name : names) {
            Path file = top.resolve(name).normalize();
            if (name.endsWith(".java") && file.startsWith(realBase)) {
                changed.add(userTop.resolve(realBase.relativize(file)).normalize());
            }
        }
        return new Change(revision, top, commit, changed);
    }

    /**
     * The findings of the changed files as they were at the revision (read with git show),
     * compared with {@code current}, the analyses of the same files now; a file deleted since
     * (under {@code root}) has only absent findings.
     */
    static Comparison since(Change change, Path root, List<FileAnalysis> current, Engine engine,
                            ParseEnvironment environment, Policy policy, Function<Path, String> displayPath) {
        List<Baseline> baseline = new ArrayList<>();
        Set<Path> analysed = new LinkedHashSet<>();
        current.forEach(a -> analysed.add(a.file()));
        int twice = 0;
        for (Path file : change.files()) {
            boolean inScope = analysed.contains(file) || (file.startsWith(root) && !Files.exists(file));
            if (!inScope) {
                continue;
            }
            String relative;
            try {
                Path parent = file.getParent().toRealPath(); // the folder may be gone with a deleted file
                relative = change.top().relativize(parent.resolve(file.getFileName())).toString().replace('\\', '/');
            } catch (IOException e) {
                relative = change.top().relativize(file).toString().replace('\\', '/');
            }
            String old;
            try {
                old = git(change.top(), "show", change.commit() + ":" + relative);
            } catch (GateException e) {
                continue; // not in the revision: every finding in it is new
            }
            twice++;
            String shown = displayPath.apply(file);
            for (Finding f : engine.analyze(file, old, environment, policy, Cancellation.NONE).findings()) {
                baseline.add(of(shown, f));
            }
        }
        return compare(change.describe(), current, baseline, displayPath, twice);
    }

    private static Baseline of(String file, Finding f) {
        return new Baseline(file, f.identity(), f.ruleId(), f.range().startLine() + 1, f.message(), f.severity().lowerCase());
    }

    /** The results of a SARIF file an earlier {@code perflens check --format sarif} wrote (absent ones skipped). */
    static List<Baseline> readSarif(Path sarif) throws GateException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(sarif.toFile());
        } catch (IOException e) {
            throw new GateException("cannot read the baseline " + sarif + ": " + e.getMessage());
        }
        JsonNode runs = root == null ? null : root.get("runs");
        if (runs == null || !runs.isArray() || runs.isEmpty()) {
            throw new GateException("the baseline " + sarif + " is not a SARIF log (no runs)");
        }
        List<Baseline> baseline = new ArrayList<>();
        for (JsonNode result : runs.get(0).path("results")) {
            if ("absent".equals(result.path("baselineState").asText())) {
                continue;
            }
            String identity = result.path("partialFingerprints").path(ReportFormats.FINGERPRINT).asText(null);
            JsonNode location = result.path("locations").path(0).path("physicalLocation");
            String file = location.path("artifactLocation").path("uri").asText(null);
            if (identity == null || file == null) {
                throw new GateException("the baseline " + sarif + " has a result without a " + ReportFormats.FINGERPRINT
                        + " fingerprint or a location: write it with this version's perflens check --format sarif");
            }
            baseline.add(new Baseline(file, identity, result.path("ruleId").asText(), location.path("region")
                    .path("startLine").asInt(0), result.path("message").path("text").asText(), result.path("level").asText()));
        }
        return baseline;
    }

    /** Runs git in {@code folder}; its standard output, or a GateException with what git said. */
    static String git(Path folder, String... args) throws GateException {
        List<String> command = new ArrayList<>(List.of("git", "-C", folder.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new GateException("cannot run git (is it installed and on the PATH?): " + e.getMessage());
        }
        try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
            process.getOutputStream().close();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> {
                try {
                    stderr.transferTo(errors);
                } catch (IOException ignored) {
                    // what git said is only for the message
                }
            });
            drain.start();
            byte[] out = stdout.readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new GateException("git " + String.join(" ", args) + " did not finish in 60 s");
            }
            drain.join(5000);
            if (process.exitValue() != 0) {
                String said = errors.toString(StandardCharsets.UTF_8).trim();
                if (said.contains("not a git repository")) {
                    throw new GateException("not a git repository: " + folder);
                }
                throw new GateException("git " + String.join(" ", args) + " failed: " + said);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GateException("git " + String.join(" ", args) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new GateException("interrupted while git ran");
        }
    }
}
