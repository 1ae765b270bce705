package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.ClassInstanceCreationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.ConditionalExpression;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.NullLiteral;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;
import org.eclipse.jdt.core.dom.ThisExpression;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.ParameterizedType;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.SingleVariableDeclaration;
import org.eclipse.jdt.core.dom.Type;
import org.eclipse.jdt.core.dom.VariableDeclaration;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;

/**
 * A HashMap or HashSet keyed by an enum hashes keys that already carry a dense index, their
 * ordinal. EnumMap and EnumSet are arrays (or a bit vector) indexed by it. They also reject
 * null keys and iterate in declaration order, so the fix is offered only for a local that is
 * never iterated or passed on and whose inserted keys cannot be null.
 */
@PerfRule(
        id = "enum-keyed-map",
        summary = "A HashMap or HashSet whose keys are an enum type, where EnumMap or EnumSet index an array by ordinal",
        severity = Severity.INFO,
        category = Category.COLLECTIONS,
        perCall = true,
        complexityBefore = "O(1) with hashing",
        complexityAfter = "O(1) array index",
        hasFix = true)
public final class EnumKeyedMapRule implements Rule, ClassInstanceCreationMatcher {
    private static final Set<String> MAP_READS = Set.of("get", "containsKey", "containsValue", "getOrDefault", "size",
            "isEmpty", "clear", "replace", "computeIfPresent", "remove");
    private static final Set<String> MAP_INSERTS = Set.of("put", "putIfAbsent", "merge", "compute", "computeIfAbsent");
    private static final Set<String> SET_READS = Set.of("contains", "size", "isEmpty", "clear", "remove");
    private static final Set<String> SET_INSERTS = Set.of("add");
    /** Declared types an EnumMap/EnumSet can be assigned to without other changes. */
    private static final Set<String> MAP_TARGETS = Set.of("java.util.Map", "java.util.AbstractMap");
    private static final Set<String> SET_TARGETS = Set.of("java.util.Set", "java.util.AbstractSet",
            "java.util.Collection", "java.lang.Iterable");

    @Override
    public void matchClassInstanceCreation(ClassInstanceCreation node, RuleContext context) {
        if (node.getAnonymousClassDeclaration() != null) {
            return;
        }
        ITypeBinding type = node.resolveTypeBinding();
        boolean map = Bindings.is(type, "java.util.HashMap");
        if (!map && !Bindings.is(type, "java.util.HashSet")) {
            return; // LinkedHashMap/LinkedHashSet keep insertion order on purpose
        }
        ITypeBinding[] arguments = type.getTypeArguments();
        if (arguments.length == 0 || arguments[0] == null || !arguments[0].isEnum()) {
            return;
        }
        String enumName = arguments[0].getName();
        String kind = map ? "HashMap" : "HashSet";
        String replacement = map ? "EnumMap" : "EnumSet";
        Keys keys = keysPut(node, map, context.compilationUnit());
        if (keys.nullPut()) {
            return; // EnumMap.put(null, v) and EnumSet.add(null) throw: the advice would break the code
        }
        int constants = CollectionSizes.enumConstants(arguments[0]);
        boolean smaller = !map || keys.distinctConstants() <= 0 || constants < 0
                || enumMapIsSmaller(constants, keys.distinctConstants());
        String message = "A " + kind + " keyed by the enum " + enumName + " hashes every key and allocates a node per"
                + " entry; an " + replacement + " indexes an array (a bit vector for EnumSet) by the constant's ordinal:"
                + (smaller ? " less memory and faster lookups." : " faster lookups.") + " Note that " + replacement
                + " iterates in declaration order and rejects null keys.";
        Confidence confidence = Confidence.high("key type resolved to the enum " + arguments[0].getQualifiedName());
        Plan plan = plan(node, map, context);
        RuleContext.Reported reported;
        if (plan.whyNot() != null) {
            reported = context.reportWithoutFix(node, message, confidence, plan.whyNot());
        } else {
            String title = "Use " + replacement + " for '" + plan.variable() + "' (it is never iterated here, and "
                    + replacement + " would iterate in declaration order and reject null keys)";
            reported = context.report(node, message, confidence,
                    Fix.of(dev.perflens.engine.fix.FixKind.CHANGE_COLLECTION_TYPE, title, rewrite -> apply(rewrite, node, map, plan.keyType())));
        }
        if (!smaller) {
            reported.quieter(Severity.HINT, "only " + keys.distinctConstants() + " of the " + constants
                    + " constants of " + enumName + " are ever put: an EnumMap's " + constants + " slots take more"
                    + " memory than the HashMap's " + keys.distinctConstants() + " entries, so the gain is the"
                    + " hashing alone");
        }
    }

