package dev.perflens.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * The edits of one fix for one finding, computed against a given text. Edits are sorted by
 * offset and do not overlap, so they can be applied back to front.
 */
public record ProposedFix(Finding finding, Path file, String title, List<TextEdit> edits) {
    public ProposedFix {
        edits = List.copyOf(edits);
    }

    /** How many lines the fix touches: per edit, the larger of the lines it removes and adds. */
    public int changedLines(String original) {
        int total = 0;
        for (TextEdit edit : edits) {
            String removed = original.substring(edit.offset(), edit.offset() + edit.length());
            total += Math.max(lineCount(removed), lineCount(edit.newText()));
        }
        return total;
    }

    private static int lineCount(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int lines = (int) text.chars().filter(c -> c == '\n').count();
        return text.endsWith("\n") ? lines : lines + 1;
    }

    /** The text after the edits. */
    public String applyTo(String original) {
        StringBuilder out = new StringBuilder(original);
        for (int i = edits.size() - 1; i >= 0; i--) {
            TextEdit edit = edits.get(i);
            out.replace(edit.offset(), edit.offset() + edit.length(), edit.newText());
        }
        return out.toString();
    }
}
