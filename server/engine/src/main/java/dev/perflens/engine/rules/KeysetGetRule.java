package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.NodeHandlers;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.AnonymousClassDeclaration;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.ParameterizedType;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.SingleVariableDeclaration;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.Type;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;

/**
 * {@code for (K key : map.keySet()) { ... map.get(key) ... }} looks up every key it was just
 * handed: n extra hash lookups (n tree descents, O(n log n), on a TreeMap). Iterating
 * {@code entrySet()} hands over key and value together. The fix keeps the key variable, with
 * its name, type and modifiers, as the first statement of the body.
 */
@PerfRule(
        id = "keyset-get",
        summary = "A loop over map.keySet() that calls map.get(key) on the same map: a second lookup per entry that entrySet() avoids",
        severity = Severity.INFO,
        category = Category.COLLECTIONS,
        complexityBefore = "O(n) iteration + n lookups",
        complexityAfter = "O(n) iteration",
        hasFix = true)
public final class KeysetGetRule implements Rule {
    /** Calls on the map that cannot change it while it is iterated. */
    private static final Set<String> READ_ONLY = Set.of("get", "containsKey", "containsValue", "getOrDefault",
            "size", "isEmpty", "equals", "hashCode", "toString", "firstKey", "lastKey", "comparator");

    @Override
    public void register(NodeHandlers handlers) {
        handlers.on(EnhancedForStatement.class, this::matchLoop);
        handlers.on(org.eclipse.jdt.core.dom.WhileStatement.class, KeysetIteratorLoops::matchWhile);
        handlers.on(org.eclipse.jdt.core.dom.ForStatement.class, KeysetIteratorLoops::matchFor);
    }