    /**
     * A HashMap of k entries holds a 16-slot table (it grows past 12 entries) and a 32-byte node
     * per entry with compressed references, about 64 + 32k bytes; an EnumMap holds one 4-byte slot
     * per constant of the enum, 4n bytes, however few are put. (An EnumSet is a bit vector: always smaller.)
     */
    static boolean enumMapIsSmaller(int constants, int entries) {
        return 4L * constants < 64L + 32L * entries;
    }

    /**
     * What the file says about the keys put into the new collection: whether one is written as
     * null, and how many distinct enum constants are put when every insertion there uses a
     * constant and nothing else can insert (a local that is never passed on, or a private field
     * whose references are all calls on it); -1 when that count is not known.
     */
    record Keys(boolean nullPut, int distinctConstants) {
    }

    private static Keys keysPut(ClassInstanceCreation node, boolean map, CompilationUnit unit) {
        IVariableBinding variable = holder(node);
        if (variable == null) {
            return new Keys(false, -1);
        }
        IVariableBinding declared = variable.getVariableDeclaration();
        ASTNode declaration = CollectionVariables.declaration(declared, unit);
        ASTNode scope = declared.isField() ? unit : CollectionVariables.scopeOf(declaration);
        if (scope == null) {
            return new Keys(false, -1);
        }
        boolean complete = declaration != null && !declared.isParameter()
                && (!declared.isField() || Modifier.isPrivate(declared.getModifiers()))
                && Bindings.writesWithin(scope, declared).stream().allMatch(
                        w -> w instanceof Assignment a && Bindings.unwrap(a.getRightHandSide()) == node);
        boolean nullPut = false;
        Set<String> constants = new java.util.HashSet<>();
        Set<String> inserts = map ? MAP_INSERTS : SET_INSERTS;
        for (SimpleName reference : Bindings.referencesWithin(scope, declared)) {
            MethodInvocation call = callOn(reference);
            if (call == null) {
                complete &= reference.getParent() instanceof Assignment a && a.getLeftHandSide() == reference;
                continue;
            }
            String method = call.getName().getIdentifier();
            if (inserts.contains(method) && !call.arguments().isEmpty()) {
                Expression key = (Expression) call.arguments().get(0);
                nullPut |= mayBeWrittenNull(key);
                IVariableBinding constant = Bindings.variable(key);
                if (constant != null && constant.isEnumConstant()) {
                    constants.add(constant.getName());
                } else {
                    complete = false;
                }
            } else if (!(map ? MAP_READS : SET_READS).contains(method)) {
                complete = false; // putAll, addAll, or a call that hands the collection out
            }
        }
        return new Keys(nullPut, complete ? constants.size() : -1);
    }

    /** The variable the new collection is stored in by its declaration or an assignment, or null. */
    private static IVariableBinding holder(ClassInstanceCreation node) {
        ASTNode n = node;
        while (n.getParent() instanceof ParenthesizedExpression) {
            n = n.getParent();
        }
        if (n.getParent() instanceof VariableDeclarationFragment fragment && fragment.getInitializer() == n) {
            return fragment.resolveBinding();
        }
        if (n.getParent() instanceof Assignment assignment && assignment.getRightHandSide() == n) {
            return Bindings.variable(assignment.getLeftHandSide());
        }
        return null;
    }

    /** {@code m.f(...)} or {@code this.m.f(...)} with this reference as the receiver, or null. */
    private static MethodInvocation callOn(SimpleName reference) {
        ASTNode receiver = reference.getParent() instanceof FieldAccess access
                && access.getExpression() instanceof ThisExpression ? access : reference;
        return receiver.getParent() instanceof MethodInvocation call
                && receiver.getLocationInParent() == MethodInvocation.EXPRESSION_PROPERTY ? call : null;
    }

