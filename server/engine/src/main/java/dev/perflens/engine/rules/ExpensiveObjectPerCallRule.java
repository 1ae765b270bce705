package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.ClassInstanceCreationMatcher;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.AbstractTypeDeclaration;
import org.eclipse.jdt.core.dom.Annotation;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.FieldDeclaration;
import org.eclipse.jdt.core.dom.IAnnotationBinding;
import org.eclipse.jdt.core.dom.IBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.Name;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.TypeDeclaration;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;
import org.eclipse.jdt.core.dom.rewrite.ListRewrite;

/**
 * Thread-safe objects that are expensive to build (ObjectMapper, Gson, JAXBContext,
 * HttpClient, a DateTimeFormatter from a constant pattern) created afresh on every call of a
 * method, from constants only, and not handed out: one shared instance would serve every call.
 * The fix moves the creation into a {@code private static final} field (with ObjectMapper's
 * constant configuration calls in a static initializer).
 */
@PerfRule(
        id = "expensive-object-per-call",
        summary = "A thread-safe ObjectMapper, Gson, JAXBContext, HttpClient or constant DateTimeFormatter created on every call of a method",
        severity = Severity.INFO,
        category = Category.OBJECTS,
        perCall = true,
        complexityBefore = "1 construction per call",
        complexityAfter = "1 construction per class",
        hasFix = true)
public final class ExpensiveObjectPerCallRule implements Rule, ClassInstanceCreationMatcher, MethodInvocationMatcher {
    private static final Set<ExpensiveObjects.Kind> KINDS = Set.of(ExpensiveObjects.Kind.OBJECT_MAPPER,
            ExpensiveObjects.Kind.GSON, ExpensiveObjects.Kind.JAXB_CONTEXT, ExpensiveObjects.Kind.HTTP_CLIENT,
            ExpensiveObjects.Kind.DATE_TIME_FORMATTER);
    /** ObjectMapper calls that configure it; with constant arguments they can run once, in a static initializer. */
    private static final Set<String> MAPPER_CONFIGURATION = Set.of("configure", "enable", "disable",
            "setSerializationInclusion", "setDefaultPropertyInclusion", "setPropertyNamingStrategy", "registerModule",
            "findAndRegisterModules");
    /** Methods run once by a framework (tests, benchmarks), where a per-call object is a one-off. */
    private static final List<String> ONE_OFF_ANNOTATION_PACKAGES = List.of("org.junit.", "org.testng.", "org.openjdk.jmh.");
    private static final Set<String> ONE_OFF_ANNOTATION_NAMES = Set.of("Test", "ParameterizedTest", "BeforeEach",
            "BeforeAll", "Before", "BeforeClass", "AfterEach", "AfterAll", "After", "AfterClass", "Setup", "Benchmark");

