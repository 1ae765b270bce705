package dev.perflens.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording event by event with {@link RecordingFile}: CPU from
 * {@code jdk.ExecutionSample}, allocation bytes from {@code jdk.ObjectAllocationSample} (or, in
 * recordings without it, {@code jdk.ObjectAllocationInNewTLAB}/{@code OutsideTLAB}), and lock wait
 * from {@code jdk.JavaMonitorEnter}. Only the distinct stacks are kept, so memory does not grow
 * with the length of the recording.
 */
public final class JfrReader {
    static final byte[] MAGIC = {'F', 'L', 'R', 0};
    /** A chunk header is 68 bytes; anything shorter cannot be a recording. */
    private static final int CHUNK_HEADER_SIZE = 68;
    /** Cached stack objects hold their frames: keep few enough that the cache stays a few MB. */
    private static final int STACK_CACHE_LIMIT = 8_192;

    private final Path file;
    private final ProfileBuilder builder = new ProfileBuilder();
    /** Stacks of the TLAB events, used only when the recording has no ObjectAllocationSample. */
    private final Map<Integer, long[]> tlabAllocations = new HashMap<>();
    /** The parser hands out one RecordedStackTrace per constant-pool entry: remember what it interned to. */
    private final Map<RecordedStackTrace, Integer> stackCache = new IdentityHashMap<>();
    private long eventsRead;
    private long truncatedStacks;
    private long allocationSamples;

    private JfrReader(Path file) {
        this.file = file;
    }

    public static Profile read(Path file) throws ProfileLoadException {
        return new JfrReader(file).readAll();
    }

