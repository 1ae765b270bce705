package dev.perflens.evidence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads collapsed ("folded") stacks: one stack per line, frames from the outermost to the
 * innermost separated by ';', then a space and a count, as async-profiler, jfrconv and the
 * FlameGraph stackcollapse scripts write them. Understood frame spellings:
 * {@code com/example/Foo.bar} or {@code com.example.Foo.bar}, optional type annotations
 * ({@code _[j]}, {@code _[i]}, {@code _[k]}, {@code _[0]}, {@code _[1]}), optional line suffixes
 * ({@code Foo.bar:42} or {@code Foo.bar(Foo.java:42)}) and signatures ({@code Foo.bar(I)V}).
 * Frames without a class (native and kernel symbols, {@code [thread]} pseudo frames) are kept
 * as native frames.
 *
 * <p>The file does not say what was measured: a file name containing "alloc" is read as
 * allocation bytes, one containing "lock" as lock wait, anything else as CPU samples.
 */
public final class CollapsedStackReader {
    private static final Pattern ANNOTATION = Pattern.compile("_\\[([a-z0-9]+)\\]$");
    private static final Pattern LINE_SUFFIX = Pattern.compile(":(\\d+)$");
    private static final Pattern FILE_LINE_SUFFIX = Pattern.compile("\\(([\\w$]+\\.(?:java|kt|scala|groovy)):(\\d+)\\)$");
    private static final int MAX_QUOTED = 80;

    private CollapsedStackReader() {
    }

