package dev.perflens.engine.text;

/**
 * A span of a document. Offsets and columns count UTF-16 code units (Java chars), lines
 * and columns are zero-based: the same convention as LSP, so converters copy numbers.
 */
public record TextRange(int offset, int length, int startLine, int startColumn, int endLine, int endColumn) {

    public int end() {
        return offset + length;
    }

    public boolean overlaps(int otherStartLine, int otherStartColumn, int otherEndLine, int otherEndColumn) {
        boolean startsAfterOther = compare(startLine, startColumn, otherEndLine, otherEndColumn) > 0;
        boolean endsBeforeOther = compare(endLine, endColumn, otherStartLine, otherStartColumn) < 0;
        return !startsAfterOther && !endsBeforeOther;
    }

    private static int compare(int lineA, int columnA, int lineB, int columnB) {
        return lineA != lineB ? Integer.compare(lineA, lineB) : Integer.compare(columnA, columnB);
    }
}
