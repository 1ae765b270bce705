package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perflens check --since REF} and {@code --baseline FILE.sarif} on a throwaway git
 * repository: a finding that moved is unchanged, a fixed one absent, a new one new, one whose
 * message changed (a bigger loop) updated; --fail-on counts only new and updated findings.
 */
class ChangeGateTest {
    private static final String ORIGINAL = """
            package app;

            import java.util.*;

            class Orders {
                List<String> match(List<String> orders, List<String> wanted) {
                    List<String> out = new ArrayList<>();
                    for (String o : orders) {
                        if (wanted.contains(o)) {
                            out.add(o);
                        }
                    }
                    return out;
                }

                String names(List<String> names) {
                    String all = "";
                    for (String n : names) {
                        all += n;
                    }
                    return all;
                }

                int count(List<String> items, List<String> known) {
                    int n = 0;
                    for (int i = 0; i < 4; i++) {
                        if (known.contains(items.get(i))) {
                            n++;
                        }
                    }
                    return n;
                }
            }
            """;

    /** Moved down (a new method above), the concat fixed, the bounded loop made input-sized, a new regex in a loop. */
    private static final String CHANGED = ORIGINAL
            .replace("class Orders {", """
                    class Orders {
                        int size(List<String> a) {
                            return a.size();
                        }

                        boolean anyDigits(List<String> lines) {
                            for (String line : lines) {
                                if (line.matches("[0-9]+")) {
                                    return true;
                                }
                            }
                            return false;
                        }
                    """)
            .replace("String all = \"\";\n        for (String n : names) {\n            all += n;\n        }\n        return all;",
                    "return String.join(\"\", names);")
            .replace("for (int i = 0; i < 4; i++) {", "for (int i = 0; i < items.size(); i++) {");

