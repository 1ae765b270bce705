package dev.perflens.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrReaderTest {
    static final Path FIXTURE = Path.of("../../fixtures/profiles/order-service.jfr");

    @Test
    void readsCpuAndAllocationSamplesWithFramesAndOrigin() throws Exception {
        Profile profile = ProfileReader.read(FIXTURE);
        assertEquals(Profile.Format.JFR, profile.format());
        assertEquals("order-service.jfr", profile.name());
        assertTrue(profile.totalEvents(Metric.CPU) >= 50, profile.summary());
        assertEquals(profile.totalEvents(Metric.CPU), profile.totalWeight(Metric.CPU), "one CPU sample weighs one");
        assertTrue(profile.totalEvents(Metric.ALLOCATION) > 0 && profile.totalWeight(Metric.ALLOCATION) > 0, profile.summary());
        assertNotNull(profile.start());
        assertTrue(profile.span().toMillis() > 1000, "the recording spans the run: " + profile.span());
        assertTrue(profile.origin().contains("com.example.orders.OrderServiceApp"), profile.origin());
        StackFrame hot = profile.frames().stream()
                .filter(f -> "com.example.orders.OrderMatcher".equals(f.className()) && f.methodName().equals("matchOrders"))
                .findFirst().orElseThrow();
        assertEquals("(Ljava/util/List;Ljava/util/List;)Ljava/util/List;", hot.descriptor());
        assertTrue(hot.line() > 0, "JFR keeps line numbers");
        assertTrue(profile.frames().stream().anyMatch(f -> "java.util.ArrayList".equals(f.className())));
    }

    @Test
    void truncatedRecordingNamesTheFileAndWhatIsWrong(@TempDir Path folder) throws IOException {
        byte[] full = Files.readAllBytes(FIXTURE);
        Path truncated = Files.write(folder.resolve("cut.jfr"), Arrays.copyOf(full, full.length / 2));
        ProfileLoadException error = assertThrows(ProfileLoadException.class, () -> ProfileReader.read(truncated));
        assertTrue(error.getMessage().startsWith(truncated + ": truncated JFR recording: chunk 1 at byte 0 declares "),
                error.getMessage());
        assertTrue(error.getMessage().contains("but the file ends after " + full.length / 2), error.getMessage());

        Path tiny = Files.write(folder.resolve("tiny.jfr"), Arrays.copyOf(full, 40));
        assertTrue(assertThrows(ProfileLoadException.class, () -> ProfileReader.read(tiny)).getMessage()
                .contains("less than a chunk header"));
    }

    @Test
    void aFileThatIsNotJfrIsRejected(@TempDir Path folder) throws IOException {
        Path text = Files.writeString(folder.resolve("notes.jfr"), "this is not a recording");
        ProfileLoadException error = assertThrows(ProfileLoadException.class, () -> ProfileReader.read(text));
        assertEquals(text + ": not a JFR recording: it does not start with the JFR magic bytes 'FLR\\0'",
                error.getMessage());

        Path empty = Files.write(folder.resolve("empty.jfr"), new byte[0]);
        assertEquals(empty + ": truncated JFR recording: the file holds 0 bytes, fewer than the JFR magic bytes"
                + " 'FLR\\0' (still being written or copied?)",
                assertThrows(ProfileLoadException.class, () -> ProfileReader.read(empty)).getMessage());

        ProfileLoadException folderError = assertThrows(ProfileLoadException.class, () -> ProfileReader.read(folder));
        assertTrue(folderError.getMessage().contains("is a folder"), folderError.getMessage());
    }

    @Test
    void garbageInsideAChunkIsACorruptRecordingNotACrash(@TempDir Path folder) throws IOException {
        byte[] bytes = Files.readAllBytes(FIXTURE);
        for (int i = 200; i < bytes.length - 200; i += 97) {
            bytes[i] = (byte) 0xFF;
        }
        Path corrupt = Files.write(folder.resolve("corrupt.jfr"), bytes);
        ProfileLoadException error = assertThrows(ProfileLoadException.class, () -> ProfileReader.read(corrupt));
        assertTrue(error.getMessage().startsWith(corrupt + ": "), error.getMessage());
        assertTrue(error.getMessage().contains("JFR recording"), error.getMessage());
    }
}
