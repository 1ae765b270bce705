package dev.perflens.evidence.source;

import dev.perflens.engine.text.LineMap;
import dev.perflens.engine.text.TextRange;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTParser;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.AbstractTypeDeclaration;
import org.eclipse.jdt.core.dom.AnnotationTypeDeclaration;
import org.eclipse.jdt.core.dom.AnonymousClassDeclaration;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.DoStatement;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.EnumDeclaration;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.Initializer;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.RecordDeclaration;
import org.eclipse.jdt.core.dom.TypeDeclaration;
import org.eclipse.jdt.core.dom.TypeDeclarationStatement;
import org.eclipse.jdt.core.dom.WhileStatement;

/**
 * The declarations of one Java file with the binary names javac gives their types, parsed
 * without bindings (fast, and fine on broken code). Member types are {@code Outer$Inner}; local
 * and anonymous classes are numbered per enclosing class in source order ({@code Outer$1},
 * {@code Outer$1Local}), which is the order javac numbers them in for ordinary code.
 */
public final class SourceOutline {
    private static final Set<String> FOR_EACH_METHODS = Set.of("forEach", "forEachOrdered", "forEachRemaining");

    private final Path file;
    private final List<String> topLevelTypes;
    private final List<Declaration> declarations;
    private final List<Loop> loops;

    private SourceOutline(Path file, List<String> topLevelTypes, List<Declaration> declarations, List<Loop> loops) {
        this.file = file;
        this.topLevelTypes = List.copyOf(topLevelTypes);
        this.declarations = List.copyOf(declarations);
        this.loops = List.copyOf(loops);
    }

    public static SourceOutline parse(Path file, String text) {
        ASTParser parser = ASTParser.newParser(AST.getJLSLatest());
        parser.setKind(ASTParser.K_COMPILATION_UNIT);
        Map<String, String> options = JavaCore.getOptions();
        JavaCore.setComplianceOptions(JavaCore.latestSupportedJavaVersion(), options);
        parser.setCompilerOptions(options);
        parser.setResolveBindings(false);
        parser.setStatementsRecovery(true);
        parser.setSource(text.toCharArray());
        CompilationUnit unit = (CompilationUnit) parser.createAST(null);
        Collector collector = new Collector(unit, text);
        unit.accept(collector);
        return new SourceOutline(file, collector.topLevelTypes, collector.declarations, collector.loops);
    }

    public Path file() {
        return file;
    }

    /** Fully qualified names of the file's top-level types. */
    public List<String> topLevelTypes() {
        return topLevelTypes;
    }

    /** Every method, constructor, initializer and type, in source order. */
    public List<Declaration> declarations() {
        return declarations;
    }

    public List<Loop> loops() {
        return loops;
    }

    /**
     * The innermost method, constructor or initializer holding {@code line} (1-based); for a line
     * outside all of them (a field initializer), the innermost type.
     */
    public Optional<Declaration> declarationAtLine(int line) {
        return innermost(d -> d.containsLine(line));
    }

    /** As {@link #declarationAtLine}, by character offset. */
    public Optional<Declaration> declarationAtOffset(int offset) {
        return innermost(d -> offset >= d.range().offset() && offset < d.range().end());
    }

    private Optional<Declaration> innermost(java.util.function.Predicate<Declaration> contains) {
        Comparator<Declaration> narrowest = Comparator
                .comparing((Declaration d) -> d.kind() == Declaration.Kind.TYPE)
                .thenComparingInt(d -> d.range().length());
        return declarations.stream().filter(contains).min(narrowest);
    }

    /**
     * The declaration a JVM method name stands for in the type with {@code binaryTypeName}:
     * {@code lambda$name$0} is the method {@code name} ({@code lambda$new$0} a constructor,
     * {@code lambda$static$0} the static initializer), {@code <init>}/{@code <clinit>} a constructor
     * or initializer (or the type, for field initializers). Overloads are told apart by the
     * descriptor's parameter count when there is one.
     */
    public Optional<Declaration> declarationNamed(String binaryTypeName, String jvmMethodName, String descriptor) {
        String name = sourceMethodName(jvmMethodName);
        List<Declaration> candidates = declarations.stream()
                .filter(d -> d.typeName().equals(binaryTypeName) && d.kind() != Declaration.Kind.TYPE
                        && d.methodName().equals(name))
                .toList();
        if (candidates.size() > 1 && descriptor != null && !jvmMethodName.startsWith("lambda$")) {
            int parameters = parameterCount(descriptor);
            List<Declaration> sameArity = candidates.stream().filter(d -> d.parameterCount() == parameters).toList();
            if (!sameArity.isEmpty()) {
                candidates = sameArity;
            }
        }
        if (!candidates.isEmpty()) {
            return Optional.of(candidates.get(0));
        }
        if (name.equals("<init>") || name.equals("<clinit>")) {
            return typeDeclaration(binaryTypeName);
        }
        return Optional.empty();
    }

