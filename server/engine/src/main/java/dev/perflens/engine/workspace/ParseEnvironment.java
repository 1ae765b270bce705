package dev.perflens.engine.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTParser;

/**
 * Everything JDT needs to resolve bindings: source roots, classpath entries and compiler
 * options. The running JDK's classes are always on the boot path.
 */
public record ParseEnvironment(List<Path> sourceRoots, List<Path> classpath, String javaVersion) {
    public ParseEnvironment {
        sourceRoots = List.copyOf(sourceRoots);
        classpath = List.copyOf(classpath);
    }

    public static ParseEnvironment of(ProjectLayout layout) {
        return new ParseEnvironment(layout.sourceRoots(), List.of(), JavaCore.latestSupportedJavaVersion());
    }

    /** The layout's source roots with these jars and class folders. */
    public static ParseEnvironment of(ProjectLayout layout, List<Path> classpath) {
        return new ParseEnvironment(layout.sourceRoots(), classpath, JavaCore.latestSupportedJavaVersion());
    }

    /** No source roots: only the JDK resolves. Used for a lone file and for tests. */
    public static ParseEnvironment jdkOnly() {
        return new ParseEnvironment(List.of(), List.of(), JavaCore.latestSupportedJavaVersion());
    }

    public Map<String, String> compilerOptions() {
        Map<String, String> options = JavaCore.getOptions();
        JavaCore.setComplianceOptions(javaVersion, options);
        return options;
    }

    /**
     * The compiler options for analysis: no task tags (TODO/FIXME scanning of every comment) and no
     * structured Javadoc (tags parsed and resolved in every doc comment), which no rule reads.
     * Comments stay in the tree for suppression comments either way.
     */
    private Map<String, String> parserOptions() {
        Map<String, String> options = compilerOptions();
        options.put(JavaCore.COMPILER_TASK_TAGS, "");
        options.put(JavaCore.COMPILER_DOC_COMMENT_SUPPORT, JavaCore.DISABLED);
        return options;
    }

    /** A parser configured for this environment; parsers are single-use in JDT. */
    public ASTParser newParser() {
        ASTParser parser = ASTParser.newParser(AST.getJLSLatest());
        parser.setKind(ASTParser.K_COMPILATION_UNIT);
        parser.setCompilerOptions(parserOptions());
        parser.setResolveBindings(true);
        parser.setBindingsRecovery(true);
        parser.setStatementsRecovery(true);
        String[] roots = sourceRoots.stream().map(Path::toString).toArray(String[]::new);
        String[] encodings = new String[roots.length];
        java.util.Arrays.fill(encodings, "UTF-8");
        // JDT refuses the whole environment for one missing entry; a stale classpath loses only that entry
        String[] jars = classpath.stream().filter(java.nio.file.Files::exists).map(Path::toString).toArray(String[]::new);
        parser.setEnvironment(jars, roots, encodings, true);
        return parser;
    }
}
