package dev.perflens.engine.text;

import dev.perflens.engine.TextEdit;
import java.util.ArrayList;
import java.util.List;

/**
 * A line diff (Myers' O(ND) algorithm) between two texts, as minimal line-granular text edits
 * and as a unified diff. Lines keep their terminators, so applying the edits reproduces the
 * new text exactly, whatever line endings it uses.
 */
public final class LineDiff {
    /** Beyond this many differing lines the diff is one replacement: cheaper and just as readable. */
    private static final int MAX_EDIT_DISTANCE = 4000;
    private static final int CONTEXT = 3;

    private enum Op { EQUAL, DELETE, INSERT }

    private record Step(Op op, int oldIndex, int newIndex) {
    }

    private final List<String> oldLines;
    private final List<String> newLines;
    private final List<Step> steps;

    private LineDiff(String oldText, String newText) {
        this.oldLines = splitKeepingTerminators(oldText);
        this.newLines = splitKeepingTerminators(newText);
        this.steps = diff(oldLines, newLines);
    }

    public static LineDiff between(String oldText, String newText) {
        return new LineDiff(oldText, newText);
    }

    static List<String> splitKeepingTerminators(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static List<Step> diff(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = Math.min(n + m, MAX_EDIT_DISTANCE);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset]))
                        ? v[k + 1 + offset] : v[k - 1 + offset] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[k + offset] = x;
                if (x >= n && y >= m) {
                    return backtrack(trace, offset, n, m, d);
                }
            }
        }
        List<Step> replaceAll = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replaceAll.add(new Step(Op.DELETE, i, 0));
        }
        for (int j = 0; j < m; j++) {
            replaceAll.add(new Step(Op.INSERT, n, j));
        }
        return replaceAll;
    }

    private static List<Step> backtrack(List<int[]> trace, int offset, int n, int m, int finalD) {
        List<Step> reversed = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = finalD; d > 0; d--) {
            int[] v = trace.get(d);
            int k = x - y;
            int previousK = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? k + 1 : k - 1;
            int previousX = v[previousK + offset];
            int previousY = previousX - previousK;
            while (x > previousX && y > previousY) {
                reversed.add(new Step(Op.EQUAL, --x, --y));
            }
            if (x == previousX) {
                reversed.add(new Step(Op.INSERT, x, --y));
            } else {
                reversed.add(new Step(Op.DELETE, --x, y));
            }
        }
        while (x > 0 && y > 0) {
            reversed.add(new Step(Op.EQUAL, --x, --y));
        }
        List<Step> steps = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            steps.add(reversed.get(i));
        }
        return steps;
    }

    /** One edit per run of changed lines, with offsets into the old text. */
    public List<TextEdit> edits() {
        int[] lineOffsets = new int[oldLines.size() + 1];
        for (int i = 0; i < oldLines.size(); i++) {
            lineOffsets[i + 1] = lineOffsets[i] + oldLines.get(i).length();
        }
        List<TextEdit> edits = new ArrayList<>();
        int i = 0;
        while (i < steps.size()) {
            if (steps.get(i).op() == Op.EQUAL) {
                i++;
                continue;
            }
            int firstOld = steps.get(i).oldIndex();
            int deleted = 0;
            StringBuilder inserted = new StringBuilder();
            while (i < steps.size() && steps.get(i).op() != Op.EQUAL) {
                Step step = steps.get(i++);
                if (step.op() == Op.DELETE) {
                    deleted++;
                } else {
                    inserted.append(newLines.get(step.newIndex()));
                }
            }
            int start = lineOffsets[firstOld];
            edits.add(new TextEdit(start, lineOffsets[firstOld + deleted] - start, inserted.toString()));
        }
        return edits;
    }

    public boolean isEmpty() {
        return steps.stream().allMatch(step -> step.op() == Op.EQUAL);
    }

    /** The diff in unified format with three lines of context, as {@code diff -u} prints it. */
    public String unified(String oldName, String newName) {
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < steps.size()) {
            if (steps.get(i).op() == Op.EQUAL) {
                i++;
                continue;
            }
            int hunkStart = Math.max(0, i - CONTEXT);
            while (hunkStart < i && steps.get(hunkStart).op() != Op.EQUAL) {
                hunkStart++;
            }
            int hunkEnd = i;
            int equalRun = 0;
            while (hunkEnd < steps.size() && equalRun <= 2 * CONTEXT) {
                equalRun = steps.get(hunkEnd).op() == Op.EQUAL ? equalRun + 1 : 0;
                hunkEnd++;
            }
            hunkEnd -= Math.max(0, equalRun - CONTEXT);
            appendHunk(out, steps.subList(hunkStart, hunkEnd));
            i = hunkEnd;
        }
        return out.toString();
    }

    private void appendHunk(StringBuilder out, List<Step> hunk) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        StringBuilder body = new StringBuilder();
        for (Step step : hunk) {
            String line;
            switch (step.op()) {
                case EQUAL -> {
                    line = " " + oldLines.get(step.oldIndex());
                    oldCount++;
                    newCount++;
                }
                case DELETE -> {
                    line = "-" + oldLines.get(step.oldIndex());
                    oldCount++;
                }
                default -> {
                    line = "+" + newLines.get(step.newIndex());
                    newCount++;
                }
            }
            if (oldStart < 0) {
                oldStart = step.oldIndex();
                newStart = step.newIndex();
            }
            body.append(stripTerminator(line)).append('\n');
            if (!line.endsWith("\n") && !line.endsWith("\r")) {
                body.append("\\ No newline at end of file\n");
            }
        }
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount))
                .append(" @@\n").append(body);
    }

    private static String range(int start, int count) {
        int oneBased = count == 0 ? start : start + 1;
        return count == 1 ? String.valueOf(oneBased) : oneBased + "," + count;
    }

    private static String stripTerminator(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }
}
