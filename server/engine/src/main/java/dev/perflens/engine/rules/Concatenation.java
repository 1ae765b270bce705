package dev.perflens.engine.rules;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.InfixExpression;

/**
 * A string concatenation {@code a + b + ...} taken apart into the pieces that are converted to
 * text one after the other. Java adds left to right, so {@code x + y + "s"} with numeric x and
 * y adds the numbers first: such a numeric prefix is reported as {@link #numericPrefix}.
 */
record Concatenation(InfixExpression expression, List<Expression> operands, boolean numericPrefix) {

    /** The concatenation {@code expression} is, or null when it is not a non-constant String concatenation. */
    static Concatenation of(Expression expression) {
        if (!(Bindings.unwrap(expression) instanceof InfixExpression infix)
                || infix.getOperator() != InfixExpression.Operator.PLUS
                || !Bindings.is(infix.resolveTypeBinding(), "java.lang.String")
                || infix.resolveConstantExpressionValue() != null) {
            return null;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(infix.getLeftOperand());
        operands.add(infix.getRightOperand());
        for (Object extended : infix.extendedOperands()) {
            operands.add((Expression) extended);
        }
        boolean numericPrefix = !isString(operands.get(0)) && !isString(operands.get(1));
        return new Concatenation(infix, operands, numericPrefix);
    }

    private static boolean isString(Expression operand) {
        return Bindings.is(operand.resolveTypeBinding(), "java.lang.String");
    }

    /** True when every operand is a compile-time constant (then nothing is built at run time). */
    boolean allConstant() {
        return operands.stream().allMatch(operand -> operand.resolveConstantExpressionValue() != null);
    }

    /** The first operand that is a char[] (whose text differs between + and append/format) or a null literal. */
    Expression awkwardOperand() {
        for (Expression operand : operands) {
            ITypeBinding type = operand.resolveTypeBinding();
            if (type == null || type.isNullType() || type.isArray()) {
                return operand;
            }
        }
        return null;
    }
}
