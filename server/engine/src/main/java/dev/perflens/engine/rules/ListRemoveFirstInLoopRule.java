package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.List;
import java.util.Optional;
import dev.perflens.engine.rule.SizeBound;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.IfStatement;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.WhileStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;

/**
 * An ArrayList keeps its elements in one array from index 0: removing or inserting at the
 * front moves every other element. Done once per pass of a loop (draining a work list with
 * {@code remove(0)}, building one backwards with {@code add(0, x)}) that is quadratic.
 */
@PerfRule(
        id = "list-remove-first-in-loop",
        summary = "remove(0) or add(0, x) on an ArrayList inside a loop: every call shifts all other elements",
        severity = Severity.WARNING,
        category = Category.COLLECTIONS,
        complexityBefore = "O(n^2)",
        complexityAfter = "O(n)")
public final class ListRemoveFirstInLoopRule implements Rule, MethodInvocationMatcher {
    private static final List<String> ARRAY_LISTS = List.of("java.util.ArrayList", "java.util.Vector");

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        String method = node.getName().getIdentifier();
        boolean remove = method.equals("remove") && node.arguments().size() == 1;
        boolean insert = method.equals("add") && node.arguments().size() == 2;
        if ((!remove && !insert) || node.getExpression() == null) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null) {
            return;
        }
        ITypeBinding indexType = binding.getMethodDeclaration().getParameterTypes()[0];
        if (!indexType.isPrimitive() || !indexType.getName().equals("int")) {
            return; // remove(Object) searches; add(E) appends
        }
        Object index = ((Expression) node.arguments().get(0)).resolveConstantExpressionValue();
        if (!(index instanceof Integer value) || value != 0) {
            return;
        }
        Expression receiver = node.getExpression();
        String listClass = arrayBackedList(binding, receiver, context);
        if (listClass == null) {
            return;
        }
        Optional<ASTNode> loop = Loops.enclosingPass(node);
        if (loop.isEmpty() || !CollectionVariables.isSameEveryPass(receiver, loop.get(), context.compilationUnit())
                || LoopExits.leavesLoopAfter(node, loop.get())) {
            return; // a call followed by break/return runs once, not once per pass
        }
        String simpleName = listClass.substring(listClass.lastIndexOf('.') + 1);
        String what = remove ? "removing the first element" : "inserting at the front";
        String message = "'" + receiver + "." + method + "(0" + (insert ? ", ..." : "") + ")' on an " + simpleName
                + " moves every other element one place (O(n)) for " + what + ", on every pass of the "
                + Loops.describe(loop.get()) + ": O(n^2) in all. An ArrayDeque "
                + (remove ? "(pollFirst/removeFirst)" : "(addFirst/offerFirst)")
                + " does this in O(1); or walk the list by index and clear it once"
                + (insert ? ", or add at the end and reverse once." : ".");
        Confidence confidence = Confidence.high("call resolved to " + binding.getDeclaringClass().getErasure().getName()
                + "." + method + "(int" + (insert ? ", E" : "") + ") on " + simpleName + ", index is the constant 0");
        RuleContext.Reported reported = context.reportWithoutFix(node, message, confidence, null);
        SizeBound cap = remove ? sizeCap(node, receiver) : null;
        if (cap == null) {
            cap = CollectionSizes.ofCopiedLiteral(receiver, context.compilationUnit(), List.of());
        }
        if (cap != null) {
            reported.bounded(cap);
        } else if (remove) {
            Growth.unlessGrowing(reported, receiver, node, context.compilationUnit()); // add(0, x) grows by itself
        }
    }

    /**
     * The size a check right around a {@code remove(0)} keeps the list at: under
     * {@code if (list.size() > C)} or {@code while (list.size() >= C)} with a constant C the call
     * trims the list to a window, so each call shifts at most about C elements whatever the loop's
     * length. A large C still costs that much per pass, which the bound's size says.
     */
    private static SizeBound sizeCap(MethodInvocation call, Expression receiver) {
        IVariableBinding list = Bindings.variable(receiver);
        if (list == null || !(call.getParent() instanceof ExpressionStatement)) {
            return null;
        }
        ASTNode child = call.getParent();
        while (child.getParent() instanceof Block) {
            child = child.getParent();
        }
        Expression condition;
        if (child.getParent() instanceof IfStatement check && child.getLocationInParent() == IfStatement.THEN_STATEMENT_PROPERTY) {
            condition = check.getExpression();
        } else if (child.getParent() instanceof WhileStatement loop) {
            condition = loop.getExpression();
        } else {
            return null;
        }
        if (!(Bindings.unwrap(condition) instanceof InfixExpression compare) || compare.hasExtendedOperands()) {
            return null;
        }
        InfixExpression.Operator operator = compare.getOperator();
        Expression size = compare.getLeftOperand();
        Expression limit = compare.getRightOperand();
        if (operator == InfixExpression.Operator.LESS || operator == InfixExpression.Operator.LESS_EQUALS) {
            size = compare.getRightOperand();
            limit = compare.getLeftOperand();
            operator = operator == InfixExpression.Operator.LESS ? InfixExpression.Operator.GREATER
                    : InfixExpression.Operator.GREATER_EQUALS;
        }
        if (operator != InfixExpression.Operator.GREATER && operator != InfixExpression.Operator.GREATER_EQUALS) {
            return null;
        }
        if (!(Bindings.unwrap(size) instanceof MethodInvocation sizeCall) || !sizeCall.arguments().isEmpty()
                || !sizeCall.getName().getIdentifier().equals("size") || sizeCall.getExpression() == null
                || !list.isEqualTo(Bindings.variable(sizeCall.getExpression()))) {
            return null;
        }
        if (!(limit.resolveConstantExpressionValue() instanceof Number constant)) {
            return null;
        }
        // After the check the list holds at most C (>= C) or C + 1 (> C) elements when it shifts them.
        long most = constant.longValue() + (operator == InfixExpression.Operator.GREATER ? 1 : 0);
        return new SizeBound(most, "the size check before remove(0)");
    }

    /** The JDK array-backed list the call runs on, or null (a LinkedList removes its head in O(1)). */
    private static String arrayBackedList(IMethodBinding binding, Expression receiver, RuleContext context) {
        ITypeBinding owner = binding.getDeclaringClass();
        for (String list : ARRAY_LISTS) {
            if (Bindings.is(owner, list)) {
                return list;
            }
        }
        if (owner != null && owner.isInterface() && CollectionVariables.declaredByJdk(binding)) {
            for (String list : ARRAY_LISTS) {
                if (CollectionVariables.onlyEverHolds(receiver, list, context.compilationUnit())
                        || ConcreteTypes.holds(receiver, list, context.compilationUnit())) {
                    return list;
                }
            }
        }
        return null;
    }
}
