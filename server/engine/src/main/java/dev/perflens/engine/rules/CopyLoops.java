package dev.perflens.engine.rules;

import java.util.List;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.DoStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.Name;
import org.eclipse.jdt.core.dom.PostfixExpression;
import org.eclipse.jdt.core.dom.PrefixExpression;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.ThisExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.WhileStatement;

/**
 * The counting loops manual-array-copy understands: a counter that runs up by one to a
 * side-effect-free end, around a body that is one plain assignment. Written as
 * {@code for (int i = s; i < e; i++)}, or as {@code while}/{@code do} with the counter declared
 * before the loop and incremented as the last statement of the body. The condition may be
 * {@code i < e}, {@code i != e} or {@code e > i}; the step {@code i++}, {@code ++i},
 * {@code i += 1} or {@code i = i + 1}.
 */
final class CopyLoops {
    /** {@code start} is the for-header's initial value, or null for while/do (the counter is declared before the loop). */
    record CopyLoop(Statement loop, IVariableBinding counter, Assignment copy, Expression end, Expression start) {
        boolean counterOutlivesLoop() {
            return start == null;
        }
    }

    private CopyLoops() {
    }

    static CopyLoop of(ForStatement loop) {
        if (loop.initializers().size() != 1 || loop.updaters().size() != 1
                || !(loop.initializers().get(0) instanceof VariableDeclarationExpression declaration)
                || declaration.fragments().size() != 1 || !isInt(declaration.getType().resolveBinding())) {
            return null;
        }
        VariableDeclarationFragment fragment = (VariableDeclarationFragment) declaration.fragments().get(0);
        IVariableBinding counter = fragment.resolveBinding();
        if (counter == null || fragment.getInitializer() == null || !isSimple(fragment.getInitializer(), counter)) {
            return null;
        }
        Expression end = end(loop.getExpression(), counter);
        Assignment copy = singleAssignment(loop.getBody());
        if (end == null || copy == null || !isIncrement((Expression) loop.updaters().get(0), counter)) {
            return null;
        }
        return new CopyLoop(loop, counter, copy, end, fragment.getInitializer());
    }

    static CopyLoop of(WhileStatement loop) {
        return ofCountedBody(loop, loop.getExpression(), loop.getBody());
    }

    static CopyLoop of(DoStatement loop) {
        return ofCountedBody(loop, loop.getExpression(), loop.getBody());
    }

    /** {@code { b[..] = a[..]; i++; }} where i is a local int declared outside the loop. */
    private static CopyLoop ofCountedBody(Statement loop, Expression condition, Statement body) {
        if (!(body instanceof Block block) || block.statements().size() != 2
                || !(block.statements().get(1) instanceof ExpressionStatement step)) {
            return null;
        }
        IVariableBinding counter = incremented(step.getExpression());
        if (counter == null || counter.isField() || !isInt(counter.getType())) {
            return null;
        }
        Expression end = end(condition, counter);
        Assignment copy = assignment((Statement) block.statements().get(0));
        return end == null || copy == null ? null : new CopyLoop(loop, counter, copy, end, null);
    }

    private static boolean isInt(org.eclipse.jdt.core.dom.ITypeBinding type) {
        return type != null && type.getName().equals("int");
    }

    /** e of {@code i < e}, {@code i != e} or {@code e > i} with a simple e, else null. */
    private static Expression end(Expression condition, IVariableBinding counter) {
        if (!(condition instanceof InfixExpression infix) || infix.hasExtendedOperands()) {
            return null;
        }
        InfixExpression.Operator operator = infix.getOperator();
        Expression end = null;
        if ((operator == InfixExpression.Operator.LESS || operator == InfixExpression.Operator.NOT_EQUALS)
                && isVariable(infix.getLeftOperand(), counter)) {
            end = infix.getRightOperand();
        } else if (operator == InfixExpression.Operator.GREATER && isVariable(infix.getRightOperand(), counter)) {
            end = infix.getLeftOperand();
        }
        return end != null && isSimple(end, counter) ? end : null;
    }

