package dev.perflens.engine.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where Perflens keeps what it can compute again: {@code $XDG_CACHE_HOME/perflens}, else
 * {@code ~/.cache/perflens}; never inside the folder being analysed, so that a read-only command
 * leaves the user's tree as it was. The system property {@code perflens.cache.dir} overrides both
 * (the build's tests use it to keep their caches under {@code target/}).
 */
public final class UserCache {
    private UserCache() {
    }

    public static Path root() {
        String property = System.getProperty("perflens.cache.dir");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "perflens");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "perflens");
    }

    /** A folder of the cache for one analysed folder: its last name and a hash of its absolute path. */
    public static Path forFolder(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        String name = absolute.getFileName() == null ? "root" : absolute.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return root().resolve("folders").resolve(name + "-" + sha256(absolute.toString()).substring(0, 16));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
