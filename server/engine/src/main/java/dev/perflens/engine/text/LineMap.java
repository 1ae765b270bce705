package dev.perflens.engine.text;

import java.util.Arrays;

/**
 * Maps between character offsets and (line, column) positions of one text. Lines end at
 * "\n", "\r\n" or a lone "\r", as LSP specifies. Columns are UTF-16 code units.
 */
public final class LineMap {
    private final int[] lineStarts;
    private final int length;

    public LineMap(CharSequence text) {
        int[] starts = new int[16];
        int count = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
        this.length = n;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** Zero-based line containing {@code offset} (clamped into the text). */
    public int line(int offset) {
        int clamped = Math.max(0, Math.min(offset, length));
        int index = Arrays.binarySearch(lineStarts, clamped);
        return index >= 0 ? index : -index - 2;
    }

    public int column(int offset) {
        int clamped = Math.max(0, Math.min(offset, length));
        return clamped - lineStarts[line(clamped)];
    }

    public int lineStart(int line) {
        return lineStarts[Math.max(0, Math.min(line, lineStarts.length - 1))];
    }

    /** End of the line's content, before its line break. */
    public int lineEnd(int line, CharSequence text) {
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] : length;
        while (end > lineStart(line) && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    /**
     * Offset of an LSP-style position. A line past the end maps to the end of the text and
     * a column past the end of its line maps to the end of that line, as LSP asks clients to expect.
     */
    public int offset(int line, int column, CharSequence text) {
        if (line < 0) {
            return 0;
        }
        if (line >= lineStarts.length) {
            return length;
        }
        int start = lineStarts[line];
        int end = lineEnd(line, text);
        return Math.max(start, Math.min(start + Math.max(0, column), end));
    }

    public TextRange range(int offset, int length) {
        int end = offset + length;
        return new TextRange(offset, length, line(offset), column(offset), line(end), column(end));
    }
}
