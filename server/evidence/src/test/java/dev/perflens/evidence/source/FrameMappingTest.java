package dev.perflens.evidence.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perflens.evidence.StackFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Frames as the JVM names them land on the declarations and lines javac compiled them from. */
class FrameMappingTest {
    /** Line numbers in the comments are what the assertions below refer to. */
    static final String SOURCE = """
            package com.example;

            import java.util.List;

            public class Shapes {
                static final List<String> NAMES = List.of("a", "b");   // line 6: <clinit>, no static block

                private final int[] sizes = new int[16];                 // line 8: instance field initializer

                public Shapes() {                                        // line 10
                    sizes[0] = 1;
                }

                public Shapes(int first) {                               // line 14
                    sizes[0] = first;
                }

                double area(int side) {                                  // line 18
                    return side * side;
                }

                double area(int width, int height) {                     // line 22
                    return width * height;
                }

                void each(List<String> names) {                          // line 26
                    names.forEach(name -> {
                        System.out.println(name);                        // line 28: lambda$each$0
                    });
                    Runnable r = new Runnable() {                        // line 30: Shapes$1
                        @Override
                        public void run() {
                            System.out.println("run");                   // line 33
                        }
                    };
                    class Local {                                        // line 36: Shapes$1Local
                        void go() {
                            System.out.println("go");                    // line 38
                        }
                    }
                    new Local().go();
                    r.run();
                }

                static class Circle {                                    // line 45: Shapes$Circle
                    double radius;

                    double area() {                                      // line 48
                        return Math.PI * radius * radius;
                    }

                    class Arc {                                          // line 52: Shapes$Circle$Arc
                        double length() {                                // line 53
                            return radius;
                        }
                    }
                }

                enum Kind {
                    ROUND {                                              // line 60: Shapes$Kind$1
                        int corners() {
                            return 0;                                    // line 62
                        }
                    };

                    int corners() {
                        return 4;
                    }
                }
            }

            class Helper {                                               // line 72: a second top-level type
                static int twice(int x) {
                    return 2 * x;                                        // line 74
                }
            }
            """;

    @TempDir
    Path workspace;
    private WorkspaceSources sources;
    private Path file;

    @BeforeEach
    void writeSource() throws IOException {
        Path root = workspace.resolve("src/main/java");
        file = root.resolve("com/example/Shapes.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, SOURCE);
        sources = WorkspaceSources.of(List.of(root));
    }

    @ParameterizedTest(name = "{0}.{1}:{3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // class                            | method        | descriptor  | line | declaration key                      | mapped line
        "com.example.Shapes                 | area          | (I)D        | 19   | com.example.Shapes#area#0            | 19",
        "com.example.Shapes                 | area          | (II)D       | 23   | com.example.Shapes#area#1            | 23",
        "com.example.Shapes                 | <init>        | ()V         | 11   | com.example.Shapes#<init>#0          | 11",
        "com.example.Shapes                 | <init>        | (I)V        | 15   | com.example.Shapes#<init>#1          | 15",
        "com.example.Shapes                 | <init>        | ()V         | 8    | com.example.Shapes#<type>#0          | 8",
        "com.example.Shapes                 | <clinit>      | ()V         | 6    | com.example.Shapes#<type>#0          | 6",
        "com.example.Shapes                 | lambda$each$0 | -           | 28   | com.example.Shapes#each#0            | 28",
        "com.example.Shapes$1               | run           | ()V         | 33   | com.example.Shapes$1#run#0           | 33",
        "com.example.Shapes$1Local          | go            | ()V         | 38   | com.example.Shapes$1Local#go#0       | 38",
        "com.example.Shapes$Circle          | area          | ()D         | 49   | com.example.Shapes$Circle#area#0     | 49",
        "com.example.Shapes$Circle$Arc      | length        | ()D         | 54   | com.example.Shapes$Circle$Arc#length#0 | 54",
        "com.example.Shapes$Kind$1          | corners       | ()I         | 62   | com.example.Shapes$Kind$1#corners#0  | 62",
        "com.example.Helper                 | twice         | (I)I        | 74   | com.example.Helper#twice#0           | 74",
    })
    void framesWithLineNumbersLandOnTheirDeclaration(String className, String method, String descriptor, int line,
                                                     String key, int mappedLine) {
        SourcePoint point = sources.resolve(new StackFrame(className, method, descriptor, line, "JIT compiled"))
                .orElseThrow(() -> new AssertionError("no source for " + className + "." + method));
        assertEquals(file, point.file());
        assertEquals(key, point.declaration().key());
        assertEquals(mappedLine, point.line());
    }

