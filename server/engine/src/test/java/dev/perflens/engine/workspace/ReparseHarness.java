package dev.perflens.engine.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jdt.core.dom.ASTParser;
import org.eclipse.jdt.core.dom.CompilationUnit;

/**
 * Prints the latency of reparsing one edited file with bindings: JDT's public path (a new name
 * environment per parse), the same with the JDK alone (no workspace sources to read: what the
 * source path costs), and without bindings, for reference. Not a test: a harness that prints figures.
 *
 * <pre>
 * mvn -B -q -o -pl server/engine test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/engine-cp.txt
 * java -cp server/engine/target/test-classes:server/engine/target/classes:$(cat /tmp/engine-cp.txt) \
 *      dev.perflens.engine.workspace.ReparseHarness SOURCE_ROOT FILE [ROUNDS]
 * </pre>
 */
public final class ReparseHarness {
    private ReparseHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path file = Path.of(args[1]).toAbsolutePath();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        String text = Files.readString(file);
        ParseEnvironment environment = new ParseEnvironment(List.of(root), List.of(),
                org.eclipse.jdt.core.JavaCore.latestSupportedJavaVersion());
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT
            report(pass, "fresh environment (JDT public API)", rounds, i -> parse(environment.newParser(), file, edit(text, i), true));
            report(pass, "fresh environment, JDK only (no sources)", rounds,
                    i -> parse(ParseEnvironment.jdkOnly().newParser(), file, edit(text, i), true));
            report(pass, "no bindings", rounds, i -> parse(environment.newParser(), file, edit(text, i), false));
        }
    }

    /** A one-character edit that keeps the text valid: a different digit in a trailing comment. */
    private static String edit(String text, int i) {
        return text + "\n// " + (i % 10) + "\n";
    }

    private static CompilationUnit parse(ASTParser parser, Path file, String text, boolean bindings) {
        parser.setResolveBindings(bindings);
        parser.setSource(text.toCharArray());
        parser.setUnitName(file.toString());
        CompilationUnit unit = (CompilationUnit) parser.createAST(new NullProgressMonitor());
        if (bindings && unit.getPackage() != null && unit.getPackage().resolveBinding() == null) {
            throw new IllegalStateException("bindings were not resolved");
        }
        return unit;
    }

    private static void report(int pass, String label, int rounds, java.util.function.IntConsumer parse) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            parse.accept(i);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        if (pass == 0) {
            return;
        }
        millis.sort(null);
        System.out.printf("%-38s median %6.1f ms  p90 %6.1f ms  max %6.1f ms  (%d parses)%n", label,
                millis.get(rounds / 2), millis.get((int) Math.ceil(rounds * 0.9) - 1), millis.get(rounds - 1), rounds);
    }
}
