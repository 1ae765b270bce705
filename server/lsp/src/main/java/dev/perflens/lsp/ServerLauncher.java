package dev.perflens.lsp;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;

/** Builds a server with its Guice wiring and connects it to a pair of streams. */
public final class ServerLauncher {
    private final PerflensLanguageServer server;
    private final Launcher<PerflensLanguageClient> launcher;

    private ServerLauncher(InputStream in, OutputStream out) {
        Injector injector = Guice.createInjector(new ServerModule());
        this.server = injector.getInstance(PerflensLanguageServer.class);
        ExecutorService messages = Executors.newCachedThreadPool(dev.perflens.lsp.DaemonThreads.named("perflens-jsonrpc"));
        this.launcher = new LSPLauncher.Builder<PerflensLanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(PerflensLanguageClient.class)
                .setInput(new ResyncingInputStream(in))
                .setOutput(out)
                .setExecutorService(messages)
                .create();
        server.connect(launcher.getRemoteProxy());
    }

    public static ServerLauncher create(InputStream in, OutputStream out) {
        return new ServerLauncher(in, out);
    }

    public PerflensLanguageServer server() {
        return server;
    }

    /** Starts reading messages; the future completes when the input ends. */
    public Future<Void> startListening() {
        return launcher.startListening();
    }
}
