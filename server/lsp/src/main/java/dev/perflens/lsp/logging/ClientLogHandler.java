package dev.perflens.lsp.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.eclipse.lsp4j.LogTraceParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.TraceValue;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Forwards the server's log to the client: records at or above the configured level as
 * {@code window/logMessage}, and, while the client has turned tracing on with
 * {@code $/setTrace}, the server's execution as {@code $/logTrace} (verbose adds details).
 */
public final class ClientLogHandler extends Handler {
    private final LanguageClient client;
    private volatile Level messageLevel = Level.INFO;
    private volatile String trace = TraceValue.Off;
    private final ThreadLocal<Boolean> forwarding = ThreadLocal.withInitial(() -> false);
    /**
     * Records are sent from one thread of this handler's own: a thread that logs may be
     * interrupted (a canceled analysis), and must not be the one writing to the connection.
     */
    private final java.util.concurrent.BlockingQueue<Runnable> outbox = new java.util.concurrent.ArrayBlockingQueue<>(1000);
    private final Thread sender;

    public ClientLogHandler(LanguageClient client) {
        this.client = client;
        setLevel(Level.ALL);
        setFormatter(ServerLog.LINE_FORMAT);
        sender = new Thread(this::send, "perflens-log-forwarder");
        sender.setDaemon(true);
        sender.start();
    }

    private void send() {
        try {
            while (true) {
                Runnable message = outbox.take();
                forwarding.set(true);
                try {
                    message.run();
                } catch (RuntimeException e) {
                    // the connection is gone; the file log still has the record
                } finally {
                    forwarding.set(false);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void setMessageLevel(Level level) {
        this.messageLevel = level;
    }

    public void setTrace(String trace) {
        this.trace = trace == null ? TraceValue.Off : trace;
    }

    public String trace() {
        return trace;
    }

    @Override
    public void publish(LogRecord record) {
        if (!record.getLoggerName().startsWith("dev.perflens") || forwarding.get()) {
            return; // only our own records; never recurse through the connection's own logging
        }
        String text = ServerLog.shortName(record.getLoggerName()) + ": " + ServerLog.message(getFormatter(), record);
        if (record.getLevel().intValue() >= messageLevel.intValue()) {
            MessageParams message = new MessageParams(type(record.getLevel()), text);
            outbox.offer(() -> client.logMessage(message)); // a full outbox drops: the file log keeps all
        }
        boolean traced = TraceValue.Verbose.equals(trace)
                || (TraceValue.Messages.equals(trace) && record.getLevel().intValue() >= Level.INFO.intValue());
        if (traced) {
            LogTraceParams params = new LogTraceParams(text,
                    TraceValue.Verbose.equals(trace) ? getFormatter().format(record) : null);
            outbox.offer(() -> client.logTrace(params));
        }
    }

    private static MessageType type(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) {
            return MessageType.Error;
        }
        if (level.intValue() >= Level.WARNING.intValue()) {
            return MessageType.Warning;
        }
        return level.intValue() >= Level.INFO.intValue() ? MessageType.Info : MessageType.Log;
    }

    /** "error", "warning", "info", "debug" as in the perflens.log.level setting. */
    public static Level parseLevel(String name) {
        return switch (name == null ? "" : name) {
            case "error" -> Level.SEVERE;
            case "warning" -> Level.WARNING;
            case "debug" -> Level.FINE;
            default -> Level.INFO;
        };
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        sender.interrupt();
    }
}
