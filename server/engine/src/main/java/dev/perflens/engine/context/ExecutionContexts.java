package dev.perflens.engine.context;

import dev.perflens.engine.Severity;
import dev.perflens.engine.rule.SizeBound;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.AbstractTypeDeclaration;
import org.eclipse.jdt.core.dom.AnonymousClassDeclaration;
import org.eclipse.jdt.core.dom.AssertStatement;
import org.eclipse.jdt.core.dom.CatchClause;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.FieldDeclaration;
import org.eclipse.jdt.core.dom.IAnnotationBinding;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IfStatement;
import org.eclipse.jdt.core.dom.ImportDeclaration;
import org.eclipse.jdt.core.dom.Initializer;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.ThrowStatement;
import org.eclipse.jdt.core.dom.TryStatement;

/**
 * Decides from the code whether a finding's spot runs per item of data (hot), once per call,
 * on a cold path, in test code, or over a size the code bounds. One instance per compilation
 * unit: it indexes which of the unit's methods are called from a loop once, on first use.
 *
 * <p>Cold: {@code catch} and {@code finally} blocks, exceptions being built or thrown,
 * {@code toString()}, static and instance initialisers, {@code main}, shutdown hooks, start-up
 * methods ({@code @PostConstruct}, {@code init}, {@code configure}, ...), branches that run only
 * when debug or trace logging is on, and {@code assert} statements. Test code: files under a
 * {@code test} source folder, named {@code *Test}/{@code *Tests}/{@code *IT}, or importing JUnit
 * or TestNG.
 */
public final class ExecutionContexts {
    private static final Set<String> START_UP_METHODS = Set.of("init", "initialize", "configure", "afterPropertiesSet",
            "contextInitialized", "postConstruct", "setUp", "setup", "beforeAll", "beforeEach");
    private static final Set<String> START_UP_ANNOTATIONS = Set.of("PostConstruct", "BeforeAll", "BeforeEach",
            "BeforeClass", "Before", "Setup");
    private static final Set<String> LEVEL_CHECKS = Set.of("isDebugEnabled", "isTraceEnabled", "isLoggable",
            "isFinestEnabled", "isFinerEnabled", "isFineEnabled");

    private final CompilationUnit unit;
    private final String testReason;
    private final boolean testSource;
    private Map<String, Integer> calledFromLoop;

    /** {@code testsApart}: whether test code is its own category (false: analysed like main code). */
    public ExecutionContexts(CompilationUnit unit, Path file, boolean testsApart) {
        this.unit = unit;
        this.testReason = testsApart ? testSource(unit, file) : null;
        this.testSource = testSource(unit, file) != null;
    }

    /** Whether the file is test code (then {@link #classify} says so for every spot). */
    public boolean isTestSource() {
        return testSource;
    }

    /** The context of {@code node}; {@code ruleBound} is a size the rule found the code to fix there. */
    public ExecutionContext classify(ASTNode node, SizeBound ruleBound, Severity ruleSeverity) {
        if (testReason != null) {
            return new ExecutionContext(ExecutionContext.Kind.TEST, testReason, ruleSeverity);
        }
        String cold = coldReason(node);
        if (cold != null) {
            return new ExecutionContext(ExecutionContext.Kind.COLD, cold, ruleSeverity);
        }
        if (ruleBound != null && ruleBound.isSmall()) {
            return new ExecutionContext(ExecutionContext.Kind.BOUNDED, ruleBound.describe(), ruleSeverity);
        }
        ASTNode loop = LoopBounds.isLoop(node) ? node : LoopBounds.enclosingLoop(node);
        if (loop != null) {
            SizeBound bound = LoopBounds.bound(loop, unit);
            if (bound != null && bound.isSmall()) {
                return new ExecutionContext(ExecutionContext.Kind.BOUNDED, bound.describe(), ruleSeverity);
            }
            boolean itself = loop == node;
            String where = itself ? "the " + LoopBounds.describe(loop) + " at line " + line(loop) + " runs once per element"
                    : "runs on every pass of the " + LoopBounds.describe(loop) + " at line " + line(loop);
            if (bound != null) {
                return new ExecutionContext(ExecutionContext.Kind.HOT, where + " (up to " + bound.size() + " passes)",
                        ruleSeverity);
            }
            String input = InputSize.evidence(loop, unit);
            if (input == null) {
                input = calledFromLoop(node);
            }
            if (input != null) {
                return new ExecutionContext(ExecutionContext.Kind.HOT, where + ", " + input, ruleSeverity);
            }
            return new ExecutionContext(ExecutionContext.Kind.UNSIZED, where + ", and nothing shows its data to be"
                    + " input-sized (a parameter, a collection filled per item, a stream or result set it reads); a profile"
                    + " that shows this line hot raises the finding", ruleSeverity);
        }
        MethodDeclaration method = enclosingMethod(node);
        if (method != null && method.resolveBinding() != null) {
            Integer callLine = callsFromLoops().get(method.resolveBinding().getMethodDeclaration().getKey());
            if (callLine != null) {
                return new ExecutionContext(ExecutionContext.Kind.HOT, name(method)
                        + " is called on every pass of a loop at line " + callLine, ruleSeverity);
            }
        }
        String where = method == null ? "runs once, outside any loop"
                : "runs once per call of " + name(method) + ", and no loop in this file calls it";
        return new ExecutionContext(ExecutionContext.Kind.PER_CALL, where, ruleSeverity);
    }