    private static IVariableBinding incremented(Expression update) {
        IVariableBinding variable = null;
        if (update instanceof PostfixExpression postfix) {
            variable = Bindings.variable(postfix.getOperand());
        } else if (update instanceof PrefixExpression prefix) {
            variable = Bindings.variable(prefix.getOperand());
        } else if (update instanceof Assignment assignment) {
            variable = Bindings.variable(assignment.getLeftHandSide());
        }
        return variable != null && isIncrement(update, variable) ? variable : null;
    }

    /** {@code i++}, {@code ++i}, {@code i += 1}, {@code i = i + 1} or {@code i = 1 + i}. */
    static boolean isIncrement(Expression update, IVariableBinding counter) {
        if (update instanceof PostfixExpression postfix) {
            return postfix.getOperator() == PostfixExpression.Operator.INCREMENT && isVariable(postfix.getOperand(), counter);
        }
        if (update instanceof PrefixExpression prefix) {
            return prefix.getOperator() == PrefixExpression.Operator.INCREMENT && isVariable(prefix.getOperand(), counter);
        }
        if (!(update instanceof Assignment assignment) || !isVariable(assignment.getLeftHandSide(), counter)) {
            return false;
        }
        if (assignment.getOperator() == Assignment.Operator.PLUS_ASSIGN) {
            return isOne(assignment.getRightHandSide());
        }
        return assignment.getOperator() == Assignment.Operator.ASSIGN
                && Bindings.unwrap(assignment.getRightHandSide()) instanceof InfixExpression sum
                && sum.getOperator() == InfixExpression.Operator.PLUS && !sum.hasExtendedOperands()
                && (isVariable(sum.getLeftOperand(), counter) && isOne(sum.getRightOperand())
                || isOne(sum.getLeftOperand()) && isVariable(sum.getRightOperand(), counter));
    }

    private static boolean isOne(Expression expression) {
        return Integer.valueOf(1).equals(expression.resolveConstantExpressionValue());
    }

    /** The body is exactly one plain assignment statement (in braces or not). */
    private static Assignment singleAssignment(Statement body) {
        Statement statement = body;
        if (body instanceof Block block) {
            if (block.statements().size() != 1) {
                return null;
            }
            statement = (Statement) block.statements().get(0);
        }
        return assignment(statement);
    }

    private static Assignment assignment(Statement statement) {
        return statement instanceof ExpressionStatement expression
                && expression.getExpression() instanceof Assignment assignment
                && assignment.getOperator() == Assignment.Operator.ASSIGN ? assignment : null;
    }

    static boolean isVariable(Expression expression, IVariableBinding variable) {
        IVariableBinding other = Bindings.variable(expression);
        return other != null && other.isEqualTo(variable);
    }

    /** Free of side effects and of the counter: constants, names, field reads, lengths, and sums of those. */
    static boolean isSimple(Expression expression, IVariableBinding counter) {
        Expression e = Bindings.unwrap(expression);
        if (e.resolveConstantExpressionValue() != null) {
            return true;
        }
        if (e instanceof Name name) {
            return Bindings.referencesWithin(name, counter).isEmpty();
        }
        if (e instanceof FieldAccess access) {
            return isSimple(access.getExpression(), counter);
        }
        if (e instanceof ThisExpression) {
            return true;
        }
        if (e instanceof InfixExpression infix && (infix.getOperator() == InfixExpression.Operator.PLUS
                || infix.getOperator() == InfixExpression.Operator.MINUS)) {
            if (!isSimple(infix.getLeftOperand(), counter) || !isSimple(infix.getRightOperand(), counter)) {
                return false;
            }
            for (Object extended : (List<?>) infix.extendedOperands()) {
                if (!isSimple((Expression) extended, counter)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
