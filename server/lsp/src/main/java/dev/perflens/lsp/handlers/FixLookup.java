package dev.perflens.lsp.handlers;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.ProposedFix;
import dev.perflens.lsp.analysis.AnalysisService;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import dev.perflens.protocol.FindingRef;
import jakarta.inject.Inject;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/** Finds the fix a FindingRef names, in the document version it names, or says why not. */
public final class FixLookup {
    public record Found(OpenDocument document, ProposedFix fix) {
    }

    private final DocumentStore documents;
    private final AnalysisService analysis;

    @Inject
    public FixLookup(DocumentStore documents, AnalysisService analysis) {
        this.documents = documents;
        this.analysis = analysis;
    }

    public Found find(FindingRef ref, Cancellation cancellation) {
        if (ref == null || ref.getUri() == null || ref.getKey() == null) {
            throw error(ResponseErrorCode.InvalidParams, "expected a Perflens finding reference (uri, version, key)");
        }
        OpenDocument document = documents.get(ref.getUri())
                .orElseThrow(() -> error(ResponseErrorCode.InvalidParams, "the document is not open: " + ref.getUri()));
        if (ref.getVersion() != null && ref.getVersion() != document.version()) {
            throw error(ResponseErrorCode.ContentModified, "the document changed since this finding was reported"
                    + " (version " + ref.getVersion() + ", now " + document.version() + "); ask for code actions again");
        }
        ProposedFix fix = analysis.fix(document, ref.getKey(), cancellation)
                .orElseThrow(() -> error(ResponseErrorCode.InvalidParams,
                        "no fix for " + ref.getKey() + " in this version of the document"));
        return new Found(document, fix);
    }

    private static ResponseErrorException error(ResponseErrorCode code, String message) {
        return new ResponseErrorException(new ResponseError(code, message, null));
    }
}
