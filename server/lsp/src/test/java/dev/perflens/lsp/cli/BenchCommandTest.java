package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perflens.lsp.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchCommandTest {
    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "                                                       | missing PATH",
        "FIXTURE --method OrderMatcher                          | --method needs CLASS#METHOD",
        "FIXTURE --method a.B#c --at X.java:3                   | give --method or --at, not both",
        "FIXTURE --save-baseline --compare                      | give --save-baseline or --compare, not both",
        "FIXTURE --forks 0                                      | forks must be from 1 to 50, not 0",
        "FIXTURE --sizes 10,x                                   | --sizes needs whole numbers",
        "FIXTURE --frobnicate                                   | unknown option --frobnicate",
        "FIXTURE --method com.example.orders.OrderMatcher#nope  | no method nope in com.example.orders.OrderMatcher",
    })
    void usageErrorsExitWithTwo(String args, String message) {
        String[] argv = args == null ? new String[0]
                : args.replace("FIXTURE", Fixtures.ORDER_SERVICE.toString()).trim().split("\\s+");
        Run run = run(argv);
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains(message), run.err());
    }

    @Test
    void nothingSavedAndNoMethodIsAnError(@TempDir Path project) throws Exception {
        Fixtures.copyTree(Fixtures.ORDER_SERVICE, project);
        Run run = run(project.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("nothing to run: no saved benchmarks"), run.err());
    }

    /**
     * tested-service depends on commons-lang3 and has no .perflens.json: the classpath check resolves
     * is the benchmark's. The fix of matchCodes keeps behaviour and is timed; the same fix of matchSkus
     * (a HashSet over a type without hashCode) changes it: rejected before it is timed, reason first, exit 3.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "matchCodes | 0 | preserved",
        "matchSkus  | 3 | changed"})
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aMavenProjectWithADependencyBenchmarksWithoutConfigurationAndAChangingFixIsRejected(
            String method, int status, String behaviour, @TempDir Path project) throws Exception {
        Fixtures.copyTree(Fixtures.TESTED_SERVICE, project);
        assertFalse(Files.exists(project.resolve(".perflens.json")));
        Run run = run(project.toString(), "--method", "com.example.catalog.CatalogMatcher#" + method, "--forks", "1",
                "--warmup", "2", "--warmup-ms", "50", "--iterations", "5", "--iteration-ms", "50", "--sizes", "2000",
                "--max-call-ms", "1500", "--format", "json");
        assertEquals(status, run.status(), run.err() + run.out());
        assertTrue(run.err().contains("perflens bench: classpath: "), "the workspace classpath was resolved: " + run.err());
        ObjectNode report = (ObjectNode) new ObjectMapper().readTree(run.out()).get(0).get("report");
        assertEquals(behaviour, report.get("behaviour").get("verdict").asText(), report.toPrettyString());
        ObjectNode outputs = (ObjectNode) report.get("behaviour").get("outputs");
        assertTrue(outputs.get("compared").asInt() >= 50, outputs.toPrettyString());
        if (status == 3) {
            assertEquals("rejected", report.get("verdict").asText());
            assertTrue(report.get("summary").asText().startsWith("the fix changes behaviour: "), report.toPrettyString());
            assertTrue(report.get("sizes").isEmpty(), "a rejected fix is not timed");
            assertTrue(run.err().contains("1 fix rejected: it changes behaviour"), run.err());
        } else {
            assertEquals(0, outputs.get("differing").asInt(), outputs.toPrettyString());
            assertEquals("faster", report.get("verdict").asText(), report.toPrettyString());
        }
    }

    /** Saves a baseline from a real run, then compares against a doctored baseline 100x faster: a regression, exit 1. */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void saveBaselineThenCompareFindsARegression(@TempDir Path project) throws Exception {
        Fixtures.copyTree(Fixtures.ORDER_SERVICE, project);
        // n=500: a call takes a few ms, so each 50 ms iteration averages many calls and a preemption on a busy
        // machine cannot turn one iteration into a tenfold outlier that widens the interval past zero.
        String[] quick = {"--forks", "2", "--warmup", "3", "--warmup-ms", "50", "--iterations", "10", "--iteration-ms", "50",
            "--sizes", "500", "--max-call-ms", "1500"};
        Run saved = run(concat(new String[] {project.toString(), "--method", "com.example.orders.OrderMatcher#matchOrders",
            "--save-baseline"}, quick));
        assertEquals(0, saved.status(), saved.err());
        assertTrue(saved.out().contains("== OrderMatcher.matchOrders(List<Order>, List<String>)"), saved.out());
        assertTrue(saved.out().contains("| n | time per call | alloc/op |"), "only the code as it is: " + saved.out());
        assertTrue(saved.out().contains("| 500 | "), saved.out());
        Path baselines = project.resolve(".perflens/baselines.json");
        assertTrue(Files.exists(baselines));
        assertFalse(Files.exists(project.resolve(".perflens/benchmarks")), "baselines do not replace the editor's reports");

        // A baseline from a machine (or a commit) 100x faster than now
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(baselines.toFile());
        ObjectNode size = (ObjectNode) root.path("benchmarks").path("com.example.orders.OrderMatcher.matchOrders(List,List)")
                .path("sizes").path("500");
        size.put("score", size.path("score").asDouble() / 100);
        size.put("scoreError", size.path("scoreError").asDouble() / 100);
        for (var fork : (ArrayNode) size.path("rawData")) {
            for (int i = 0; i < fork.size(); i++) {
                ((ArrayNode) fork).set(i, fork.get(i).asDouble() / 100);
            }
        }
        json.writeValue(baselines.toFile(), root);

        Run compared = run(concat(new String[] {project.toString(), "--compare"}, quick));
        assertEquals(1, compared.status(), compared.out() + compared.err());
        assertTrue(compared.out().contains("n=500: regression, "), compared.out());
        assertTrue(compared.err().contains("1 regression"), compared.err());
    }

    /** .perflens cannot be written (here a file stands where the folder goes; root ignores permissions): a clear error, no partial file. */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void anUnwritablePerflensFolderIsAClearErrorAndLeavesNothingBehind(@TempDir Path project) throws Exception {
        Fixtures.copyTree(Fixtures.ORDER_SERVICE, project);
        Files.writeString(project.resolve(".perflens"), "");
        String[] tiny = {"--forks", "1", "--warmup", "1", "--warmup-ms", "50", "--iterations", "2", "--iteration-ms", "50",
            "--sizes", "10"};
        Run run = run(concat(new String[] {project.toString(), "--method", "com.example.orders.OrderMatcher#matchOrders",
            "--save-baseline"}, tiny));
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("cannot write .perflens/baselines.json: a file is in the way of the folder"), run.err());
        assertTrue(run.out().contains("| 10 | "), "the measured results are still shown: " + run.out());
        try (var walk = Files.walk(project)) {
            assertEquals(java.util.List.of(), walk.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "no partial file");
        }
        assertEquals("", Files.readString(project.resolve(".perflens")));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