    /** "called on every pass of a loop at line N", when a loop in this file calls the method around node. */
    private String calledFromLoop(ASTNode node) {
        MethodDeclaration method = enclosingMethod(node);
        if (method == null || method.resolveBinding() == null) {
            return null;
        }
        Integer callLine = callsFromLoops().get(method.resolveBinding().getMethodDeclaration().getKey());
        return callLine == null ? null : "and " + name(method) + " is called on every pass of a loop at line " + callLine;
    }

    private static String name(MethodDeclaration method) {
        return method.getName().getIdentifier() + "()";
    }

    private int line(ASTNode node) {
        return unit.getLineNumber(node.getStartPosition());
    }

    private static String testSource(CompilationUnit unit, Path file) {
        String path = file.toString().replace('\\', '/');
        if (path.contains("/src/test/") || path.contains("/src/it/") || path.contains("/test/java/")) {
            return "test source (" + (path.contains("/src/it/") ? "src/it" : "src/test") + ")";
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.matches(".*(Test|Tests|IT|TestCase)\\.java")) {
            return "test source (" + name + ")";
        }
        if (unit != null) {
            for (Object i : unit.imports()) {
                String imported = ((ImportDeclaration) i).getName().getFullyQualifiedName();
                if (imported.startsWith("org.junit") || imported.startsWith("org.testng") || imported.startsWith("junit.framework")) {
                    return "test source (imports " + imported.replaceFirst("^(org\\.junit|org\\.testng|junit\\.framework).*", "$1") + ")";
                }
            }
        }
        return null;
    }

    /** Why {@code node} runs only on a cold path, or null. */
    static String coldReason(ASTNode node) {
        ASTNode child = node;
        for (ASTNode parent = node.getParent(); parent != null; child = parent, parent = parent.getParent()) {
            if (parent instanceof CatchClause && child.getLocationInParent() == CatchClause.BODY_PROPERTY) {
                return "inside a catch block";
            }
            if (parent instanceof TryStatement && child.getLocationInParent() == TryStatement.FINALLY_PROPERTY) {
                return "inside a finally block";
            }
            if (parent instanceof ThrowStatement) {
                return "building the exception of a throw statement";
            }
            if (parent instanceof ClassInstanceCreation creation
                    && child.getLocationInParent() == ClassInstanceCreation.ARGUMENTS_PROPERTY
                    && isThrowable(creation.resolveTypeBinding())) {
                return "building an exception's message";
            }
            if (parent instanceof AssertStatement) {
                return "inside an assert statement (runs only with assertions enabled)";
            }
            if (parent instanceof IfStatement branch && child.getLocationInParent() == IfStatement.THEN_STATEMENT_PROPERTY
                    && checksLogLevel(branch.getExpression())) {
                return "in a branch that runs only when debug or trace logging is on";
            }
            if (parent instanceof IfStatement lazy && child.getLocationInParent() == IfStatement.THEN_STATEMENT_PROPERTY) {
                String field = LazyInit.initialisedField(lazy);
                if (field != null) {
                    return "in a lazy initialisation (if (" + field + " == null) ...): runs once, then '" + field
                            + "' holds the result";
                }
            }
            if (parent instanceof MethodInvocation call && child.getLocationInParent() == MethodInvocation.ARGUMENTS_PROPERTY
                    && call.getName().getIdentifier().equals("addShutdownHook")) {
                return "in a shutdown hook";
            }
            if (parent instanceof Initializer initializer) {
                return Modifier.isStatic(initializer.getModifiers()) ? "in a static initialiser (runs once per class)"
                        : "in an instance initialiser";
            }
            if (parent instanceof FieldDeclaration field && Modifier.isStatic(field.getModifiers())) {
                return "in a static field's initialiser (runs once per class)";
            }
            if (parent instanceof MethodDeclaration method) {
                String why = coldMethod(method);
                if (why != null) {
                    return why;
                }
                if (method.getParent() instanceof AbstractTypeDeclaration type && !type.isLocalTypeDeclaration()) {
                    return null; // a named member: what encloses the type says nothing about when this runs
                }
            }
        }
        return null;
    }