    private void matchLoop(EnhancedForStatement loop, RuleContext context) {
        if (!(Bindings.unwrap(loop.getExpression()) instanceof MethodInvocation keySet)
                || !keySet.getName().getIdentifier().equals("keySet") || !keySet.arguments().isEmpty()
                || keySet.getExpression() == null) {
            return;
        }
        IMethodBinding keySetBinding = keySet.resolveMethodBinding();
        Expression map = keySet.getExpression();
        IVariableBinding mapVariable = Bindings.variable(map);
        IVariableBinding key = loop.getParameter().resolveBinding();
        if (keySetBinding == null || mapVariable == null || key == null
                || !Bindings.isSubtypeOf(keySetBinding.getDeclaringClass(), "java.util.Map")) {
            return;
        }
        List<MethodInvocation> gets = getsOf(loop.getBody(), map, key);
        if (gets.isEmpty()) {
            return;
        }
        ITypeBinding mapClass = ConcreteTypes.typeOf(map, context.compilationUnit());
        if (Bindings.isSubtypeOf(mapClass, "java.util.concurrent.ConcurrentMap")) {
            return; // weakly consistent iteration: entrySet is no equivalent rewrite, and its entries are new objects
        }
        String keyName = key.getName();
        String message = "The loop over '" + map + ".keySet()' looks every key up again with '" + map + ".get(" + keyName
                + ")': " + lookupCost(mapClass) + ". Iterate '" + map + ".entrySet()' and read getKey()/getValue() from"
                + " each entry.";
        Confidence confidence = Confidence.high("keySet() and get() resolved on the same "
                + (mapClass == null ? "map" : mapClass.getErasure().getName()) + " variable '" + mapVariable.getName() + "'");
        Plan plan = plan(loop, map, mapVariable, mapClass, key, gets, context);
        RuleContext.Reported reported;
        if (plan.whyNot() != null) {
            reported = context.reportWithoutFix(gets.get(0), message, confidence, plan.whyNot());
        } else {
            reported = context.report(gets.get(0), message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.REWRITE_LOOP, "Iterate '" + map + ".entrySet()'",
                    rewrite -> apply(rewrite, loop, keySet, gets, plan)));
        }
        quieten(reported, map, mapClass, context);
    }

    /** The calls {@code map.get(key)} in {@code body}, on the same map, with the key variable itself. */
    static List<MethodInvocation> getsOf(ASTNode body, Expression map, IVariableBinding key) {
        List<MethodInvocation> gets = new ArrayList<>();
        for (SimpleName reference : Bindings.referencesWithin(body, key)) {
            if (reference.getParent() instanceof MethodInvocation call
                    && reference.getLocationInParent() == MethodInvocation.ARGUMENTS_PROPERTY
                    && call.getName().getIdentifier().equals("get") && call.arguments().size() == 1
                    && call.getExpression() != null && PureExpressions.sameValue(call.getExpression(), map)
                    && isMapGet(call.resolveMethodBinding()) && !LoopExits.leavesLoopAfter(call, body.getParent())) {
                gets.add(call); // a get that leaves the loop (return map.get(key)) runs once, not per entry
            }
        }
        return gets;
    }

    /** What the extra lookup per entry costs on this map class, as the message says it. */
    static String lookupCost(ITypeBinding mapClass) {
        if (Bindings.isSubtypeOf(mapClass, "java.util.EnumMap")) {
            return "an array read by the key's ordinal per entry";
        }
        if (Bindings.isSubtypeOf(mapClass, "java.util.SortedMap")) {
            return "a tree descent (O(log n)) per entry, O(n log n) in all";
        }
        return "a second hash lookup per entry";
    }

    /** An EnumMap's get is an array read (cheap, said at hint); a map the code sizes is bounded. */
    static void quieten(RuleContext.Reported reported, Expression map, ITypeBinding mapClass, RuleContext context) {
        if (Bindings.isSubtypeOf(mapClass, "java.util.EnumMap")) {
            reported.quieter(Severity.HINT, "'" + map + "' is an EnumMap: get indexes an array by the key's ordinal,"
                    + " without hashing, so the second lookup costs little");
        }
        reported.bounded(CollectionSizes.bound(map, context.compilationUnit()));
    }

    private static boolean isMapGet(IMethodBinding binding) {
        return binding != null && Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.util.Map")
                && Bindings.is(binding.getMethodDeclaration().getParameterTypes()[0], "java.lang.Object");
    }

    private record Plan(String whyNot, String entryType, String keyDeclaration) {
        static Plan no(String why) {
            return new Plan(why, null, null);
        }
    }

    private static Plan plan(EnhancedForStatement loop, Expression map, IVariableBinding mapVariable,
                             ITypeBinding mapType, IVariableBinding key, List<MethodInvocation> gets,
                             RuleContext context) {
        if (mapType == null || Bindings.isSubtypeOf(mapType, "java.util.concurrent.ConcurrentMap")) {
            return Plan.no("'" + map + "' is a concurrent map, whose entries hold the value seen when the iterator"
                    + " passed, while get reads the current one");
        }
        if (!Bindings.writesWithin(loop.getBody(), key).isEmpty()) {
            return Plan.no("'" + key.getName() + "' is reassigned in the loop");
        }
        if (!Bindings.writesWithin(loop.getBody(), mapVariable).isEmpty()) {
            return Plan.no("'" + map + "' is reassigned in the loop");
        }
        for (SimpleName reference : Bindings.referencesWithin(loop.getBody(), mapVariable)) {
            MethodInvocation call = callOn(reference);
            if (call == null || !READ_ONLY.contains(call.getName().getIdentifier())) {
                return Plan.no("the loop does more with '" + map + "' than read it (line "
                        + context.compilationUnit().getLineNumber(reference.getStartPosition())
                        + "), and a get after a change may see a different value than the entry");
            }
        }
        for (MethodInvocation get : gets) {
            if (insideDeferredCode(get, loop)) {
                return Plan.no("'" + map + ".get(" + key.getName() + ")' sits in a lambda or inner class, which may run"
                        + " after the map has changed");
            }
        }
        String entryType = entryTypeArguments(mapVariable, context);
        if (entryType == null) {
            return Plan.no("the key and value types of '" + map + "' are not written out where it is declared, so the"
                    + " entry's type cannot be spelled");
        }
        SingleVariableDeclaration parameter = loop.getParameter();
        if (parameter.getExtraDimensions() != 0 || parameter.isVarargs()) {
            return Plan.no("the key variable's declaration cannot be moved as written");
        }
        String source = context.source();
        int end = parameter.getName().getStartPosition() + parameter.getName().getLength();
        String keyDeclaration = source.substring(parameter.getStartPosition(), end);
        return new Plan(null, entryType, keyDeclaration);
    }

    /** The call whose receiver is this reference ({@code map.m()} or {@code this.map.m()}), or null. */
    private static MethodInvocation callOn(SimpleName reference) {
        ASTNode receiver = reference;
        if (reference.getParent() instanceof org.eclipse.jdt.core.dom.FieldAccess access
                && access.getExpression() instanceof org.eclipse.jdt.core.dom.ThisExpression) {
            receiver = access;
        }
        return receiver.getParent() instanceof MethodInvocation call
                && receiver.getLocationInParent() == MethodInvocation.EXPRESSION_PROPERTY ? call : null;
    }

    private static boolean insideDeferredCode(ASTNode node, ASTNode loop) {
        for (ASTNode n = node.getParent(); n != null && n != loop; n = n.getParent()) {
            if (n instanceof LambdaExpression || n instanceof AnonymousClassDeclaration) {
                return true;
            }
        }
        return false;
    }

    /** "K, V" as written in the map's declared type ({@code Map<K, V>}, {@code HashMap<K, V>}, ...), or null. */
    private static String entryTypeArguments(IVariableBinding map, RuleContext context) {
        ASTNode declaration = CollectionVariables.declaration(map, context.compilationUnit());
        Type type = null;
        if (declaration instanceof SingleVariableDeclaration parameter) {
            type = parameter.getType();
        } else if (declaration instanceof VariableDeclarationFragment fragment) {
            if (fragment.getParent() instanceof VariableDeclarationStatement statement) {
                type = statement.getType();
            } else if (fragment.getParent() instanceof org.eclipse.jdt.core.dom.FieldDeclaration field) {
                type = field.getType();
            }
        }
        if (!(type instanceof ParameterizedType parameterized) || parameterized.typeArguments().size() != 2) {
            return null;
        }
        ITypeBinding declared = type.resolveBinding();
        if (declared == null || declared.getErasure().getTypeParameters().length != 2
                || !Bindings.isSubtypeOf(declared, "java.util.Map") || !mapsTypeParametersInOrder(declared)) {
            return null;
        }
        String source = context.source();
        Type keyType = (Type) parameterized.typeArguments().get(0);
        Type valueType = (Type) parameterized.typeArguments().get(1);
        return source.substring(keyType.getStartPosition(), keyType.getStartPosition() + keyType.getLength()) + ", "
                + source.substring(valueType.getStartPosition(), valueType.getStartPosition() + valueType.getLength());
    }

    /** The declared class's own two type parameters are Map's K and V, in that order (true for the JDK's maps). */
    private static boolean mapsTypeParametersInOrder(ITypeBinding declared) {
        String name = declared.getErasure().getQualifiedName();
        return name.startsWith("java.util.");
    }

    private static void apply(FixRewrite fix, EnhancedForStatement loop, MethodInvocation keySet,
                              List<MethodInvocation> gets, Plan plan) {
        AST ast = fix.ast();
        ASTRewrite rewrite = fix.rewrite();
        BodyDeclaration method = enclosingBody(loop);
        String entry = FixRewrite.freshName("entry", method == null ? loop : method);
        String mapType = fix.importType("java.util.Map");
        rewrite.replace(loop.getParameter(), rewrite.createStringPlaceholder(
                mapType + ".Entry<" + plan.entryType() + "> " + entry, ASTNode.SINGLE_VARIABLE_DECLARATION), null);
        rewrite.replace(keySet.getName(), ast.newSimpleName("entrySet"), null);
        for (MethodInvocation get : gets) {
            rewrite.replace(get, rewrite.createStringPlaceholder(entry + ".getValue()", ASTNode.METHOD_INVOCATION), null);
        }
        Statement keyStatement = (Statement) rewrite.createStringPlaceholder(
                plan.keyDeclaration() + " = " + entry + ".getKey();", ASTNode.VARIABLE_DECLARATION_STATEMENT);
        Statement body = loop.getBody();
        if (body instanceof Block block) {
            rewrite.getListRewrite(block, Block.STATEMENTS_PROPERTY).insertFirst(keyStatement, null);
        } else {
            Block block = ast.newBlock();
            @SuppressWarnings("unchecked")
            List<Statement> statements = block.statements();
            statements.add(keyStatement);
            statements.add((Statement) rewrite.createMoveTarget(body));
            rewrite.replace(body, block, null);
        }
    }

    private static BodyDeclaration enclosingBody(ASTNode node) {
        ASTNode n = node;
        while (n != null && !(n instanceof BodyDeclaration)) {
            n = n.getParent();
        }
        return (BodyDeclaration) n;
    }
}
