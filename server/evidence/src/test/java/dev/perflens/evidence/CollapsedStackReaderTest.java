package dev.perflens.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollapsedStackReaderTest {
    static final Path FIXTURE = Path.of("../../fixtures/profiles/order-service.collapsed");

    private static Profile parse(String text) throws Exception {
        return CollapsedStackReader.read(Path.of("test.collapsed"), new StringReader(text), Metric.CPU);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "com/example/Foo.bar                         | com.example.Foo       | bar          | -          | 0  | -",
        "com/example/Foo.bar_[j]                     | com.example.Foo       | bar          | -          | 0  | JIT compiled",
        "com/example/Foo.bar_[i]                     | com.example.Foo       | bar          | -          | 0  | Inlined",
        "com/example/Foo.bar_[0]                     | com.example.Foo       | bar          | -          | 0  | Interpreted",
        "com/example/Foo.bar_[1]                     | com.example.Foo       | bar          | -          | 0  | C1 compiled",
        "com.example.Foo.bar                         | com.example.Foo       | bar          | -          | 0  | -",
        "com/example/Foo.bar:42                      | com.example.Foo       | bar          | -          | 42 | -",
        "com/example/Foo.bar:42_[j]                  | com.example.Foo       | bar          | -          | 42 | JIT compiled",
        "com/example/Foo.bar_[j]:42                  | com.example.Foo       | bar          | -          | 42 | JIT compiled",
        "com.example.Foo.bar(Foo.java:42)            | com.example.Foo       | bar          | -          | 42 | -",
        "com/example/Foo.bar(ILjava/lang/String;)V   | com.example.Foo       | bar          | (ILjava/lang/String;)V | 0 | -",
        "com/example/Outer$Inner$1.run_[j]           | com.example.Outer$Inner$1 | run      | -          | 0  | JIT compiled",
        "com/example/Foo.lambda$bar$0:7_[i]          | com.example.Foo       | lambda$bar$0 | -          | 7  | Inlined",
        "com/example/Foo.<init>                      | com.example.Foo       | <init>       | -          | 0  | -",
        "com/example/Foo.<clinit>_[0]                | com.example.Foo       | <clinit>     | -          | 0  | Interpreted",
    })
    void javaFrames(String text, String className, String method, String descriptor, int line, String type) {
        StackFrame frame = CollapsedStackReader.parseFrame(text.strip());
        assertEquals(className, frame.className());
        assertEquals(method, frame.methodName());
        assertEquals(descriptor, frame.descriptor());
        assertEquals(line, frame.line());
        assertEquals(type, frame.type());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "start_thread", "Thread::call_run", "do_syscall_64_[k]", "[main tid=1234]", "[unknown]",
        "__memmove_avx_unaligned_erms",
    })
    void nativeKernelAndPseudoFramesHaveNoClass(String text) {
        StackFrame frame = CollapsedStackReader.parseFrame(text);
        assertNull(frame.className(), text);
        assertTrue(!frame.isJava());
    }

    @Test
    void linesAreStacksOutermostFirstWithCounts() throws Exception {
        Profile profile = parse("""
                # a comment line
                java/lang/Thread.run_[j];com/example/App.main_[j];com/example/App.work_[j] 7

                java/lang/Thread.run_[j];com/example/App.main_[j] 3
                java/lang/Thread.run_[j];com/example/App.main_[j];com/example/App.work_[j] 5\r
                """);
        assertEquals(12 + 3, profile.totalEvents(Metric.CPU));
        assertEquals(2, profile.stackCount(), "identical stacks are stored once");
        int[] first = profile.stack(0);
        assertEquals("work", profile.frames().get(first[0]).methodName(), "innermost frame first");
        assertEquals("run", profile.frames().get(first[first.length - 1]).methodName());
        assertEquals(12, profile.weight(0, Metric.CPU));
        assertEquals(Profile.Format.COLLAPSED, profile.format());
    }

    @Test
    void threadFramesWithSpacesKeepTheCountSeparate() throws Exception {
        Profile profile = parse("[main tid=1];com/example/App.main 4\n");
        assertEquals(4, profile.totalEvents(Metric.CPU));
        assertEquals("[main tid=1]", profile.frames().get(profile.stack(0)[1]).methodName());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "com/example/App.main;com/example/App.work                  | no sample count after the stack",
        "com/example/App.main;com/example/App.work abc              | the count 'abc' is not a whole number",
        "com/example/App.main;com/example/App.work 12.5             | the count '12.5' is not a whole number",
        "com/example/App.main;com/example/App.work -3               | negative count -3",
        "com/example/App.main;;com/example/App.work 3               | frame 2 is empty",
        "com/example/App.main; 3                                    | frame 2 is empty",
    })
    void malformedLinesNameTheLineAndTheProblem(String line, String problem) {
        ProfileLoadException error = assertThrows(ProfileLoadException.class,
                () -> parse("com/example/App.main 1\n" + line.strip() + "\n"));
        assertTrue(error.getMessage().startsWith("test.collapsed: line 2: malformed collapsed stack, "), error.getMessage());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
        assertTrue(error.getMessage().contains("expected 'frame;frame;frame COUNT'"), error.getMessage());
    }

    @Test
    void emptyAndBinaryFilesAreRejected(@TempDir Path folder) throws IOException {
        Path empty = Files.writeString(folder.resolve("empty.collapsed"), "\n# nothing\n");
        ProfileLoadException none = assertThrows(ProfileLoadException.class, () -> CollapsedStackReader.read(empty));
        assertTrue(none.getMessage().contains("empty.collapsed: no stacks"), none.getMessage());

        Path binary = Files.write(folder.resolve("binary.collapsed"), new byte[] {'a', 0, 'b', ' ', '1', '\n'});
        ProfileLoadException notText = assertThrows(ProfileLoadException.class, () -> ProfileReader.read(binary));
        assertTrue(notText.getMessage().contains("binary.collapsed: line 1: binary content"), notText.getMessage());

        Path latin1 = Files.write(folder.resolve("latin1.collapsed"), new byte[] {'a', '.', 'b', (byte) 0xE9, ' ', '1', '\n'});
        ProfileLoadException notUtf8 = assertThrows(ProfileLoadException.class, () -> ProfileReader.read(latin1));
        assertTrue(notUtf8.getMessage().contains("not UTF-8 text"), notUtf8.getMessage());

        ProfileLoadException missing = assertThrows(ProfileLoadException.class,
                () -> ProfileReader.read(folder.resolve("missing.collapsed")));
        assertTrue(missing.getMessage().endsWith("missing.collapsed: no such file"), missing.getMessage());
    }

    @Test
    void fileNameSaysTheMetric() {
        assertEquals(Metric.ALLOCATION, CollapsedStackReader.metricFor(Path.of("app-alloc.collapsed")));
        assertEquals(Metric.LOCK, CollapsedStackReader.metricFor(Path.of("locks.collapsed")));
        assertEquals(Metric.CPU, CollapsedStackReader.metricFor(Path.of("cpu.collapsed")));
    }

    @Test
    void readsTheRecordedAsyncProfilerFixture() throws Exception {
        Profile profile = ProfileReader.read(FIXTURE);
        assertEquals(Profile.Format.COLLAPSED, profile.format());
        assertTrue(profile.totalEvents(Metric.CPU) > 100, profile.summary());
        assertTrue(profile.frames().stream().anyMatch(f -> "com.example.orders.OrderMatcher".equals(f.className())
                && f.methodName().equals("matchOrders") && "JIT compiled".equals(f.type())), "annotated frames parsed");
    }

    /** A device never ends and a line without a newline has no bound: both are refused before they fill the heap. */
    @Test
    void aDeviceOrAnEndlessLineIsRefusedWithoutReadingItWhole(@TempDir Path dir) throws Exception {
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            long started = System.nanoTime();
            ProfileLoadException device = assertThrows(ProfileLoadException.class, () -> ProfileReader.read(zero));
            assertTrue(device.getMessage().contains("not a regular file"), device.getMessage());
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "refused at once");
        }
        Path longLine = dir.resolve("one-line.collapsed");
        Files.writeString(longLine, "a;".repeat(CollapsedStackReader.MAX_LINE_CHARS) + " 1\n");
        ProfileLoadException line = assertThrows(ProfileLoadException.class, () -> ProfileReader.read(longLine));
        assertTrue(line.getMessage().contains("line 1 is longer than 1 MiB"), line.getMessage());
        Path windows = dir.resolve("crlf.collapsed");
        Files.writeString(windows, "com/example/A.a;com/example/B.b 3\r\ncom/example/A.a 2\r\n");
        Profile read = ProfileReader.read(windows);
        assertEquals(5, read.totalEvents(Metric.CPU));
        assertEquals(2, read.stackCount());
    }
}
