package dev.perflens.evidence.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTLP JSON in the shapes exporters write, built span by span: a server span for a request, the
 * method span the agent's code attributes name, and database or HTTP client spans under it.
 */
class TraceSetTest {
    private static final String APP = "com.example.shop.ShopApp";
    private int next = 1;

    @Test
    void findsAnNPlusOneUnderOneParentWithItsFiguresAcrossTraces(@TempDir Path folder) throws Exception {
        List<String> lines = new ArrayList<>();
        int[] perRequest = {40, 38, 52};
        for (int t = 0; t < perRequest.length; t++) {
            lines.add(trace("t" + t, perRequest[t], "SELECT * FROM item WHERE order_id = %d", true));
        }
        Path file = Files.write(folder.resolve("traces.jsonl"), lines);
        TraceSet set = new TraceSet();
        set.load(file);
        assertEquals(List.of(), set.problems());
        assertEquals(3, set.traceCount());
        List<TraceSet.Repetition> found = set.nPlusOneQueries();
        assertEquals(1, found.size(), found.toString());
        TraceSet.Repetition n1 = found.get(0);
        assertEquals(APP + ".orderPage", n1.function());
        assertEquals("SELECT * FROM item WHERE order_id = ?", n1.call());
        assertEquals("h2", n1.system());
        assertEquals(3, n1.traces());
        assertEquals(40, n1.medianCalls());
        assertEquals(52, n1.maxCalls());
        assertEquals(40.0, n1.medianMillis(), 1e-9, "1 ms per query");
        assertEquals(40.0 / 50.0, n1.medianShare(), 1e-9, "of a 50 ms method span (10 ms of its own work)");
        assertEquals("ShopApp.orderPage", n1.parentName());
        assertEquals("src/main/java/com/example/shop/ShopApp.java", n1.file());
        assertEquals(List.of(), set.chattyHttpCalls());
    }

    @Test
    void aSingleQueryOrFourRepeatsIsNoNPlusOneAndSpansWithoutCodeGoToTheirAncestor(@TempDir Path folder) throws Exception {
        Path file = Files.write(folder.resolve("traces.jsonl"), List.of(
                trace("single", 1, "SELECT COUNT(*) FROM item WHERE order_id IN (%d, 2, 3)", true),
                trace("four", 4, "SELECT * FROM item WHERE order_id = %d", true),
                trace("nested", 6, "select * from item where name = 'n%d'", false)));
        TraceSet set = new TraceSet();
        set.load(file);
        List<TraceSet.Repetition> found = set.nPlusOneQueries();
        assertEquals(1, found.size(), found.toString());
        assertEquals("select * from item where name = ?", found.get(0).call());
        assertEquals(APP + ".orderPage", found.get(0).function(), "through the connection span, which has no code attributes");
    }

    @Test
    void olderAttributeNamesAPrettyDocumentAndChattyHttpCalls(@TempDir Path folder) throws Exception {
        String pretty = """
                {
                  "resourceSpans": [ {
                    "resource": { "attributes": [ { "key": "service.name", "value": { "stringValue": "shop" } } ] },
                    "scopeSpans": [ { "spans": [
                      { "traceId": "aa", "spanId": "01", "name": "PriceClient.prices", "startTimeUnixNano": "0",
                        "endTimeUnixNano": "90000000", "attributes": [
                          { "key": "code.namespace", "value": { "stringValue": "com.example.shop.PriceClient" } },
                          { "key": "code.function", "value": { "stringValue": "prices" } } ] }
                """ + String.join("", java.util.stream.IntStream.range(0, 6).mapToObj(i -> """
                      ,{ "traceId": "aa", "spanId": "1%d", "parentSpanId": "01", "name": "GET", "kind": 3,
                        "startTimeUnixNano": "%d", "endTimeUnixNano": "%d", "attributes": [
                          { "key": "http.method", "value": { "stringValue": "GET" } },
                          { "key": "http.url", "value": { "stringValue": "https://prices.example/item?id=%d" } } ] }
                """.formatted(i, i * 10_000_000L, i * 10_000_000L + 5_000_000L, i)).toList()) + """
                    ] } ]
                  } ]
                }
                """;
        Path file = Files.writeString(folder.resolve("pretty.json"), pretty);
        TraceSet set = new TraceSet();
        set.load(file);
        assertEquals(List.of(), set.problems());
        List<TraceSet.Repetition> chatty = set.chattyHttpCalls();
        assertEquals(1, chatty.size(), chatty.toString());
        assertEquals("GET https://prices.example/item", chatty.get(0).call());
        assertEquals("com.example.shop.PriceClient.prices", chatty.get(0).function());
        assertEquals(6, chatty.get(0).medianCalls());
        assertEquals(30.0, chatty.get(0).medianMillis(), 1e-9);
        assertEquals("com.example.shop.PriceClient.prices", set.slowestMethods().get(0).function());
        assertEquals(90.0, set.slowestMethods().get(0).p95Millis(), 1e-9);
    }

