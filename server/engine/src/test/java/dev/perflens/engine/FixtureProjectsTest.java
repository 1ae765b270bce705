package dev.perflens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.inject.Guice;
import dev.perflens.engine.testing.ExpectedFindings;
import dev.perflens.engine.workspace.ParseEnvironment;
import dev.perflens.engine.workspace.ProjectLayout;
import dev.perflens.engine.workspace.WorkspaceClasspath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture project is analysed as a whole; findings must match its PERF markers exactly. */
class FixtureProjectsTest {
    static final Path PROJECTS = Path.of("../../fixtures/projects");

    static Stream<Path> projects() throws IOException {
        try (Stream<Path> list = Files.list(PROJECTS)) {
            return list.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("projects")
    void findingsMatchMarkers(Path project) throws IOException {
        Engine engine = Guice.createInjector(new EngineModule()).getInstance(Engine.class);
        ProjectLayout layout = ProjectLayout.discover(project);
        List<Path> files = layout.javaFiles();
        assertFalse(files.isEmpty(), "no Java files in " + project);

        TreeMap<String, List<String>> expected = new TreeMap<>();
        for (Path file : files) {
            expected.put(file.getFileName().toString(),
                    ExpectedFindings.in(Files.readString(file, StandardCharsets.UTF_8)));
        }
        TreeMap<String, List<String>> actual = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        // a Maven or Gradle fixture's markers include findings on its dependencies' types: resolve them as perflens check does
        WorkspaceClasspath.Resolved classpath = WorkspaceClasspath.resolve(project.toAbsolutePath().normalize(), m -> { },
                dev.perflens.engine.workspace.BuildToolPolicy.SYSTEM);
        assertEquals(null, classpath.error(), "Maven classpath of " + project);
        engine.analyzeAll(files, ParseEnvironment.of(layout, classpath.entries()), Cancellation.NONE, analysis -> {
            List<String> entries = new ArrayList<>();
            analysis.findings().forEach(f -> entries.add(ExpectedFindings.entry(f.range().startLine(), f.ruleId())));
            entries.sort(null);
            actual.put(analysis.file().getFileName().toString(), entries);
            problems.addAll(analysis.problems());
        });
        assertEquals(List.of(), problems, "fixture projects must parse cleanly");
        assertEquals(expected, actual);
    }
}
