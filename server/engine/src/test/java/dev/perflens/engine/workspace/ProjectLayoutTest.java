package dev.perflens.engine.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLayoutTest {
    @TempDir
    Path dir;

    private void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void mavenModulesContributeTheirMainAndTestRoots() throws IOException {
        write("a/src/main/java/p/A.java", "package p; class A {}");
        write("a/src/test/java/p/ATest.java", "package p; class ATest {}");
        write("b/src/main/java/q/B.java", "package q; class B {}");
        write("b/target/generated/Ignored.java", "class Ignored {}");
        write("b/.hidden/Hidden.java", "class Hidden {}");
        ProjectLayout layout = ProjectLayout.discover(dir);
        assertEquals(List.of(dir.resolve("a/src/main/java"), dir.resolve("a/src/test/java"), dir.resolve("b/src/main/java")),
                layout.sourceRoots().stream().sorted().toList());
        assertEquals(3, layout.javaFiles().size());
    }

    @Test
    void withoutConventionsPackagesGiveTheRoots() throws IOException {
        write("org/example/util/Strings.java", "/* header */\npackage org.example.util;\nclass Strings {}");
        write("Loose.java", "class Loose {}");
        write("misplaced/Wrong.java", "package somewhere.else; class Wrong {}");
        ProjectLayout layout = ProjectLayout.discover(dir);
        assertEquals(List.of(dir, dir.resolve("misplaced")), layout.sourceRoots());
        assertEquals(3, layout.javaFiles().size());
    }
}