    @Test
    void sinceARevisionClassifiesEachFindingAndGatesOnlyWhatTheChangeIntroduced(@TempDir Path repo) throws Exception {
        Path file = repo.resolve("src/main/java/app/Orders.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, ORIGINAL);
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base");
        Files.writeString(file, CHANGED);

        Path json = repo.resolve("../gate-" + repo.getFileName() + ".json").normalize();
        CheckCommandTest.Run run = CheckCommandTest.run(repo.toString(), "--no-resolve", "--since", "HEAD", "--format", "json",
                "--output", json.toString(), "--fail-on", "warning");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        Map<String, String> states = new TreeMap<>();
        for (JsonNode finding : report.get("findings")) {
            states.put(finding.get("ruleId").asText() + "@" + finding.get("startLine").asInt(), finding.get("baselineState").asText());
        }
        int moved = lineOf(CHANGED, "if (wanted.contains(o)) {");
        int bigger = lineOf(CHANGED, "if (known.contains(items.get(i))) {");
        int regex = lineOf(CHANGED, "if (line.matches(\"[0-9]+\")) {");
        assertEquals(Map.of("list-membership-in-loop@" + moved, "unchanged", "list-membership-in-loop@" + bigger, "updated",
                "regex-in-loop@" + regex, "new"), states, run.err());
        JsonNode absent = report.get("baseline").get("absent");
        assertEquals(1, absent.size(), absent.toString());
        assertEquals("string-concat-in-loop", absent.get(0).get("ruleId").asText());
        assertTrue(run.err().contains("1 new, 1 updated, 1 unchanged, 1 absent (1 file analysed as they were there too)"),
                run.err());
        assertEquals(1, run.status(), "the new regex-in-loop warning fails the gate: " + run.err());

        // The same comparison from a SARIF saved at the base revision: the result and the exit code agree
        Path sarif = repo.resolve("../base-" + repo.getFileName() + ".sarif").normalize();
        Files.writeString(file, ORIGINAL);
        assertEquals(1, CheckCommandTest.run(repo.toString(), "--no-resolve", "--format", "sarif", "--output", sarif.toString())
                .status(), "the base has warnings of its own");
        Files.writeString(file, CHANGED);
        Path again = repo.resolve("../again-" + repo.getFileName() + ".sarif").normalize();
        CheckCommandTest.Run fromSarif = CheckCommandTest.run(repo.toString(), "--no-resolve", "--baseline", sarif.toString(),
                "--format", "sarif", "--output", again.toString());
        assertEquals(1, fromSarif.status(), fromSarif.err());
        Map<String, Integer> byState = new TreeMap<>();
        for (JsonNode result : new ObjectMapper().readTree(again.toFile()).get("runs").get(0).get("results")) {
            byState.merge(result.get("baselineState").asText(), 1, Integer::sum);
            assertTrue(result.get("partialFingerprints").has(ReportFormats.FINGERPRINT), result.toString());
        }
        assertEquals(Map.of("new", 1, "updated", 1, "unchanged", 1, "absent", 1), byState);

        // Only the moved finding left: nothing new, the gate passes although a warning remains
        Files.writeString(file, ORIGINAL.replace("class Orders {", "class Orders {\n    private int unused;\n"));
        CheckCommandTest.Run moved2 = CheckCommandTest.run(repo.toString(), "--no-resolve", "--since", "HEAD");
        assertEquals(0, moved2.status(), moved2.err());
        assertTrue(moved2.out().contains("[unchanged; impact"), moved2.out());
    }

    @Test
    void notARepositoryOrAnUnknownRevisionExitsTwoWithTheReason(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("A.java"), "class A {}\n");
        CheckCommandTest.Run outside = CheckCommandTest.run(folder.toString(), "--no-resolve", "--since", "HEAD");
        assertEquals(2, outside.status());
        assertTrue(outside.err().contains("not a git repository: "), outside.err());
        git(folder, "init", "-q");
        git(folder, "add", ".");
        git(folder, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base");
        CheckCommandTest.Run unknown = CheckCommandTest.run(folder.toString(), "--no-resolve", "--since", "no-such-branch");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown revision 'no-such-branch'"), unknown.err());
        Path notSarif = Files.writeString(folder.resolve("x.sarif"), "{\"version\": \"2.1.0\"}");
        CheckCommandTest.Run bad = CheckCommandTest.run(folder.toString(), "--no-resolve", "--baseline", notSarif.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("is not a SARIF log (no runs)"), bad.err());
    }

    @Test
    void theShellRecipeGatesAPullRequestOnItsMergeBase(@TempDir Path repo) throws Exception {
        Path file = repo.resolve("src/main/java/app/Orders.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, ORIGINAL);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base");
        git(repo, "checkout", "-q", "-b", "feature");
        Files.writeString(file, CHANGED);
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "change");

        Path script = Path.of("../../docs/ci/perflens-gate.sh").toAbsolutePath().normalize();
        String perflens = Path.of(System.getProperty("java.home"), "bin", "java") + " -cp "
                + System.getProperty("java.class.path") + " dev.perflens.lsp.Main";
        ProcessBuilder gate = new ProcessBuilder("bash", script.toString(), "main", ".").directory(repo.toFile());
        gate.environment().put("PERFLENS", perflens);
        gate.environment().put("SARIF", "out.sarif");
        Process failing = gate.redirectErrorStream(true).start();
        String said = new String(failing.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, failing.waitFor(), said);
        assertTrue(said.contains("1 new, 1 updated, 1 unchanged, 1 absent"), said);
        assertTrue(Files.readString(repo.resolve("out.sarif")).contains("\"baselineState\" : \"new\""));

        // a second commit drops the regex and restores the small loop: moved and fixed code only, the gate passes
        Files.writeString(file, CHANGED.replace("line.matches(\"[0-9]+\")", "!line.isEmpty()")
                .replace("for (int i = 0; i < items.size(); i++) {", "for (int i = 0; i < 4; i++) {"));
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "fix");
        Process passing = gate.start();
        String passed = new String(passing.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, passing.waitFor(), passed);
        assertTrue(passed.contains("0 new, 0 updated, 2 unchanged, 1 absent"), passed);
    }

    private static int lineOf(String source, String text) {
        String before = source.substring(0, source.indexOf(text));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }

    private static void git(Path folder, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = folder.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }
}
