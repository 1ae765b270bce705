package dev.perflens.bench.harness;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.TypeParameter;
import dev.perflens.bench.BenchmarkException;
import dev.perflens.engine.text.LineMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the method to benchmark in a source text with JavaParser: the method around an offset
 * (a finding's position), or the method with a given signature (a saved benchmark). Says
 * clearly why a spot cannot be benchmarked.
 */
public final class MethodLocator {
    private MethodLocator() {
    }

    static CompilationUnit parse(String source) throws BenchmarkException {
        ParserConfiguration configuration = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21);
        ParseResult<CompilationUnit> result = new JavaParser(configuration).parse(source);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            throw new BenchmarkException(BenchmarkException.Kind.UNSUPPORTED_METHOD,
                    "the file does not parse, so it cannot be benchmarked: " + result.getProblems().stream()
                            .limit(3).map(p -> p.getVerboseMessage()).toList());
        }
        return result.getResult().get();
    }

    /** The method whose declaration contains {@code offset}. */
    public static MethodUnderTest at(String source, int offset) throws BenchmarkException {
        CompilationUnit unit = parse(source);
        LineMap lines = new LineMap(source);
        Position position = new Position(lines.line(offset) + 1, lines.column(offset) + 1);
        List<Node> enclosing = new ArrayList<>();
        unit.walk(node -> {
            if (node.getRange().isPresent() && node.getRange().get().contains(position)) {
                enclosing.add(node);
            }
        });
        // Innermost last; pick the innermost method declared in a named member type.
        Optional<MethodDeclaration> method = Optional.empty();
        for (int i = enclosing.size() - 1; i >= 0 && method.isEmpty(); i--) {
            if (enclosing.get(i) instanceof MethodDeclaration candidate && inNamedMemberType(candidate)) {
                method = Optional.of(candidate);
            }
        }
        if (method.isEmpty()) {
            boolean inConstructor = enclosing.stream().anyMatch(n -> n instanceof CallableDeclaration<?>
                    || n instanceof com.github.javaparser.ast.body.InitializerDeclaration);
            throw new BenchmarkException(BenchmarkException.Kind.UNSUPPORTED_METHOD, inConstructor
                    ? "the code is in a constructor or initializer; Perflens benchmarks methods: move the loop into a"
                    + " method, or benchmark a method that calls it"
                    : "there is no method at this position to benchmark");
        }
        return describe(unit, method.get(), source);
    }

    /** The method with this signature (as {@link MethodUnderTest#signature()} gives it). */
    public static MethodUnderTest bySignature(String source, String signature) throws BenchmarkException {
        CompilationUnit unit = parse(source);
        for (MethodDeclaration method : unit.findAll(MethodDeclaration.class)) {
            if (!inNamedMemberType(method)) {
                continue;
            }
            try {
                MethodUnderTest candidate = describe(unit, method, source);
                if (candidate.signature().equals(signature)) {
                    return candidate;
                }
            } catch (BenchmarkException e) {
                if (signatureOf(unit, method).equals(signature)) {
                    throw e;
                }
            }
        }
        throw new BenchmarkException(BenchmarkException.Kind.UNSUPPORTED_METHOD,
                "the method " + signature + " is not in the file any more");
    }

    /**
     * The methods named {@code name} of the type {@code qualifiedOwner} ("com.example.Outer.Inner"),
     * for a command line that names a method without its parameter types.
     */
    public static List<MethodUnderTest> byName(String source, String qualifiedOwner, String name) throws BenchmarkException {
        CompilationUnit unit = parse(source);
        List<MethodUnderTest> found = new ArrayList<>();
        for (MethodDeclaration method : unit.findAll(MethodDeclaration.class)) {
            if (inNamedMemberType(method) && method.getNameAsString().equals(name)) {
                MethodUnderTest candidate = describe(unit, method, source);
                if (candidate.qualifiedOwner().equals(qualifiedOwner)) {
                    found.add(candidate);
                }
            }
        }
        return found;
    }

    private static String signatureOf(CompilationUnit unit, MethodDeclaration method) {
        List<String> erasures = method.getParameters().stream()
                .map(p -> erasure(p.getType()) + (p.isVarArgs() ? "[]" : "")).toList();
        String pkg = unit.getPackageDeclaration().map(d -> d.getNameAsString() + ".").orElse("");
        return pkg + String.join(".", typeNames(method)) + "#" + method.getNameAsString() + "("
                + String.join(",", erasures) + ")";
    }

    private static boolean inNamedMemberType(MethodDeclaration method) {
        Node parent = method.getParentNode().orElse(null);
        if (!(parent instanceof TypeDeclaration<?>)) {
            return false; // an anonymous class body
        }
        for (Node n = parent; n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof LocalClassDeclarationStmt || n instanceof LocalRecordDeclarationStmt
                    || n instanceof ObjectCreationExpr) {
                return false;
            }
        }
        return true;
    }

    private static List<String> typeNames(MethodDeclaration method) {
        List<String> names = new ArrayList<>();
        for (Node n = method.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof TypeDeclaration<?> type) {
                names.add(type.getNameAsString());
            }
        }
        Collections.reverse(names);
        return names;
    }

    private static MethodUnderTest describe(CompilationUnit unit, MethodDeclaration method, String source)
            throws BenchmarkException {
        String where = method.getNameAsString() + " (line " + method.getBegin().map(p -> p.line).orElse(0) + ")";
        if (method.getBody().isEmpty()) {
            throw unsupported(where + " has no body (abstract or native)");
        }
        TypeDeclaration<?> owner = (TypeDeclaration<?>) method.getParentNode().orElseThrow();
        if (owner instanceof ClassOrInterfaceDeclaration c && c.isInterface() && !method.isStatic()) {
            throw unsupported(where + " is a default method of an interface; benchmark it through an implementing"
                    + " class's method");
        }
        if (owner instanceof ClassOrInterfaceDeclaration c && c.isAbstract() && !method.isStatic()) {
            throw unsupported(where + " is an instance method of an abstract class; benchmark it through a concrete"
                    + " subclass's method");
        }
        if (!method.isStatic() && isInnerClass(owner)) {
            throw unsupported(where + " belongs to an inner (non-static) class, which needs an instance of its"
                    + " enclosing class; make the class static or benchmark a method of the enclosing class");
        }
        Set<String> typeVariables = new HashSet<>();
        method.getTypeParameters().forEach(p -> typeVariables.add(p.getNameAsString()));
        if (!method.isStatic()) {
            for (Node n = owner; n != null; n = n.getParentNode().orElse(null)) {
                if (n instanceof ClassOrInterfaceDeclaration c) {
                    c.getTypeParameters().forEach(p -> typeVariables.add(p.getNameAsString()));
                }
            }
        }
        List<MethodUnderTest.Parameter> parameters = new ArrayList<>();
        for (var parameter : method.getParameters()) {
            Type type = withoutAnnotations(parameter.getType());
            String written = type.asString() + (parameter.isVarArgs() ? "[]" : "");
            if (mentions(type, typeVariables)) {
                throw unsupported(where + " has a parameter of a type variable (" + written + " "
                        + parameter.getNameAsString() + "); Perflens cannot choose a type for it: benchmark a"
                        + " non-generic method that calls it");
            }
            parameters.add(new MethodUnderTest.Parameter(parameter.getNameAsString(), written,
                    erasure(type) + (parameter.isVarArgs() ? "[]" : "")));
        }
        List<String> imports = new ArrayList<>();
        for (ImportDeclaration declaration : unit.getImports()) {
            if (!declaration.isStatic()) {
                imports.add(declaration.getNameAsString() + (declaration.isAsterisk() ? ".*" : ""));
            }
        }
        LineMap lines = new LineMap(source);
        int start = lines.offset(method.getBegin().orElseThrow().line - 1, method.getBegin().orElseThrow().column - 1, source);
        int end = lines.offset(method.getEnd().orElseThrow().line - 1, method.getEnd().orElseThrow().column, source);
        return new MethodUnderTest(unit.getPackageDeclaration().map(d -> d.getNameAsString()).orElse(""),
                typeNames(method), method.getNameAsString(), parameters, method.isStatic(),
                method.getType().isVoidType(), start, end, imports);
    }

    private static boolean isInnerClass(TypeDeclaration<?> type) {
        if (!(type.getParentNode().orElse(null) instanceof TypeDeclaration<?> enclosing)) {
            return false;
        }
        boolean implicitlyStatic = !(type instanceof ClassOrInterfaceDeclaration c) || c.isInterface()
                || (enclosing instanceof ClassOrInterfaceDeclaration e && e.isInterface());
        return !implicitlyStatic && !type.hasModifier(Modifier.Keyword.STATIC);
    }

    private static boolean mentions(Type type, Set<String> typeVariables) {
        if (typeVariables.isEmpty()) {
            return false;
        }
        return type.findAll(ClassOrInterfaceType.class).stream()
                .anyMatch(t -> t.getScope().isEmpty() && typeVariables.contains(t.getNameAsString()))
                || type.findAll(TypeParameter.class).stream().anyMatch(t -> typeVariables.contains(t.getNameAsString()));
    }

    private static Type withoutAnnotations(Type type) {
        Type copy = type.clone();
        copy.findAll(AnnotationExpr.class).forEach(Node::remove);
        return copy;
    }

    static String erasure(Type type) {
        if (type instanceof ArrayType array) {
            return erasure(array.getComponentType()) + "[]";
        }
        if (type instanceof ClassOrInterfaceType classType) {
            return classType.getNameWithScope();
        }
        return withoutAnnotations(type).asString();
    }

    private static BenchmarkException unsupported(String message) {
        return new BenchmarkException(BenchmarkException.Kind.UNSUPPORTED_METHOD, "Perflens cannot benchmark " + message);
    }

    /**
     * The source with {@code private} taken off the method and off every nested type, so a
     * harness in the same package can call it. The keyword is overwritten with spaces, so
     * every offset stays where it was. Only ever applied to the sandbox copy.
     */
    public static String widenAccess(String source, MethodUnderTest target) throws BenchmarkException {
        CompilationUnit unit = parse(source);
        LineMap lines = new LineMap(source);
        StringBuilder out = new StringBuilder(source);
        List<Node> widened = new ArrayList<>(unit.findAll(TypeDeclaration.class, t -> !t.isTopLevelType()));
        for (MethodDeclaration method : unit.findAll(MethodDeclaration.class)) {
            if (inNamedMemberType(method) && signatureOf(unit, method).equals(target.signature())) {
                widened.add(method);
            }
        }
        for (Node node : widened) {
            if (node instanceof BodyDeclaration<?> && node instanceof com.github.javaparser.ast.nodeTypes.NodeWithModifiers<?> modified) {
                for (Modifier modifier : modified.getModifiers()) {
                    if (modifier.getKeyword() == Modifier.Keyword.PRIVATE && modifier.getRange().isPresent()) {
                        var range = modifier.getRange().get();
                        int start = lines.offset(range.begin.line - 1, range.begin.column - 1, source);
                        int end = lines.offset(range.end.line - 1, range.end.column, source);
                        for (int i = start; i < end; i++) {
                            out.setCharAt(i, ' ');
                        }
                    }
                }
            }
        }
        return out.toString();
    }
}
