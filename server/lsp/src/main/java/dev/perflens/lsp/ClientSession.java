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

    private volatile dev.perflens.lsp.logging.ClientLogHandler log;

    /** Connects the client and starts forwarding the server's log to it. */
    public void setClient(org.eclipse.lsp4j.services.LanguageClient client) {
        this.client = client;
        this.log = new dev.perflens.lsp.logging.ClientLogHandler(client);
        java.util.logging.Logger.getLogger("").addHandler(log);
    }

    public dev.perflens.lsp.logging.ClientLogHandler log() {
        return log;
    }

    /** Stops forwarding the log; the connection is over. */
    public void disconnect() {
        if (log != null) {
            java.util.logging.Logger.getLogger("").removeHandler(log);
            log.close();
        }
    }

    public ClientFeatures features() {
        return features;
    }

    public void setFeatures(ClientFeatures features) {
        this.features = features;
    }
}
