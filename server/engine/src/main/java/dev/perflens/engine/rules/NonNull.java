package dev.perflens.engine.rules;

import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ArrayCreation;
import org.eclipse.jdt.core.dom.ArrayInitializer;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.BooleanLiteral;
import org.eclipse.jdt.core.dom.CastExpression;
import org.eclipse.jdt.core.dom.CharacterLiteral;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.ConditionalExpression;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.NumberLiteral;
import org.eclipse.jdt.core.dom.StringLiteral;
import org.eclipse.jdt.core.dom.TextBlock;
import org.eclipse.jdt.core.dom.ThisExpression;
import org.eclipse.jdt.core.dom.TypeLiteral;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;

/** Expressions whose value can never be null, decided from their form and bindings only. */
final class NonNull {
    private static final int MAX_DEPTH = 3;

    private NonNull() {
    }

    static boolean provably(Expression expression) {
        return provably(expression, 0);
    }

    private static boolean provably(Expression expression, int depth) {
        Expression e = Bindings.unwrap(expression);
        ITypeBinding type = e.resolveTypeBinding();
        if (type == null) {
            return false;
        }
        if (type.isPrimitive() || e.resolveConstantExpressionValue() != null) {
            return true;
        }
        if (e instanceof StringLiteral || e instanceof TextBlock || e instanceof NumberLiteral
                || e instanceof CharacterLiteral || e instanceof BooleanLiteral || e instanceof TypeLiteral
                || e instanceof ClassInstanceCreation || e instanceof ArrayCreation || e instanceof ArrayInitializer
                || e instanceof ThisExpression) {
            return true;
        }
        if (e instanceof InfixExpression infix && infix.getOperator() == InfixExpression.Operator.PLUS) {
            return Bindings.is(type, "java.lang.String"); // string concatenation never yields null
        }
        if (e instanceof CastExpression cast) {
            return provably(cast.getExpression(), depth);
        }
        if (e instanceof ConditionalExpression conditional) {
            return provably(conditional.getThenExpression(), depth) && provably(conditional.getElseExpression(), depth);
        }
        if (e instanceof MethodInvocation call) {
            return returnsNonNull(call.resolveMethodBinding());
        }
        IVariableBinding variable = Bindings.variable(e);
        if (variable == null) {
            return false;
        }
        if (variable.isEnumConstant()) {
            return true;
        }
        return !variable.isField() && !variable.isParameter() && depth < MAX_DEPTH
                && everyWriteNonNull(e, variable, depth + 1);
    }

    /** A local whose initializer and every later assignment are non-null. */
    private static boolean everyWriteNonNull(Expression use, IVariableBinding variable, int depth) {
        if (!(use.getRoot() instanceof CompilationUnit unit)) {
            return false;
        }
        ASTNode declaration = unit.findDeclaringNode(variable.getVariableDeclaration());
        if (!(declaration instanceof VariableDeclarationFragment fragment) || fragment.getInitializer() == null
                || !provably(fragment.getInitializer(), depth)) {
            return false;
        }
        ASTNode scope = fragment.getParent().getParent();
        if (scope instanceof EnhancedForStatement) {
            return false;
        }
        for (Expression write : Bindings.writesWithin(scope, variable)) {
            if (write instanceof Assignment assignment && assignment.getOperator() == Assignment.Operator.ASSIGN
                    && !provably(assignment.getRightHandSide(), depth)) {
                return false;
            }
        }
        return true; // compound assignments, ++ and -- always store a non-null value
    }

    /** JDK methods documented never to return null. */
    private static boolean returnsNonNull(IMethodBinding binding) {
        if (binding == null) {
            return false;
        }
        ITypeBinding owner = binding.getDeclaringClass();
        String name = binding.getName();
        if (Bindings.is(owner, "java.lang.String")) {
            return !binding.getReturnType().isPrimitive(); // every String method returning an object returns a string
        }
        if (Bindings.is(owner, "java.util.Objects")) {
            return name.equals("requireNonNull") || name.equals("toString") && binding.getParameterTypes().length == 1;
        }
        return name.equals("valueOf") && LocalEscapes.isBoxed(owner)
                || name.equals("toString") && (LocalEscapes.isBoxed(owner) || Bindings.is(owner, "java.lang.StringBuilder")
                || Bindings.is(owner, "java.lang.StringBuffer"));
    }
}
