package dev.perflens.lsp;

import dev.perflens.protocol.PerflensClientProtocol;
import org.eclipse.lsp4j.services.LanguageClient;

/** The client as the server sees it: standard LSP plus the perflens/* notifications. */
public interface PerflensLanguageClient extends LanguageClient, PerflensClientProtocol {
}
