package dev.perflens.engine.context;

import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.IfStatement;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.Name;
import org.eclipse.jdt.core.dom.NullLiteral;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;

/**
 * {@code if (cache == null) { ... cache = ...; }} on a field: the branch runs until the field is
 * set, once in the common case, and what it builds is kept.
 */
public final class LazyInit {
    private LazyInit() {
    }

    /** The field the branch initialises, or null when {@code branch} is not such an initialisation. */
    public static String initialisedField(IfStatement branch) {
        Expression condition = unwrap(branch.getExpression());
        if (!(condition instanceof InfixExpression test) || test.getOperator() != InfixExpression.Operator.EQUALS
                || test.hasExtendedOperands()) {
            return null;
        }
        Expression tested = test.getRightOperand() instanceof NullLiteral ? test.getLeftOperand()
                : test.getLeftOperand() instanceof NullLiteral ? test.getRightOperand() : null;
        IVariableBinding field = field(tested);
        if (field == null) {
            return null;
        }
        boolean[] assigned = {false};
        branch.getThenStatement().accept(new ASTVisitor() {
            @Override
            public boolean visit(Assignment assignment) {
                IVariableBinding target = field(assignment.getLeftHandSide());
                if (assignment.getOperator() == Assignment.Operator.ASSIGN && target != null
                        && target.getVariableDeclaration().isEqualTo(field.getVariableDeclaration())) {
                    assigned[0] = true;
                }
                return true;
            }
        });
        return assigned[0] ? field.getName() : null;
    }

    private static IVariableBinding field(Expression e) {
        e = unwrap(e);
        IVariableBinding variable = null;
        if (e instanceof Name name && name.resolveBinding() instanceof IVariableBinding v) {
            variable = v;
        } else if (e instanceof FieldAccess access) {
            variable = access.resolveFieldBinding();
        }
        return variable != null && variable.isField() ? variable : null;
    }

    private static Expression unwrap(Expression e) {
        while (e instanceof ParenthesizedExpression p) {
            e = p.getExpression();
        }
        return e;
    }
}
