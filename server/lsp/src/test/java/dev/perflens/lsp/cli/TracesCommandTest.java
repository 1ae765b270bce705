package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces joined with a project: an N+1 behind a helper (no static finding) becomes an
 * n-plus-one-queries finding on the method the trace names; a query-in-loop finding the traces
 * confirm says so and is raised; a method whose queries run once per request gets nothing.
 */
class TracesCommandTest {
    private static final String SHOP = """
            package com.example.shop;

            import java.sql.*;
            import java.util.*;

            public class ShopApp {
                List<String> orderPage(Connection c, List<Long> ids) throws SQLException {
                    List<String> names = new ArrayList<>();
                    for (long id : ids) {
                        names.add(itemName(c, id));
                    }
                    return names;
                }

                private String itemName(Connection c, long id) throws SQLException {
                    try (PreparedStatement s = c.prepareStatement("select name from item where id = ?")) {
                        s.setLong(1, id);
                        ResultSet rs = s.executeQuery();
                        return rs.next() ? rs.getString(1) : null;
                    }
                }

                int stock(Connection c, List<Long> ids) throws SQLException {
                    int total = 0;
                    try (PreparedStatement s = c.prepareStatement("select qty from stock where item = ?")) {
                        for (long id : ids) {
                            s.setLong(1, id);
                            ResultSet rs = s.executeQuery();
                            total += rs.next() ? rs.getInt(1) : 0;
                        }
                    }
                    return total;
                }

                int count(Connection c) throws SQLException {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from item")) {
                        return rs.next() ? rs.getInt(1) : 0;
                    }
                }
            }
            """;

