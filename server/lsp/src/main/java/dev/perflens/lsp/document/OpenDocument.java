package dev.perflens.lsp.document;

import dev.perflens.engine.text.LineMap;
import java.nio.file.Path;

/** One version of an open document: immutable, so analysis can run on it while edits arrive. */
public record OpenDocument(String uri, Path path, String languageId, int version, String text, LineMap lines) {

    public OpenDocument(String uri, Path path, String languageId, int version, String text) {
        this(uri, path, languageId, version, text, new LineMap(text));
    }

    public boolean isJava() {
        return "java".equals(languageId) || path.toString().endsWith(".java");
    }
}
