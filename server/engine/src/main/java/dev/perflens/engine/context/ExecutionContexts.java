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

    private static final Set<String> TOOL_PACKAGES = Set.of("tools", "tool", "cli", "cmdline");
    private static final Set<String> CONFIGURATION_PACKAGES = Set.of("config", "configuration", "conf");
    private static final Set<String> TEST_SUPPORT_PACKAGES = Set.of("test", "tests", "testutil", "testutils", "testing");

    private final CompilationUnit unit;
    private final String testReason;
    private final boolean testSource;
    private final String setupReason;
    private Map<String, Integer> calledFromLoop;

    /** {@code testsApart}: whether test code is its own category (false: analysed like main code). */
    public ExecutionContexts(CompilationUnit unit, Path file, boolean testsApart) {
        this.unit = unit;
        this.testReason = testsApart ? testSource(unit, file) : null;
        this.testSource = testSource(unit, file) != null;
        this.setupReason = setupReason(unit);
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
        if (setupReason != null) {
            return new ExecutionContext(ExecutionContext.Kind.SETUP, setupReason, ruleSeverity);
        }
        if (ruleBound != null && ruleBound.isSmall()) {
            return new ExecutionContext(ExecutionContext.Kind.BOUNDED, ruleBound.describe(), ruleSeverity);
        }
        ASTNode loop = LoopBounds.isLoop(node) ? node : LoopBounds.enclosingLoop(node);
        String timing = loop == null ? null : TimingLoops.reason(loop, unit);
        if (timing != null) {
            return new ExecutionContext(ExecutionContext.Kind.COLD, timing, ruleSeverity);
        }
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
            String varargs = InputSize.overVarargs(loop);
            if (varargs != null) {
                return new ExecutionContext(ExecutionContext.Kind.UNSIZED, where + ", over the varargs parameter '"
                        + varargs + "', whose elements callers mostly write out one by one; a profile that shows this"
                        + " line hot raises the finding", ruleSeverity);
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
        if (unit != null && unit.getPackage() != null) {
            for (String segment : unit.getPackage().getName().getFullyQualifiedName().split("\\.")) {
                if (TEST_SUPPORT_PACKAGES.contains(segment.toLowerCase(java.util.Locale.ROOT))) {
                    return "test support code (package " + unit.getPackage().getName().getFullyQualifiedName() + ")";
                }
            }
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

    /**
     * "in a command-line tool ..." when a type of the unit declares {@code main(String[])} or its
     * package is a tools package; "in configuration code ..." for a configuration package; else null.
     * Such code runs once per run of the tool or while configuration is read, whatever its loops.
     */
    private static String setupReason(CompilationUnit unit) {
        if (unit == null) {
            return null;
        }
        for (Object type : unit.types()) {
            if (type instanceof AbstractTypeDeclaration declaration) {
                for (Object member : declaration.bodyDeclarations()) {
                    if (member instanceof MethodDeclaration method && isMain(method)) {
                        return "in a command-line tool (" + declaration.getName() + " declares main()), which runs it"
                                + " once per invocation";
                    }
                }
            }
        }
        if (unit.getPackage() == null) {
            return null;
        }
        String name = unit.getPackage().getName().getFullyQualifiedName();
        for (String segment : name.split("\\.")) {
            if (TOOL_PACKAGES.contains(segment)) {
                return "in a command-line tool (package " + name + "), which runs once per invocation";
            }
            if (CONFIGURATION_PACKAGES.contains(segment)) {
                return "in configuration code (package " + name + "), which runs while the configuration is read";
            }
        }
        return null;
    }

    private static boolean isMain(MethodDeclaration method) {
        if (!method.getName().getIdentifier().equals("main") || !Modifier.isStatic(method.getModifiers())
                || method.parameters().size() != 1) {
            return false;
        }
        IMethodBinding binding = method.resolveBinding();
        if (binding != null) {
            ITypeBinding parameter = binding.getParameterTypes()[0];
            return parameter.isArray() && parameter.getDimensions() == 1
                    && parameter.getElementType().getQualifiedName().equals("java.lang.String");
        }
        org.eclipse.jdt.core.dom.SingleVariableDeclaration parameter =
                (org.eclipse.jdt.core.dom.SingleVariableDeclaration) method.parameters().get(0);
        return parameter.getType().toString().matches("(java\\.lang\\.)?String(\\[\\])?")
                && (parameter.isVarargs() || parameter.getType().isArrayType() || parameter.getExtraDimensions() == 1);
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
            if (parent instanceof org.eclipse.jdt.core.dom.Block block && endsByThrowing(block)) {
                return "in a branch that ends by throwing an exception (an error path)";
            }
            if (parent instanceof org.eclipse.jdt.core.dom.Block block && child instanceof org.eclipse.jdt.core.dom.Statement
                    && LoopBounds.isLoop(block.getParent())) {
                TryStatement attempt = succeedingAttemptBefore(block, child);
                if (attempt != null) {
                    return "after a failed attempt of a retry loop (the try block above returns or breaks on success)";
                }
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

    /**
     * The then or else block of an if statement whose last statement throws and that has no other
     * way out (no return, no break or continue leaving it): all of it runs on the way to an exception.
     */
    private static boolean endsByThrowing(org.eclipse.jdt.core.dom.Block block) {
        if (block.getLocationInParent() != IfStatement.THEN_STATEMENT_PROPERTY
                && block.getLocationInParent() != IfStatement.ELSE_STATEMENT_PROPERTY) {
            return false;
        }
        java.util.List<?> statements = block.statements();
        if (statements.isEmpty() || !(statements.get(statements.size() - 1) instanceof ThrowStatement)) {
            return false;
        }
        boolean[] exits = {false};
        block.accept(new dev.perflens.engine.rules.SameBodyVisitor() {
            private int nested; // loops and switches inside the block, which an unlabeled break or continue stays in

            @Override
            public boolean visit(org.eclipse.jdt.core.dom.ReturnStatement node) {
                exits[0] = true;
                return false;
            }

            @Override
            public boolean visit(org.eclipse.jdt.core.dom.YieldStatement node) {
                exits[0] |= nested == 0;
                return false;
            }

            @Override
            public boolean visit(org.eclipse.jdt.core.dom.BreakStatement node) {
                exits[0] |= node.getLabel() != null || nested == 0;
                return false;
            }

            @Override
            public boolean visit(org.eclipse.jdt.core.dom.ContinueStatement node) {
                exits[0] |= node.getLabel() != null || nested == 0;
                return false;
            }

            @Override
            public void preVisit(ASTNode node) {
                if (LoopBounds.isLoop(node) || node instanceof org.eclipse.jdt.core.dom.SwitchStatement
                        || node instanceof org.eclipse.jdt.core.dom.SwitchExpression) {
                    nested++;
                }
            }

            @Override
            public void postVisit(ASTNode node) {
                if (LoopBounds.isLoop(node) || node instanceof org.eclipse.jdt.core.dom.SwitchStatement
                        || node instanceof org.eclipse.jdt.core.dom.SwitchExpression) {
                    nested--;
                }
            }

        });
        return !exits[0];
    }

    /**
     * In a loop's body, a try statement before {@code statement} whose try block cannot complete
     * normally (it ends with a return or a break: the attempt succeeded and the loop is left):
     * {@code statement} then runs only after the attempt failed with a caught exception.
     */
    private static TryStatement succeedingAttemptBefore(org.eclipse.jdt.core.dom.Block body, ASTNode statement) {
        for (Object s : body.statements()) {
            if (s == statement) {
                return null;
            }
            if (s instanceof TryStatement attempt && !attempt.catchClauses().isEmpty()) {
                java.util.List<?> tried = attempt.getBody().statements();
                Object last = tried.isEmpty() ? null : tried.get(tried.size() - 1);
                if (last instanceof org.eclipse.jdt.core.dom.ReturnStatement
                        || (last instanceof org.eclipse.jdt.core.dom.BreakStatement exit && exit.getLabel() == null)) {
                    return attempt;
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