    public Optional<Declaration> typeDeclaration(String binaryTypeName) {
        return declarations.stream()
                .filter(d -> d.kind() == Declaration.Kind.TYPE && d.typeName().equals(binaryTypeName)).findFirst();
    }

    /** The innermost loop around {@code offset} inside {@code declaration}, if any. */
    public Optional<Loop> loopAt(int offset, Declaration declaration) {
        return loops.stream()
                .filter(loop -> loop.containsOffset(offset) && loop.startOffset() >= declaration.range().offset()
                        && loop.endOffset() <= declaration.range().end())
                .min(Comparator.comparingInt(loop -> loop.endOffset() - loop.startOffset()));
    }

    /** The source name a JVM method name refers to: lambda$match$0 -> match, lambda$new$0 -> &lt;init&gt;. */
    static String sourceMethodName(String jvmMethodName) {
        if (jvmMethodName.startsWith("lambda$")) {
            int end = jvmMethodName.indexOf('$', "lambda$".length());
            String enclosing = end < 0 ? jvmMethodName.substring("lambda$".length())
                    : jvmMethodName.substring("lambda$".length(), end);
            return switch (enclosing) {
                case "new" -> "<init>";
                case "static" -> "<clinit>";
                default -> enclosing;
            };
        }
        return jvmMethodName;
    }

    /** Number of parameters in a JVM method descriptor such as "(ILjava/lang/String;[J)V". */
    static int parameterCount(String descriptor) {
        int count = 0;
        int i = descriptor.indexOf('(') + 1;
        if (i <= 0) {
            return -1;
        }
        while (i < descriptor.length() && descriptor.charAt(i) != ')') {
            char c = descriptor.charAt(i);
            if (c == '[') {
                i++;
                continue;
            }
            if (c == 'L') {
                int end = descriptor.indexOf(';', i);
                if (end < 0) {
                    return -1;
                }
                i = end;
            }
            count++;
            i++;
        }
        return count;
    }

    /** Walks the tree once, naming types as javac does. */
    private static final class Collector extends ASTVisitor {
        private record TypeContext(String binaryName, String displayName, Map<String, Integer> localCounters) {
        }

        private final CompilationUnit unit;
        private final String text;
        private final LineMap lines;
        private final String packagePrefix;
        private final Deque<TypeContext> types = new ArrayDeque<>();
        private final Map<String, Integer> overloads = new HashMap<>();
        final List<String> topLevelTypes = new ArrayList<>();
        final List<Declaration> declarations = new ArrayList<>();
        final List<Loop> loops = new ArrayList<>();

        Collector(CompilationUnit unit, String text) {
            this.unit = unit;
            this.text = text;
            this.lines = new LineMap(text);
            this.packagePrefix = unit.getPackage() == null ? "" : unit.getPackage().getName().getFullyQualifiedName() + ".";
        }

        private boolean enterType(AbstractTypeDeclaration type) {
            String simple = type.getName().getIdentifier();
            ASTNode parent = type.getParent();
            String binary;
            String display;
            if (parent instanceof CompilationUnit) {
                binary = packagePrefix + simple;
                display = simple;
                topLevelTypes.add(binary);
            } else if (parent instanceof TypeDeclarationStatement && !types.isEmpty()) {
                TypeContext enclosing = types.peek();
                binary = enclosing.binaryName() + "$" + nextLocalIndex(enclosing, simple) + simple;
                display = enclosing.displayName() + "$" + simple;
            } else if (!types.isEmpty()) {
                TypeContext enclosing = types.peek();
                binary = enclosing.binaryName() + "$" + simple;
                display = enclosing.displayName() + "." + simple;
            } else {
                binary = packagePrefix + simple;
                display = simple;
            }
            types.push(new TypeContext(binary, display, new HashMap<>()));
            addType(type, type.getName());
            return true;
        }

        private static int nextLocalIndex(TypeContext enclosing, String simpleName) {
            int index = enclosing.localCounters().getOrDefault(simpleName, 1);
            enclosing.localCounters().put(simpleName, index + 1);
            return index;
        }

