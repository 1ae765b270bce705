package dev.perflens.lsp.document;

import dev.perflens.engine.text.LineMap;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** The text and version of every open document, as the client last sent it. */
@jakarta.inject.Singleton
public final class DocumentStore {
    private static final Logger LOG = Logger.getLogger(DocumentStore.class.getName());
    private final Map<String, OpenDocument> documents = new ConcurrentHashMap<>();

    public OpenDocument open(String uri, String languageId, int version, String text) {
        if (documents.containsKey(uri)) {
            LOG.warning("didOpen for " + uri + ", which is already open: its text is replaced");
        }
        OpenDocument document = new OpenDocument(uri, toPath(uri), languageId, version, text);
        documents.put(uri, document);
        return document;
    }

    /**
     * Applies content changes in order (full or incremental). Changes to a document that is not
     * open are ignored with a log line: there is no text to apply them to.
     */
    public Optional<OpenDocument> change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        OpenDocument current = documents.get(uri);
        if (current == null) {
            LOG.warning("didChange for a document that is not open, ignored: " + uri);
            return Optional.empty();
        }
        if (version <= current.version()) {
            LOG.warning("didChange for " + uri + " with version " + version + ", not newer than "
                    + current.version() + ", ignored");
            return Optional.empty();
        }
        String text = current.text();
        for (TextDocumentContentChangeEvent change : changes) {
            text = apply(text, change);
        }
        OpenDocument updated = new OpenDocument(uri, current.path(), current.languageId(), version, text);
        documents.put(uri, updated);
        return Optional.of(updated);
    }

    static String apply(String text, TextDocumentContentChangeEvent change) {
        Range range = change.getRange();
        if (range == null) {
            return change.getText();
        }
        LineMap lines = new LineMap(text);
        int start = lines.offset(range.getStart().getLine(), range.getStart().getCharacter(), text);
        int end = lines.offset(range.getEnd().getLine(), range.getEnd().getCharacter(), text);
        if (end < start) {
            int swap = start;
            start = end;
            end = swap;
        }
        return text.substring(0, start) + change.getText() + text.substring(end);
    }

    public Optional<OpenDocument> get(String uri) {
        return Optional.ofNullable(documents.get(uri));
    }

    public java.util.Collection<OpenDocument> all() {
        return List.copyOf(documents.values());
    }

    public void close(String uri) {
        documents.remove(uri);
    }

    /** The file path of a URI; non-file URIs get a path that names them but is never read. */
    public static Path toPath(String uri) {
        try {
            URI parsed = URI.create(uri);
            if ("file".equals(parsed.getScheme())) {
                return Path.of(parsed).toAbsolutePath().normalize();
            }
            String tail = parsed.getPath() == null ? "Unnamed.java" : parsed.getPath();
            return Path.of("/", parsed.getScheme() == null ? "untitled" : parsed.getScheme(), tail);
        } catch (IllegalArgumentException e) {
            return Path.of("/invalid-uri", "Unnamed.java");
        }
    }
}
