package dev.perflens.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a profile file of either format: JFR when it starts with the JFR magic bytes, collapsed stacks otherwise. */
public final class ProfileReader {
    private ProfileReader() {
    }

    /** The file names Perflens treats as profiles when it looks for them in a folder. */
    public static boolean isProfileName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jfr") || name.endsWith(".collapsed") || name.endsWith(".folded");
    }

    public static Profile read(Path file) throws ProfileLoadException {
        if (Files.isDirectory(file)) {
            throw new ProfileLoadException(file, "is a folder, not a profile (.jfr or .collapsed file)");
        }
        if (!Files.isReadable(file)) {
            throw new ProfileLoadException(file, Files.exists(file) ? "cannot be read (permissions)" : "no such file");
        }
        if (!Files.isRegularFile(file)) {
            // A device (/dev/zero), pipe or socket never ends: reading it would only fill the heap.
            throw new ProfileLoadException(file, "not a regular file (a device, pipe or socket); a profile is a .jfr or"
                    + " .collapsed file");
        }
        boolean jfr;
        try {
            jfr = JfrReader.hasMagic(file);
        } catch (IOException e) {
            throw new ProfileLoadException(file, "cannot read: " + e.getMessage(), e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (jfr || name.endsWith(".jfr")) {
            return JfrReader.read(file); // a .jfr without the magic bytes gets the JFR reader's explanation
        }
        return CollapsedStackReader.read(file);
    }
}
