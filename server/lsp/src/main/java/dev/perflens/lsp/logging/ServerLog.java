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

    /** The longest message a record keeps: libraries log whole message bodies (document text) on errors. */
    public static final int MAX_MESSAGE = 2000;
    private static final int MAX_TRACE_LINE = 300;
    private static final int MAX_TRACE_LINES = 60;

    /** One line per record: time, level, logger, message, and the stack trace if any, each shortened. */
    public static final Formatter LINE_FORMAT = new Formatter() {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder()
                    .append(record.getInstant()).append(' ').append(record.getLevel().getName()).append(' ')
                    .append(shortName(record.getLoggerName())).append(": ").append(message(this, record)).append('\n');
            if (record.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                String[] lines = trace.toString().split("\n", MAX_TRACE_LINES + 1);
                for (int i = 0; i < Math.min(lines.length, MAX_TRACE_LINES); i++) {
                    line.append(shorten(lines[i], MAX_TRACE_LINE)).append('\n');
                }
                if (lines.length > MAX_TRACE_LINES) {
                    line.append("\t... (trace shortened)\n");
                }
            }
            return line.toString();
        }
    };

    /** The record's formatted message, shortened to {@link #MAX_MESSAGE} characters. */
    public static String message(Formatter formatter, LogRecord record) {
        return shorten(formatter.formatMessage(record), MAX_MESSAGE);
    }

    /** The text itself when short, else its first {@code max} characters and how many were left out. */
    public static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "... (" + (text.length() - max) + " more characters)";
    }

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
                privateFolder(folder);
                FileHandler file = new PrivateFileHandler(folder, LIMIT_BYTES, FILES);
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

    /**
     * Creates the folder readable by the user alone (0700), or makes an existing one so; refuses a
     * folder that is a symbolic link or belongs to someone else (the temp-folder fallback is shared).
     */
    static void privateFolder(Path folder) throws IOException {
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(folder, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
        if (Files.isSymbolicLink(folder) || !Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(folder + " is not a plain folder");
        }
        if (posix) {
            if (!Files.getOwner(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
                throw new IOException(folder + " belongs to another user");
            }
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * A rotating file handler whose files are readable by the user alone: each file is created
     * 0600 before the handler opens it, and again after every rotation (which creates a new one).
     */
    static final class PrivateFileHandler extends FileHandler {
        private final Path folder;

        PrivateFileHandler(Path folder, int limit, int count) throws IOException {
            super(prepare(folder, count), limit, count, true);
            this.folder = folder;
        }

        private static String prepare(Path folder, int count) throws IOException {
            for (int generation = 0; generation < count; generation++) {
                restrict(folder.resolve("perflens-" + generation + ".log"), true);
            }
            return folder.resolve("perflens-%g.log").toString();
        }

        @Override
        protected synchronized void setOutputStream(java.io.OutputStream out) {
            super.setOutputStream(out);
            if (folder != null) { // null while the super constructor opens the first file, prepared above
                try (var files = Files.newDirectoryStream(folder, "perflens-*.log*")) {
                    for (Path file : files) {
                        restrict(file, false);
                    }
                } catch (IOException e) {
                    // the folder itself is 0700
                }
            }
        }

        private static void restrict(Path file, boolean create) throws IOException {
            if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return;
            }
            var owner = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
            if (create && !Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(owner));
            } else if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(file, owner);
            }
        }
    }

    static Path stateFolder() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path state = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return state.resolve("perflens").resolve("logs");
    }
}
