package dev.perflens.engine.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.inject.Guice;
import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.EngineModule;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Finding;
import dev.perflens.engine.Problem;
import dev.perflens.engine.text.TextRange;
import dev.perflens.engine.workspace.ParseEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.perflens.engine.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Random edits and truncations of the fixture sources, seeded and reproducible: no exception
 * escapes the engine, every range lies inside the text, and analysing a text twice gives the
 * same result. The case count is {@code -Dperflens.fuzz.cases} (default 10,000); a failure
 * prints the seed and case number to replay it.
 */
class EngineFuzzTest {
    private static final long SEED = Long.getLong("perflens.fuzz.seed", 20261130L);
    private static final int CASES = Integer.getInteger("perflens.fuzz.cases", 10_000);
    private static final String[] TOKENS = {
        "{", "}", "(", ")", ";", "\"", "'", "/*", "*/", "//", "\n", "+=", " = ", " + ", "for (;;) {", "while (true) ",
        "s += x;", "list.contains(x)", ".split(\",\\\\s*\")", "Pattern.compile(\"a+\")", "new ArrayList<>()",
        "String s = \"\";", "class X {", "void m() {", "return;", "@SuppressWarnings(\"perflens\")",
        "// perflens:ignore", "\uD83D\uDE00", "\u00e9", "\t", "->", "::", "<T>", "[]", "0x", "1e", "\\u0041"
    };

    /** Cases analysed together in one binding environment, as the CLI does: the JDK is read once per batch. */
    private static final int BATCH = 250;

    private static final Path JDT_LOG_FILE = Path.of("target", "fuzz-jdt-messages.log").toAbsolutePath();
    private static final java.io.PrintStream JDT_LOG = jdtLog();

    private static java.io.PrintStream jdtLog() {
        try {
            Files.createDirectories(JDT_LOG_FILE.getParent());
            return new java.io.PrintStream(Files.newOutputStream(JDT_LOG_FILE), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void randomEditsNeverBreakTheEngine(@TempDir Path dir) throws IOException {
        // JDT prints its own complaints about the broken inputs ("Exception occurred during compilation
        // unit conversion", with the source) to System.err: expected here, so they go to a log file
        java.io.PrintStream console = System.err;
        System.setErr(JDT_LOG);
        try {
            fuzz(dir);
        } finally {
            System.setErr(console);
        }
    }

    private void fuzz(Path dir) throws IOException {
        Engine engine = Guice.createInjector(new EngineModule()).getInstance(Engine.class);
        List<String> corpus = sources();
        Random random = new Random(SEED);
        int skipped = 0;
        int findings = 0;
        int checkedTwice = 0;
        long start = System.nanoTime();
        for (int batchStart = 0; batchStart < CASES; batchStart += BATCH) {
            Path batchDir = Files.createDirectories(dir.resolve("batch" + batchStart));
            Map<Path, Integer> caseOf = new HashMap<>();
            List<Path> files = new ArrayList<>();
            for (int i = batchStart; i < Math.min(CASES, batchStart + BATCH); i++) {
                Path file = batchDir.resolve("F" + i + ".java");
                // a package per case, so the batch holds no duplicate types (which would leave bindings unresolved)
                String source = corpus.get(random.nextInt(corpus.size()))
                        .replaceFirst("package [\\w.]+;", "package fuzz.c" + i + ";");
                // getBytes, not writeString: a cut through a surrogate pair must reach the engine as
                // the replacement character an editor's file would hold, not abort the test
                Files.write(file, mutate(source, random).getBytes(StandardCharsets.UTF_8));
                files.add(file);
                caseOf.put(file, i);
            }
            List<FileAnalysis> results = new ArrayList<>();
            try {
                engine.analyzeAll(files, ParseEnvironment.jdkOnly(), Policy.defaults(null), Duration.ofSeconds(2),
                        Cancellation.NONE, results::add);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("batch from case " + batchStart + " (seed " + SEED + ") threw " + e
                        + "; culprit: " + culprit(engine, files), e);
            }
            assertEquals(files.size(), results.size(), "every case of the batch gets a result");
            for (FileAnalysis analysis : results) {
                int i = caseOf.get(analysis.file());
                String text = new String(Files.readAllBytes(analysis.file()), StandardCharsets.UTF_8);
                for (Finding finding : analysis.findings()) {
                    assertInside(finding.range(), text, i);
                }
                for (Problem problem : analysis.problems()) {
                    assertInside(problem.range(), text, i);
                    skipped += problem.kind() == Problem.Kind.SKIPPED ? 1 : 0;
                }
                findings += analysis.findings().size();
                if (i % 100 == 0) {
                    FileAnalysis once = engine.analyze(analysis.file(), text, ParseEnvironment.jdkOnly(), Cancellation.NONE);
                    FileAnalysis twice = engine.analyze(analysis.file(), text, ParseEnvironment.jdkOnly(), Cancellation.NONE);
                    assertEquals(once.findings(), twice.findings(), "case " + i + " is not deterministic");
                    checkedTwice++;
                }
            }
        }
        JDT_LOG.flush();
        System.out.printf("fuzz: %d cases (seed %d), %d findings, %d skipped by budget, %d checked for determinism, %.1f s;"
                + " JDT's messages on the broken inputs in %s%n",
                CASES, SEED, findings, skipped, checkedTwice, (System.nanoTime() - start) / 1e9, JDT_LOG_FILE);
        assertTrue(findings > 0, "the mutated fixtures must still produce findings, or the fuzzing tests nothing");
    }

    private static String culprit(Engine engine, List<Path> files) {
        for (Path file : files) {
            try {
                engine.analyze(file, Files.readString(file), ParseEnvironment.jdkOnly(), Cancellation.NONE);
            } catch (RuntimeException | Error | IOException e) {
                return file + " (" + e + ")";
            }
        }
        return "none alone";
    }

    private static void assertInside(TextRange range, String text, int i) {
        if (range.offset() < 0 || range.end() > text.length() || range.startLine() < 0
                || range.endLine() < range.startLine()) {
            fail("case " + i + " (seed " + SEED + "): range " + range + " outside a text of " + text.length() + " chars");
        }
    }

    private static String mutate(String source, Random random) {
        StringBuilder text = new StringBuilder(source);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> text.setLength(at); // truncation
                case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(40)));
                case 2 -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 3 -> {
                    int from = random.nextInt(text.length());
                    int to = Math.min(text.length(), from + random.nextInt(200));
                    text.insert(at, text.substring(from, to)); // duplicate a span
                }
                default -> text.setCharAt(Math.min(at, text.length() - 1), (char) (32 + random.nextInt(95)));
            }
        }
        return text.toString();
    }

    private static List<String> sources() throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of("../../fixtures/projects"))) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                sources.add(Files.readString(file));
            }
        }
        return sources;
    }
}
