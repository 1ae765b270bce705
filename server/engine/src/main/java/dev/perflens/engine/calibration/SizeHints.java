package dev.perflens.engine.calibration;

import java.util.List;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ArrayCreation;
import org.eclipse.jdt.core.dom.ArrayInitializer;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.SimpleName;

/**
 * The size a finding's code states, when it states one: the constant bound of the enclosing
 * counted loop ({@code i < 500}, {@code i <= LIMIT} with a compile-time constant) or the number
 * of elements of a literal the loop iterates ({@code new int[] {..}}, {@code List.of(..)}).
 * Anything else is unknown: no guessing.
 */
public final class SizeHints {
    private static final List<String> LITERAL_FACTORIES = List.of(
            "java.util.List.of", "java.util.Set.of", "java.util.Arrays.asList", "java.util.stream.Stream.of");

    private SizeHints() {
    }

    /** The enclosing loop's stated iteration count, or null. */
    public static Long loopBound(ASTNode node) {
        for (ASTNode current = node; current != null; current = current.getParent()) {
            if (current instanceof ForStatement loop) {
                return counted(loop);
            }
            if (current instanceof EnhancedForStatement loop) {
                return literalSize(loop.getExpression());
            }
            if (current instanceof org.eclipse.jdt.core.dom.BodyDeclaration) {
                return null;
            }
            if (current instanceof org.eclipse.jdt.core.dom.WhileStatement
                    || current instanceof org.eclipse.jdt.core.dom.DoStatement) {
                return null;
            }
        }
        return null;
    }

    private static Long counted(ForStatement loop) {
        if (!(loop.getExpression() instanceof InfixExpression condition) || condition.hasExtendedOperands()) {
            return null;
        }
        InfixExpression.Operator op = condition.getOperator();
        Expression left = condition.getLeftOperand();
        Expression right = condition.getRightOperand();
        Long constant;
        boolean inclusive;
        if (left instanceof SimpleName && (op == InfixExpression.Operator.LESS || op == InfixExpression.Operator.LESS_EQUALS)) {
            constant = constant(right);
            inclusive = op == InfixExpression.Operator.LESS_EQUALS;
        } else if (right instanceof SimpleName
                && (op == InfixExpression.Operator.GREATER || op == InfixExpression.Operator.GREATER_EQUALS)) {
            constant = constant(left);
            inclusive = op == InfixExpression.Operator.GREATER_EQUALS;
        } else {
            return null;
        }
        Long start = loop.initializers().size() == 1 ? initialValue(loop.initializers().get(0)) : null;
        if (constant == null || start == null || start != 0) {
            return null;
        }
        long count = constant + (inclusive ? 1 : 0);
        return count > 0 ? count : null;
    }

    /** The constant a counted loop starts from ({@code int i = 0}, {@code i = 0}), or null. */
    public static Long initialValue(Object initializer) {
        if (initializer instanceof org.eclipse.jdt.core.dom.VariableDeclarationExpression declaration
                && declaration.fragments().size() == 1) {
            var fragment = (org.eclipse.jdt.core.dom.VariableDeclarationFragment) declaration.fragments().get(0);
            return fragment.getInitializer() == null ? null : constant(fragment.getInitializer());
        }
        if (initializer instanceof org.eclipse.jdt.core.dom.Assignment assignment
                && assignment.getOperator() == org.eclipse.jdt.core.dom.Assignment.Operator.ASSIGN) {
            return constant(assignment.getRightHandSide());
        }
        return null;
    }

    /** An integral compile-time constant, or null. */
    public static Long constant(Expression expression) {
        Object value = expression.resolveConstantExpressionValue();
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return null;
    }

    private static Long literalSize(Expression iterated) {
        if (iterated instanceof ArrayCreation creation && creation.getInitializer() != null) {
            return (long) creation.getInitializer().expressions().size();
        }
        if (iterated instanceof ArrayInitializer initializer) {
            return (long) initializer.expressions().size();
        }
        if (iterated instanceof MethodInvocation call) {
            IMethodBinding method = call.resolveMethodBinding();
            if (method != null && method.getDeclaringClass() != null
                    && LITERAL_FACTORIES.contains(method.getDeclaringClass().getErasure().getQualifiedName()
                    + "." + method.getName()) && !(method.isVarargs() && passesArray(call, method))) {
                return (long) call.arguments().size();
            }
        }
        return null;
    }

    /** A varargs call given one array argument iterates that array, whose size is unknown here. */
    private static boolean passesArray(MethodInvocation call, IMethodBinding method) {
        if (call.arguments().size() != method.getParameterTypes().length) {
            return false;
        }
        Expression last = (Expression) call.arguments().get(call.arguments().size() - 1);
        return last.resolveTypeBinding() != null && last.resolveTypeBinding().isArray();
    }
}