    private static String coldMethod(MethodDeclaration method) {
        String name = method.getName().getIdentifier();
        if (name.equals("toString") && method.parameters().isEmpty()) {
            return "inside toString()";
        }
        if (name.equals("main") && Modifier.isStatic(method.getModifiers()) && method.parameters().size() == 1) {
            return "inside main()";
        }
        IMethodBinding binding = method.resolveBinding();
        if (binding != null && isThrowable(binding.getDeclaringClass())) {
            return method.isConstructor() ? "in an exception's constructor" : "in an exception class";
        }
        if (START_UP_METHODS.contains(name) && !method.isConstructor()) {
            return "in start-up configuration (" + name + "())";
        }
        if (binding != null) {
            for (IAnnotationBinding annotation : binding.getAnnotations()) {
                if (START_UP_ANNOTATIONS.contains(annotation.getName())) {
                    return "in start-up configuration (@" + annotation.getName() + ")";
                }
            }
        }
        return null;
    }

    private static boolean checksLogLevel(Expression condition) {
        boolean[] found = {false};
        condition.accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                if (LEVEL_CHECKS.contains(call.getName().getIdentifier())) {
                    found[0] = true;
                }
                return true;
            }
        });
        return found[0] && !condition.toString().contains("||");
    }

    static boolean isThrowable(ITypeBinding type) {
        for (ITypeBinding t = type; t != null; t = t.getSuperclass()) {
            if (t.getErasure().getQualifiedName().equals("java.lang.Throwable")) {
                return true;
            }
        }
        return false;
    }

    private static MethodDeclaration enclosingMethod(ASTNode node) {
        for (ASTNode n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof MethodDeclaration method) {
                return method;
            }
            if (n instanceof AbstractTypeDeclaration || n instanceof AnonymousClassDeclaration || n instanceof LambdaExpression) {
                return null;
            }
        }
        return null;
    }

    /** Method key -> line of the first call from a loop (not small-bounded) in this unit, of methods declared here. */
    private Map<String, Integer> callsFromLoops() {
        if (calledFromLoop == null) {
            Map<String, Integer> found = new HashMap<>();
            if (unit != null) {
                unit.accept(new ASTVisitor() {
                    @Override
                    public boolean visit(MethodInvocation call) {
                        IMethodBinding binding = call.resolveMethodBinding();
                        if (binding != null && binding.getDeclaringClass() != null
                                && binding.getDeclaringClass().isFromSource()
                                && unit.findDeclaringNode(binding.getMethodDeclaration()) != null) {
                            ASTNode loop = LoopBounds.enclosingLoop(call);
                            if (loop != null && coldReason(call) == null) {
                                SizeBound bound = LoopBounds.bound(loop, unit);
                                if (bound == null || !bound.isSmall()) {
                                    found.putIfAbsent(binding.getMethodDeclaration().getKey(),
                                            unit.getLineNumber(call.getStartPosition()));
                                }
                            }
                        }
                        return true;
                    }
                });
            }
            calledFromLoop = found;
        }
        return calledFromLoop;
    }
}
