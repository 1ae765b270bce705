package dev.perflens.engine.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.AbstractTypeDeclaration;
import org.eclipse.jdt.core.dom.AnonymousClassDeclaration;
import org.eclipse.jdt.core.dom.ArrayCreation;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.BreakStatement;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.LabeledStatement;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.ReturnStatement;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.SwitchStatement;
import org.eclipse.jdt.core.dom.ThrowStatement;

/**
 * Whether work inside a loop really repeats with the size of the data: loops plus per-element
 * stream lambdas, minus the loops that cannot multiply a call (polling loops that sleep between
 * passes, loops that return or break right after the call, loops over a few constants or over
 * batches).
 */
final class Repetition {
    /** Up to this many constant elements (or a constant bound) a loop is a fixed, small repetition. */
    static final int FEW = 10;
    private static final Set<String> FOR_EACH = Set.of("forEach", "forEachOrdered");

    private Repetition() {
    }

    /** The loop, forEach lambda or per-element stream lambda in which {@code node} runs once per element; null if none. */
    static ASTNode enclosing(ASTNode node) {
        Optional<ASTNode> loop = Loops.enclosingLoop(node);
        if (loop.isPresent()) {
            return loop.get();
        }
        for (ASTNode parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof LambdaExpression lambda) {
                return isPerElementArgument(lambda) ? lambda : null;
            }
            if (parent instanceof BodyDeclaration || parent instanceof AnonymousClassDeclaration
                    || parent instanceof AbstractTypeDeclaration) {
                return null;
            }
        }
        return null;
    }

    /** A lambda or method reference passed to a Stream operation or to Iterable/Map.forEach. */
    static boolean isPerElementArgument(Expression function) {
        if (!(function.getParent() instanceof MethodInvocation invocation)
                || function.getLocationInParent() != MethodInvocation.ARGUMENTS_PROPERTY) {
            return false;
        }
        IMethodBinding binding = invocation.resolveMethodBinding();
        if (binding == null) {
            return false;
        }
        if (Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.util.stream.BaseStream")) {
            return !Modifier.isStatic(binding.getModifiers());
        }
        return FOR_EACH.contains(binding.getName()) && (Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.lang.Iterable")
                || Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.util.Map"));
    }

    /** "pass of the for loop", "element of the stream", ... for messages. */
    /** A method reference handed batches (a stream or Iterable whose elements are collections or arrays). */
    static boolean overBatches(org.eclipse.jdt.core.dom.MethodReference reference) {
        if (!(reference.getParent() instanceof MethodInvocation invocation) || invocation.getExpression() == null) {
            return false;
        }
        var source = invocation.getExpression().resolveTypeBinding();
        var element = UrlInCollectionRule.typeArgument(source, "java.util.stream.Stream", 0);
        if (element == null) {
            element = UrlInCollectionRule.typeArgument(source, "java.lang.Iterable", 0);
        }
        if (element != null && (element.isWildcardType() || element.isCapture())) {
            element = element.isCapture() ? element.getWildcard().getBound() : element.getBound();
        }
        return isBatch(element);
    }

    private static boolean isBatch(org.eclipse.jdt.core.dom.ITypeBinding element) {
        return element != null && (element.isArray() || Bindings.isSubtypeOf(element, "java.lang.Iterable")
                || Bindings.isSubtypeOf(element, "java.util.Map"));
    }

    static String describe(ASTNode loop) {
        boolean function = loop instanceof LambdaExpression || loop instanceof org.eclipse.jdt.core.dom.MethodReference;
        if (function && !isForEach((Expression) loop)) {
            return "element of the stream";
        }
        return function ? "pass of the forEach" : "pass of the " + Loops.describe(loop);
    }

    private static boolean isForEach(Expression function) {
        return function.getParent() instanceof MethodInvocation invocation
                && FOR_EACH.contains(invocation.getName().getIdentifier());
    }

    /**
     * False when {@code node} cannot run once per element of data: the loop sleeps or waits
     * (a polling loop), returns/throws/breaks right after the call (a search or a retry), or
     * runs over a few constants.
     */
    static boolean repeats(ASTNode node, ASTNode loop) {
        if (loop instanceof LambdaExpression lambda) {
            return !(lambda.parameters().size() == 1 && lambda.parameters().get(0)
                    instanceof org.eclipse.jdt.core.dom.VariableDeclaration parameter
                    && isBatch(parameter.resolveBinding() == null ? null : parameter.resolveBinding().getType()));
        }
        return repeatsOften(node, loop) && !overChunks(loop);
    }

    /** As {@link #repeats}, without the batch exemption: for work that costs the same per batch as per element. */
    static boolean repeatsOften(ASTNode node, ASTNode loop) {
        if (loop instanceof LambdaExpression) {
            return true;
        }
        return !waitsBetweenPasses(loop) && !leavesAfter(node, loop) && !overFewConstants(loop);
    }

    /**
     * The outermost loop around {@code node}, from {@code innermost} outwards while
     * {@code invariant} holds, in which {@code node} repeats often; null when there is none.
     */
    static ASTNode outermostRepeating(ASTNode node, ASTNode innermost, java.util.function.Predicate<ASTNode> invariant) {
        ASTNode chosen = null;
        for (Optional<ASTNode> loop = Optional.of(innermost); loop.isPresent() && invariant.test(loop.get());
             loop = Loops.enclosingLoop(loop.get())) {
            if (repeatsOften(node, loop.get())) {
                chosen = loop.get();
            }
        }
        return chosen;
    }

    /**
     * A loop over batches rather than elements: a for-each whose element is itself a collection
     * or an array ({@code for (List<Long> chunk : partitions)}), or a counting loop that steps by
     * more than one ({@code i += BATCH}). One call per batch is the cure for N+1, not an instance of it.
     */
    private static boolean overChunks(ASTNode loop) {
        if (loop instanceof EnhancedForStatement forEach) {
            return isBatch(forEach.getParameter().getType().resolveBinding());
        }
        if (loop instanceof ForStatement forLoop) {
            for (Object updater : forLoop.updaters()) {
                if (updater instanceof org.eclipse.jdt.core.dom.Assignment step
                        && step.getOperator() == org.eclipse.jdt.core.dom.Assignment.Operator.PLUS_ASSIGN
                        && !Integer.valueOf(1).equals(step.getRightHandSide().resolveConstantExpressionValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean waitsBetweenPasses(ASTNode loop) {
        boolean[] waits = new boolean[1];
        loop.accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation node) {
                IMethodBinding binding = node.resolveMethodBinding();
                if (binding != null) {
                    String name = binding.getName();
                    var owner = binding.getDeclaringClass();
                    waits[0] |= (name.equals("sleep") && (Bindings.is(owner, "java.lang.Thread")
                            || Bindings.is(owner, "java.util.concurrent.TimeUnit")))
                            || (name.equals("wait") && Bindings.is(owner, "java.lang.Object"))
                            || (name.startsWith("park") && Bindings.is(owner, "java.util.concurrent.locks.LockSupport"))
                            || (name.startsWith("await") && Bindings.isSubtypeOf(owner, "java.util.concurrent.locks.Condition"));
                }
                return !waits[0];
            }
        });
        return waits[0];
    }

    /** The statement holding the call (at some block level inside the loop) returns, throws, or is followed by an exit. */
    private static boolean leavesAfter(ASTNode node, ASTNode loop) {
        for (ASTNode child = node, parent = node.getParent(); parent != null && child != loop;
             child = parent, parent = parent.getParent()) {
            if (child instanceof ReturnStatement || child instanceof ThrowStatement) {
                return true;
            }
            if (parent instanceof Block block && child instanceof Statement) {
                List<?> statements = block.statements();
                for (int i = statements.indexOf(child) + 1; i < statements.size(); i++) {
                    Object next = statements.get(i);
                    if (next instanceof ReturnStatement || next instanceof ThrowStatement
                            || (next instanceof BreakStatement exit && exits(exit, loop))) {
                        return true;
                    }
                }
            }
            if (parent instanceof LambdaExpression || parent instanceof AnonymousClassDeclaration) {
                return false;
            }
        }
        return false;
    }

    private static boolean exits(BreakStatement exit, ASTNode loop) {
        if (exit.getLabel() != null) {
            for (ASTNode n = loop; n != null && !(n instanceof BodyDeclaration); n = n.getParent()) {
                if (n instanceof LabeledStatement labeled
                        && labeled.getLabel().getIdentifier().equals(exit.getLabel().getIdentifier())) {
                    return true;
                }
            }
            return false;
        }
        for (ASTNode n = exit.getParent(); n != null; n = n.getParent()) {
            if (n == loop) {
                return true;
            }
            if (Loops.isLoop(n) || n instanceof SwitchStatement) {
                return false;
            }
        }
        return false;
    }

    private static boolean overFewConstants(ASTNode loop) {
        Long retries = counterBound(loop);
        if (retries != null && retries <= FEW) {
            return true;
        }
        if (loop instanceof ForStatement forLoop && forLoop.getExpression() instanceof InfixExpression condition
                && (condition.getOperator() == InfixExpression.Operator.LESS
                || condition.getOperator() == InfixExpression.Operator.LESS_EQUALS)
                && condition.getRightOperand().resolveConstantExpressionValue() instanceof Number bound) {
            return bound.longValue() <= FEW;
        }
        if (loop instanceof EnhancedForStatement forEach) {
            Expression iterated = Bindings.unwrap(forEach.getExpression());
            if (iterated instanceof ArrayCreation array && array.getInitializer() != null) {
                return array.getInitializer().expressions().size() <= FEW;
            }
            if (iterated instanceof MethodInvocation call && call.resolveMethodBinding() != null) {
                IMethodBinding binding = call.resolveMethodBinding();
                var owner = binding.getDeclaringClass();
                if (binding.getName().equals("values") && call.arguments().isEmpty() && owner.isEnum()) {
                    return true;
                }
                boolean fixedList = (binding.getName().equals("of") && (Bindings.is(owner, "java.util.List")
                        || Bindings.is(owner, "java.util.Set"))) || (binding.getName().equals("asList")
                        && Bindings.is(owner, "java.util.Arrays"));
                boolean notAnArray = call.arguments().size() != 1
                        || ((Expression) call.arguments().get(0)).resolveTypeBinding() == null
                        || !((Expression) call.arguments().get(0)).resolveTypeBinding().isArray();
                return fixedList && notAnArray && call.arguments().size() <= FEW;
            }
        }
        return false;
    }

    /**
     * How many passes a loop can make when its condition compares a local counter with a constant
     * ({@code tries > 0}, {@code attempt < 3}, {@code tries-- > 0}, {@code --left > 0}) and the
     * counter starts at a constant: its declaration (before the loop or in the for loop's
     * initialiser) is the only write outside the loop, and in the loop it only steps towards the
     * bound (by one or by a positive constant), on every pass (in the condition, an updater, or a
     * statement of the body itself, with no {@code continue} to skip it), or is set to a constant
     * that ends the loop ({@code numberOfTries = 0} on success). That is a retry loop, bounded by
     * its counter, not a loop over data. Null for any other loop.
     */
    static Long counterBound(ASTNode loop) {
        Expression condition = loop instanceof org.eclipse.jdt.core.dom.WhileStatement w ? w.getExpression()
                : loop instanceof org.eclipse.jdt.core.dom.DoStatement d ? d.getExpression()
                : loop instanceof ForStatement f ? f.getExpression() : null;
        if (condition == null || !(Bindings.unwrap(condition) instanceof InfixExpression test) || test.hasExtendedOperands()) {
            return null;
        }
        InfixExpression.Operator op = test.getOperator();
        Expression counted = test.getLeftOperand();
        Long limit = dev.perflens.engine.calibration.SizeHints.constant(test.getRightOperand());
        if (limit == null) { // 0 < tries: read it as tries > 0
            counted = test.getRightOperand();
            limit = dev.perflens.engine.calibration.SizeHints.constant(test.getLeftOperand());
            op = op == InfixExpression.Operator.LESS ? InfixExpression.Operator.GREATER
                    : op == InfixExpression.Operator.LESS_EQUALS ? InfixExpression.Operator.GREATER_EQUALS
                    : op == InfixExpression.Operator.GREATER ? InfixExpression.Operator.LESS
                    : op == InfixExpression.Operator.GREATER_EQUALS ? InfixExpression.Operator.LESS_EQUALS : op;
        }
        boolean down = op == InfixExpression.Operator.GREATER || op == InfixExpression.Operator.GREATER_EQUALS;
        boolean up = op == InfixExpression.Operator.LESS || op == InfixExpression.Operator.LESS_EQUALS;
        boolean inclusive = op == InfixExpression.Operator.GREATER_EQUALS || op == InfixExpression.Operator.LESS_EQUALS;
        if (limit == null || !(down || up)) {
            return null;
        }
        Expression counter = Bindings.unwrap(counted);
        if (counter instanceof org.eclipse.jdt.core.dom.PostfixExpression post) {
            counter = post.getOperand();
        } else if (counter instanceof org.eclipse.jdt.core.dom.PrefixExpression pre) {
            counter = pre.getOperand();
        }
        org.eclipse.jdt.core.dom.IVariableBinding variable = counter instanceof org.eclipse.jdt.core.dom.SimpleName
                ? Bindings.variable(counter) : null;
        if (variable == null || variable.isField() || variable.isParameter()
                || !(loop.getRoot() instanceof org.eclipse.jdt.core.dom.CompilationUnit unit)
                || !(unit.findDeclaringNode(variable.getVariableDeclaration())
                        instanceof org.eclipse.jdt.core.dom.VariableDeclarationFragment declaration)
                || declaration.getInitializer() == null) {
            return null;
        }
        Long start = dev.perflens.engine.calibration.SizeHints.constant(declaration.getInitializer());
        boolean inInitializer = declaration.getParent().getParent() == loop;
        if (start == null || (!inInitializer && Loops.contains(loop, declaration))) {
            return null;
        }
        boolean everyPass = false;
        boolean inBody = false;
        for (Expression write : Bindings.writesWithin(declaration.getParent().getParent(), variable)) {
            if (!Loops.contains(loop, write)) {
                return null; // set again between its declaration and the loop, or after it
            }
            boolean step;
            if (write instanceof org.eclipse.jdt.core.dom.PostfixExpression post) {
                step = post.getOperator() == (down ? org.eclipse.jdt.core.dom.PostfixExpression.Operator.DECREMENT
                        : org.eclipse.jdt.core.dom.PostfixExpression.Operator.INCREMENT);
            } else if (write instanceof org.eclipse.jdt.core.dom.PrefixExpression pre) {
                step = pre.getOperator() == (down ? org.eclipse.jdt.core.dom.PrefixExpression.Operator.DECREMENT
                        : org.eclipse.jdt.core.dom.PrefixExpression.Operator.INCREMENT);
            } else {
                var assignment = (org.eclipse.jdt.core.dom.Assignment) write;
                Long value = dev.perflens.engine.calibration.SizeHints.constant(assignment.getRightHandSide());
                if (value == null) {
                    return null;
                }
                if (assignment.getOperator() == org.eclipse.jdt.core.dom.Assignment.Operator.ASSIGN) {
                    boolean ends = down ? (inclusive ? value < limit : value <= limit)
                            : (inclusive ? value > limit : value >= limit);
                    if (!ends) {
                        return null; // reset to a value that keeps the loop going
                    }
                    continue;
                }
                step = value > 0 && assignment.getOperator() == (down ? org.eclipse.jdt.core.dom.Assignment.Operator.MINUS_ASSIGN
                        : org.eclipse.jdt.core.dom.Assignment.Operator.PLUS_ASSIGN);
            }
            if (!step) {
                return null;
            }
            if (Loops.contains(condition, write) || write.getLocationInParent() == ForStatement.UPDATERS_PROPERTY) {
                everyPass = true;
            } else if (write.getParent() instanceof org.eclipse.jdt.core.dom.ExpressionStatement statement
                    && statement.getParent() == body(loop)) {
                everyPass = true;
                inBody = true;
            }
        }
        if (!everyPass || (inBody && !everyPassAfterAll(loop))) {
            return null;
        }
        long passes = down ? start - limit : limit - start;
        passes += (inclusive ? 1 : 0) + (loop instanceof org.eclipse.jdt.core.dom.DoStatement ? 1 : 0);
        return Math.max(passes, 0);
    }

    private static ASTNode body(ASTNode loop) {
        return loop instanceof org.eclipse.jdt.core.dom.WhileStatement w ? w.getBody()
                : loop instanceof org.eclipse.jdt.core.dom.DoStatement d ? d.getBody()
                : loop instanceof ForStatement f ? f.getBody() : null;
    }

    /** No {@code continue} of the loop skips the rest of its body. */
    private static boolean everyPassAfterAll(ASTNode loop) {
        String label = loop.getParent() instanceof LabeledStatement labeled ? labeled.getLabel().getIdentifier() : null;
        boolean[] skips = {false};
        body(loop).accept(new SameBodyVisitor() {
            @Override
            public boolean visit(org.eclipse.jdt.core.dom.ContinueStatement node) {
                if (node.getLabel() != null) {
                    skips[0] |= node.getLabel().getIdentifier().equals(label);
                    return false;
                }
                for (ASTNode n = node.getParent(); n != null; n = n.getParent()) {
                    if (Loops.isLoop(n)) {
                        skips[0] |= n == loop;
                        break;
                    }
                }
                return false;
            }
        });
        return !skips[0];
    }
}