    @Override
    public void matchClassInstanceCreation(ClassInstanceCreation node, RuleContext context) {
        check(node, context);
    }

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        check(node, context);
    }

    private static void check(Expression node, RuleContext context) {
        ExpensiveObjects.Creation creation = ExpensiveObjects.recognize(node);
        if (creation == null || !KINDS.contains(creation.kind())) {
            return;
        }
        if (creation.kind() != ExpensiveObjects.Kind.DATE_TIME_FORMATTER && Loops.enclosingLoop(node).isPresent()) {
            return; // in a loop: expensive-object-in-loop reports it
        }
        for (org.eclipse.jdt.core.dom.ASTNode n = node; n != null && !(n instanceof MethodDeclaration); n = n.getParent()) {
            if (n.getParent() instanceof org.eclipse.jdt.core.dom.IfStatement lazy
                    && n.getLocationInParent() == org.eclipse.jdt.core.dom.IfStatement.THEN_STATEMENT_PROPERTY
                    && dev.perflens.engine.context.LazyInit.initialisedField(lazy) != null) {
                return; // if (cached == null) cached = ...: created once, and what it makes is kept
            }
        }
        MethodDeclaration method = enclosingMethod(node);
        if (method == null || method.getBody() == null || isOneOff(method) || dependsOnTheCall(creation)) {
            return;
        }
        String source = context.source();
        boolean constantArguments = creation.arguments().stream()
                .allMatch(argument -> ExpensiveObjects.constantText(argument, source) != null);
        if (creation.kind() == ExpensiveObjects.Kind.DATE_TIME_FORMATTER
                && (!constantArguments || ExpensiveObjects.whyNotEarly(creation) != null)) {
            return; // a pattern that is not constant may differ per call; an invalid one throws anyway
        }
        List<ExpressionStatement> configuration = mapperConfiguration(creation, source);
        Predicate<MethodInvocation> harmless = ExpensiveObjects.harmlessCalls(creation);
        Predicate<MethodInvocation> harmlessOrConfiguration = call -> harmless.test(call)
                || configuration.stream().anyMatch(statement -> statement.getExpression() == call);
        Hoisting.Uses uses = Hoisting.uses(node, method.getBody(), harmlessOrConfiguration, false);
        boolean immutable = creation.kind().immutable;
        if (uses.use() == Hoisting.Use.STORED) {
            return; // handed out: the caller may rely on a fresh instance
        }
        String type = creation.typeName();
        String message = "'" + creation.description() + "' creates a new " + type + " on every call of "
                + method.getName().getIdentifier() + "(): creating one " + creation.kind().whyExpensive
                + ", and a " + type + " is thread-safe" + (creation.kind() == ExpensiveObjects.Kind.OBJECT_MAPPER
                ? " once configured" : "") + ", so one shared instance serves every call."
                + " Keep it in a private static final field.";
        Confidence confidence = Confidence.medium("type resolved to " + creation.type().getErasure().getQualifiedName()
                + ", created from constants and not handed out; how often the method runs is unknown");
        String whyNot = null;
        if (uses.use() != Hoisting.Use.HOISTABLE && !(uses.use() == Hoisting.Use.PASSED && immutable)) {
            whyNot = uses.detail() + (uses.use() == Hoisting.Use.MUTATED && creation.kind() == ExpensiveObjects.Kind.OBJECT_MAPPER
                    ? " (configuration with constant arguments right after its creation can move to a static initializer;"
                    + " this cannot)" : "");
        } else if (creation.kind() == ExpensiveObjects.Kind.JAXB_CONTEXT) {
            whyNot = "JAXBContext.newInstance throws the checked JAXBException, which a static field initializer cannot"
                    + " throw; create it in a static initializer (or lazily) yourself";
        } else if (!constantArguments) {
            whyNot = "an argument is not a constant that can be written in a static field";
        } else if (creation.builderChain() ? false : ExpensiveObjects.whyNotEarly(creation) != null) {
            whyNot = ExpensiveObjects.whyNotEarly(creation);
        }
        AbstractTypeDeclaration top = FixRewrite.topLevelType(node);
        if (whyNot == null && (top == null || (top instanceof TypeDeclaration declaration && declaration.isInterface())
                || top instanceof org.eclipse.jdt.core.dom.AnnotationTypeDeclaration)) {
            whyNot = "the enclosing type is an interface or annotation, which cannot hold a private field";
        }
        if (whyNot != null) {
            context.reportWithoutFix(node, message, confidence, whyNot);
            return;
        }
        String initializer = constantInitializer(creation, source);
        String base = creation.kind() == ExpensiveObjects.Kind.DATE_TIME_FORMATTER
                ? constantCase(method.getName().getIdentifier()) + "_FORMATTER"
                : constantCase(creation.kind().baseName);
        context.report(node, message, confidence, dev.perflens.engine.fix.Fix.of(dev.perflens.engine.fix.FixKind.INTRODUCE_STATIC_FIELD, 
                "Keep the " + type + " in a static final field",
                fix -> apply(fix, creation, initializer, base, top, configuration, source)));
    }

    private static void apply(FixRewrite fix, ExpensiveObjects.Creation creation, String initializer, String base,
                              AbstractTypeDeclaration top, List<ExpressionStatement> configuration, String source) {
        ASTRewrite rewrite = fix.rewrite();
        CompilationUnit unit = fix.compilationUnit();
        String field = FixRewrite.freshName(base, unit);
        String typeName = fix.importType(creation.type().getErasure().getQualifiedName());
        String receiver = initializer.startsWith("new ") ? "" : receiverText(creation, fix, source);
        String member = "private static final " + typeName + " " + field + " = " + receiver + initializer + ";";
        StringBuilder initializerBlock = new StringBuilder();
        if (!configuration.isEmpty()) {
            initializerBlock.append("static {");
            for (ExpressionStatement statement : configuration) {
                MethodInvocation call = (MethodInvocation) statement.getExpression();
                initializerBlock.append("\n    ").append(field).append('.').append(call.getName().getIdentifier()).append('(');
                for (int i = 0; i < call.arguments().size(); i++) {
                    initializerBlock.append(i > 0 ? ", " : "")
                            .append(configurationArgument((Expression) call.arguments().get(i), source));
                }
                initializerBlock.append(");");
                rewrite.remove(statement, null);
            }
            initializerBlock.append("\n}");
        }
        ListRewrite members = rewrite.getListRewrite(top, top.getBodyDeclarationsProperty());
        ASTNode placeholder = rewrite.createStringPlaceholder(member, ASTNode.FIELD_DECLARATION);
        BodyDeclaration lastStaticField = null;
        for (Object declaration : top.bodyDeclarations()) {
            if (declaration instanceof FieldDeclaration candidate && Modifier.isStatic(candidate.getModifiers())) {
                lastStaticField = candidate;
            }
        }
        if (lastStaticField != null) {
            members.insertAfter(placeholder, lastStaticField, null);
        } else {
            members.insertFirst(placeholder, null);
        }
        if (!configuration.isEmpty()) {
            members.insertAfter(rewrite.createStringPlaceholder(initializerBlock.toString(), ASTNode.INITIALIZER),
                    placeholder, null);
        }
        rewrite.replace(creation.expression(), fix.ast().newSimpleName(field), null);
    }

    /** "DateTimeFormatter." (as written, or imported) for a static factory; nothing for the other forms. */
    private static String receiverText(ExpensiveObjects.Creation creation, FixRewrite fix, String source) {
        if (creation.builderChain()) {
            return "";
        }
        MethodInvocation call = (MethodInvocation) creation.expression();
        if (call.getExpression() instanceof Name owner && owner.resolveBinding() instanceof ITypeBinding) {
            return Hoisting.text(source, owner) + ".";
        }
        return fix.importType(call.resolveMethodBinding().getDeclaringClass().getErasure().getQualifiedName()) + ".";
    }

    /**
     * The creation's text with every argument written as a constant that means the same in a
     * static field: for a constructor "new T(args)", for a static factory "factory(args)" (the
     * receiver is added when the fix runs), for a builder chain the chain as written.
     */
    private static String constantInitializer(ExpensiveObjects.Creation creation, String source) {
        Expression expression = creation.expression();
        String text = Hoisting.text(source, expression);
        int base = expression.getStartPosition();
        List<Expression> arguments = new ArrayList<>(creation.arguments());
        arguments.sort((a, b) -> Integer.compare(b.getStartPosition(), a.getStartPosition()));
        StringBuilder result = new StringBuilder(text);
        for (Expression argument : arguments) {
            int start = argument.getStartPosition() - base;
            result.replace(start, start + argument.getLength(), ExpensiveObjects.constantText(argument, source));
        }
        if (expression instanceof MethodInvocation call && !creation.builderChain()) {
            int nameStart = call.getName().getStartPosition() - base;
            return result.substring(nameStart);
        }
        return result.toString();
    }

    /** ObjectMapper calls with constant arguments that directly follow its declaration, on its variable. */
    private static List<ExpressionStatement> mapperConfiguration(ExpensiveObjects.Creation creation, String source) {
        List<ExpressionStatement> statements = new ArrayList<>();
        if (creation.kind() != ExpensiveObjects.Kind.OBJECT_MAPPER
                || !(creation.expression().getParent() instanceof VariableDeclarationFragment fragment)
                || !(fragment.getParent() instanceof VariableDeclarationStatement declaration)
                || declaration.fragments().size() != 1 || !(declaration.getParent() instanceof Block block)) {
            return statements;
        }
        IVariableBinding variable = fragment.resolveBinding();
        List<?> siblings = block.statements();
        for (int i = siblings.indexOf(declaration) + 1; i < siblings.size(); i++) {
            if (!(siblings.get(i) instanceof ExpressionStatement statement)
                    || !(statement.getExpression() instanceof MethodInvocation call)
                    || !MAPPER_CONFIGURATION.contains(call.getName().getIdentifier())
                    || !(call.getExpression() instanceof SimpleName receiver) || variable == null
                    || !(receiver.resolveBinding() instanceof IVariableBinding target) || !target.isEqualTo(variable)
                    || call.arguments().stream().anyMatch(argument -> configurationArgument((Expression) argument, source) == null)) {
                break;
            }
            statements.add(statement);
        }
        return statements;
    }

    /** A constant (see {@link ExpensiveObjects#constantText}) or a Jackson module created without arguments. */
    private static String configurationArgument(Expression argument, String source) {
        String constant = ExpensiveObjects.constantText(argument, source);
        if (constant != null) {
            return constant;
        }
        Expression e = Bindings.unwrap(argument);
        if (e instanceof ClassInstanceCreation module && module.arguments().isEmpty()
                && module.getAnonymousClassDeclaration() == null
                && Bindings.isSubtypeOf(module.resolveTypeBinding(), "com.fasterxml.jackson.databind.Module")) {
            return Hoisting.text(source, e);
        }
        return null;
    }

    /** An argument that reads a (non-constant) local variable or parameter: the object may differ from call to call. */
    private static boolean dependsOnTheCall(ExpensiveObjects.Creation creation) {
        boolean[] depends = new boolean[1];
        for (Expression argument : creation.arguments()) {
            argument.accept(new ASTVisitor() {
                @Override
                public boolean visit(SimpleName name) {
                    IBinding binding = name.resolveBinding();
                    depends[0] |= binding == null || (binding instanceof IVariableBinding variable && !variable.isField()
                            && variable.getConstantValue() == null);
                    return true;
                }
            });
        }
        return depends[0];
    }

    private static MethodDeclaration enclosingMethod(ASTNode node) {
        for (ASTNode n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof BodyDeclaration body) {
                return body instanceof MethodDeclaration method && !method.isConstructor() ? method : null;
            }
        }
        return null;
    }

    /** main(String[]) and methods a test or benchmark framework runs: a one-off, not a per-call cost. */
    private static boolean isOneOff(MethodDeclaration method) {
        if (method.getName().getIdentifier().equals("main") && Modifier.isStatic(method.getModifiers())) {
            return true;
        }
        for (Object modifier : method.modifiers()) {
            if (modifier instanceof Annotation annotation) {
                IAnnotationBinding binding = annotation.resolveAnnotationBinding();
                String name = binding != null && binding.getAnnotationType() != null
                        ? binding.getAnnotationType().getQualifiedName() : annotation.getTypeName().getFullyQualifiedName();
                String simple = name.substring(name.lastIndexOf('.') + 1);
                if (ONE_OFF_ANNOTATION_PACKAGES.stream().anyMatch(name::startsWith)
                        || (binding == null && ONE_OFF_ANNOTATION_NAMES.contains(simple))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String constantCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
