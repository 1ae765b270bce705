package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotspotsCommandTest {
    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new HotspotsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheTopMethodsWithImportFigures() {
        Run run = run("../../fixtures/profiles/order-service.jfr", "--project", "../../fixtures/projects/order-service",
                "--top", "3");
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("top 3 methods by own share of CPU (profile order-service.jfr, "), run.out());
        assertTrue(lines.get(1).matches(" 1\\. +\\d+% own, +\\d+% total  OrderMatcher\\.matchOrders +"
                + "src/main/java/com/example/orders/OrderMatcher\\.java:22"), lines.get(1));
        assertTrue(run.err().contains("imported ../../fixtures/profiles/order-service.jfr (0.1 MB) in "), run.err());
        assertTrue(run.err().contains("peak heap during import"), run.err());
    }

    @Test
    void usageAndProfileErrorsExitTwo() {
        assertEquals(2, run().status());
        assertEquals(2, run("x.jfr", "--metric", "wall").status());
        Run missing = run("no-such.collapsed", "--project", "../../fixtures/projects/order-service");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no-such.collapsed: no such file"), missing.err());
    }
}
