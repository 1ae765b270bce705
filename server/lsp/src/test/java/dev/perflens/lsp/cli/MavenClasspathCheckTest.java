package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.engine.workspace.MavenClasspath;
import dev.perflens.engine.workspace.MavenProject;
import dev.perflens.lsp.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perflens check} on a Maven project with dependencies runs the real
 * {@code mvn dependency:build-classpath}: the findings on Jackson and SLF4J types appear only with
 * the resolved classpath, and {@code --no-resolve} or a failing Maven leaves them out.
 */
class MavenClasspathCheckTest {
    private static final Path FIXTURE = Fixtures.JDBC_JACKSON_SERVICE;
    private static final Pattern LINE = Pattern.compile("^(\\S+):(\\d+):(\\d+): \\w+ ([a-z-]+) .+");
    /** Rules whose findings here need a library type (ObjectMapper, org.slf4j.Logger). */
    private static final Set<String> LIBRARY_RULES = Set.of("expensive-object-per-call", "logging-concat");

    private static Path copy(Path into) throws IOException {
        Fixtures.copyTree(FIXTURE, into);
        return into;
    }

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
    void resolvedClasspathMakesTheLibraryRulesFireAndIsCached(@TempDir Path temp) throws IOException {
        Path project = copy(temp.resolve("service"));
        Set<String> expected = CheckCommandTest.expectedFromMarkers(FIXTURE);
        assertTrue(expected.stream().anyMatch(e -> LIBRARY_RULES.contains(e.substring(e.lastIndexOf(':') + 1))),
                "the fixture must mark findings on library types");

        CheckCommandTest.Run first = CheckCommandTest.run(project.toString(), "--fail-on", "none");
        assertEquals(0, first.status(), first.err());
        Path mvn = MavenClasspath.onPath("mvn").orElseThrow();
        assertTrue(first.err().contains("entries from " + mvn + " -o "), "resolved by running the installed Maven: " + first.err());
        assertEquals(expected, findings(first.out()), first.err());
        Path cache = MavenClasspath.cacheFile(MavenProject.read(project));
        assertTrue(cache.startsWith(dev.perflens.engine.workspace.UserCache.root()), "cached in the user cache: " + cache);
        assertTrue(Files.isRegularFile(cache), cache.toString());
        String cached = Files.readString(cache);
        assertTrue(cached.contains("jackson-databind-2.18.2.jar") && cached.contains("slf4j-api-2.0.17.jar"), cached);
        assertFalse(Files.exists(project.resolve("target")), "Maven's run left no target/ in the project");
        assertFalse(Files.exists(project.resolve(".perflens")), "no cache in the project");

        CheckCommandTest.Run again = CheckCommandTest.run(project.toString(), "--fail-on", "none");
        assertTrue(again.err().contains("entries from the cache " + cache), again.err());
        assertEquals(expected, findings(again.out()));
    }

    @Test
    void withoutResolutionTheLibraryRulesStaySilent(@TempDir Path temp) throws IOException {
        Path project = copy(temp.resolve("service"));
        Set<String> withoutLibraries = new TreeSet<>(CheckCommandTest.expectedFromMarkers(FIXTURE));
        withoutLibraries.removeIf(e -> LIBRARY_RULES.contains(e.substring(e.lastIndexOf(':') + 1)));
        assertFalse(withoutLibraries.isEmpty(), "the JDBC finding needs only the JDK");

        CheckCommandTest.Run run = CheckCommandTest.run(project.toString(), "--no-resolve", "--fail-on", "none");
        assertEquals(withoutLibraries, findings(run.out()), run.err());
        assertFalse(Files.exists(MavenClasspath.cacheFile(MavenProject.read(project))), "nothing resolved, nothing cached");
    }

    @Test
    void anUnresolvableDependencyIsNamedAndTheRestIsStillUsed(@TempDir Path temp) throws IOException {
        Path project = copy(temp.resolve("service"));
        Files.writeString(project.resolve("pom.xml"), Files.readString(project.resolve("pom.xml"))
                .replace("<version>2.18.2</version>", "<version>0.0.0-no-such-version</version>"));
        CheckCommandTest.Run run = CheckCommandTest.run(project.toString(), "--fail-on", "none", "--format", "sarif");
        assertTrue(run.err().contains("0.0.0-no-such-version"), "Maven's own reason is shown: " + run.err());
        assertTrue(run.err().contains("perflens check: warning: dependency not found, rules on its types stay silent: "
                + "com.fasterxml.jackson.core:jackson-databind:0.0.0-no-such-version"), run.err());
        assertTrue(run.err().matches("(?s).*classpath: [1-9]\\d* entries from the declared coordinates in the local repository.*"),
                "the dependencies that were found are used: " + run.err());
        var sarif = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        var notifications = sarif.at("/runs/0/invocations/0/toolExecutionNotifications");
        assertTrue(notifications.toString().contains("jackson-databind:0.0.0-no-such-version"), notifications.toString());
        Set<String> rules = new TreeSet<>();
        sarif.at("/runs/0/results").forEach(r -> rules.add(r.get("ruleId").asText()));
        assertTrue(rules.contains("query-in-loop"), rules.toString());
        assertTrue(rules.contains("logging-concat"), "SLF4J resolved, so its rule fires: " + rules);
        assertFalse(rules.contains("expensive-object-per-call"), "Jackson did not: " + rules);
    }

    @Test
    void explicitClasspathOptionIsUsedWithoutMaven(@TempDir Path temp) throws IOException {
        Path project = copy(temp.resolve("service"));
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        List<Path> jars = List.of(
                m2.resolve("com/fasterxml/jackson/core/jackson-databind/2.18.2/jackson-databind-2.18.2.jar"),
                m2.resolve("com/fasterxml/jackson/core/jackson-core/2.18.2/jackson-core-2.18.2.jar"));
        CheckCommandTest.Run run = CheckCommandTest.run(project.toString(), "--no-resolve", "--fail-on", "none",
                "--classpath", jars.get(0) + java.io.File.pathSeparator + jars.get(1));
        Set<String> found = findings(run.out());
        assertTrue(found.stream().anyMatch(f -> f.endsWith("expensive-object-per-call")), run.out() + run.err());
        assertTrue(found.stream().noneMatch(f -> f.endsWith("logging-concat")), "slf4j is not on this classpath");
    }
}