    @Test
    void tracesConfirmAStaticFindingAndAddTheNPlusOneBehindAHelper(@TempDir Path project) throws Exception {
        Path source = project.resolve("src/main/java/com/example/shop/ShopApp.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SHOP);
        List<String> lines = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            lines.add(request("a" + t, "orderPage", 30 + t, "select name from item where id = %d"));
            lines.add(request("b" + t, "stock", 20, "select qty from stock where item = %d"));
            lines.add(request("c" + t, "count", 1, "select count(*) from item"));
        }
        Path traces = Files.write(project.resolve("shop.jsonl"), lines);

        Path json = project.resolve("report.json");
        CheckCommandTest.Run check = CheckCommandTest.run(project.toString(), "--no-resolve", "--traces", traces.toString(),
                "--format", "json", "--output", json.toString(), "--fail-on", "none");
        assertEquals(0, check.status(), check.err());
        assertTrue(check.err().contains("traces shop.jsonl: 174 spans in 9 traces; 2 N+1 queries, 2 of them in this"
                + " project's methods"), check.err());
        List<JsonNode> findings = new ArrayList<>();
        new ObjectMapper().readTree(json.toFile()).get("findings").forEach(findings::add);
        JsonNode added = findings.stream().filter(f -> f.get("ruleId").asText().equals("n-plus-one-queries")).findFirst()
                .orElseThrow(() -> new AssertionError(findings.toString()));
        assertEquals(10, added.get("startLine").asInt(), "on the call in orderPage's loop that reaches the query");
        assertTrue(added.get("message").asText().contains("; the call at line 10, inside a loop, reaches the query)"),
                added.toString());
        assertEquals("warning", added.get("severity").asText());
        assertTrue(added.get("message").asText().startsWith("N+1 queries seen in traces: ShopApp.orderPage runs"
                + " 'select name from item where id = ?' (h2) 31 times per 'ShopApp.orderPage'"), added.toString());
        assertTrue(added.get("message").asText().contains("3 traces of shop.jsonl: 31 queries per 'ShopApp.orderPage'"
                + " (median; max 32), 31.0 ms"), added.toString());
        JsonNode confirmed = findings.stream().filter(f -> f.get("ruleId").asText().equals("query-in-loop")).findFirst()
                .orElseThrow(() -> new AssertionError(findings.toString()));
        assertEquals("error", confirmed.get("severity").asText(), "a warning the traces confirm is raised one level");
        assertTrue(confirmed.get("message").asText().contains("Confirmed by 3 traces of shop.jsonl: 20 queries per"
                + " 'ShopApp.stock' (median; max 20)"), confirmed.toString());
        assertEquals(2, findings.size(), "nothing on count(), whose query runs once per request: " + findings);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new TracesCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {traces.toString(), "--project",
                project.toString()});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.startsWith("""
                N+1 queries (5 or more identical statements under one parent span):
                 1. 31 queries per 'ShopApp.orderPage' (median; max 32), 31.0 ms, 62% of its time, 3 traces
                    in com.example.shop.ShopApp.orderPage (src/main/java/com/example/shop/ShopApp.java:7)
                    h2: select name from item where id = ?
                 2. 20 queries per 'ShopApp.stock' (median; max 20), 20.0 ms, 40% of its time, 3 traces
                """), printed);
        assertTrue(printed.contains("Chatty HTTP calls (5 or more identical calls under one parent span):\n  none\n"), printed);
        assertTrue(printed.contains("com.example.shop.ShopApp.orderPage"), printed);
    }

    /** The shop fixture's traces, recorded with the OpenTelemetry Java agent (fixtures/projects/shop-traces/record-traces.sh). */
    @Test
    void theAgentsRecordingOfTheShopFixtureGivesTheNPlusOneBehindTheHelperAndConfirmsTheLoop() throws Exception {
        Path shop = Path.of("../../fixtures/projects/shop-traces");
        Path traces = shop.resolve("traces/shop.otlp.jsonl");
        Path json = Files.createTempFile("shop-traces", ".json");
        try {
            CheckCommandTest.Run check = CheckCommandTest.run(shop.toString(), "--traces", traces.toString(),
                    "--format", "json", "--output", json.toString(), "--fail-on", "none");
            assertEquals(0, check.status(), check.err());
            List<String> found = new ArrayList<>();
            for (JsonNode f : new ObjectMapper().readTree(json.toFile()).get("findings")) {
                found.add(f.get("ruleId").asText() + "@" + f.get("file").asText() + ":" + f.get("startLine").asInt() + " "
                        + f.get("severity").asText());
                if (f.get("ruleId").asText().equals("n-plus-one-queries")) {
                    assertTrue(f.get("message").asText().contains("'select name from item where id = ?' (h2) 21 times per"
                            + " 'ShopApp.orderPage'"), f.toString());
                }
                if (f.get("ruleId").asText().equals("query-in-loop")) {
                    assertTrue(f.get("message").asText().contains("Confirmed by 3 traces of shop.otlp.jsonl: 12 queries per"
                            + " 'ShopApp.stock' (median; max 12)"), f.toString());
                }
            }
            assertEquals(List.of("n-plus-one-queries@src/main/java/com/example/shop/ShopApp.java:27 warning",
                    "query-in-loop@src/main/java/com/example/shop/ShopApp.java:47 error"), found.stream().sorted().toList());
        } finally {
            Files.deleteIfExists(json);
        }
    }

    @Test
    void aFileThatIsNotTracesIsAClearErrorWithExitTwo(@TempDir Path folder) throws Exception {
        Path notes = Files.writeString(folder.resolve("notes.txt"), "not traces");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new TracesCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {notes.toString()});
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("perflens traces: cannot use the traces " + notes
                + ": not OTLP JSON: no line of it holds an OTLP object"), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * One request as the Java agent records it: a server span, the method's span (code attributes,
     * 50 ms), and {@code queries} JDBC spans of 1 ms under it, each with the statement formatted
     * with its number.
     */
    private static String request(String trace, String method, int queries, String statement) {
        List<String> spans = new ArrayList<>();
        spans.add(span(trace, 1, 0, "GET /" + method, 0, 60, List.of()));
        spans.add(span(trace, 2, 1, "ShopApp." + method, 1, 51, List.of("code.function.name",
                "com.example.shop.ShopApp." + method)));
        for (int q = 0; q < queries; q++) {
            spans.add(span(trace, 10 + q, 2, "SELECT", 2 + q, 3 + q, List.of("db.system.name", "h2", "db.query.text",
                    statement.formatted(q + 1000))));
        }
        return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + String.join(",", spans) + "]}]}]}";
    }

    /** A span; times in milliseconds, attributes as key, value, key, value. */
    private static String span(String trace, int id, int parent, String name, long startMs, long endMs, List<String> kv) {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < kv.size(); i += 2) {
            attributes.append(i == 0 ? "" : ",").append("{\"key\":\"").append(kv.get(i)).append("\",\"value\":{\"stringValue\":\"")
                    .append(kv.get(i + 1)).append("\"}}");
        }
        return String.format("{\"traceId\":\"%032x\",\"spanId\":\"%016x\",\"parentSpanId\":\"%s\",\"name\":\"%s\","
                        + "\"startTimeUnixNano\":\"%d\",\"endTimeUnixNano\":\"%d\",\"attributes\":[%s]}",
                trace.hashCode() & 0xffffffffL, (long) id, parent == 0 ? "" : String.format("%016x", (long) parent), name,
                startMs * 1_000_000L, endMs * 1_000_000L, attributes);
    }
}
