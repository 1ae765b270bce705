package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perflens calibrate} end to end: the real benchmarks.jar (built by the reactor, which
 * lists fixtures/calibration before the server modules, or on demand by the command), a real JMH
 * run of one pair in a separate JVM, and the file it writes.
 */
class CalibrateCommandTest {
    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CalibrateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void measuresOnePairAndWritesTheWorkspaceCalibration(@TempDir Path workspace) throws Exception {
        Run run = run("--rules", "list-membership-in-loop", "--mode", "smoke", "--workspace", workspace.toString());
        assertEquals(0, run.status(), run.err() + run.out());
        assertTrue(run.err().matches("(?s).*\\[1/1] list-membership-in-loop n=10: [0-9.]+x .* after 2 pairs \\(.*"), run.err());

        Path file = workspace.resolve(".perflens/calibration.json");
        JsonNode calibration = new ObjectMapper().readTree(file.toFile());
        assertEquals(2, calibration.path("schema").asInt());
        JsonNode source = calibration.path("source");
        assertEquals(System.getProperty("java.version"), source.path("jdk").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), source.path("cores").asInt());
        assertEquals("smoke", source.path("mode").asText());
        assertEquals("1.37", source.path("jmh").asText());
        assertTrue(source.path("command").asText().startsWith("perflens calibrate --rules list-membership-in-loop"));

        assertEquals(1, calibration.path("rules").size(), calibration.toString());
        JsonNode rule = calibration.path("rules").path("list-membership-in-loop");
        assertEquals("dev.perflens.calibration.ListMembershipInLoop", rule.path("benchmark").asText());
        assertEquals(1, rule.path("sizes").size());
        JsonNode size = rule.path("sizes").get(0);
        assertEquals(10, size.path("n").asInt());
        for (String side : new String[] {"before", "after"}) {
            assertTrue(size.path(side).path("score").asDouble() > 0, size.toString());
            assertEquals("ns/op", size.path(side).path("unit").asText());
            assertTrue(size.path(side).path("allocBytesPerOp").isNumber(), size.toString());
        }
        double speedup = size.path("speedup").asDouble();
        assertTrue(speedup > 0, size.toString());
        assertEquals(2, size.path("pairs").asInt(), "smoke mode: two pairs of rounds");
        double logs = 0;
        for (JsonNode pair : size.path("rounds")) {
            logs += Math.log(pair.get(0).asDouble() / pair.get(1).asDouble()) / 2;
        }
        assertEquals(Math.exp(logs), speedup, speedup * 2e-3, "the geometric mean of the pairs' ratios");
        assertTrue(size.path("speedupLow").asDouble() <= speedup && speedup <= size.path("speedupHigh").asDouble(),
                size.toString());
        assertTrue(List.of("faster", "equivalent", "slower", "inconclusive").contains(size.path("verdict").asText()));
        assertTrue(calibration.path("unmeasured").path("explicit-gc").isTextual());

        assertTrue(run.out().contains("list-membership-in-loop"), run.out());
        assertTrue(run.out().contains("written: " + file), run.out());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "only calibration.json, no temporary file");
        }
    }

    @Test
    void rulesWithoutAPairAndUnknownRulesAreRefusedWithTheReason(@TempDir Path workspace) {
        Run unmeasured = run("--rules", "explicit-gc", "--workspace", workspace.toString());
        assertEquals(2, unmeasured.status());
        assertTrue(unmeasured.err().contains("explicit-gc has no calibration pair: its cost is a full-GC pause"),
                unmeasured.err());
        Run unknown = run("--rules", "no-such-rule", "--workspace", workspace.toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown rule no-such-rule; rules with a pair: append-concat"), unknown.err());
        assertFalse(Files.exists(workspace.resolve(".perflens")), "nothing is written when nothing ran");
    }

    @Test
    void badOptionsGetAUsageMessage(@TempDir Path workspace) {
        assertTrue(run("--mode", "slow").err().contains("--mode must be smoke, quick or full, not slow"));
        assertTrue(run("--benchmarks-jar", workspace.resolve("none.jar").toString()).err().contains("no benchmarks jar at"));
        assertTrue(run("--rules").err().contains("--rules needs a value"));
        assertEquals(2, run("--bogus").status());
    }
}
