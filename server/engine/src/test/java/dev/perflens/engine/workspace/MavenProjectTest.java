package dev.perflens.engine.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MavenProjectTest {
    private static void pom(Path dir, String body) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pom.xml"), "<?xml version=\"1.0\"?>\n"
                + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + body + "</project>");
    }

    private static List<String> relative(Path root, List<Path> paths) {
        return paths.stream().map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
    }

    /** Each row: the folders that exist (';'-separated), the build section, the source roots read. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "src/main/java;src/test/java | | src/main/java;src/test/java",
        "src/main/java | | src/main/java",
        "java;tests | <build><sourceDirectory>java</sourceDirectory><testSourceDirectory>tests</testSourceDirectory></build> | java;tests",
        "code | <build><sourceDirectory>${project.basedir}/code</sourceDirectory></build> | code",
        "src/main/java;target/generated-sources/annotations;target/generated-test-sources/test-annotations | | src/main/java;target/generated-sources/annotations;target/generated-test-sources/test-annotations",
        "gen | <build><sourceDirectory>${gen.dir}</sourceDirectory></build> | ''",
    })
    void sourceRootsOfOneModule(String folders, String build, String expected, @TempDir Path root) throws IOException {
        for (String folder : folders.split(";")) {
            Files.createDirectories(root.resolve(folder));
        }
        pom(root, build == null ? "" : build);
        MavenProject project = MavenProject.read(root);
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(";")), relative(root, project.sourceRoots()));
    }

    @Test
    void modulesAreReadRecursivelyIncludingProfilesAndSkipBrokenPoms(@TempDir Path root) throws IOException {
        pom(root, "<modules><module>api</module><module>services</module></modules>"
                + "<profiles><profile><modules><module>extra</module></modules></profile></profiles>");
        pom(root.resolve("api"), "");
        Files.createDirectories(root.resolve("api/src/main/java"));
        pom(root.resolve("services"), "<modules><module>orders/pom.xml</module><module>broken</module></modules>");
        pom(root.resolve("services/orders"), "<build><sourceDirectory>src</sourceDirectory></build>");
        Files.createDirectories(root.resolve("services/orders/src"));
        Files.createDirectories(root.resolve("services/broken/src/main/java"));
        Files.writeString(root.resolve("services/broken/pom.xml"), "<project><unclosed></project>");
        pom(root.resolve("extra"), "");
        Files.createDirectories(root.resolve("extra/src/test/java"));

        MavenProject project = MavenProject.read(root);
        assertEquals(List.of("pom.xml", "api/pom.xml", "services/pom.xml", "services/orders/pom.xml",
                "services/broken/pom.xml", "extra/pom.xml"), relative(root, project.poms()));
        assertEquals(List.of("api/src/main/java", "services/orders/src", "extra/src/test/java"),
                relative(root, project.sourceRoots()));
        // the layout adds conventional folders the poms do not declare (the broken module's)
        assertTrue(relative(root, ProjectLayout.discover(root).sourceRoots()).containsAll(
                List.of("api/src/main/java", "services/orders/src", "extra/src/test/java", "services/broken/src/main/java")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'' | false",
        "<dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies> | true",
        "<parent><groupId>g</groupId><artifactId>p</artifactId><version>1</version></parent> | true",
        "<modules><module>a</module></modules> | true",
    })
    void projectsWithoutDependenciesNeedNoMaven(String body, boolean declares, @TempDir Path root) throws IOException {
        pom(root, body);
        pom(root.resolve("a"), "<dependencies><dependency><groupId>g</groupId><artifactId>b</artifactId>"
                + "<version>1</version></dependency></dependencies>");
        MavenProject project = MavenProject.read(root);
        assertEquals(declares, project.declaresDependencies());
        if (!declares) {
            MavenClasspath.Result result = MavenClasspath.resolve(project, java.time.Duration.ofSeconds(1), m -> {
                throw new AssertionError("Maven must not run: " + m);
            });
            assertEquals(MavenClasspath.NO_DEPENDENCIES, result.how());
            assertEquals(List.of(), result.entries());
        }
    }

    @Test
    void cacheKeyFollowsEveryPomsContent(@TempDir Path root) throws IOException {
        pom(root, "<modules><module>a</module></modules>");
        pom(root.resolve("a"), "<dependencies/>");
        Path before = MavenClasspath.cacheFile(MavenProject.read(root));
        assertEquals(before, MavenClasspath.cacheFile(MavenProject.read(root)), "same poms, same key");
        assertTrue(before.startsWith(UserCache.root()) && !before.startsWith(root), "outside the project: " + before);
        assertTrue(before.getFileName().toString().matches("classpath-[0-9a-f]{64}\\.txt"), before.toString());
        pom(root.resolve("a"), "<dependencies></dependencies>");
        assertNotEquals(before, MavenClasspath.cacheFile(MavenProject.read(root)), "a module's pom changed");
    }

    @Test
    void cachedClasspathIsReadBackWithoutRunningMaven(@TempDir Path root) throws IOException {
        pom(root, "<dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies>");
        MavenProject project = MavenProject.read(root);
        Path cache = MavenClasspath.cacheFile(project);
        Files.createDirectories(cache.getParent());
        String joined = "/repo/a.jar" + java.io.File.pathSeparator + "/repo/b.jar\n";
        Files.writeString(cache, joined);
        MavenClasspath.Result result = MavenClasspath.resolve(project, java.time.Duration.ofSeconds(1), m -> {
            throw new AssertionError("Maven must not run: " + m);
        });
        assertEquals("cache", result.how());
        assertEquals(List.of(Path.of("/repo/a.jar"), Path.of("/repo/b.jar")), result.entries());
    }
}
