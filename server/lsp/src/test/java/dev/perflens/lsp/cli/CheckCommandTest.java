package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** "relative/path:line:rule" of every PERF marker in the fixture (line of the code, 1-based). */
    private static Set<String> expectedFromMarkers() throws IOException {
        Set<String> expected = new TreeSet<>();
        try (var walk = Files.walk(FIXTURE.resolve("src"))) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher marker = MARKER.matcher(lines.get(i));
                    if (marker.matches()) {
                        expected.add(FIXTURE.relativize(file).toString().replace('\\', '/') + ":" + (i + 2) + ":"
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
        assertEquals(expectedFromMarkers(), actual);
        assertTrue(run.err().contains("10 findings (10 warning) in 8 files"), run.err());
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
        Set<String> registered = new TreeSet<>();
        com.google.inject.Guice.createInjector(new dev.perflens.engine.EngineModule())
                .getInstance(dev.perflens.engine.Engine.class).registry().metadata()
                .forEach(rule -> registered.add(rule.id()));
        assertEquals(registered, ruleIds, "tool.driver.rules lists every registered rule");
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
        assertEquals(expectedFromMarkers(), actual);
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
            assertTrue(finding.get("confidence").get("reason").asText().length() > 5);
            assertTrue(finding.get("impact").get("summary").asText().contains("->"));
            if (finding.get("fix").get("available").asBoolean()) {
                fixTitles.add(finding.get("fix").get("title").asText());
            }
        }
        assertEquals(6, fixTitles.size(), "3 StringBuilder fixes (not on the field) and 3 regex hoists: " + fixTitles);
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|missing PATH",
            "--format|--format needs a value",
            "../../fixtures/projects/order-service --format xml|--format must be text, json or sarif",
            "../../fixtures/projects/order-service --fail-on hint|--fail-on must be",
            "../../fixtures/projects/order-service --bogus|unknown option --bogus",
            "/no/such/folder|no such file or folder"})
    void usageErrorsExitTwoWithAClearMessage(String args, String message) {
        Run run = run(args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(2, run.status());
        assertTrue(run.err().contains(message), run.err());
    }
}
