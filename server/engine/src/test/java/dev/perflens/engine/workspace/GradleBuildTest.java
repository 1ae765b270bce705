package dev.perflens.engine.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gradle forms the reader understands, each in Groovy and Kotlin DSL, and what it says it did not read. */
class GradleBuildTest {
    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static GradleBuild.GradleProject project(GradleBuild build, String path) {
        return build.projects().stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void settingsCatalogAndEveryDependencyNotation(@TempDir Path root) throws IOException {
        write(root.resolve("settings.gradle"), """
                rootProject.name = 'shop'
                include 'core', ':web:api'
                include(":tools")   // a Kotlin-style call works in Groovy too
                """);
        write(root.resolve("gradle/libs.versions.toml"), """
                [versions]
                jackson = "2.18.2"
                guava = { strictly = "33.4.0-jre" }

                [libraries]
                jackson-databind = { module = "com.fasterxml.jackson.core:jackson-databind", version.ref = "jackson" }
                jackson_bom = { group = "com.fasterxml.jackson", name = "jackson-bom", version.ref = "jackson" }
                guava = { module = "com.google.guava:guava", version.ref = "guava" }
                slf4j = "org.slf4j:slf4j-api:2.0.17"   # a plain string
                commons-lang3 = { module = "org.apache.commons:commons-lang3", version = { require = "3.17.0" } }

                [bundles]
                base = ["guava", "slf4j"]
                """);
        write(root.resolve("gradle.properties"), "lang3=3.17.0\n");
        write(root.resolve("build.gradle"), """
                subprojects {
                    dependencies {
                        testImplementation 'org.junit.jupiter:junit-jupiter-api:5.11.4'
                    }
                }
                """);
        write(root.resolve("core/build.gradle"), """
                def jacksonVersion = '2.18.2'
                dependencies {
                    implementation platform(libs.jackson.bom)
                    implementation libs.jackson.databind
                    api libs.bundles.base
                    implementation "org.apache.commons:commons-lang3:${lang3}"
                    implementation "com.fasterxml.jackson.core:jackson-core:$jacksonVersion"
                    compileOnly group: 'jakarta.persistence', name: 'jakarta.persistence-api', version: '3.1.0'
                    implementation('org.example:excluded:1.0') { exclude group: 'x' }
                    implementation files('libs/local.jar')
                    implementation someComputedList()
                    // implementation 'commented:out:1.0'
                    /* implementation 'block:comment:1.0' */
                }
                sourceSets {
                    main {
                        java {
                            srcDirs = ['src/main/java', 'src/gen']
                        }
                    }
                }
                """);
        write(root.resolve("web/api/build.gradle.kts"), """
                val coroutines = "1.9.0"
                dependencies {
                    implementation(project(":core"))
                    implementation(platform("org.springframework.boot:spring-boot-dependencies:3.4.1"))
                    implementation("org.springframework:spring-web")
                    implementation(libs.commons.lang3)
                    testImplementation(group = "org.assertj", name = "assertj-core", version = "3.27.0")
                    runtimeOnly("org.jetbrains.kotlinx:kotlinx-coroutines-core:$coroutines")
                    annotationProcessor("org.projectlombok:lombok:1.18.36")
                }
                sourceSets.main { java.srcDir("src/generated/kotlin-dsl") }
                """);
        Files.createDirectories(root.resolve("core/src/gen"));
        Files.createDirectories(root.resolve("web/api/src/generated/kotlin-dsl"));

        GradleBuild build = GradleBuild.read(root);
        assertEquals("shop", build.name());
        assertEquals(List.of(":", ":core", ":web:api", ":tools"), build.projects().stream().map(GradleBuild.GradleProject::path).toList());
        assertEquals(root.resolve("web/api"), project(build, ":web:api").dir());

        GradleBuild.GradleProject core = project(build, ":core");
        assertEquals(List.of("com.fasterxml.jackson.core:jackson-databind:2.18.2", "com.google.guava:guava:33.4.0-jre",
                "org.slf4j:slf4j-api:2.0.17", "org.apache.commons:commons-lang3:3.17.0",
                "com.fasterxml.jackson.core:jackson-core:2.18.2", "jakarta.persistence:jakarta.persistence-api:3.1.0",
                "org.example:excluded:1.0", "org.junit.jupiter:junit-jupiter-api:5.11.4"), core.coordinates());
        assertEquals(List.of("com.fasterxml.jackson:jackson-bom:2.18.2"), core.platforms());
        assertEquals(List.of(root.resolve("core/src/gen")), core.sourceRoots(), "src/main/java does not exist here");

        GradleBuild.GradleProject api = project(build, ":web:api");
        assertEquals(List.of(":core"), api.projectDeps());
        assertEquals(List.of("org.springframework:spring-web", "org.apache.commons:commons-lang3:3.17.0",
                "org.assertj:assertj-core:3.27.0", "org.jetbrains.kotlinx:kotlinx-coroutines-core:1.9.0",
                "org.junit.jupiter:junit-jupiter-api:5.11.4"), api.coordinates(),
                "annotationProcessor is no compile classpath; the subprojects block applies");
        assertEquals(List.of("org.springframework.boot:spring-boot-dependencies:3.4.1"), api.platforms());
        assertEquals(List.of(root.resolve("web/api/src/generated/kotlin-dsl")), api.sourceRoots());

        assertEquals(List.of("implementation someComputedList()"), build.unread(), "what only running the script would tell");
        assertTrue(build.projects().stream().noneMatch(p -> p.coordinates().stream().anyMatch(c -> c.contains("commented"))));
    }

    @Test
    void aCatalogReferenceThatDoesNotExistIsNamed(@TempDir Path root) throws IOException {
        write(root.resolve("build.gradle.kts"), "dependencies {\n    implementation(libs.no.such.lib)\n}\n");
        write(root.resolve("gradle/libs.versions.toml"), "[libraries]\nother = \"g:a:1\"\n");
        GradleBuild build = GradleBuild.read(root);
        assertEquals(List.of("libs.no.such.lib (not in gradle/libs.versions.toml)"), build.unread());
        assertEquals(List.of(":"), build.projects().stream().map(GradleBuild.GradleProject::path).toList());
    }
}
