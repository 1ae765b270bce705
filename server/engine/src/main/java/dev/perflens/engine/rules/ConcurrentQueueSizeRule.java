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
import java.util.Optional;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;
import org.eclipse.jdt.core.dom.PrefixExpression;

/**
 * The lock-free linked queues count their elements by walking them: {@code size()} is O(n).
 * Used to test emptiness it is replaced by {@code isEmpty()}, which looks at the head only;
 * called on every pass of a loop it makes the loop quadratic.
 */
@PerfRule(
        id = "concurrent-queue-size",
        summary = "size() on a ConcurrentLinkedQueue, ConcurrentLinkedDeque or LinkedTransferQueue (it walks every element) to test emptiness or inside a loop",
        severity = Severity.WARNING,
        category = Category.CONCURRENCY,
        complexityBefore = "O(n) per call",
        complexityAfter = "O(1) per call",
        hasFix = true)
public final class ConcurrentQueueSizeRule implements Rule, MethodInvocationMatcher {
    /** The JDK queues whose size() traverses the nodes (their class documentation says so). */
    private static final List<String> TRAVERSING_QUEUES = List.of("java.util.concurrent.ConcurrentLinkedQueue",
            "java.util.concurrent.ConcurrentLinkedDeque", "java.util.concurrent.LinkedTransferQueue");

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        if (!node.getName().getIdentifier().equals("size") || !node.arguments().isEmpty()
                || node.getExpression() == null) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null) {
            return;
        }
        Expression receiver = node.getExpression();
        String queue = traversingQueue(binding, receiver, context);
        if (queue == null) {
            return;
        }
        Emptiness emptiness = emptinessTest(node);
        Optional<ASTNode> loop = Loops.enclosingLoop(node);
        boolean repeated = loop.isPresent()
                && CollectionVariables.isSameEveryPass(receiver, loop.get(), context.compilationUnit())
                && !LoopExits.leavesLoopAfter(node, loop.get());
        if (emptiness == null && !repeated) {
            return;
        }
        String simpleName = queue.substring(queue.lastIndexOf('.') + 1);
        String message = simpleName + ".size() walks every element to count them (O(n)), unlike most collections";
        if (emptiness != null) {
            message += "; here it only tests whether '" + receiver + "' is empty, which isEmpty() answers in O(1)"
                    + " from the head of the queue.";
        } else {
            message += ", and this call runs on every pass of the " + Loops.describe(loop.get())
                    + ", O(n) each time. Read the size once before the loop, or count the elements as you take them.";
        }
        Confidence confidence = Confidence.high("size() resolved on " + queue);
        if (emptiness == null) {
            context.reportWithoutFix(node, message, confidence,
                    "the size is used as a number, not only to test emptiness");
            return;
        }
        String title = emptiness.empty() ? "Use '" + receiver + ".isEmpty()'" : "Use '!" + receiver + ".isEmpty()'";
        context.report(node, message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.REPLACE_EXPRESSION, title, rewrite -> apply(rewrite, node, emptiness)));
    }

    private static String traversingQueue(IMethodBinding binding, Expression receiver, RuleContext context) {
        ITypeBinding owner = binding.getDeclaringClass();
        for (String queue : TRAVERSING_QUEUES) {
            if (Bindings.is(owner, queue)) {
                return queue;
            }
        }
        // A local declared as Queue/Collection that only ever holds one of them: size() resolves
        // to the interface, but only the JDK class's own size() can run.
        if (owner != null && owner.isInterface() && CollectionVariables.declaredByJdk(binding)) {
            for (String queue : TRAVERSING_QUEUES) {
                if (CollectionVariables.onlyEverHolds(receiver, queue, context.compilationUnit())
                        && isExactlyCreated(receiver, queue, context)) {
                    return queue;
                }
            }
        }
        return null;
    }

    /** The local is created as exactly that class (a subclass could override size()). */
    private static boolean isExactlyCreated(Expression receiver, String queue, RuleContext context) {
        var variable = Bindings.variable(receiver);
        ASTNode declaration = CollectionVariables.declaration(variable, context.compilationUnit());
        if (!(declaration instanceof org.eclipse.jdt.core.dom.VariableDeclaration vd)) {
            return false;
        }
        ITypeBinding created = Bindings.unwrap(vd.getInitializer()).resolveTypeBinding();
        return Bindings.is(created, queue) && !created.isAnonymous();
    }

    /** The comparison that tests emptiness, and whether it is true when the queue is empty. */
    private record Emptiness(InfixExpression comparison, boolean empty) {
    }

    /**
     * {@code size() == 0}, {@code size() < 1}, {@code size() <= 0} test for empty;
     * {@code size() != 0}, {@code size() > 0}, {@code size() >= 1} for non-empty; either way round.
     */
    private static Emptiness emptinessTest(MethodInvocation size) {
        ASTNode child = size;
        while (child.getParent() instanceof ParenthesizedExpression) {
            child = child.getParent();
        }
        if (!(child.getParent() instanceof InfixExpression infix) || infix.hasExtendedOperands()) {
            return null;
        }
        boolean sizeOnLeft = child.getLocationInParent() == InfixExpression.LEFT_OPERAND_PROPERTY;
        Expression other = sizeOnLeft ? infix.getRightOperand() : infix.getLeftOperand();
        Object constant = other.resolveConstantExpressionValue();
        if (!(constant instanceof Integer || constant instanceof Long)) {
            return null;
        }
        long bound = ((Number) constant).longValue();
        InfixExpression.Operator op = sizeOnLeft ? infix.getOperator() : mirror(infix.getOperator());
        if (op == null) {
            return null;
        }
        // op is now "size() <op> bound"
        if (bound == 0) {
            if (op == InfixExpression.Operator.EQUALS || op == InfixExpression.Operator.LESS_EQUALS) {
                return new Emptiness(infix, true);
            }
            if (op == InfixExpression.Operator.NOT_EQUALS || op == InfixExpression.Operator.GREATER) {
                return new Emptiness(infix, false);
            }
        } else if (bound == 1) {
            if (op == InfixExpression.Operator.LESS) {
                return new Emptiness(infix, true);
            }
            if (op == InfixExpression.Operator.GREATER_EQUALS) {
                return new Emptiness(infix, false);
            }
        }
        return null;
    }

    /** The operator that gives the same result with the operands swapped. */
    private static InfixExpression.Operator mirror(InfixExpression.Operator op) {
        if (op == InfixExpression.Operator.EQUALS || op == InfixExpression.Operator.NOT_EQUALS) {
            return op;
        }
        if (op == InfixExpression.Operator.LESS) {
            return InfixExpression.Operator.GREATER;
        }
        if (op == InfixExpression.Operator.GREATER) {
            return InfixExpression.Operator.LESS;
        }
        if (op == InfixExpression.Operator.LESS_EQUALS) {
            return InfixExpression.Operator.GREATER_EQUALS;
        }
        if (op == InfixExpression.Operator.GREATER_EQUALS) {
            return InfixExpression.Operator.LESS_EQUALS;
        }
        return null;
    }

    private static void apply(FixRewrite fix, MethodInvocation size, Emptiness emptiness) {
        AST ast = fix.ast();
        MethodInvocation isEmpty = ast.newMethodInvocation();
        isEmpty.setExpression((Expression) fix.rewrite().createCopyTarget(size.getExpression()));
        isEmpty.setName(ast.newSimpleName("isEmpty"));
        Expression replacement = isEmpty;
        if (!emptiness.empty()) {
            PrefixExpression not = ast.newPrefixExpression();
            not.setOperator(PrefixExpression.Operator.NOT);
            not.setOperand(isEmpty);
            replacement = not;
        }
        fix.rewrite().replace(emptiness.comparison(), replacement, null);
    }
}
