package dev.perflens.engine.rules;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.CastExpression;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.IBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.Name;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;
import org.eclipse.jdt.core.dom.PostfixExpression;
import org.eclipse.jdt.core.dom.PrefixExpression;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.SuperFieldAccess;
import org.eclipse.jdt.core.dom.ThisExpression;

/** Type and variable questions the rules share, answered from JDT bindings only. */
final class Bindings {
    private Bindings() {
    }

    /** True when {@code type} (its erasure) is exactly {@code qualifiedName}. */
    static boolean is(ITypeBinding type, String qualifiedName) {
        return type != null && type.getErasure() != null
                && qualifiedName.equals(type.getErasure().getQualifiedName());
    }

    /** True when {@code type} is or extends/implements {@code qualifiedName}. */
    static boolean isSubtypeOf(ITypeBinding type, String qualifiedName) {
        if (type == null || type.isRecovered()) {
            return false;
        }
        if (is(type, qualifiedName)) {
            return true;
        }
        if (isSubtypeOf(type.getSuperclass(), qualifiedName)) {
            return true;
        }
        for (ITypeBinding superInterface : type.getInterfaces()) {
            if (isSubtypeOf(superInterface, qualifiedName)) {
                return true;
            }
        }
        return false;
    }

    static Expression unwrap(Expression expression) {
        Expression e = expression;
        while (e instanceof ParenthesizedExpression p) {
            e = p.getExpression();
        }
        return e;
    }

    /** The variable an expression names: a local, parameter or field; null for anything else. */
    static IVariableBinding variable(Expression expression) {
        Expression e = unwrap(expression);
        IBinding binding = null;
        if (e instanceof Name name) {
            binding = name.resolveBinding();
        } else if (e instanceof FieldAccess access
                && unwrap(access.getExpression()) instanceof ThisExpression) { // (this).f is this.f
            binding = access.resolveFieldBinding();
        } else if (e instanceof SuperFieldAccess access) {
            binding = access.resolveFieldBinding();
        }
        return binding instanceof IVariableBinding variable ? variable : null;
    }

    /** Every write (assignment, ++, --) to {@code variable} inside {@code scope}. */
    static List<Expression> writesWithin(ASTNode scope, IVariableBinding variable) {
        List<Expression> writes = new ArrayList<>();
        IVariableBinding target = variable.getVariableDeclaration();
        scope.accept(new ASTVisitor() {
            @Override
            public boolean visit(Assignment node) {
                check(node, node.getLeftHandSide());
                return true;
            }

            @Override
            public boolean visit(PostfixExpression node) {
                check(node, node.getOperand());
                return true;
            }

            @Override
            public boolean visit(PrefixExpression node) {
                if (node.getOperator() == PrefixExpression.Operator.INCREMENT
                        || node.getOperator() == PrefixExpression.Operator.DECREMENT) {
                    check(node, node.getOperand());
                }
                return true;
            }

            private void check(Expression write, Expression target0) {
                IVariableBinding written = variable(target0);
                if (written != null && written.getVariableDeclaration().isEqualTo(target)) {
                    writes.add(write);
                }
            }
        });
        return writes;
    }

    /** Every simple-name reference to {@code variable} inside {@code scope}. */
    static List<SimpleName> referencesWithin(ASTNode scope, IVariableBinding variable) {
        List<SimpleName> references = new ArrayList<>();
        IVariableBinding target = variable.getVariableDeclaration();
        scope.accept(new ASTVisitor() {
            @Override
            public boolean visit(SimpleName node) {
                IBinding binding = node.resolveBinding();
                if (binding instanceof IVariableBinding v && v.getVariableDeclaration().isEqualTo(target)
                        && !node.isDeclaration()) {
                    references.add(node);
                }
                return true;
            }
        });
        return references;
    }

    /**
     * True when {@code expression} has the same value in every iteration of {@code loop}: a
     * compile-time constant, or a variable declared outside the loop and never written in it
     * (a final field, or a local or effectively final parameter).
     */
    static boolean isLoopInvariant(Expression expression, ASTNode loop) {
        Expression e = unwrap(expression);
        if (e.resolveConstantExpressionValue() != null) {
            return true;
        }
        if (e instanceof CastExpression cast) {
            return isLoopInvariant(cast.getExpression(), loop);
        }
        IVariableBinding variable = variable(e);
        if (variable == null) {
            return false;
        }
        if (variable.isField()) {
            // final, or private and never written in its file after its initialiser (effectively final)
            return Modifier.isFinal(variable.getModifiers())
                    || (Modifier.isPrivate(variable.getModifiers()) && e.getRoot() instanceof org.eclipse.jdt.core.dom.CompilationUnit unit
                    && unit.findDeclaringNode(variable.getVariableDeclaration()) != null && writesWithin(unit, variable).isEmpty());
        }
        ASTNode declaration = e.getRoot() instanceof org.eclipse.jdt.core.dom.CompilationUnit unit
                ? unit.findDeclaringNode(variable.getVariableDeclaration()) : null;
        return declaration != null && !Loops.contains(loop, declaration) && writesWithin(loop, variable).isEmpty();
    }
}
