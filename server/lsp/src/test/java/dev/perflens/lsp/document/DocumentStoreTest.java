package dev.perflens.lsp.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DocumentStoreTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "insert in line|ab\\ncd|0|1|0|1|X|aXb\\ncd",
            "replace across lines|ab\\ncd|0|1|1|1|Y|aYd",
            "crlf line ends|ab\\r\\ncd|1|0|1|2|Z|ab\\r\\nZ",
            "column past the end clamps to the line|ab\\ncd|0|9|0|9|!|ab!\\ncd",
            "line past the end appends|ab|5|0|5|0|!|ab!",
            "surrogate pair counts two units|a\uD83D\uDE00b|0|3|0|4|c|a\uD83D\uDE00c"})
    void incrementalChangesUseUtf16Positions(String name, String text, int startLine, int startColumn, int endLine,
                                             int endColumn, String insert, String expected) {
        TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(
                new Range(new Position(startLine, startColumn), new Position(endLine, endColumn)), insert);
        assertEquals(unescape(expected), DocumentStore.apply(unescape(text), change));
    }

    @Test
    void changesToUnopenedDocumentsAreIgnored() {
        DocumentStore store = new DocumentStore();
        assertTrue(store.change("file:///nope/A.java", 2, List.of(new TextDocumentContentChangeEvent("x"))).isEmpty());
        store.open("file:///w/A.java", "java", 1, "class A {}");
        assertEquals("class B {}", store.change("file:///w/A.java", 2,
                List.of(new TextDocumentContentChangeEvent("class B {}"))).orElseThrow().text());
        assertEquals(2, store.get("file:///w/A.java").orElseThrow().version());
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\r", "\r");
    }
}
