package dev.perflens.lsp.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The server's log: a rotating file a user can attach to a report, plus stderr (which editors
 * show in their output panel). The file is {@code $XDG_STATE_HOME/perflens/logs/perflens-N.log}
 * (or {@code ~/.local/state/...}; the system temp folder when neither can be written), 5 MB
 * per file, 3 files, newest first.
 */
public final class ServerLog {
    private static final int LIMIT_BYTES = 5 * 1024 * 1024;
    private static final int FILES = 3;

    private ServerLog() {
    }

    /** One line per record: time, level, logger, message, and the stack trace if any. */
    public static final Formatter LINE_FORMAT = new Formatter() {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder()
                    .append(record.getInstant()).append(' ').append(record.getLevel().getName()).append(' ')
                    .append(shortName(record.getLoggerName())).append(": ").append(formatMessage(record)).append('\n');
            if (record.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    };

    static String shortName(String logger) {
        return logger == null ? "" : logger.substring(logger.lastIndexOf('.') + 1);
    }

    /** Sets up the file log and a one-line stderr format; returns the folder of the log files, if any. */
    public static Path install() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            handler.setFormatter(LINE_FORMAT);
        }
        for (Path folder : new Path[] {stateFolder(), Path.of(System.getProperty("java.io.tmpdir"),
                "perflens-" + System.getProperty("user.name"), "logs")}) {
            try {
                Files.createDirectories(folder);
                FileHandler file = new FileHandler(folder.resolve("perflens-%g.log").toString(), LIMIT_BYTES, FILES, true);
                file.setFormatter(LINE_FORMAT);
                file.setLevel(Level.ALL);
                root.addHandler(file);
                Logger.getLogger(ServerLog.class.getName()).info("log file: " + folder.resolve("perflens-0.log"));
                return folder;
            } catch (IOException | RuntimeException e) {
                Logger.getLogger(ServerLog.class.getName()).warning("cannot write the log in " + folder + ": " + e.getMessage());
            }
        }
        return null;
    }

    static Path stateFolder() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path state = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return state.resolve("perflens").resolve("logs");
    }
}