    @ParameterizedTest(name = "{0}.{1} without line")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "com.example.Shapes                 | area          | (II)D | com.example.Shapes#area#1            | 22",
        "com.example.Shapes                 | area          | -     | com.example.Shapes#area#0            | 18",
        "com.example.Shapes                 | <init>        | (I)V  | com.example.Shapes#<init>#1          | 14",
        "com.example.Shapes                 | <clinit>      | -     | com.example.Shapes#<type>#0          | 5",
        "com.example.Shapes                 | lambda$each$0 | -     | com.example.Shapes#each#0            | 26",
        "com.example.Shapes$1               | run           | -     | com.example.Shapes$1#run#0           | 32",
        "com.example.Shapes$1Local          | go            | -     | com.example.Shapes$1Local#go#0       | 37",
        "com.example.Shapes$Circle$Arc      | length        | -     | com.example.Shapes$Circle$Arc#length#0 | 53",
        "com.example.Shapes$Kind$1          | corners       | -     | com.example.Shapes$Kind$1#corners#0  | 61",
        "com.example.Shapes$Kind            | corners       | -     | com.example.Shapes$Kind#corners#0    | 66",
    })
    void framesWithoutLinesLandOnTheDeclarationByName(String className, String method, String descriptor, String key,
                                                      int declarationLine) {
        SourcePoint point = sources.resolve(new StackFrame(className, method, descriptor, 0, null)).orElseThrow();
        assertEquals(key, point.declaration().key());
        assertEquals(declarationLine, point.line());
    }

    @Test
    void aLineThatMovedToAnotherMethodFallsBackToTheName() {
        // the profile was taken before an edit: line 23 is now in area(int, int), the frame says each
        SourcePoint point = sources.resolve(new StackFrame("com.example.Shapes", "each", "(Ljava/util/List;)V", 23, null))
                .orElseThrow();
        assertEquals("com.example.Shapes#each#0", point.declaration().key());
        assertEquals(26, point.line(), "the stale line is replaced by the declaration's");
    }

    @ParameterizedTest
    @CsvSource({
        "java.util.ArrayList, indexOf",
        "com.example.Missing, run",
        "com.example.Shapes$$Lambda$14/0x0000000800c03000, accept",
        "com.example.Shapes$$EnhancerByCGLIB$$1, area",
    })
    void jdkLibraryAndGeneratedClassesMapNowhere(String className, String method) {
        assertEquals(Optional.empty(), sources.resolve(new StackFrame(className, method, null, 10, null)));
    }

    @Test
    void nativeFramesMapNowhere() {
        assertTrue(sources.resolve(new StackFrame(null, "start_thread", null, 0, "Native")).isEmpty());
    }

    @Test
    void outlineNamesTypesAsJavacDoes() {
        SourceOutline outline = sources.outline(file).orElseThrow();
        assertEquals(List.of("com.example.Shapes", "com.example.Helper"), outline.topLevelTypes());
        List<String> types = outline.declarations().stream()
                .filter(d -> d.kind() == Declaration.Kind.TYPE).map(Declaration::typeName).toList();
        assertEquals(List.of("com.example.Shapes", "com.example.Shapes$1", "com.example.Shapes$1Local",
                "com.example.Shapes$Circle", "com.example.Shapes$Circle$Arc", "com.example.Shapes$Kind",
                "com.example.Shapes$Kind$1", "com.example.Helper"), types);
        Declaration area = outline.declarationNamed("com.example.Shapes$Circle", "area", "()D").orElseThrow();
        assertEquals("Shapes.Circle.area", area.displayName());
        assertEquals(48, area.startLine());
        assertEquals(50, area.endLine());
        assertEquals(47, area.nameRange().startLine(), "zero-based like LSP");
    }

    @Test
    void descriptorParameterCounts() {
        assertEquals(0, SourceOutline.parameterCount("()V"));
        assertEquals(3, SourceOutline.parameterCount("(I[Ljava/lang/String;J)V"));
        assertEquals(2, SourceOutline.parameterCount("([[I[D)Ljava/util/List;"));
    }
}