    /** {@code null}, or a conditional with {@code null} as a branch. */
    /**
     * A key that is null in the code: the literal, a branch of a conditional, a parameter that a
     * call in this file passes null for, or the key of another map's entry (a HashMap keyed by the
     * enum may hold null, and copying its keys would copy that too).
     */
    private static boolean mayBeWrittenNull(Expression key) {
        Expression e = Bindings.unwrap(key);
        if (e instanceof ConditionalExpression conditional) {
            return mayBeWrittenNull(conditional.getThenExpression()) || mayBeWrittenNull(conditional.getElseExpression());
        }
        if (e instanceof MethodInvocation call && call.getName().getIdentifier().equals("getKey")
                && call.arguments().isEmpty() && call.getExpression() != null
                && Bindings.isSubtypeOf(call.getExpression().resolveTypeBinding(), "java.util.Map.Entry")) {
            return true;
        }
        IVariableBinding variable = Bindings.variable(e);
        if (variable != null && variable.isParameter() && e.getRoot() instanceof CompilationUnit unit) {
            java.util.List<Expression> passed = ParameterCallers.arguments(variable, unit);
            return passed != null && passed.stream().anyMatch(EnumKeyedMapRule::mayBeWrittenNull);
        }
        return e instanceof NullLiteral;
    }

    private record Plan(String whyNot, String variable, String keyType) {
        static Plan no(String why) {
            return new Plan(why, null, null);
        }
    }

    private static Plan plan(ClassInstanceCreation node, boolean map, RuleContext context) {
        String replacement = map ? "EnumMap" : "EnumSet";
        for (Object argument : node.arguments()) {
            Expression e = (Expression) argument;
            ITypeBinding argumentType = e.resolveTypeBinding();
            if (argumentType != null && argumentType.isPrimitive() && !PureExpressions.isStable(e)) {
                return Plan.no("the capacity argument '" + e + "' would be dropped, and evaluating it may have an"
                        + " effect (or throw)");
            }
            if (argumentType == null || !argumentType.isPrimitive()) {
                return Plan.no("the " + (map ? "map" : "set") + " is copied from another collection; "
                        + (map ? "new EnumMap<>(Map)" : "EnumSet.copyOf") + " throws IllegalArgumentException when"
                        + " that collection is empty and not an " + replacement);
            }
        }
        if (!(node.getParent() instanceof VariableDeclarationFragment fragment)
                || !(fragment.getParent() instanceof VariableDeclarationStatement statement)) {
            return Plan.no("only a local variable's " + (map ? "map" : "set") + " is rewritten: elsewhere it may be"
                    + " iterated, and " + replacement + " iterates in the enum's declaration order where the hash"
                    + " order differs, and rejects null keys");
        }
        IVariableBinding variable = fragment.resolveBinding();
        String name = fragment.getName().getIdentifier();
        String keyType = keyTypeSource(statement.getType(), map, context);
        if (variable == null || keyType == null) {
            return Plan.no("'" + name + "' is not declared as " + (map ? "Map<K, V>" : "Set<E>")
                    + " with the enum written out, so an " + replacement + " cannot take its place unchanged");
        }
        ASTNode scope = CollectionVariables.scopeOf(fragment);
        if (scope == null || !Bindings.writesWithin(scope, variable).isEmpty()) {
            return Plan.no("'" + name + "' is reassigned");
        }
        Set<String> reads = map ? MAP_READS : SET_READS;
        Set<String> inserts = map ? MAP_INSERTS : SET_INSERTS;
        for (SimpleName reference : Bindings.referencesWithin(scope, variable)) {
            if (!(reference.getParent() instanceof MethodInvocation call)
                    || reference.getLocationInParent() != MethodInvocation.EXPRESSION_PROPERTY) {
                return Plan.no("'" + name + "' is passed on or returned (line " + line(reference, context)
                        + "), and may be iterated there: " + replacement
                        + " iterates in the enum's declaration order, where the hash order differs");
            }
            String method = call.getName().getIdentifier();
            if (inserts.contains(method) && !call.arguments().isEmpty()) {
                Expression key = (Expression) call.arguments().get(0);
                if (!isNeverNullKey(key, context)) {
                    return Plan.no("the key '" + key + "' (line " + line(reference, context) + ") may be null, which "
                            + replacement + " rejects with a NullPointerException");
                }
            } else if (!reads.contains(method)) {
                return Plan.no("'" + name + "." + method + "(...)' (line " + line(reference, context)
                        + ") may depend on iteration order, and " + replacement
                        + " iterates in the enum's declaration order, where the hash order differs");
            }
        }
        return new Plan(null, name, keyType);
    }