        private void addType(ASTNode node, ASTNode name) {
            TypeContext type = types.peek();
            declarations.add(declaration(Declaration.Kind.TYPE, type, "<init>", type.displayName() + " initializers", -1,
                    node, name));
        }

        private Declaration declaration(Declaration.Kind kind, TypeContext type, String methodName, String display,
                                        int parameters, ASTNode node, ASTNode name) {
            int start = startWithoutJavadoc(node);
            int end = node.getStartPosition() + node.getLength();
            int overload = kind == Declaration.Kind.TYPE ? 0
                    : overloads.merge(type.binaryName() + "#" + methodName, 1, Integer::sum) - 1;
            TextRange nameRange = name == null ? lines.range(start, 0) : lines.range(name.getStartPosition(), name.getLength());
            return new Declaration(kind, type.binaryName(), methodName, display, parameters,
                    unit.getLineNumber(start), unit.getLineNumber(Math.max(start, end - 1)),
                    lines.range(start, end - start), nameRange, overload);
        }

        /** A declaration's lines start at its modifiers or name: its Javadoc holds no code. */
        private int startWithoutJavadoc(ASTNode node) {
            if (node instanceof BodyDeclaration body && body.getJavadoc() != null) {
                int start = body.getJavadoc().getStartPosition() + body.getJavadoc().getLength();
                while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
                    start++;
                }
                return start;
            }
            return node.getStartPosition();
        }

        @Override
        public boolean visit(TypeDeclaration node) {
            return enterType(node);
        }

        @Override
        public void endVisit(TypeDeclaration node) {
            types.pop();
        }

        @Override
        public boolean visit(EnumDeclaration node) {
            return enterType(node);
        }

        @Override
        public void endVisit(EnumDeclaration node) {
            types.pop();
        }

        @Override
        public boolean visit(RecordDeclaration node) {
            return enterType(node);
        }

        @Override
        public void endVisit(RecordDeclaration node) {
            types.pop();
        }

        @Override
        public boolean visit(AnnotationTypeDeclaration node) {
            return enterType(node);
        }

        @Override
        public void endVisit(AnnotationTypeDeclaration node) {
            types.pop();
        }

        @Override
        public boolean visit(AnonymousClassDeclaration node) {
            if (types.isEmpty()) {
                return false;
            }
            TypeContext enclosing = types.peek();
            String binary = enclosing.binaryName() + "$" + nextLocalIndex(enclosing, "");
            String display = binary.substring(packagePrefix.length());
            types.push(new TypeContext(binary, display, new HashMap<>()));
            addType(node, null);
            return true;
        }

        @Override
        public void endVisit(AnonymousClassDeclaration node) {
            types.pop();
        }

        @Override
        public boolean visit(MethodDeclaration node) {
            if (types.isEmpty()) {
                return false;
            }
            TypeContext type = types.peek();
            boolean constructor = node.isConstructor();
            String name = constructor ? "<init>" : node.getName().getIdentifier();
            declarations.add(declaration(constructor ? Declaration.Kind.CONSTRUCTOR : Declaration.Kind.METHOD, type,
                    name, type.displayName() + "." + name, node.parameters().size(), node, node.getName()));
            return true;
        }

        @Override
        public boolean visit(Initializer node) {
            if (types.isEmpty()) {
                return false;
            }
            TypeContext type = types.peek();
            String name = Modifier.isStatic(node.getModifiers()) ? "<clinit>" : "<init>";
            declarations.add(declaration(Declaration.Kind.INITIALIZER, type, name, type.displayName() + "." + name, 0,
                    node, null));
            return true;
        }

        @Override
        public boolean visit(ForStatement node) {
            addLoop(node);
            return true;
        }

        @Override
        public boolean visit(EnhancedForStatement node) {
            addLoop(node);
            return true;
        }

        @Override
        public boolean visit(WhileStatement node) {
            addLoop(node);
            return true;
        }

        @Override
        public boolean visit(DoStatement node) {
            addLoop(node);
            return true;
        }

        @Override
        public boolean visit(LambdaExpression node) {
            if (node.getParent() instanceof MethodInvocation invocation
                    && node.getLocationInParent() == MethodInvocation.ARGUMENTS_PROPERTY
                    && FOR_EACH_METHODS.contains(invocation.getName().getIdentifier())) {
                addLoop(invocation);
            }
            return true;
        }

        private void addLoop(ASTNode node) {
            int start = node.getStartPosition();
            int end = start + node.getLength();
            loops.add(new Loop(start, end, unit.getLineNumber(start), unit.getLineNumber(Math.max(start, end - 1))));
        }
    }
}
