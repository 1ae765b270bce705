package dev.perflens.bench;

import dev.perflens.bench.harness.MethodLocator;
import dev.perflens.bench.harness.MethodUnderTest;
import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.Finding;
import dev.perflens.engine.ProposedFix;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.workspace.ParseEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a user points at into a {@link BenchmarkJob}, with the fix computed by the engine
 * exactly as the code action computes it.
 */
public final class BenchmarkTargets {
    /** A method has rarely more than a few findings; the bound only guards against a fix that does not remove its finding. */
    private static final int MAX_FIXES = 20;

    private final Engine engine;

    public BenchmarkTargets(Engine engine) {
        this.engine = engine;
    }

    /** One finding's fix against the text it was computed on. */
    public static BenchmarkJob forFix(Path projectRoot, ParseEnvironment environment, String text, ProposedFix fix) {
        return new BenchmarkJob(projectRoot, environment.sourceRoots(), fix.file(), text, fix.applyTo(text),
                fix.finding().range().offset(), fix.finding().ruleId(), fix.finding().key(), fix.title(),
                environment.classpath());
    }

    /**
     * The method around {@code offset}. With {@code withFixes}, the fixes of the findings inside
     * it (of {@code ruleId} only, when given) are applied one after another, each computed on the
     * text the previous one produced; without any, the method is measured as it is.
     */
    public BenchmarkJob forMethod(Path projectRoot, ParseEnvironment environment, Policy policy, Path file, String text,
                                  int offset, String ruleId, boolean withFixes, Cancellation cancellation)
            throws BenchmarkException {
        MethodUnderTest method = MethodLocator.at(text, offset);
        if (!withFixes) {
            return new BenchmarkJob(projectRoot, environment.sourceRoots(), file, text, null, offset, null, null, null,
                    environment.classpath());
        }
        String current = text;
        List<String> titles = new ArrayList<>();
        Set<String> rules = new java.util.LinkedHashSet<>();
        Set<String> applied = new HashSet<>();
        String firstKey = null;
        for (int i = 0; i < MAX_FIXES; i++) {
            MethodUnderTest now = MethodLocator.bySignature(current, method.signature());
            Optional<Finding> next = engine.analyze(file, current, environment, policy, cancellation).findings().stream()
                    .filter(f -> f.fix().available() && (ruleId == null || ruleId.equals(f.ruleId())))
                    .filter(f -> f.range().offset() >= now.startOffset() && f.range().end() <= now.endOffset())
                    .filter(f -> !applied.contains(f.key()))
                    .findFirst();
            if (next.isEmpty()) {
                break;
            }
            applied.add(next.get().key());
            Optional<ProposedFix> fix = engine.computeFix(file, current, environment, policy, next.get().key(), cancellation);
            if (fix.isEmpty()) {
                continue;
            }
            if (firstKey == null) {
                firstKey = next.get().key();
            }
            rules.add(next.get().ruleId());
            titles.add(fix.get().title());
            current = fix.get().applyTo(current);
        }
        if (titles.isEmpty()) {
            return new BenchmarkJob(projectRoot, environment.sourceRoots(), file, text, null, offset, null, null, null,
                    environment.classpath());
        }
        return new BenchmarkJob(projectRoot, environment.sourceRoots(), file, text, current, offset,
                String.join(",", rules), firstKey, String.join("; ", titles), environment.classpath());
    }

    /** A saved benchmark again, on the file as it is on disk now, found by the method's signature. */
    public BenchmarkJob forSaved(Path projectRoot, ParseEnvironment environment, Policy policy,
                                 BenchmarkReport.Target target, boolean withFixes, Cancellation cancellation)
            throws BenchmarkException {
        Path file = projectRoot.resolve(target.file()).normalize();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchmarkException(BenchmarkException.Kind.IO, "cannot read " + target.file() + ": " + e.getMessage(), e);
        }
        MethodUnderTest method = MethodLocator.bySignature(text, target.signature());
        String ruleId = target.ruleId() == null || target.ruleId().contains(",") ? null : target.ruleId();
        return forMethod(projectRoot, environment, policy, file, text, method.startOffset(), ruleId,
                withFixes && target.ruleId() != null, cancellation);
    }
}
