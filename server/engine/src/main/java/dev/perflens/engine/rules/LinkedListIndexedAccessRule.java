package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;

/**
 * A LinkedList reaches index i by following i links from the nearer end, so {@code get(i)} and
 * {@code set(i, x)} are O(n), and a loop over the indexes is O(n^2). The fix turns a counting
 * loop whose index serves only {@code list.get(i)} into an enhanced for, which follows each
 * link once.
 */
@PerfRule(
        id = "linked-list-indexed-access",
        summary = "get(int) or set(int, x) on a LinkedList inside a loop: every call walks the list from one end",
        severity = Severity.WARNING,
        category = Category.COLLECTIONS,
        complexityBefore = "O(n^2)",
        complexityAfter = "O(n)",
        hasFix = true)
public final class LinkedListIndexedAccessRule implements Rule, MethodInvocationMatcher {
    private static final String LINKED_LIST = "java.util.LinkedList";

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        String method = node.getName().getIdentifier();
        boolean get = method.equals("get") && node.arguments().size() == 1;
        boolean set = method.equals("set") && node.arguments().size() == 2;
        if ((!get && !set) || node.getExpression() == null) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null || !CollectionVariables.declaredByJdk(binding)) {
            return;
        }
        ITypeBinding indexType = binding.getMethodDeclaration().getParameterTypes()[0];
        if (!indexType.isPrimitive() || !indexType.getName().equals("int")) {
            return;
        }
        Expression receiver = node.getExpression();
        Expression index = (Expression) node.arguments().get(0);
        String callers = null;
        if (!isLinkedList(receiver, binding, context)) {
            callers = linkedListCallers(receiver, binding, context);
            if (callers == null) {
                return;
            }
        }
        if (isNearAnEnd(index, receiver)) {
            return;
        }
        Optional<ASTNode> loop = Loops.enclosingLoop(node);
        if (loop.isEmpty() || !CollectionVariables.isSameEveryPass(receiver, loop.get(), context.compilationUnit())
                || LoopExits.leavesLoopAfter(node, loop.get())) {
            return; // a call followed by break/return runs once, not once per pass
        }
        if (hasEarlierAccess(node, receiver, loop.get())) {
            return; // one finding per list and loop: the first access stands for the others
        }
        String message = "'" + receiver + "." + method + "(" + index + (set ? ", ..." : "") + ")' on a LinkedList"
                + " follows links from the nearer end to reach the index (O(n)), on every pass of the "
                + Loops.describe(loop.get()) + ": O(n^2) in all. Iterate the list (an enhanced for, or a ListIterator"
                + (set ? " and its set method" : "") + "), or copy it into an ArrayList for random access."
                + (callers == null ? "" : " '" + receiver + "' is declared as List, but the callers in this file pass a"
                + " LinkedList (" + callers + ").");
        Confidence confidence = callers == null ? Confidence.high("'" + receiver + "' resolved to java.util.LinkedList")
                : Confidence.medium("every call of the method in this file passes a LinkedList for '" + receiver
                + "' (" + callers + "); the method is not public, but code elsewhere in its package may call it");
        if (set) {
            context.reportWithoutFix(node, message, confidence,
                    "set(int, x) writes through the index; walk the list with a ListIterator and call its set method");
            return;
        }
        LinkedListLoopFix.Plan plan = LinkedListLoopFix.plan(node, loop.get(), context);
        if (plan.whyNot() != null) {
            context.reportWithoutFix(node, message, confidence, plan.whyNot());
        } else {
            context.report(node, message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.REWRITE_LOOP, "Iterate '" + receiver + "' with an enhanced for",
                    rewrite -> LinkedListLoopFix.apply(rewrite, plan)));
        }
    }

    private static boolean isLinkedList(Expression receiver, IMethodBinding binding, RuleContext context) {
        ITypeBinding type = receiver.resolveTypeBinding();
        if (Bindings.isSubtypeOf(type, LINKED_LIST)) {
            ITypeBinding owner = binding.getDeclaringClass();
            return Bindings.is(owner, LINKED_LIST) || Bindings.is(owner, "java.util.AbstractSequentialList");
        }
        return Bindings.is(binding.getDeclaringClass(), "java.util.List")
                && CollectionVariables.onlyEverHolds(receiver, LINKED_LIST, context.compilationUnit());
    }

    /** "line N" of a caller when the receiver is a List parameter every call in this file feeds a LinkedList. */
    private static String linkedListCallers(Expression receiver, IMethodBinding binding, RuleContext context) {
        return Bindings.is(binding.getDeclaringClass(), "java.util.List")
                ? ParameterCallers.allPass(Bindings.variable(receiver), LINKED_LIST, context.compilationUnit()) : null;
    }

    /** Another indexed access to the same list earlier in the same loop, which carries the finding. */
    private static boolean hasEarlierAccess(MethodInvocation node, Expression receiver, ASTNode loop) {
        boolean[] found = new boolean[1];
        loop.accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation other) {
                if (!found[0] && other != node && other.getStartPosition() < node.getStartPosition()
                        && other.getExpression() != null && isIndexedAccess(other)
                        && PureExpressions.sameValue(other.getExpression(), receiver)
                        && !isNearAnEnd((Expression) other.arguments().get(0), receiver)
                        && Loops.enclosingLoop(other).orElse(null) == loop) {
                    found[0] = true;
                }
                return !found[0];
            }
        });
        return found[0];
    }

    private static boolean isIndexedAccess(MethodInvocation call) {
        String name = call.getName().getIdentifier();
        int arity = name.equals("get") ? 1 : name.equals("set") ? 2 : -1;
        IMethodBinding binding = call.resolveMethodBinding();
        return arity == call.arguments().size() && binding != null
                && binding.getMethodDeclaration().getParameterTypes()[0].getName().equals("int");
    }

    /**
     * A constant index, or one counted from the end ({@code list.size() - k}, {@code list.size() - 1 - k}):
     * a LinkedList walks from the nearer end, so such a call costs the distance k, not the length.
     */
    private static boolean isNearAnEnd(Expression index, Expression receiver) {
        Expression e = Bindings.unwrap(index);
        if (e.resolveConstantExpressionValue() != null) {
            return true;
        }
        if (e instanceof InfixExpression plus && plus.getOperator() == InfixExpression.Operator.PLUS
                && !plus.hasExtendedOperands() && isNearAnEnd(plus.getLeftOperand(), receiver)) {
            return true; // size() - k + i: still counted from the end
        }
        return e instanceof InfixExpression infix && infix.getOperator() == InfixExpression.Operator.MINUS
                && Bindings.unwrap(infix.getLeftOperand()) instanceof MethodInvocation size
                && size.getName().getIdentifier().equals("size") && size.getExpression() != null
                && PureExpressions.sameValue(size.getExpression(), receiver);
    }
}
