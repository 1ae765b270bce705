package dev.perflens.evidence.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads OpenTelemetry traces in OTLP JSON, streaming: one {@code TracesData} object per line (as
 * the Collector's file exporter writes them), one {@code ResourceSpans} object per line after a
 * log prefix (as the SDK's and the Java agent's {@code logging-otlp} exporter writes them), or
 * one {@code {"resourceSpans": [...]}} document, pretty-printed or not. Spans go to a consumer as they
 * are read; the file is never held in memory (a JSON line at a time, at most 64 Mi characters).
 * A malformed line is reported with its file and line number, and reading goes on at the next.
 */
public final class OtlpJsonReader {
    /** After this many malformed lines the file is given up on: it is not the OTLP JSON it looked like. */
    static final int MAX_PROBLEMS = 20;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

    /** What a file gave: spans read and the lines that could not be read. */
    public record Result(long spans, List<String> problems) {
    }

    private OtlpJsonReader() {
    }

    public static Result read(Path file, Consumer<Span> sink) throws TraceLoadException {
        if (!Files.exists(file)) {
            throw new TraceLoadException(file, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new TraceLoadException(file, "not a regular file (a trace file is OTLP JSON written by the Collector or an SDK)");
        }
        try {
            if (Files.size(file) == 0) {
                throw new TraceLoadException(file, "the file is empty");
            }

        } catch (IOException e) {
            throw new TraceLoadException(file, "cannot read: " + e.getMessage());
        }
        Interner strings = new Interner();
        long[] spans = {0};
        boolean[] sawResourceSpans = {false};
        Consumer<Span> counted = span -> {
            spans[0]++;
            sink.accept(span);
        };
        List<String> problems = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (oneValuePerLine(file)) {
                // JSON lines: each line is read and parsed on its own, so a broken line costs only itself
                long number = 0;
                String line;
                while ((line = readLine(reader)) != null) {
                    number++;
                    if (line == TOO_LONG) {
                        problems.add(file + ":" + number + ": a line longer than " + MAX_LINE_CHARS / (1024 * 1024)
                                + " MiB characters was skipped");
                    } else if (!line.isBlank() && jsonPart(line) != null) {
                        try (JsonParser parser = JSON.createParser(jsonPart(line))) {
                            readValues(parser, strings, counted, sawResourceSpans);
                        } catch (JsonProcessingException e) {
                            problems.add(file + ":" + number + ": malformed OTLP JSON: " + e.getOriginalMessage());
                        }
                    }
                    if (problems.size() >= MAX_PROBLEMS) {
                        problems.add(file + ": " + MAX_PROBLEMS + " lines could not be read; the rest of the file was not read");
                        break;
                    }
                }
            } else {
                // one document (pretty-printed): streamed as a whole; an error ends it
                try (JsonParser parser = JSON.createParser(reader)) {
                    readValues(parser, strings, counted, sawResourceSpans);
                } catch (JsonProcessingException e) {
                    long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                    problems.add(file + ":" + line + ": malformed OTLP JSON: " + e.getOriginalMessage()
                            + "; the spans before it were read");
                }
            }
        } catch (IOException e) {
            throw new TraceLoadException(file, "cannot read: " + e.getMessage());
        }
        if (!sawResourceSpans[0] && problems.isEmpty()) {
            throw new TraceLoadException(file, startsLikeJson(file) ? "no OTLP spans: no object in it has \"resourceSpans\""
                    + " or \"scopeSpans\"" : "not OTLP JSON: no line of it holds an OTLP object (OTLP protobuf files are"
                    + " not read; export OTLP JSON, e.g. the Collector's file exporter or the SDK's logging-otlp exporter)");
        }
        return new Result(spans[0], List.copyOf(problems));
    }

    private static final int MAX_LINE_CHARS = 64 * 1024 * 1024;
    private static final String TOO_LONG = new String("a line over the limit"); // compared by identity

    /** The next line without its terminator, TOO_LONG for a line over the limit (skipped), null at the end. */
    private static String readLine(BufferedReader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        boolean tooLong = false;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (!tooLong) {
                line.append((char) c);
                if (line.length() > MAX_LINE_CHARS) {
                    tooLong = true;
                    line.setLength(0);
                }
            }
        }
        if (c == -1 && line.length() == 0 && !tooLong) {
            return null;
        }
        return tooLong ? TOO_LONG : line.toString();
    }

    /** Whether the first non-blank line is a whole JSON value by itself (JSON lines) rather than the start of a document. */
    private static boolean oneValuePerLine(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            do {
                line = readLine(reader);
            } while (line != null && line != TOO_LONG && line.isBlank());
            if (line == null || line == TOO_LONG) {
                return line == TOO_LONG;
            }
            if (!line.stripLeading().startsWith("{")) {
                return true; // a log: the OTLP objects are on lines of their own, after a prefix
            }
            try (JsonParser parser = JSON.createParser(line)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return false;
                }
                parser.skipChildren();
                return true; // the object closed on its own line
            } catch (JsonProcessingException e) {
                return false;
            }
        }
    }

    private static void readValues(JsonParser parser, Interner strings, Consumer<Span> sink, boolean[] saw) throws IOException {
        while (parser.nextToken() != null) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new JsonProcessingException("expected a TracesData object, found " + parser.currentToken(),
                        parser.currentLocation()) {
                };
            }
            readResourceSpans(parser, strings, sink, saw);
        }
    }

    /**
     * The JSON object a line holds: the line itself, or what follows a log prefix ("[otel.javaagent
     * ...] INFO ...OtlpJsonLoggingSpanExporter - {...}"); null for a line that holds no JSON object.
     */
    private static String jsonPart(String line) {
        int brace = line.indexOf("{\"");
        return brace < 0 ? null : brace == 0 ? line : line.substring(brace);
    }

    private static boolean startsLikeJson(Path file) {
        try {
            return firstCharacter(file) == '{';
        } catch (IOException e) {
            return false;
        }
    }

    private static int firstCharacter(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            do {
                c = reader.read();
            } while (c != -1 && (Character.isWhitespace(c) || c == '\uFEFF'));
            return c;
        }
    }

    /**
     * A {@code TracesData} object ({@code {"resourceSpans": [...]}}) or one {@code ResourceSpans}
     * object by itself ({@code {"resource": ..., "scopeSpans": [...]}}, as the SDK's OTLP JSON
     * logging exporter writes a line).
     */
    private static void readResourceSpans(JsonParser p, Interner strings, Consumer<Span> sink, boolean[] saw) throws IOException {
        String service = null;
        List<Map<String, String>> pending = new ArrayList<>(); // spans read before the resource (field order is free)
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("resourceSpans") && p.currentToken() == JsonToken.START_ARRAY) {
                saw[0] = true;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    readResourceSpans(p, strings, sink, saw);
                }
            } else if (field.equals("resource") && p.currentToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if (f.equals("attributes")) {
                        service = strings.of(readAttributes(p).get("service.name"));
                    } else {
                        p.skipChildren();
                    }
                }
            } else if ((field.equals("scopeSpans") || field.equals("instrumentationLibrarySpans"))
                    && p.currentToken() == JsonToken.START_ARRAY) {
                saw[0] = true;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        p.nextToken();
                        if (f.equals("spans") && p.currentToken() == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                pending.add(readSpan(p));
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        for (Map<String, String> raw : pending) {
            Span span = toSpan(raw, service, strings);
            if (span != null) {
                sink.accept(span);
            }
        }
    }

    /** The span's fields and attributes in one map (fields under their OTLP names, attributes under theirs). */
    private static Map<String, String> readSpan(JsonParser p) throws IOException {
        Map<String, String> raw = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "traceId", "spanId", "parentSpanId", "name", "startTimeUnixNano", "endTimeUnixNano" -> {
                    if (value.isScalarValue()) {
                        raw.put("$" + field, p.getValueAsString());
                    } else {
                        p.skipChildren();
                    }
                }
                case "attributes" -> raw.putAll(readAttributes(p));
                default -> p.skipChildren();
            }
        }
        return raw;
    }

    /** {@code [{"key": k, "value": {"stringValue": v}}, ...]}: scalar values as text, others skipped. */
    private static Map<String, String> readAttributes(JsonParser p) throws IOException {
        Map<String, String> attributes = new HashMap<>();
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return attributes;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String key = null;
            String value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("key")) {
                    key = p.getValueAsString();
                } else if (field.equals("value") && p.currentToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        p.nextToken();
                        if (p.currentToken().isScalarValue()) {
                            value = p.getValueAsString();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (key != null && value != null) {
                attributes.put(key, value);
            }
        }
        return attributes;
    }

    private static Span toSpan(Map<String, String> raw, String service, Interner strings) {
        String traceId = raw.get("$traceId");
        long spanId = id(raw.get("$spanId"));
        if (traceId == null || traceId.isEmpty() || spanId == 0) {
            return null;
        }
        long start = number(raw.get("$startTimeUnixNano"));
        long end = number(raw.get("$endTimeUnixNano"));
        String dbSystem = first(raw, "db.system.name", "db.system");
        String statement = first(raw, "db.query.text", "db.statement");
        String method = first(raw, "http.request.method", "http.method");
        String url = first(raw, "url.full", "http.url");
        String function = raw.get("code.function.name");
        if (function == null && raw.get("code.function") != null) {
            String namespace = raw.get("code.namespace");
            function = namespace == null ? raw.get("code.function") : namespace + "." + raw.get("code.function");
        }
        String line = first(raw, "code.line.number", "code.lineno");
        int lineNumber = 0;
        try {
            lineNumber = line == null ? 0 : Integer.parseInt(line);
        } catch (NumberFormatException e) {
            lineNumber = 0;
        }
        return new Span(strings.of(traceId), spanId, id(raw.get("$parentSpanId")), strings.of(raw.get("$name")), start, end,
                strings.of(dbSystem), strings.of(SqlShapes.shape(statement)),
                method != null && url != null && dbSystem == null ? strings.of(method + " " + url.replaceAll("\\?.*", "")) : null,
                strings.of(function), strings.of(first(raw, "code.file.path", "code.filepath")), lineNumber, service);
    }

    private static String first(Map<String, String> raw, String key, String older) {
        String value = raw.get(key);
        return value != null ? value : raw.get(older);
    }

    private static long id(String hex) {
        if (hex == null || hex.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(hex.length() > 16 ? hex.substring(hex.length() - 16) : hex, 16);
        } catch (NumberFormatException e) {
            return hex.hashCode() | 1L; // not hex (some exporters write base64): still an id, consistently
        }
    }

    private static long number(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One instance per distinct string of a file: statements and names repeat in every trace. */
    private static final class Interner {
        private final Map<String, String> seen = new HashMap<>();

        String of(String s) {
            return s == null ? null : seen.computeIfAbsent(s, k -> k);
        }
    }
}
