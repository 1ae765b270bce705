package dev.perflens.lsp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The fixture projects, copied before a test touches them. */
public final class Fixtures {
    public static final Path JDBC_JACKSON_SERVICE = Path.of("../../fixtures/projects/jdbc-jackson-service");
    public static final Path ORDER_SERVICE = Path.of("../../fixtures/projects/order-service");
    public static final Path GRADLE_CATALOG_SERVICE = Path.of("../../fixtures/projects/gradle-catalog-service");
    public static final Path TESTED_SERVICE = Path.of("../../fixtures/projects/tested-service");

    private Fixtures() {
    }

    /** Copies a fixture, without what earlier runs left in it (target/, the .perflens/cache of a resolved classpath). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.filter(p -> !isLeftover(from.relativize(p))).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static boolean isLeftover(Path relative) {
        return relative.startsWith("target") || relative.startsWith(Path.of(".perflens", "cache"));
    }
}
