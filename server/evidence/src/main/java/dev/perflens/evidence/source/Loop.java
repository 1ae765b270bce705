package dev.perflens.evidence.source;

/**
 * A loop (for, for-each, while, do) or a lambda passed to forEach, by lines (1-based) and offsets.
 */
public record Loop(int startOffset, int endOffset, int startLine, int endLine) {
    public boolean containsOffset(int offset) {
        return offset >= startOffset && offset < endOffset;
    }
}
