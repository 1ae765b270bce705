package dev.perflens.evidence.trace;

/**
 * One span as far as Perflens reads it: its place in the trace, its timing, and the few
 * attributes that say what it did (a database statement, an HTTP call) and where in the code it
 * ran (OpenTelemetry's {@code code.*} attributes). Strings are interned by the reader: traces
 * repeat the same names and statements many times.
 *
 * @param traceId     the trace's id (hex)
 * @param spanId      the span's id, as a number (OTLP span ids are 8 bytes)
 * @param parentId    the parent span's id, 0 for a root span
 * @param name        the span's name
 * @param startNanos  start, Unix epoch nanoseconds
 * @param endNanos    end, Unix epoch nanoseconds
 * @param dbSystem    {@code db.system.name} or {@code db.system}; null for a span that is not a database call
 * @param dbStatement the statement with its literals and IN lists normalised ({@link SqlShapes}); null when not given
 * @param httpCall    "GET https://host/path" of an HTTP client span; null otherwise
 * @param function    the fully qualified method ({@code code.function.name}, or {@code code.namespace}.{@code code.function}); null when not given
 * @param file        {@code code.file.path} / {@code code.filepath}; null when not given
 * @param line        {@code code.line.number} / {@code code.lineno}; 0 when not given
 * @param service     the resource's {@code service.name}; null when not given
 */
public record Span(String traceId, long spanId, long parentId, String name, long startNanos, long endNanos,
                   String dbSystem, String dbStatement, String httpCall, String function, String file, int line,
                   String service) {

    public long durationNanos() {
        return Math.max(0, endNanos - startNanos);
    }

    public boolean isDatabaseCall() {
        return dbSystem != null;
    }
}
