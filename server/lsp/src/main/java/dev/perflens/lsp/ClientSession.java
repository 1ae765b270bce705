package dev.perflens.lsp;

import jakarta.inject.Singleton;

/** What the connected client supports; set once at initialize. */
@Singleton
public final class ClientSession {
    private volatile ClientFeatures features = ClientFeatures.NONE;

    public ClientFeatures features() {
        return features;
    }

    public void setFeatures(ClientFeatures features) {
        this.features = features;
    }
}
