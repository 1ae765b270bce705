package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTMatcher;
import org.eclipse.jdt.core.dom.ArrayCreation;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.Name;
import org.eclipse.jdt.core.dom.ThisExpression;

/**
 * {@code c.toArray(new T[c.size()])} was once advised to save an allocation. On current
 * HotSpot it is slower than {@code c.toArray(new T[0])}: the pre-sized array must be zeroed
 * before it is filled, while the collection's own allocation of the result skips the zeroing
 * (Aleksey Shipilëv, "Arrays of Wisdom of the Ancients").
 */
@PerfRule(
        id = "toarray-presized",
        summary = "toArray(new T[c.size()]): a pre-sized array is zeroed and then filled, slower than toArray(new T[0])",
        severity = Severity.INFO,
        category = Category.COLLECTIONS,
        perCall = true,
        complexityBefore = "O(n) zeroing + O(n) copy",
        complexityAfter = "O(n) copy",
        hasFix = true)
public final class ToarrayPresizedRule implements Rule, MethodInvocationMatcher {
    private static final Set<String> MAP_VIEWS = Set.of("keySet", "values", "entrySet");

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        if (!node.getName().getIdentifier().equals("toArray") || node.arguments().size() != 1
                || node.getExpression() == null) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        Expression receiver = node.getExpression();
        ITypeBinding receiverType = receiver.resolveTypeBinding();
        if (binding == null || !Bindings.isSubtypeOf(receiverType, "java.util.Collection")
                || !binding.getMethodDeclaration().getParameterTypes()[0].isArray()) {
            return;
        }
        if (!(Bindings.unwrap((Expression) node.arguments().get(0)) instanceof ArrayCreation array)
                || array.dimensions().size() != 1 || array.getInitializer() != null
                || !(Bindings.unwrap((Expression) array.dimensions().get(0)) instanceof MethodInvocation size)
                || !isSizeOfSameCollection(size, receiver)) {
            return;
        }
        String backing = arrayBacked(receiver, context);
        if (backing == null) {
            return; // its toArray(T[]) allocates a short array with Array.newInstance, zeroed either way: no gain
        }
        String elementType = array.getType().getElementType().toString();
        String extraDimensions = "[]".repeat(array.getType().getDimensions() - 1);
        String empty = "new " + elementType + "[0]" + extraDimensions;
        String message = "toArray(new " + elementType + "[" + size + "]" + extraDimensions + ") hands the collection a"
                + " pre-sized array, which the JVM must zero before the copy overwrites it; with toArray(" + empty + ")"
                + " the collection allocates the result itself and HotSpot skips the zeroing, so the zero-length form is"
                + " as fast or faster (Aleksey Shipilëv, \"Arrays of Wisdom of the Ancients\"). Pass " + empty + "."
                + (backing.equals(LIST) ? " This holds for an ArrayList and the other array-backed lists, which copy with"
                + " Arrays.copyOf; a LinkedList allocates the same zeroed array either way." : "");
        Confidence confidence = backing.equals(LIST)
                ? Confidence.medium("toArray resolved on java.util.List, whose implementation this code does not show;"
                        + " the array is sized with size() of the same collection")
                : Confidence.high("toArray resolved on " + backing + ", whose toArray(T[]) copies with Arrays.copyOf;"
                        + " the array is sized with size() of the same collection");
        String whyNot = whyNoFix(receiverType, size);
        if (whyNot != null) {
            context.reportWithoutFix(node, message, confidence, whyNot);
            return;
        }
        Expression dimension = (Expression) array.dimensions().get(0);
        context.report(node, message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.REPLACE_EXPRESSION, "Pass " + empty,
                rewrite -> rewrite.rewrite().replace(dimension, rewrite.ast().newNumberLiteral("0"), null)));
    }

    /** Collections whose toArray(T[]) makes the result with Arrays.copyOf, which skips the zeroing. */
    private static final java.util.List<String> ARRAY_BACKED = java.util.List.of("java.util.ArrayList", "java.util.Vector",
            "java.util.concurrent.CopyOnWriteArrayList", "java.util.ArrayDeque", "java.util.PriorityQueue");
    private static final String LIST = "java.util.List";

    /**
     * The array-backed class the receiver holds (its concrete class where the code settles it),
     * {@link #LIST} for a List whose implementation is not shown, or null: sets, map views,
     * linked and tree collections fill an array from Array.newInstance, as zeroed as the pre-sized one.
     */
    private static String arrayBacked(Expression receiver, RuleContext context) {
        ITypeBinding type = ConcreteTypes.typeOf(receiver, context.compilationUnit());
        if (type == null) {
            return null;
        }
        for (String backed : ARRAY_BACKED) {
            if (Bindings.isSubtypeOf(type, backed)) {
                return backed;
            }
        }
        return type.isInterface() && Bindings.is(type, LIST) ? LIST : null;
    }

    /** {@code c.size()} for receiver {@code c}, or {@code m.size()} for {@code m.keySet()}/values()/entrySet(). */
    private static boolean isSizeOfSameCollection(MethodInvocation size, Expression receiver) {
        IMethodBinding binding = size.resolveMethodBinding();
        if (!size.getName().getIdentifier().equals("size") || !size.arguments().isEmpty() || binding == null
                || size.getExpression() == null || !isPure(size.getExpression()) || !isPure(receiver)) {
            return false;
        }
        ITypeBinding owner = size.getExpression().resolveTypeBinding();
        Expression sized = Bindings.unwrap(size.getExpression());
        Expression target = Bindings.unwrap(receiver);
        if (Bindings.isSubtypeOf(owner, "java.util.Collection") && same(sized, target)) {
            return true;
        }
        return Bindings.isSubtypeOf(owner, "java.util.Map") && target instanceof MethodInvocation view
                && MAP_VIEWS.contains(view.getName().getIdentifier()) && view.arguments().isEmpty()
                && view.getExpression() != null && same(sized, Bindings.unwrap(view.getExpression()));
    }

    /** The same variable ({@code names} and {@code this.names} alike), or the same text. */
    private static boolean same(Expression a, Expression b) {
        var left = Bindings.variable(a);
        var right = Bindings.variable(b);
        if (left != null && right != null) {
            return left.getVariableDeclaration().isEqualTo(right.getVariableDeclaration())
                    && (!left.isField() || Modifier.isStatic(left.getModifiers()) || sameInstance(a, b));
        }
        return a.subtreeMatch(new ASTMatcher(), b);
    }

    /** Both unqualified or this-qualified: the field of the same object. */
    private static boolean sameInstance(Expression a, Expression b) {
        return isOwnField(a) && isOwnField(b) || a.subtreeMatch(new ASTMatcher(), b);
    }

    private static boolean isOwnField(Expression e) {
        return e instanceof org.eclipse.jdt.core.dom.SimpleName
                || e instanceof FieldAccess access && access.getExpression() instanceof ThisExpression;
    }

    /** Names, this, field reads and argument-free calls: the same text denotes the same collection. */
    private static boolean isPure(Expression expression) {
        Expression e = Bindings.unwrap(expression);
        if (e instanceof Name || e instanceof ThisExpression) {
            return true;
        }
        if (e instanceof FieldAccess access) {
            return isPure(access.getExpression());
        }
        return e instanceof MethodInvocation call && call.arguments().isEmpty()
                && (call.getExpression() == null || isPure(call.getExpression()));
    }

    private static String whyNoFix(ITypeBinding receiverType, MethodInvocation size) {
        if (receiverType.getPackage() != null && receiverType.getPackage().getName().startsWith("java.util.concurrent")) {
            return "the collection is concurrent: if it shrinks between size() and toArray, the pre-sized form returns"
                    + " trailing nulls where new T[0] returns exactly the elements, so the result could differ";
        }
        String[] dropped = new String[1];
        Expression sized = size.getExpression();
        sized.accept(new org.eclipse.jdt.core.dom.ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                IMethodBinding binding = call.resolveMethodBinding();
                ITypeBinding owner = binding == null ? null : binding.getDeclaringClass();
                boolean jdkCollection = owner != null && owner.getPackage() != null
                        && owner.getPackage().getName().equals("java.util");
                if (!jdkCollection && dropped[0] == null) {
                    dropped[0] = call.getName().getIdentifier();
                }
                return true;
            }
        });
        return dropped[0] == null ? null
                : "the array size calls " + dropped[0] + "(), and removing that call could drop a side effect";
    }
}
