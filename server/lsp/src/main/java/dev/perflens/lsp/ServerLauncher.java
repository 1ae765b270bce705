package dev.perflens.lsp;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.launch.LSPLauncher;

/** Builds a server with its Guice wiring and connects it to a pair of streams. */
public final class ServerLauncher {
    private final PerflensLanguageServer server;
    private final Launcher<PerflensLanguageClient> launcher;

    private ServerLauncher(InputStream in, OutputStream out) {
        Injector injector = Guice.createInjector(new ServerModule());
        this.server = injector.getInstance(PerflensLanguageServer.class);
        ExecutorService messages = Executors.newCachedThreadPool(dev.perflens.lsp.DaemonThreads.named("perflens-jsonrpc"));
        this.launcher = new FramedBuilder(in)
                .setLocalService(server)
                .setRemoteInterface(PerflensLanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(messages)
                .create();
        server.connect(launcher.getRemoteProxy());
    }

    /** LSP4J's builder with its stream reader replaced by one that reads each frame whole first. */
    private static final class FramedBuilder extends LSPLauncher.Builder<PerflensLanguageClient> {
        private final InputStream in;
        private MessageJsonHandler json;
        private RemoteEndpoint endpoint;

        FramedBuilder(InputStream in) {
            this.in = in;
        }

        @Override
        protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
            json = jsonHandler;
            endpoint = super.createRemoteEndpoint(jsonHandler);
            return endpoint;
        }

        @Override
        protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader, MessageConsumer consumer,
                PerflensLanguageClient proxy) {
            return super.createMessageProcessor(
                    new FramedMessageProducer(in, FrameReader.DEFAULT_MAX_BODY, json, endpoint), consumer, proxy);
        }
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
