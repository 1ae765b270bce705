package dev.perflens.evidence.source;

import java.nio.file.Path;

/**
 * Where a stack frame lands in the workspace: the file, the line (1-based) and the declaration
 * that holds it.
 */
public record SourcePoint(Path file, int line, Declaration declaration) {
}
