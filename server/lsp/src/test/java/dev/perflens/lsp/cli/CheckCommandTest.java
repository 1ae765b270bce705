package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckCommandTest {
    private static final Path FIXTURE = Path.of("../../fixtures/projects/order-service");
    private static final Pattern MARKER = Pattern.compile("^\\s*// PERF: ([a-z0-9-]+)\\s*$");

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** "relative/path:line:rule" of every PERF marker in the fixture (line of the code, 1-based). */
    static Set<String> expectedFromMarkers(Path fixture) throws IOException {
        return expectedFromMarkers(fixture, fixture.resolve("src"));
    }

    /** The markers of every .java file in the fixture (a multi-project build has several src folders). */
    static Set<String> expectedFromMarkersUnder(Path fixture) throws IOException {
        return expectedFromMarkers(fixture, fixture);
    }

    private static Set<String> expectedFromMarkers(Path fixture, Path folder) throws IOException {
        Set<String> expected = new TreeSet<>();
        try (var walk = Files.walk(folder)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher marker = MARKER.matcher(lines.get(i));
                    if (marker.matches()) {
                        expected.add(fixture.relativize(file).toString().replace('\\', '/') + ":" + (i + 2) + ":"
                                + marker.group(1));
                    }
                }
            }
        }
        return expected;
    }

    @Test
    void textFormatListsExactlyTheMarkedFindings() throws IOException {
        Run run = run(FIXTURE.toString());
        assertEquals(1, run.status(), "warnings fail the default --fail-on warning");
        Set<String> actual = new TreeSet<>();
        for (String line : run.out().split("\n")) {
            Matcher m = Pattern.compile("^(\\S+):(\\d+):(\\d+): warning ([a-z-]+) .+").matcher(line);
            assertTrue(m.matches(), "not path:line:col: severity rule-id message: " + line);
            actual.add(m.group(1) + ":" + m.group(2) + ":" + m.group(4));
        }
        assertEquals(expectedFromMarkers(FIXTURE), actual);
        assertTrue(run.err().contains("10 findings (10 warning) in 3 of 8 files"), run.err());
    }

    @Test
    void sarifIsValidTwoOneZeroWithRulesAndLocations(@TempDir Path out) throws IOException {
        Path report = out.resolve("nested/perflens.sarif");
        Run run = run(FIXTURE.toString(), "--format", "sarif", "--output", report.toString(), "--fail-on", "none");
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.out());
        JsonNode sarif = new ObjectMapper().readTree(report.toFile());
        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode sarifRun = sarif.get("runs").get(0);
        JsonNode rules = sarifRun.get("tool").get("driver").get("rules");
        Set<String> ruleIds = new TreeSet<>();
        rules.forEach(rule -> ruleIds.add(rule.get("id").asText()));
        // every registered rule is described, whether or not it has results here
        Set<String> registered = new TreeSet<>();
        com.google.inject.Guice.createInjector(new dev.perflens.engine.EngineModule())
                .getInstance(dev.perflens.engine.Engine.class).registry().metadata()
                .forEach(rule -> registered.add(rule.id()));
        assertEquals(registered, ruleIds, "the SARIF driver lists every registered rule");
        Set<String> actual = new TreeSet<>();
        for (JsonNode result : sarifRun.get("results")) {
            String ruleId = result.get("ruleId").asText();
            assertEquals(ruleId, rules.get(result.get("ruleIndex").asInt()).get("id").asText());
            assertEquals("warning", result.get("level").asText());
            assertTrue(result.get("message").get("text").asText().length() > 20);
            JsonNode location = result.get("locations").get(0).get("physicalLocation");
            assertEquals("SRCROOT", location.get("artifactLocation").get("uriBaseId").asText());
            JsonNode region = location.get("region");
            assertTrue(region.get("startColumn").asInt() >= 1 && region.get("endLine").asInt() >= region.get("startLine").asInt());
            assertTrue(result.get("properties").get("impact").get("provenance").asText().contains("declared by rule"));
            actual.add(location.get("artifactLocation").get("uri").asText() + ":" + region.get("startLine").asInt()
                    + ":" + ruleId);
        }
        assertEquals(expectedFromMarkers(FIXTURE), actual);
        assertTrue(sarifRun.get("originalUriBaseIds").get("SRCROOT").get("uri").asText().startsWith("file:/"));
    }

    @Test
    void jsonCarriesImpactConfidenceAndFixStatus() throws IOException {
        Run run = run(FIXTURE.toString(), "--format", "json", "--fail-on", "error");
        assertEquals(0, run.status(), "no error-level findings");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(10, json.get("findings").size());
        List<String> fixTitles = new ArrayList<>();
        for (JsonNode finding : json.get("findings")) {
            assertTrue(finding.get("detectionConfidence").get("reason").asText().length() > 5);
            assertTrue(finding.get("impact").get("estimate").get("estimateConfidence").get("reason").asText().length() > 5,
                    "the estimate's own confidence, apart from the detection's: " + finding);
            assertTrue(finding.get("impact").get("text").asText().contains("->"));
            assertTrue(finding.get("impact").get("estimate").get("source").asText().startsWith("calibration: JDK "),
                    "every fixture rule has a measured pair: " + finding);
            if (finding.get("fix").get("available").asBoolean()) {
                fixTitles.add(finding.get("fix").get("title").asText());
            }
        }
        assertEquals(7, fixTitles.size(),
                "3 StringBuilder fixes (not on the field), 3 regex hoists, 1 HashSet (the other lists grow in their loops): "
                        + fixTitles);
        assertEquals(0, json.get("problems").size());
    }

    @Test
    void brokenJavaIsReportedAsProblemsNotCrashes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Broken.java"), """
                class Broken {
                    String join(String[] parts) {
                        String out = "";
                        for (String p : parts) {
                            out += p;
                        }
                        return out
                    }
                """);
        Run run = run(dir.toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.out().contains("Broken.java:5:13: warning string-concat-in-loop"), run.out());
        assertTrue(run.err().contains("syntax problem"), run.err());
    }

    @Test
    void readsThePolicyOfTheCheckedFolder(@TempDir Path copy) throws IOException {
        dev.perflens.lsp.testing.Fixtures.copyTree(FIXTURE, copy);
        Files.writeString(copy.resolve(".perflens.json"), """
                {
                  "rules": {
                    "regex-in-loop": {"enabled": false},
                    "list-membership-in-loop": {"severity": "info"}
                  },
                  "exclude": ["**/ReportService.java"],
                  "colour": "red"
                }
                """);
        Run run = run(copy.toString(), "--fail-on", "warning");
        assertEquals(0, run.status(), "only info findings remain: " + run.out());
        assertEquals(3, run.out().lines().count(), run.out());
        assertTrue(run.out().lines().allMatch(line -> line.contains(": info list-membership-in-loop ")), run.out());
        assertTrue(run.err().contains(".perflens.json:7:3: warning policy unknown key 'colour'"), run.err());
    }

    @Test
    void testCodeIsAHintByDefaultLikeMainCodeWithIncludeTestsAndAbsentWithExcludeTests(@TempDir Path dir)
            throws IOException {
        Path test = dir.resolve("src/test/java/app/SlowTest.java");
        Files.createDirectories(test.getParent());
        Files.writeString(test, """
                package app;
                class SlowTest {
                    String join(java.util.List<String> xs) {
                        String s = "";
                        for (String x : xs) {
                            s += x;
                        }
                        return s;
                    }
                }
                """);
        Run hinted = run(dir.toString());
        assertEquals(0, hinted.status(), hinted.out());
        assertTrue(hinted.out().contains(": hint string-concat-in-loop "), hinted.out());
        assertTrue(hinted.out().contains("Test code: test source (src/test)."), hinted.out());
        assertTrue(hinted.err().contains("1 finding (1 hint) in 1 of 1 file in "), hinted.err());
        assertTrue(hinted.err().contains("; test code at hint (--include-tests: like main code)"), hinted.err());
        Run included = run(dir.toString(), "--include-tests");
        assertEquals(1, included.status(), included.out());
        assertTrue(included.out().contains(": warning string-concat-in-loop "), included.out());
        Run excluded = run(dir.toString(), "--exclude-tests");
        assertEquals(0, excluded.status());
        assertEquals("", excluded.out());
        assertTrue(excluded.err().contains("; test code not analysed"), excluded.err());
        Files.writeString(dir.resolve(".perflens.json"), "{\"tests\": \"include\"}");
        assertTrue(run(dir.toString()).out().contains(": warning string-concat-in-loop "), "the policy's tests setting");
    }

    @Test
    void profileRanksFindingsInTextJsonAndSarif(@TempDir Path out) throws IOException {
        String profile = "../../fixtures/profiles/order-service.jfr";
        Run text = run(FIXTURE.toString(), "--profile", profile, "--fail-on", "none");
        assertEquals(0, text.status(), text.err());
        String hotLine = text.out().lines().filter(line -> line.startsWith("src/main/java/com/example/orders/OrderMatcher.java:22:"))
                .findFirst().orElseThrow(() -> new AssertionError(text.out()));
        assertTrue(hotLine.contains(": error list-membership-in-loop "), "raised from warning: " + hotLine);
        assertTrue(hotLine.matches(".*~\\d+% of CPU samples in OrderMatcher\\.matchOrders \\(profile order-service\\.jfr, "
                + "[\\d,]+ samples\\).*"), hotLine);
        assertTrue(text.out().contains("OrderMatcher.java:18:24: info hot-method Hot method: ~"), text.out());
        for (String line : text.out().lines().toList()) {
            // one voice per finding: no clause of its text is said twice (the profile's share, a severity change)
            List<String> clauses = java.util.Arrays.stream(line.split("[;\\[\\]]|\\. ")).map(String::trim)
                    .filter(clause -> clause.length() > 12).toList();
            assertEquals(clauses.size(), new java.util.HashSet<>(clauses).size(), "a clause repeats in: " + line);
            assertFalse(line.contains("; confidence "), "detection and estimate confidence are named: " + line);
        }
        assertTrue(text.err().contains("profile order-service.jfr: "), text.err());
        assertTrue(text.err().contains("OrderMatcher.matchOrders (src/main/java/com/example/orders/OrderMatcher.java:22)"),
                "the top hotspot is printed with its hottest line: " + text.err());

        JsonNode json = new ObjectMapper().readTree(run(FIXTURE.toString(), "--profile", profile, "--format", "json",
                "--fail-on", "none").out());
        assertEquals("order-service.jfr", json.get("profiles").get(0).get("name").asText());
        long samples = json.get("profiles").get(0).get("cpuSamples").asLong();
        JsonNode hot = null;
        for (JsonNode finding : json.get("findings")) {
            if (finding.get("ruleId").asText().equals("list-membership-in-loop") && finding.get("startLine").asInt() == 22) {
                hot = finding;
            }
        }
        assertEquals("error", hot.get("severity").asText());
        JsonNode weight = hot.get("impact").get("profile");
        assertEquals("OrderMatcher.matchOrders", weight.get("method").asText());
        assertEquals(samples, weight.get("totalSamples").asLong());
        assertTrue(weight.get("methodShare").asDouble() > 0.5, weight.toString());
        assertEquals("order-service.jfr", weight.get("profiles").asText());

        Path sarifFile = out.resolve("ranked.sarif");
        assertEquals(0, run(FIXTURE.toString(), "--profile", profile, "--format", "sarif", "--output",
                sarifFile.toString(), "--fail-on", "none").status());
        JsonNode sarifRun = new ObjectMapper().readTree(sarifFile.toFile()).get("runs").get(0);
        assertEquals("order-service.jfr", sarifRun.get("properties").get("profiles").get(0).get("name").asText());
        boolean sawHotMethodRule = false;
        for (JsonNode rule : sarifRun.get("tool").get("driver").get("rules")) {
            sawHotMethodRule |= rule.get("id").asText().equals("hot-method");
        }
        assertTrue(sawHotMethodRule, "hot-method results need their rule");
        for (JsonNode result : sarifRun.get("results")) {
            double rank = result.get("rank").asDouble();
            assertTrue(rank >= 0 && rank <= 100, result.toString());
            assertEquals(result.get("ruleId").asText(),
                    sarifRun.get("tool").get("driver").get("rules").get(result.get("ruleIndex").asInt()).get("id").asText());
            assertTrue(result.get("properties").get("profile").get("profiles").asText().equals("order-service.jfr"));
            if (result.get("ruleId").asText().equals("list-membership-in-loop")
                    && result.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt() == 22) {
                assertEquals("error", result.get("level").asText());
                assertTrue(rank > 5, "rank is the flagged line's share in percent: " + rank);
            }
        }
    }

    @Test
    void topShowsTheMostValuableFindingsFirst() {
        String profile = "../../fixtures/profiles/order-service.jfr";
        Run all = run(FIXTURE.toString(), "--profile", profile, "--fail-on", "none");
        List<String> lines = all.out().lines().toList();
        assertTrue(lines.get(0).startsWith("src/main/java/com/example/orders/OrderMatcher.java:22:"),
                "the finding on the hottest line comes first: " + all.out());
        Run top = run(FIXTURE.toString(), "--profile", profile, "--top", "2");
        assertEquals(lines.subList(0, 2), top.out().lines().toList(), "--top 2 keeps the first two of the full order");
        assertTrue(top.err().contains("; showing the 2 most valuable in "), top.err());
        assertEquals(1, top.status(), "--fail-on looks at every finding, not only the shown ones");
    }

    @Test
    void unreadableProfileExitsTwoNamingTheFile(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.collapsed"), "a;b;c 1\nd;e notanumber\n");
        Run run = run(FIXTURE.toString(), "--profile", broken.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("perflens check: cannot use the profile " + broken.toAbsolutePath().normalize()
                + ": line 2: malformed collapsed stack, the count 'notanumber' is not a whole number"), run.err());
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|missing PATH",
            "../../fixtures/projects/order-service --profile|--profile needs a value",
            "--format|--format needs a value",
            "../../fixtures/projects/order-service --format xml|--format must be text, json or sarif",
            "../../fixtures/projects/order-service --fail-on hint|--fail-on must be",
            "../../fixtures/projects/order-service --bogus|unknown option --bogus",
            "../../fixtures/projects/order-service --top 0|--top needs a positive number, not '0'",
            "../../fixtures/projects/order-service --top many|--top needs a positive number, not 'many'",
            "../../fixtures/projects/order-service --threads 0|--threads must be a number from 1 to 256",
            "../../fixtures/projects/order-service --threads many|--threads must be a number from 1 to 256",
            "../../fixtures/projects/order-service --include-tests --exclude-tests|exclude each other",
            "/no/such/folder|no such file or folder"})
    void usageErrorsExitTwoWithAClearMessage(String args, String message) {
        Run run = run(args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(2, run.status());
        assertTrue(run.err().contains(message), run.err());
    }
}
