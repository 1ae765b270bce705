package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.engine.workspace.GradleBuild;
import dev.perflens.engine.workspace.GradleClasspath;
import dev.perflens.engine.workspace.MavenClasspath;
import dev.perflens.lsp.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perflens check} on a Gradle multi-project build with a version catalog, where no Gradle
 * is installed: the build files are read, the catalog's libraries are found in ~/.m2, and the
 * findings on Jackson and SLF4J types appear exactly as the fixture marks them; without resolution
 * they do not. The tree stays as it was.
 */
class GradleCheckTest {
    private static final Pattern LINE = Pattern.compile("^(\\S+):(\\d+):(\\d+): \\w+ ([a-z-]+) .+");

    private static Set<String> findings(String out) {
        Set<String> found = new TreeSet<>();
        for (String line : out.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                found.add(m.group(1) + ":" + m.group(2) + ":" + m.group(4));
            }
        }
        return found;
    }

    @Test
    void catalogDependenciesAreFoundWithoutGradleAndTheLibraryRulesFire(@TempDir Path temp) throws IOException {
        assertTrue(MavenClasspath.onPath("gradle").isEmpty(), "this test shows the reader working where no Gradle is installed");
        Path project = temp.resolve("gradle-catalog-service");
        Fixtures.copyTree(Fixtures.GRADLE_CATALOG_SERVICE, project);
        Map<String, byte[]> before = CheckTrustTest.snapshot(project);
        Set<String> expected = CheckCommandTest.expectedFromMarkersUnder(Fixtures.GRADLE_CATALOG_SERVICE);
        assertEquals(Set.of("app/src/main/java/com/example/catalog/app/PriceFeed.java:16:logging-concat",
                "core/src/main/java/com/example/catalog/core/PriceFormatter.java:14:expensive-object-per-call"), expected);

        CheckCommandTest.Run cold = CheckCommandTest.run(project.toString(), "--fail-on", "none");
        assertEquals(0, cold.status(), cold.err());
        assertTrue(cold.err().contains("classpath: 4 entries for 3 declared dependencies of the Gradle build"
                + " gradle-catalog-service (3 projects), from the local repository"), cold.err());
        assertTrue(cold.err().contains("Gradle not run"), cold.err());
        assertEquals(expected, findings(cold.out()), cold.err());
        assertTrue(cold.err().contains("2 findings (2 info) in 2 of 3 files"), "the srcDir folder's file is analysed: " + cold.err());

        CheckCommandTest.Run warm = CheckCommandTest.run(project.toString(), "--fail-on", "none");
        assertTrue(warm.err().contains("from the cache " + GradleClasspath.cacheFile(GradleBuild.read(project))), warm.err());
        assertEquals(expected, findings(warm.out()));

        CheckCommandTest.Run unresolved = CheckCommandTest.run(project.toString(), "--fail-on", "none", "--no-resolve");
        assertEquals(Set.of(), findings(unresolved.out()), "both findings need a library type");
        CheckTrustTest.assertSameTree(before, CheckTrustTest.snapshot(project));
        assertFalse(Files.exists(project.resolve("build")), "no build/ folder");
    }
}
