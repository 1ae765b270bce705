package dev.perflens.lsp;

import jakarta.inject.Singleton;

/** What the connected client supports; set once at initialize. */
@Singleton
public final class ClientSession {
    private volatile ClientFeatures features = ClientFeatures.NONE;
    private volatile org.eclipse.lsp4j.services.LanguageClient client;

    public org.eclipse.lsp4j.services.LanguageClient client() {
        return client;
    }

    public void setClient(org.eclipse.lsp4j.services.LanguageClient client) {
        this.client = client;
    }

    public ClientFeatures features() {
        return features;
    }

    public void setFeatures(ClientFeatures features) {
        this.features = features;
    }
}
