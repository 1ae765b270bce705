package dev.perflens.evidence.source;

import dev.perflens.evidence.StackFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps stack frames to the workspace's Java sources. A class is found by its top-level type:
 * {@code com.example.Outer$Inner$1} lives in {@code com/example/Outer.java} under one of the
 * source roots (or in another file of that package that declares {@code Outer}). Within the
 * file the frame's line number picks the declaration; without a line number (or when the line
 * has moved to a differently named method since the profile was taken) the method name does.
 * Generated classes ({@code Foo$$Lambda$14}, proxies) map nowhere: their code is not in the sources.
 */
public final class WorkspaceSources {
    private record CachedOutline(FileTime modified, long size, SourceOutline outline) {
    }

    private final List<Path> sourceRoots;
    private final Map<String, Optional<Path>> files = new ConcurrentHashMap<>();
    private final Map<Path, CachedOutline> outlines = new ConcurrentHashMap<>();

    private WorkspaceSources(List<Path> sourceRoots) {
        this.sourceRoots = sourceRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public static WorkspaceSources of(List<Path> sourceRoots) {
        return new WorkspaceSources(sourceRoots);
    }

    public List<Path> sourceRoots() {
        return sourceRoots;
    }

    /** The source file of a class by binary name, e.g. "com.example.Outer$1". */
    public Optional<Path> fileOf(String binaryClassName) {
        if (binaryClassName == null || binaryClassName.isEmpty() || binaryClassName.contains("$$")
                || binaryClassName.contains("/")) {
            return Optional.empty();
        }
        int dollar = binaryClassName.indexOf('$');
        String topLevel = dollar > 0 ? binaryClassName.substring(0, dollar) : binaryClassName;
        return files.computeIfAbsent(topLevel, this::locate);
    }

    private Optional<Path> locate(String topLevel) {
        int dot = topLevel.lastIndexOf('.');
        String packagePath = dot < 0 ? "" : topLevel.substring(0, dot).replace('.', '/');
        String simpleName = topLevel.substring(dot + 1);
        for (Path root : sourceRoots) {
            Path candidate = root.resolve(packagePath).resolve(simpleName + ".java");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        // a non-public top-level class declared in another file of the same package
        for (Path root : sourceRoots) {
            Path folder = root.resolve(packagePath);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> sources = Files.newDirectoryStream(folder, "*.java")) {
                for (Path source : sources) {
                    Optional<SourceOutline> outline = outline(source);
                    if (outline.isPresent() && outline.get().topLevelTypes().contains(topLevel)) {
                        return Optional.of(source);
                    }
                }
            } catch (IOException e) {
                // unreadable folder: the class maps nowhere
            }
        }
        return Optional.empty();
    }

    /** The outline of a file as it is on disk now; re-parsed when the file changes. */
    public Optional<SourceOutline> outline(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            CachedOutline cached = outlines.get(file);
            if (cached != null && cached.modified().equals(modified) && cached.size() == size) {
                return Optional.of(cached.outline());
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            SourceOutline outline = SourceOutline.parse(file, text);
            outlines.put(file, new CachedOutline(modified, size, outline));
            return Optional.of(outline);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Where a frame lands in the workspace, or empty for JDK, library, native and generated frames. */
    public Optional<SourcePoint> resolve(StackFrame frame) {
        if (!frame.isJava()) {
            return Optional.empty();
        }
        Optional<Path> file = fileOf(frame.className());
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Optional<SourceOutline> outline = outline(file.get());
        if (outline.isEmpty()) {
            return Optional.empty();
        }
        return resolve(outline.get(), frame);
    }

    static Optional<SourcePoint> resolve(SourceOutline outline, StackFrame frame) {
        Path file = outline.file();
        Optional<Declaration> byLine = frame.line() > 0 ? outline.declarationAtLine(frame.line()) : Optional.empty();
        if (byLine.isPresent() && agrees(byLine.get(), frame)) {
            return Optional.of(new SourcePoint(file, frame.line(), byLine.get()));
        }
        Optional<Declaration> byName = outline.declarationNamed(frame.className(), frame.methodName(), frame.descriptor());
        if (byName.isPresent()) {
            Declaration declaration = byName.get();
            int line = frame.line() > 0 && declaration.containsLine(frame.line()) ? frame.line()
                    : declaration.nameRange().startLine() + 1;
            return Optional.of(new SourcePoint(file, line, declaration));
        }
        if (byLine.isPresent()) {
            return Optional.of(new SourcePoint(file, frame.line(), byLine.get()));
        }
        return outline.typeDeclaration(frame.className())
                .or(() -> outline.declarations().stream().filter(d -> d.kind() == Declaration.Kind.TYPE).findFirst())
                .map(type -> new SourcePoint(file, type.nameRange().startLine() + 1, type));
    }

    /**
     * Whether the declaration found by line is the frame's method: same name, or a lambda or
     * other synthetic method whose code sits inside it, or initializer code.
     */
    private static boolean agrees(Declaration declaration, StackFrame frame) {
        String method = frame.methodName();
        if (method.contains("$")) {
            return true; // lambda$match$0, access$000: compiled from code inside the declaration
        }
        if (declaration.kind() == Declaration.Kind.TYPE) {
            return method.equals("<init>") || method.equals("<clinit>");
        }
        return declaration.methodName().equals(method);
    }
}
