package dev.perflens.evidence;

import java.nio.file.Path;

/**
 * A profile that cannot be read: the message names the file and says what is wrong with it
 * (and where, for text formats), so it can be shown to the user as it is.
 */
public final class ProfileLoadException extends Exception {
    private final Path file;

    public ProfileLoadException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ProfileLoadException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