    @Test
    void aMalformedLineIsNamedAndTheRestStillLoads(@TempDir Path folder) throws Exception {
        Path file = Files.write(folder.resolve("traces.jsonl"), List.of(
                trace("a", 6, "SELECT * FROM item WHERE order_id = %d", true),
                "{\"resourceSpans\": [ {\"scopeSpans\": [ {\"spans\": [ {\"traceId\": ",
                trace("b", 6, "SELECT * FROM item WHERE order_id = %d", true)));
        TraceSet set = new TraceSet();
        set.load(file);
        assertEquals(1, set.problems().size(), set.problems().toString());
        assertTrue(set.problems().get(0).startsWith(file + ":2: malformed OTLP JSON: "), set.problems().get(0));
        assertEquals(2, set.nPlusOneQueries().get(0).traces(), "the traces on lines 1 and 3");
    }

    @Test
    void emptyForeignMissingAndNonRegularFilesGetAClearError(@TempDir Path folder) throws IOException {
        Path empty = Files.createFile(folder.resolve("empty.jsonl"));
        Path text = Files.writeString(folder.resolve("notes.txt"), "these are not traces");
        Path json = Files.writeString(folder.resolve("other.json"), "{\"name\": \"a package.json perhaps\"}");
        assertEquals(empty + ": the file is empty", assertThrows(TraceLoadException.class, () -> new TraceSet().load(empty)).getMessage());
        assertTrue(assertThrows(TraceLoadException.class, () -> new TraceSet().load(text)).getMessage()
                .startsWith(text + ": not OTLP JSON: no line of it holds an OTLP object"));
        assertEquals(json + ": no OTLP spans: no object in it has \"resourceSpans\" or \"scopeSpans\"",
                assertThrows(TraceLoadException.class, () -> new TraceSet().load(json)).getMessage());
        assertTrue(assertThrows(TraceLoadException.class, () -> new TraceSet().load(folder)).getMessage()
                .contains("not a regular file"));
        assertEquals(folder.resolve("gone.jsonl") + ": no such file",
                assertThrows(TraceLoadException.class, () -> new TraceSet().load(folder.resolve("gone.jsonl"))).getMessage());
    }

    @Test
    void statementShapes() {
        assertEquals("SELECT * FROM t WHERE a = ? AND b IN (?) AND c = ?",
                SqlShapes.shape("SELECT *  FROM t\n WHERE a = 'x''y' AND b IN (1, 2,3) AND c = -4.5"));
        assertEquals("select t1.id from t1", SqlShapes.shape("select t1.id from t1"));
    }

    /**
     * One TracesData line: a server span, the method span with code attributes (50 ms), a
     * connection span without them when {@code direct} is false, and {@code queries} database spans
     * of 1 ms each whose statement is {@code statement} formatted with the query's number.
     */
    private String trace(String traceId, int queries, String statement, boolean direct) {
        StringBuilder spans = new StringBuilder();
        long server = next++;
        long method = next++;
        spans.append(span(traceId, server, 0, "GET /orders", 0, 60_000_000L, ""));
        spans.append(',').append(span(traceId, method, server, "ShopApp.orderPage", 1_000_000L, 51_000_000L,
                attr("code.function.name", APP + ".orderPage") + "," + attr("code.file.path",
                        "src/main/java/com/example/shop/ShopApp.java") + ",{\"key\":\"code.line.number\",\"value\":{\"intValue\":\"42\"}}"));
        long parent = method;
        if (!direct) {
            parent = next++;
            spans.append(',').append(span(traceId, parent, method, "connection", 1_000_000L, 50_000_000L, ""));
        }
        for (int q = 0; q < queries; q++) {
            long start = 2_000_000L + q * 1_000_000L;
            spans.append(',').append(span(traceId, next++, parent, "SELECT shop.item", start, start + 1_000_000L,
                    attr(direct ? "db.system.name" : "db.system", "h2") + ","
                            + attr(direct ? "db.query.text" : "db.statement", statement.formatted(q))));
        }
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[" + attr("service.name", "shop") + "]},"
                + "\"scopeSpans\":[{\"scope\":{\"name\":\"io.opentelemetry.jdbc\"},\"spans\":[" + spans + "]}]}]}";
    }

    private static String span(String traceId, long id, long parent, String name, long start, long end, String attributes) {
        return "{\"traceId\":\"" + hex(traceId.hashCode(), 32) + "\",\"spanId\":\"" + hex(id, 16) + "\",\"parentSpanId\":\""
                + (parent == 0 ? "" : hex(parent, 16)) + "\",\"name\":\"" + name + "\",\"kind\":2,\"startTimeUnixNano\":\"" + start
                + "\",\"endTimeUnixNano\":\"" + end + "\",\"attributes\":[" + attributes + "],\"status\":{}}";
    }

    private static String attr(String key, String value) {
        return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value.replace("\"", "\\\"") + "\"}}";
    }

    private static String hex(long value, int digits) {
        String hex = Long.toHexString(value & 0xffffffffL);
        return "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }
}
