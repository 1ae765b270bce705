package dev.perflens.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perflens.engine.ProposedFix;
import dev.perflens.engine.TextEdit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineDiffTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a\\nb\\nc\\n|a\\nB\\nc\\n",
            "a\\nb\\nc\\n|a\\nc\\n",
            "a\\nb\\n|a\\nb\\nc\\n",
            "|x\\n",
            "x\\n|''",
            "a\\r\\nb\\r\\n|a\\r\\nb2\\r\\n",
            "a\\nb|a\\nb\\n",
            "same\\n|same\\n"})
    void editsReproduceTheNewText(String before, String after) {
        String oldText = unescape(before);
        String newText = unescape(after);
        List<TextEdit> edits = LineDiff.between(oldText, newText).edits();
        assertEquals(newText, new ProposedFix(null, null, "t", edits).applyTo(oldText));
    }

    @Test
    void randomTextsRoundTrip() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            String oldText = randomLines(random);
            String newText = randomLines(random);
            List<TextEdit> edits = LineDiff.between(oldText, newText).edits();
            assertEquals(newText, new ProposedFix(null, null, "t", edits).applyTo(oldText), "round " + round);
        }
    }

    @Test
    void unifiedDiffHasHunksWithContext() {
        String oldText = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n";
        String newText = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nFIFTEEN\n16\n";
        assertEquals("""
                --- a/F.java
                +++ b/F.java
                @@ -1,5 +1,5 @@
                 1
                -2
                +TWO
                 3
                 4
                 5
                @@ -12,5 +12,5 @@
                 12
                 13
                 14
                -15
                +FIFTEEN
                 16
                """, LineDiff.between(oldText, newText).unified("a/F.java", "b/F.java"));
    }

    private static String randomLines(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(12);
        for (int i = 0; i < lines; i++) {
            text.append((char) ('a' + random.nextInt(4)));
            text.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        if (random.nextBoolean()) {
            text.append("tail");
        }
        return text.toString();
    }

    private static String unescape(String s) {
        return s == null ? "" : s.replace("\\n", "\n").replace("\\r", "\r");
    }
}
