package dev.perflens.engine.rules;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.PostfixExpression;
import org.eclipse.jdt.core.dom.PrefixExpression;
import org.eclipse.jdt.core.dom.SuperMethodInvocation;

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

    /**
     * The first operand whose text could differ between + and append/{} formatting: an array
     * (char[] above all), the null literal, or a value whose type did not resolve.
     */
    Expression awkwardOperand() {
        for (Expression operand : operands) {
            ITypeBinding type = operand.resolveTypeBinding();
            if (type == null || type.isRecovered() || type.isNullType() || type.isArray()) {
                return operand;
            }
        }
        return null;
    }

    /**
     * The first pair (text-unstable operand, later operand that runs code), or null. Appending
     * the parts one by one converts each operand to text before the next is evaluated, while
     * the concatenation evaluates them all first; only an operand whose text can change (an
     * object other than a String or boxed value) followed by code that could change it tells
     * the two apart.
     */
    Expression[] conversionOrderHazard() {
        for (int i = 0; i < operands.size(); i++) {
            if (!hasStableText(operands.get(i))) {
                for (int j = i + 1; j < operands.size(); j++) {
                    if (mayHaveSideEffects(operands.get(j))) {
                        return new Expression[] {operands.get(i), operands.get(j)};
                    }
                }
            }
        }
        return null;
    }

    /**
     * The operands when {@code sb.append(a + b)} may become {@code sb.append(a).append(b)} for a
     * builder nobody else sees: no numeric prefix, no array or null operand, no conversion-order
     * hazard. Null otherwise.
     */
    List<Expression> partsSafeToAppendSeparately() {
        return numericPrefix || awkwardOperand() != null || conversionOrderHazard() != null ? null : operands;
    }

    /** Its text cannot change between its evaluation and its conversion: a String, primitive or boxed value. */
    static boolean hasStableText(Expression operand) {
        ITypeBinding type = operand.resolveTypeBinding();
        return type != null && (type.isPrimitive() || Bindings.is(type, "java.lang.String") || LocalEscapes.isBoxed(type));
    }

    static boolean mayHaveSideEffects(Expression operand) {
        boolean[] found = new boolean[1];
        operand.accept(new ASTVisitor() {
            @Override
            public void preVisit(ASTNode node) {
                found[0] |= node instanceof MethodInvocation || node instanceof SuperMethodInvocation
                        || node instanceof ClassInstanceCreation || node instanceof Assignment
                        || node instanceof PostfixExpression
                        || node instanceof PrefixExpression prefix && (prefix.getOperator() == PrefixExpression.Operator.INCREMENT
                        || prefix.getOperator() == PrefixExpression.Operator.DECREMENT);
            }
        });
        return found[0];
    }
}
