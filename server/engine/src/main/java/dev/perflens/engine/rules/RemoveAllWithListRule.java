package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.List;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;

/**
 * {@code c.removeAll(list)} and {@code c.retainAll(list)} ask {@code list.contains(e)} for every
 * element e of c, and a list answers by scanning: O(n*m). Passing a HashSet copy makes each
 * question O(1). Only reported where the receiver's JDK implementation really calls
 * {@code contains} on the argument per element (AbstractSet.removeAll may iterate the argument
 * instead).
 */
@PerfRule(
        id = "remove-all-with-list",
        summary = "removeAll/retainAll with a List argument: the receiver calls list.contains, a linear scan, for each of its elements",
        severity = Severity.WARNING,
        category = Category.COLLECTIONS,
        complexityBefore = "O(n*m)",
        complexityAfter = "O(n+m)",
        hasFix = true)
public final class RemoveAllWithListRule implements Rule, MethodInvocationMatcher {

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        String method = node.getName().getIdentifier();
        boolean removeAll = method.equals("removeAll");
        if ((!removeAll && !method.equals("retainAll")) || node.arguments().size() != 1
                || node.getExpression() == null) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null || !CollectionVariables.declaredByJdk(binding)
                || !Bindings.is(binding.getMethodDeclaration().getParameterTypes()[0], "java.util.Collection")) {
            return; // a project's own collection may implement these differently
        }
        Expression receiver = node.getExpression();
        Expression argument = (Expression) node.arguments().get(0);
        // What the variables hold decides which removeAll runs and whether contains scans.
        ITypeBinding receiverType = ConcreteTypes.typeOf(receiver, context.compilationUnit());
        ITypeBinding argumentType = argument.resolveTypeBinding();
        ITypeBinding argumentClass = ConcreteTypes.typeOf(argument, context.compilationUnit());
        if (receiverType == null || !Bindings.isSubtypeOf(argumentClass, "java.util.List")
                || !callsContainsPerElement(receiverType, removeAll)
                || CollectionVariables.isSmallFixedCollection(argument, context.compilationUnit())) {
            return;
        }
        String message = "'" + receiver + "." + method + "(" + argument + ")' calls contains on the list argument"
                + " for each element of '" + receiver + "', and each call scans the list (O(m)): O(n*m) in all."
                + " Pass a HashSet built once from the list (O(m)) to make it O(n+m).";
        String onlyHashed = EqualsHashCode.fieldOnlyHashed(elementType(argumentType), context.compilationUnit());
        if (onlyHashed != null) {
            return; // hashCode reads a field equals ignores: a HashSet would not find what the list finds
        }
        Confidence confidence = Confidence.high("argument resolved to " + argumentClass.getErasure().getName()
                + ", receiver to " + receiverType.getErasure().getName() + " whose " + method
                + " tests each element with the argument's contains");
        String whyNot = readsReceiver(argument, receiver)
                ? "the list is read from '" + receiver + "' itself, so copying it first would change what " + method
                + " sees while it removes"
                : whyNoFix(argument, argumentType);
        RuleContext.Reported reported = whyNot != null ? context.reportWithoutFix(node, message, confidence, whyNot)
                : context.report(node, message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.REPLACE_EXPRESSION, "Pass 'new HashSet<>(" + argument + ")'",
                        rewrite -> apply(rewrite, argument)));
        // n*m stays small when either side is: the list scanned, or the collection that asks.
        reported.bounded(CollectionSizes.bound(argument, context.compilationUnit()))
                .bounded(CollectionSizes.bound(receiver, context.compilationUnit()));
        Growth.unlessFilledPerItem(reported, argument, node, context.compilationUnit());
    }

    /**
     * removeAll: every JDK List (AbstractCollection, ArrayList, Vector, CopyOnWriteArrayList) and
     * Queue (ArrayDeque, PriorityQueue, LinkedList, the concurrent queues) calls
     * {@code c.contains} per element; a Set's removeAll (AbstractSet) iterates the argument
     * instead when the set is the larger, so sets, and collections that may be sets, are left
     * alone. retainAll: every JDK collection, sets included, calls {@code c.contains} per element.
     */
    private static boolean callsContainsPerElement(ITypeBinding receiverType, boolean removeAll) {
        if (Bindings.isSubtypeOf(receiverType, "java.util.List") || Bindings.isSubtypeOf(receiverType, "java.util.Queue")) {
            return true;
        }
        return !removeAll && Bindings.isSubtypeOf(receiverType, "java.util.Collection");
    }

    /** The argument names the receiver's variable ({@code list.removeAll(list.subList(0, 3))}): a view of it, maybe. */
    private static boolean readsReceiver(Expression argument, Expression receiver) {
        var receiverVariable = Bindings.variable(receiver);
        if (receiverVariable == null) {
            return true; // cannot tell what the receiver is, so cannot rule out a view of it
        }
        return PureExpressions.variablesRead(argument).stream()
                .anyMatch(v -> v.isEqualTo(receiverVariable.getVariableDeclaration()));
    }

    private static String whyNoFix(Expression argument, ITypeBinding argumentType) {
        ITypeBinding element = elementType(argumentType);
        if (element == null) {
            return "the list's element type is not known, so it cannot be shown that its equals and hashCode agree";
        }
        String inconsistent = equalsWithoutHashCode(element);
        if (inconsistent != null) {
            return inconsistent + " overrides equals but not hashCode, so a HashSet would not find elements the list"
                    + " finds";
        }
        ITypeBinding owner = containsOwner(argumentType);
        if (owner != null && !owner.getErasure().getQualifiedName().startsWith("java.")) {
            return "'" + argument + "' is a " + argumentType.getErasure().getName() + " whose contains is its own ("
                    + owner.getErasure().getName() + "), not necessarily equals-based";
        }
        return null;
    }

    /** E of the argument's List&lt;E&gt; (its upper bound for a wildcard or capture), or null when raw. */
    private static ITypeBinding elementType(ITypeBinding listType) {
        for (ITypeBinding t = listType; t != null; t = t.getSuperclass()) {
            ITypeBinding found = listArgument(t);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static ITypeBinding listArgument(ITypeBinding type) {
        if (Bindings.is(type, "java.util.List") || Bindings.is(type, "java.util.Collection")) {
            ITypeBinding[] arguments = type.getTypeArguments();
            if (arguments.length != 1) {
                return null;
            }
            ITypeBinding argument = arguments[0];
            if (argument.isWildcardType()) {
                return argument.getBound() != null && argument.isUpperbound() ? argument.getBound()
                        : type.getErasure().getTypeParameters()[0].getErasure();
            }
            if (argument.isCapture()) {
                return argument.getWildcard() != null && argument.getWildcard().getBound() != null
                        && argument.getWildcard().isUpperbound() ? argument.getWildcard().getBound() : argument.getErasure();
            }
            return argument;
        }
        for (ITypeBinding superInterface : type.getInterfaces()) {
            ITypeBinding found = listArgument(superInterface);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The name of the class between {@code type} and Object that overrides equals with no hashCode override, or null. */
    static String equalsWithoutHashCode(ITypeBinding type) {
        ITypeBinding start = type.isTypeVariable() || type.isCapture() ? type.getErasure() : type;
        boolean equalsSeen = false;
        String equalsOwner = null;
        for (ITypeBinding t = start; t != null && !t.isInterface() && !Bindings.is(t, "java.lang.Object");
             t = t.getSuperclass()) {
            for (IMethodBinding method : t.getDeclaredMethods()) {
                if (method.getName().equals("hashCode") && method.getParameterTypes().length == 0) {
                    return null; // the nearest override of either pair: hashCode comes first or with equals
                }
                if (method.getName().equals("equals") && method.getParameterTypes().length == 1
                        && Bindings.is(method.getParameterTypes()[0], "java.lang.Object")) {
                    equalsSeen = true;
                    equalsOwner = t.getErasure().getName();
                }
            }
            if (equalsSeen) {
                return equalsOwner;
            }
        }
        return null;
    }

    /** The class that implements contains(Object) for this static type, or null when it is an interface's. */
    private static ITypeBinding containsOwner(ITypeBinding type) {
        for (ITypeBinding t = type; t != null; t = t.getSuperclass()) {
            for (IMethodBinding method : t.getDeclaredMethods()) {
                if (method.getName().equals("contains") && method.getParameterTypes().length == 1
                        && (method.getModifiers() & org.eclipse.jdt.core.dom.Modifier.ABSTRACT) == 0) {
                    return t;
                }
            }
        }
        return null;
    }

    private static void apply(FixRewrite fix, Expression argument) {
        AST ast = fix.ast();
        ClassInstanceCreation copy = ast.newClassInstanceCreation();
        copy.setType(ast.newParameterizedType(ast.newSimpleType(ast.newName(fix.importType("java.util.HashSet")))));
        @SuppressWarnings("unchecked")
        List<Expression> arguments = copy.arguments();
        arguments.add((Expression) fix.rewrite().createCopyTarget(Bindings.unwrap(argument)));
        fix.rewrite().replace(argument, copy, null);
    }
}
