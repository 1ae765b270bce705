package dev.perflens.lsp.benchmark;

import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * One work-done progress ($/progress begin, report, end). The token is the client's own when it
 * sent one with the request; otherwise the server creates one with window/workDoneProgress/create,
 * if the client supports that. Without either, every call does nothing.
 */
public final class WorkDoneProgress {
    private static final Logger LOG = Logger.getLogger(WorkDoneProgress.class.getName());
    private final LanguageClient client;
    private final Either<String, Integer> token;
    private boolean begun;
    private boolean ended;
    private boolean cancellable = true;
    private int percent;

    private WorkDoneProgress(LanguageClient client, Either<String, Integer> token) {
        this.client = client;
        this.token = token;
    }

    public static WorkDoneProgress none() {
        return new WorkDoneProgress(null, null);
    }

    public static WorkDoneProgress open(LanguageClient client, Either<String, Integer> clientToken, boolean clientSupportsCreate,
                                 String serverToken) {
        if (client == null) {
            return none();
        }
        if (clientToken != null) {
            return new WorkDoneProgress(client, clientToken);
        }
        if (!clientSupportsCreate) {
            return none();
        }
        Either<String, Integer> token = Either.forLeft(serverToken);
        try {
            client.createProgress(new WorkDoneProgressCreateParams(token)).get(10, TimeUnit.SECONDS);
            return new WorkDoneProgress(client, token);
        } catch (Exception e) {
            LOG.info("the client did not create the progress " + serverToken + ": " + e);
            return none();
        }
    }

    Either<String, Integer> token() {
        return token;
    }

    synchronized void begin(String title, String message) {
        begin(title, message, true);
    }

    /** Starts the progress; {@code cancellable} false for work a user cannot stop (it ends by itself). */
    public synchronized void begin(String title, String message, boolean cancellable) {
        if (token == null || begun) {
            return;
        }
        begun = true;
        WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
        begin.setTitle(title);
        this.cancellable = cancellable;
        begin.setCancellable(cancellable);
        begin.setMessage(message);
        begin.setPercentage(0);
        client.notifyProgress(new ProgressParams(token, Either.forLeft(begin)));
    }

    public synchronized void report(String message, int percentage) {
        if (token == null || !begun || ended) {
            return;
        }
        percent = Math.max(percent, Math.min(100, percentage));
        WorkDoneProgressReport report = new WorkDoneProgressReport();
        report.setMessage(message);
        report.setPercentage(percent);
        report.setCancellable(cancellable);
        client.notifyProgress(new ProgressParams(token, Either.forLeft(report)));
    }

    public synchronized void end(String message) {
        if (token == null || !begun || ended) {
            return;
        }
        ended = true;
        WorkDoneProgressEnd end = new WorkDoneProgressEnd();
        end.setMessage(message);
        client.notifyProgress(new ProgressParams(token, Either.forLeft(end)));
    }
}
