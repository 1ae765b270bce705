package dev.perflens.engine.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code // PERF: rule-id} markers of a source: each marks one expected finding of
 * that rule on the next line. Every unmarked line is expected to stay silent.
 */
public final class ExpectedFindings {
    private static final Pattern MARKER = Pattern.compile("^\\s*// PERF: ([a-z0-9-]+)\\s*$");

    private ExpectedFindings() {
    }

    /** "line:rule-id" entries, zero-based lines, sorted. */
    public static List<String> in(String source) {
        List<String> expected = new ArrayList<>();
        String[] lines = source.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher marker = MARKER.matcher(lines[i]);
            if (marker.matches()) {
                expected.add(entry(i + 1, marker.group(1)));
            }
        }
        expected.sort(null);
        return expected;
    }

    public static String entry(int zeroBasedLine, String ruleId) {
        return String.format("%05d:%s", zeroBasedLine, ruleId);
    }
}
