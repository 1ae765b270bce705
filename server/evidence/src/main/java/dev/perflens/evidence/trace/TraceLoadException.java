package dev.perflens.evidence.trace;

import java.nio.file.Path;

/** A trace file that cannot be used at all: missing, not a regular file, empty, or not OTLP JSON. */
public final class TraceLoadException extends Exception {
    public TraceLoadException(Path file, String message) {
        super(file + ": " + message);
    }
}
