package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.engine.workspace.MavenClasspath;
import dev.perflens.lsp.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perflens check} on a folder from elsewhere: it leaves the tree byte for byte as it was
 * (no cache, no target/), never runs the folder's own ./mvnw unless --trust is given, and says
 * what it ran.
 */
class CheckTrustTest {
    /** Every file and folder under {@code root}, with the bytes of the files (folders map to an empty array). */
    static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String name = root.relativize(path).toString() + (Files.isDirectory(path) ? "/" : "");
                tree.put(name, Files.isDirectory(path) ? new byte[0] : Files.readAllBytes(path));
            }
        }
        return tree;
    }

    static void assertSameTree(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet(), "files and folders");
        before.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, after.get(name)), "content of " + name));
    }

    private static Path wrapper(Path project, Path mark) throws IOException {
        Path wrapper = project.resolve("mvnw");
        Files.writeString(wrapper, "#!/bin/sh\necho ran >> '" + mark + "'\nexec mvn \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return wrapper;
    }

    @Test
    void checkLeavesTheTreeByteForByteUnchangedAndNeverRunsTheWrapperWithoutTrust(@TempDir Path temp) throws IOException {
        Path project = temp.resolve("downloaded");
        Fixtures.copyTree(Fixtures.JDBC_JACKSON_SERVICE, project);
        Path mark = temp.resolve("wrapper-ran");
        wrapper(project, mark);
        Map<String, byte[]> before = snapshot(project);

        for (String format : new String[] {"text", "json", "sarif"}) {
            CheckCommandTest.Run run = CheckCommandTest.run(project.toString(), "--fail-on", "none", "--format", format);
            assertEquals(0, run.status(), run.err());
            assertTrue(run.err().contains(format.equals("text")
                    ? "./mvnw not run (it is the project's own script and the folder is not trusted)"
                    : "entries from the cache "), run.err());
            assertSameTree(before, snapshot(project));
        }
        Path mvn = MavenClasspath.onPath("mvn").orElseThrow();
        CheckCommandTest.Run first = CheckCommandTest.run(project.toString(), "--fail-on", "none", "--no-resolve");
        assertSameTree(before, snapshot(project));
        assertFalse(first.err().contains("classpath:"), "--no-resolve resolves nothing: " + first.err());
        assertFalse(Files.exists(mark), "the wrapper must not run without --trust");

        // with --trust the folder's wrapper runs, and the summary names it
        MavenClasspath.cacheFile(dev.perflens.engine.workspace.MavenProject.read(project)).toFile().delete();
        CheckCommandTest.Run trusted = CheckCommandTest.run(project.toString(), "--fail-on", "none", "--trust");
        assertTrue(Files.exists(mark), "--trust runs ./mvnw: " + trusted.err());
        assertTrue(trusted.err().contains("entries from " + project.resolve("mvnw") + " -o "), trusted.err());
        assertFalse(trusted.err().contains("entries from " + mvn), trusted.err());
        Map<String, byte[]> after = snapshot(project);
        after.keySet().removeIf(name -> name.equals("target/")); // a wrapper may do what it likes; Perflens asked for nothing
        assertSameTree(before, after);
    }

    @Test
    void withoutMavenTheLocalRepositoryServesThePomsCoordinates(@TempDir Path temp) throws IOException {
        Path project = temp.resolve("service");
        Fixtures.copyTree(Fixtures.JDBC_JACKSON_SERVICE, project);
        // the policy of an untrusted folder: nothing runs at all
        dev.perflens.engine.workspace.WorkspaceClasspath.Resolved resolved =
                dev.perflens.engine.workspace.WorkspaceClasspath.resolveMaven(project, m -> {
                    throw new AssertionError("nothing may run: " + m);
                }, dev.perflens.engine.workspace.BuildToolPolicy.NONE);
        assertEquals(null, resolved.error(), resolved.summary().orElse(""));
        assertTrue(resolved.entries().stream().anyMatch(p -> p.endsWith("jackson-databind-2.18.2.jar")), resolved.entries().toString());
        assertTrue(resolved.entries().stream().anyMatch(p -> p.endsWith("jackson-core-2.18.2.jar")),
                "transitive, through the pom in ~/.m2: " + resolved.entries());
        assertTrue(resolved.entries().stream().anyMatch(p -> p.endsWith("slf4j-api-2.0.17.jar")), resolved.entries().toString());
        assertTrue(resolved.summary().orElse("").contains("nothing run"), resolved.summary().orElse(""));
    }
}