    static boolean hasMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            return java.util.Arrays.equals(head, MAGIC);
        }
    }

    private Profile readAll() throws ProfileLoadException {
        checkHeader();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                accept(recording.readEvent());
                eventsRead++;
            }
        } catch (IOException e) {
            throw new ProfileLoadException(file, "truncated or corrupt JFR recording after " + eventsRead
                    + " events: " + describe(e), e);
        } catch (RuntimeException | InternalError e) {
            throw new ProfileLoadException(file, "corrupt JFR recording after " + eventsRead + " events: "
                    + describe(e), e);
        }
        if (allocationSamples == 0 && !tlabAllocations.isEmpty()) {
            tlabAllocations.forEach((stack, weightAndCount) ->
                    builder.add(stack, Metric.ALLOCATION, weightAndCount[0], weightAndCount[1]));
            builder.note("allocation from jdk.ObjectAllocationInNewTLAB/OutsideTLAB (TLAB sizes), "
                    + "the recording has no jdk.ObjectAllocationSample");
        }
        if (truncatedStacks > 0) {
            builder.note(String.format(java.util.Locale.ROOT,
                    "%,d of %,d distinct stacks were truncated by the recorder (stackdepth); totals of outer frames are low",
                    truncatedStacks, builder.stackCount()));
        }
        if (eventsRead == 0) {
            throw new ProfileLoadException(file, "the JFR recording holds no events");
        }
        return builder.build(file, Profile.Format.JFR);
    }

    /**
     * Walks the chunk headers before parsing: a file cut off while it was written or copied
     * declares more bytes than it has, which the parser would report only as an index error.
     */
    private void checkHeader() throws ProfileLoadException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            if (size < 4) {
                // empty or a few bytes: a recording (or a copy of one) that is still being written
                throw new ProfileLoadException(file, "truncated JFR recording: the file holds " + size
                        + " bytes, fewer than the JFR magic bytes 'FLR\\0' (still being written or copied?)");
            }
            if (!hasMagic(file)) {
                throw new ProfileLoadException(file,
                        "not a JFR recording: it does not start with the JFR magic bytes 'FLR\\0'");
            }
            long offset = 0;
            int chunk = 0;
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(16);
            while (offset < size) {
                chunk++;
                header.clear();
                int read = channel.read(header, offset);
                if (read < 16 || size - offset < CHUNK_HEADER_SIZE) {
                    throw new ProfileLoadException(file, "truncated JFR recording: chunk " + chunk + " at byte " + offset
                            + " has only " + (size - offset) + " bytes, less than a chunk header (" + CHUNK_HEADER_SIZE
                            + " bytes)");
                }
                header.flip();
                byte[] magic = new byte[MAGIC.length];
                header.get(magic);
                if (!java.util.Arrays.equals(magic, MAGIC)) {
                    throw new ProfileLoadException(file, "corrupt JFR recording: no chunk header (magic 'FLR\\0') at byte "
                            + offset + " where chunk " + chunk + " should start");
                }
                header.getInt(); // major and minor version
                long chunkSize = header.getLong();
                if (chunkSize == 0) {
                    throw new ProfileLoadException(file, "incomplete JFR recording: chunk " + chunk
                            + " is still being written (size 0 in its header); dump the recording before importing it");
                }
                if (chunkSize < CHUNK_HEADER_SIZE) {
                    throw new ProfileLoadException(file, "corrupt JFR recording: chunk " + chunk + " declares "
                            + chunkSize + " bytes");
                }
                if (offset + chunkSize > size) {
                    throw new ProfileLoadException(file, "truncated JFR recording: chunk " + chunk + " at byte " + offset
                            + " declares " + chunkSize + " bytes but the file ends after " + (size - offset)
                            + " (copied or written incompletely?)");
                }
                offset += chunkSize;
            }
        } catch (NoSuchFileException e) {
            throw new ProfileLoadException(file, "no such file");
        } catch (IOException e) {
            throw new ProfileLoadException(file, "cannot read: " + describe(e), e);
        }
    }

    private void accept(RecordedEvent event) {
        String type = event.getEventType().getName();
        switch (type) {
            case "jdk.ExecutionSample" -> addStack(event, Metric.CPU, 1);
            case "jdk.ObjectAllocationSample" -> {
                allocationSamples++;
                addStack(event, Metric.ALLOCATION, event.getLong("weight"));
            }
            case "jdk.ObjectAllocationInNewTLAB" -> addTlab(event, event.getLong("tlabSize"));
            case "jdk.ObjectAllocationOutsideTLAB" -> addTlab(event, event.getLong("allocationSize"));
            case "jdk.JavaMonitorEnter" -> addStack(event, Metric.LOCK, event.getDuration().toNanos());
            case "jdk.JVMInformation" -> builder.origin(origin(event));
            default -> {
            }
        }
        builder.observeTime(event.getStartTime(), event.getEndTime());
    }

    private void addStack(RecordedEvent event, Metric metric, long weight) {
        int stack = stackOf(event);
        if (stack >= 0) {
            builder.add(stack, metric, Math.max(0, weight), 1);
        }
    }

    private void addTlab(RecordedEvent event, long bytes) {
        int stack = stackOf(event);
        if (stack >= 0) {
            long[] weightAndCount = tlabAllocations.computeIfAbsent(stack, s -> new long[2]);
            weightAndCount[0] += Math.max(0, bytes);
            weightAndCount[1]++;
        }
    }

    private int stackOf(RecordedEvent event) {
        RecordedStackTrace trace = event.getStackTrace();
        if (trace == null) {
            return -1;
        }
        Integer cached = stackCache.get(trace);
        if (cached != null) {
            return cached;
        }
        if (trace.isTruncated()) {
            truncatedStacks++;
        }
        List<RecordedFrame> frames = trace.getFrames();
        int[] ids = new int[frames.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = builder.frame(frame(frames.get(i)));
        }
        int stack = builder.stack(ids);
        if (stackCache.size() >= STACK_CACHE_LIMIT) {
            stackCache.clear();
        }
        stackCache.put(trace, stack);
        return stack;
    }

    private static StackFrame frame(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        String type = frame.getType();
        if (method == null) {
            return new StackFrame(null, "[unknown]", null, 0, type);
        }
        String className = method.getType() == null ? null : method.getType().getName();
        int line = frame.getLineNumber();
        return new StackFrame(frame.isJavaFrame() ? className : null, method.getName(), method.getDescriptor(),
                Math.max(0, line), type);
    }

    /** "OpenJDK 64-Bit Server VM 17.0.15+6, running com.example.App 3". */
    private static String origin(RecordedEvent event) {
        String name = safeString(event, "jvmName");
        String version = safeString(event, "jvmVersion");
        int open = version.indexOf('(');
        int close = version.indexOf(')', open + 1);
        String shortVersion = open >= 0 && close > open ? version.substring(open + 1, close) : version;
        String arguments = safeString(event, "javaArguments");
        return (name + " " + shortVersion).trim() + (arguments.isBlank() ? "" : ", running " + arguments);
    }

    private static String safeString(RecordedEvent event, String field) {
        try {
            String value = event.hasField(field) ? event.getString(field) : null;
            return value == null ? "" : value;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