    /** The metric a collapsed file holds, judged by its name. */
    public static Metric metricFor(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.contains("alloc")) {
            return Metric.ALLOCATION;
        }
        if (name.contains("lock")) {
            return Metric.LOCK;
        }
        return Metric.CPU;
    }

    public static Profile read(Path file) throws ProfileLoadException {
        return read(file, metricFor(file));
    }

    public static Profile read(Path file, Metric metric) throws ProfileLoadException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), decoder)) {
            return read(file, reader, metric);
        } catch (NoSuchFileException e) {
            throw new ProfileLoadException(file, "no such file");
        } catch (IOException e) {
            throw new ProfileLoadException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads from {@code reader}; {@code file} names the source in the profile and in errors. */
    public static Profile read(Path file, Reader reader, Metric metric) throws ProfileLoadException, IOException {
        ProfileBuilder builder = new ProfileBuilder();
        BufferedReader lines = new BufferedReader(reader, 1 << 16);
        int lineNumber = 0;
        long stacks = 0;
        try {
            for (String line = readLine(lines); line != null; line = readLine(lines)) {
                lineNumber++;
                if (line == TOO_LONG) {
                    throw new ProfileLoadException(file, "line " + lineNumber + " is longer than "
                            + MAX_LINE_CHARS / (1024 * 1024) + " MiB characters; not a collapsed-stack file");
                }
                if (line.indexOf('\0') >= 0) {
                    throw new ProfileLoadException(file, "line " + lineNumber
                            + ": binary content (a NUL byte); not a collapsed-stack text file");
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                parseLine(file, builder, trimmed, lineNumber, metric);
                stacks++;
            }
        } catch (CharacterCodingException e) {
            throw new ProfileLoadException(file, "line " + (lineNumber + 1)
                    + ": not UTF-8 text; not a collapsed-stack file", e);
        }
        if (stacks == 0) {
            throw new ProfileLoadException(file, "no stacks: expected lines like 'frame;frame;frame COUNT'");
        }
        builder.note("collapsed stacks read as " + metric.label() + " (" + metric.unit() + ")"
                + (metric == Metric.CPU ? "; name the file *alloc*.collapsed or *lock*.collapsed for other metrics" : ""));
        return builder.build(file, Profile.Format.COLLAPSED);
    }

    /** Longer than any real stack (a thousand frames of a thousand characters each). */
    static final int MAX_LINE_CHARS = 1024 * 1024;
    private static final String TOO_LONG = new String("a line over the limit"); // compared by identity

    /** The next line without its terminator (\n, \r\n or \r), TOO_LONG past the limit, null at the end. */
    private static String readLine(BufferedReader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (c == '\r') {
                reader.mark(1);
                if (reader.read() != '\n') {
                    reader.reset();
                }
                return line.toString();
            }
            line.append((char) c);
            if (line.length() > MAX_LINE_CHARS) {
                return TOO_LONG;
            }
        }
        return c == -1 && line.length() == 0 ? null : line.toString();
    }

    private static void parseLine(Path file, ProfileBuilder builder, String line, int lineNumber, Metric metric)
            throws ProfileLoadException {
        int space = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
        if (space < 0) {
            throw malformed(file, lineNumber, line, "no sample count after the stack");
        }
        String countText = line.substring(space + 1);
        long count;
        try {
            count = Long.parseLong(countText);
        } catch (NumberFormatException e) {
            throw malformed(file, lineNumber, line, "the count '" + quote(countText) + "' is not a whole number");
        }
        if (count < 0) {
            throw malformed(file, lineNumber, line, "negative count " + count);
        }
        String stackText = line.substring(0, space).strip();
        if (stackText.isEmpty()) {
            throw malformed(file, lineNumber, line, "no frames before the count");
        }
        String[] names = stackText.split(";", -1);
        int[] ids = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip();
            if (name.isEmpty()) {
                throw malformed(file, lineNumber, line, "frame " + (i + 1) + " is empty (';;' or a ';' at an end)");
            }
            // collapsed lines go outermost first; profiles store the innermost frame first
            ids[names.length - 1 - i] = builder.frame(parseFrame(name));
        }
        if (count > 0) {
            // Collapsed counts are samples for CPU, and the weight itself (bytes, ns) otherwise;
            // each line then stands for one event.
            builder.add(builder.stack(ids), metric, count, metric == Metric.CPU ? count : 1);
        }
    }

    /** One frame name as profilers spell it, e.g. "com/example/Foo.bar:42_[j]". */
    static StackFrame parseFrame(String text) {
        String name = text;
        String type = null;
        int line = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            Matcher annotation = ANNOTATION.matcher(name);
            if (annotation.find()) {
                type = frameType(annotation.group(1));
                name = name.substring(0, annotation.start());
                changed = true;
            }
            Matcher lineSuffix = LINE_SUFFIX.matcher(name);
            if (lineSuffix.find() && lineSuffix.start() > 0) {
                line = parseLine(lineSuffix.group(1));
                name = name.substring(0, lineSuffix.start());
                changed = true;
            }
            Matcher fileLine = FILE_LINE_SUFFIX.matcher(name);
            if (fileLine.find() && fileLine.start() > 0) {
                line = parseLine(fileLine.group(2));
                name = name.substring(0, fileLine.start()).stripTrailing();
                changed = true;
            }
        }
        if ("Kernel".equals(type) || name.startsWith("[") || name.contains("::") || name.contains(" ")) {
            return new StackFrame(null, name, null, line, type == null ? "Native" : type);
        }
        String descriptor = null;
        int paren = name.indexOf('(');
        if (paren > 0) {
            descriptor = name.substring(paren);
            name = name.substring(0, paren);
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return new StackFrame(null, name, descriptor, line, type == null ? "Native" : type);
        }
        String className = name.substring(0, dot).replace('/', '.');
        String method = name.substring(dot + 1);
        return new StackFrame(className, method, descriptor, line, type);
    }

    private static int parseLine(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String frameType(String code) {
        return switch (code) {
            case "j" -> "JIT compiled";
            case "i" -> "Inlined";
            case "k" -> "Kernel";
            case "0" -> "Interpreted";
            case "1" -> "C1 compiled";
            default -> code;
        };
    }

    private static ProfileLoadException malformed(Path file, int lineNumber, String line, String problem) {
        return new ProfileLoadException(file, "line " + lineNumber + ": malformed collapsed stack, " + problem
                + " (expected 'frame;frame;frame COUNT', got '" + quote(line) + "')");
    }

    private static String quote(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