    /** The enum's name as written in {@code Map<E, V>}/{@code Set<E>} of the declaration, or null. */
    private static String keyTypeSource(Type declared, boolean map, RuleContext context) {
        if (!(declared instanceof ParameterizedType parameterized)
                || parameterized.typeArguments().size() != (map ? 2 : 1)) {
            return null;
        }
        ITypeBinding declaredType = declared.resolveBinding();
        if (declaredType == null || !(map ? MAP_TARGETS : SET_TARGETS).contains(declaredType.getErasure().getQualifiedName())) {
            return null;
        }
        Type key = (Type) parameterized.typeArguments().get(0);
        if (key.isWildcardType() || key.resolveBinding() == null || !key.resolveBinding().isEnum()) {
            return null;
        }
        return context.source().substring(key.getStartPosition(), key.getStartPosition() + key.getLength());
    }

    /**
     * A key that cannot be null: an enum constant (or any never-null expression), {@code E.valueOf(..)},
     * the variable of a for-each over {@code E.values()}, or a local initialised with one of
     * those and never reassigned.
     */
    private static boolean isNeverNullKey(Expression key, RuleContext context) {
        Expression e = Bindings.unwrap(key);
        if (PureExpressions.isNeverNull(e) || isEnumValueOf(e)) {
            return true;
        }
        IVariableBinding variable = Bindings.variable(e);
        if (variable == null || variable.isField()) {
            return false;
        }
        ASTNode declaration = CollectionVariables.declaration(variable, context.compilationUnit());
        if (declaration instanceof SingleVariableDeclaration parameter
                && parameter.getParent() instanceof EnhancedForStatement loop
                && loop.getParameter() == parameter) {
            return Bindings.unwrap(loop.getExpression()) instanceof MethodInvocation values
                    && values.getName().getIdentifier().equals("values") && values.arguments().isEmpty()
                    && values.resolveMethodBinding() != null
                    && Modifier.isStatic(values.resolveMethodBinding().getModifiers())
                    && values.resolveMethodBinding().getDeclaringClass().isEnum()
                    && Bindings.writesWithin(loop.getBody(), variable).isEmpty();
        }
        if (declaration instanceof VariableDeclaration local && !variable.isParameter()
                && local.getInitializer() != null) {
            ASTNode scope = CollectionVariables.scopeOf(declaration);
            return scope != null && Bindings.writesWithin(scope, variable).isEmpty()
                    && (PureExpressions.isNeverNull(local.getInitializer()) || isEnumValueOf(local.getInitializer()));
        }
        return false;
    }

    /** {@code E.valueOf(name)} or {@code Enum.valueOf(E.class, name)}: returns a constant or throws, never null. */
    private static boolean isEnumValueOf(Expression expression) {
        if (!(Bindings.unwrap(expression) instanceof MethodInvocation call)
                || !call.getName().getIdentifier().equals("valueOf")) {
            return false;
        }
        IMethodBinding binding = call.resolveMethodBinding();
        return binding != null && Modifier.isStatic(binding.getModifiers())
                && (binding.getDeclaringClass().isEnum() || Bindings.is(binding.getDeclaringClass(), "java.lang.Enum"));
    }

    private static int line(ASTNode node, RuleContext context) {
        return context.compilationUnit().getLineNumber(node.getStartPosition());
    }

    private static void apply(FixRewrite fix, ClassInstanceCreation node, boolean map, String keyType) {
        String text;
        int kind;
        if (map) {
            text = "new " + fix.importType("java.util.EnumMap") + "<>(" + keyType + ".class)";
            kind = ASTNode.CLASS_INSTANCE_CREATION;
        } else {
            text = fix.importType("java.util.EnumSet") + ".noneOf(" + keyType + ".class)";
            kind = ASTNode.METHOD_INVOCATION;
        }
        fix.rewrite().replace(node, fix.rewrite().createStringPlaceholder(text, kind), null);
    }
}
