package dev.perflens.lsp;

import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Where the connection is in the LSP lifecycle. Before {@code initialize} requests get
 * ServerNotInitialized and notifications are dropped; after {@code shutdown} requests get
 * InvalidRequest, as the specification asks.
 */
@Singleton
public final class Lifecycle {
    private static final Logger LOG = Logger.getLogger(Lifecycle.class.getName());
    private volatile boolean initialized;
    private volatile boolean shutdown;

    public void markInitialized() {
        initialized = true;
    }

    public void markShutdown() {
        shutdown = true;
    }

    public boolean isShutdown() {
        return shutdown;
    }

    /** Call first in every request except initialize. */
    public void checkRequest(String method) {
        if (!initialized) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.ServerNotInitialized,
                    method + " before initialize: send initialize first", null));
        }
        if (shutdown) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest,
                    method + " after shutdown: the server only accepts exit now", null));
        }
    }

    /** Call first in every notification except exit; false means drop it. */
    public boolean acceptsNotification(String method) {
        if (!initialized || shutdown) {
            LOG.warning(method + " " + (initialized ? "after shutdown" : "before initialize") + ", ignored");
            return false;
        }
        return true;
    }
}
