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
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;

/**
 * {@code contains}/{@code indexOf}/{@code lastIndexOf}/{@code remove(Object)} on a List scans
 * it element by element; in a loop that is O(n*m). Lists of a few constant elements
 * ({@code List.of("EUR", "USD")}) are left alone: their scan is as cheap as a hash.
 */
@PerfRule(
        id = "list-membership-in-loop",
        summary = "contains/indexOf/remove(Object) on a List inside a loop: a linear scan per iteration",
        severity = Severity.WARNING,
        category = Category.COLLECTIONS,
        complexityBefore = "O(n*m)",
        complexityAfter = "O(n+m)",
        hasFix = true)
public final class ListMembershipInLoopRule implements Rule, MethodInvocationMatcher {
    private static final Set<String> SCANNING_METHODS = Set.of("contains", "indexOf", "lastIndexOf", "remove");

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        String method = node.getName().getIdentifier();
        if (!SCANNING_METHODS.contains(method) || node.arguments().size() != 1 || node.getExpression() == null) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null) {
            return;
        }
        ITypeBinding parameter = binding.getMethodDeclaration().getParameterTypes()[0];
        if (!Bindings.is(parameter, "java.lang.Object")) {
            return; // remove(int) removes by index: no scan for an element
        }
        Expression receiver = node.getExpression();
        ITypeBinding receiverType = receiver.resolveTypeBinding();
        if (receiverType == null || Bindings.isSubtypeOf(receiverType, "java.util.Set")) {
            return;
        }
        Confidence confidence;
        ITypeBinding held = ConcreteTypes.concreteClass(receiver, context.compilationUnit());
        if (Bindings.isSubtypeOf(receiverType, "java.util.List")) {
            confidence = Confidence.high("receiver type resolved to " + receiverType.getErasure().getQualifiedName());
        } else if (Bindings.isSubtypeOf(held, "java.util.List")) {
            confidence = Confidence.high("'" + receiver + "' is declared as " + receiverType.getErasure().getName()
                    + " but only ever holds a " + held.getName());
        } else {
            return;
        }
        Optional<ASTNode> loop = Loops.enclosingLoop(node);
        if (loop.isEmpty() || !isSameListEveryPass(receiver, loop.get(), context)
                || LoopExits.leavesLoopAfter(node, loop.get()) // found, then out: once per run of the loop
                || removesTheCurrentElement(node, receiver, loop.get())
                || isTheCurrentElement((Expression) node.arguments().get(0), receiver, loop.get())
                || CollectionVariables.isSmallFixedCollection(receiver, context.compilationUnit())) {
            return;
        }
        boolean positionUsed = !method.equals("remove") && ListToSetFix.membershipTest(node) == null
                && !(node.getParent() instanceof ExpressionStatement);
        String message = "'" + receiver + "." + method + "(...)' scans the list element by element (O(m)) on every"
                + " pass of the " + Loops.describe(loop.get()) + ", O(n*m) in all. "
                + (positionUsed ? "The position it returns is used, so a HashSet cannot answer it: look positions up in"
                        + " a HashMap from element to index built once before the loop (O(1) per lookup)."
                        : "Look elements up in a HashSet built once before the loop (O(1) per lookup).");
        IVariableBinding variable = Bindings.variable(receiver);
        ASTNode declaration = context.compilationUnit().findDeclaringNode(variable.getVariableDeclaration());
        ListToSetFix.Plan plan = ListToSetFix.plan(node, variable, declaration);
        if (plan.fix() != null && Bindings.isSubtypeOf(held, "java.util.concurrent.CopyOnWriteArrayList")) {
            // A copy-on-write list exists to be shared: another thread may add to it while the loop runs.
            plan = ListToSetFix.Plan.no("'" + receiver + "' holds a CopyOnWriteArrayList, made to be shared with other"
                    + " threads: a HashSet built before the loop would miss elements they add while it runs");
        }
        RuleContext.Reported reported = plan.fix() != null ? context.report(node, message, confidence, plan.fix())
                : context.reportWithoutFix(node, message, confidence, plan.whyNot());
        reported.bounded(CollectionSizes.bound(receiver, context.compilationUnit()));
        Growth.unlessGrowing(reported, receiver, node, context.compilationUnit());
    }

    /**
     * {@code for (E e : list) ... list.remove(e)}: removing the element being iterated succeeds
     * at once, and the loop must leave right after (or its iterator throws
     * ConcurrentModificationException): it runs once per run of the loop.
     */
    private static boolean removesTheCurrentElement(MethodInvocation call, Expression receiver, ASTNode loop) {
        if (!call.getName().getIdentifier().equals("remove") || !(loop instanceof EnhancedForStatement each)
                || !PureExpressions.sameValue(Bindings.unwrap(each.getExpression()), receiver)) {
            return false;
        }
        IVariableBinding removed = Bindings.variable((Expression) call.arguments().get(0));
        return removed != null && removed.isEqualTo(each.getParameter().resolveBinding());
    }

    /**
     * {@code for (E e : list) ... list.indexOf(e)}, {@code list.remove(list.get(i))}, or the same
     * through a local set from {@code list.get(i)} in the loop: the element is the loop's own,
     * taken from the list itself. That is no membership test (the answer is "present"): indexOf
     * asks for the current position, which a counter gives, and remove(Object) of an element just
     * read costs the shift that remove(int) costs too. A HashSet answers neither.
     */
    private static boolean isTheCurrentElement(Expression argument, Expression receiver, ASTNode loop) {
        Expression element = Bindings.unwrap(argument);
        IVariableBinding variable = Bindings.variable(element);
        if (loop instanceof EnhancedForStatement each && variable != null
                && variable.isEqualTo(each.getParameter().resolveBinding())
                && PureExpressions.sameValue(Bindings.unwrap(each.getExpression()), receiver)) {
            return true;
        }
        if (variable == null || variable.isField()) {
            return isGetOn(element, receiver);
        }
        // A local: every value it takes in the loop (its initialiser when declared there, each
        // assignment there) is read from the list.
        List<Expression> values = new java.util.ArrayList<>();
        ASTNode declaration = ((CompilationUnit) loop.getRoot()).findDeclaringNode(variable.getVariableDeclaration());
        boolean declaredInside = declaration != null && Loops.contains(loop, declaration);
        if (declaredInside && declaration instanceof VariableDeclarationFragment fragment && fragment.getInitializer() != null) {
            values.add(fragment.getInitializer());
        }
        for (Expression write : Bindings.writesWithin(loop, variable)) {
            if (!(write instanceof Assignment assignment) || assignment.getOperator() != Assignment.Operator.ASSIGN) {
                return false;
            }
            values.add(assignment.getRightHandSide());
        }
        return !values.isEmpty() && values.stream().allMatch(value -> isGetOn(Bindings.unwrap(value), receiver));
    }

    private static boolean isGetOn(Expression element, Expression receiver) {
        return element instanceof MethodInvocation get && get.getName().getIdentifier().equals("get")
                && get.arguments().size() == 1 && get.getExpression() != null
                && PureExpressions.sameValue(Bindings.unwrap(get.getExpression()), receiver);
    }

    /**
     * Only a scan of the same list on every pass multiplies: a variable declared outside the
     * loop and not reassigned in it. A list created per pass, or reached through a call
     * ({@code axes.get(i).indexOf(x)}), may be a different, small list each time.
     */
    private static boolean isSameListEveryPass(Expression receiver, ASTNode loop, RuleContext context) {
        IVariableBinding variable = Bindings.variable(receiver);
        if (variable == null) {
            return false;
        }
        ASTNode declaration = context.compilationUnit().findDeclaringNode(variable.getVariableDeclaration());
        boolean declaredInside = declaration != null && Loops.contains(loop, declaration);
        return !declaredInside && Bindings.writesWithin(loop, variable).isEmpty();
    }
}
