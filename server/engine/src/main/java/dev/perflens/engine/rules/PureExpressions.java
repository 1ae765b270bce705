package dev.perflens.engine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTMatcher;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.ArrayAccess;
import org.eclipse.jdt.core.dom.ArrayCreation;
import org.eclipse.jdt.core.dom.BooleanLiteral;
import org.eclipse.jdt.core.dom.CastExpression;
import org.eclipse.jdt.core.dom.CharacterLiteral;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.ConditionalExpression;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionMethodReference;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.IBinding;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.Name;
import org.eclipse.jdt.core.dom.NullLiteral;
import org.eclipse.jdt.core.dom.NumberLiteral;
import org.eclipse.jdt.core.dom.QualifiedName;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.StringLiteral;
import org.eclipse.jdt.core.dom.ThisExpression;
import org.eclipse.jdt.core.dom.TypeLiteral;
import org.eclipse.jdt.core.dom.TypeMethodReference;

/** What an expression does when evaluated, and whether two expressions denote the same value. */
final class PureExpressions {
    private static final Set<String> EMPTY_FACTORIES = Set.of("emptyList", "emptySet", "emptyMap", "emptySortedSet",
            "emptySortedMap", "emptyNavigableSet", "emptyNavigableMap");

    private PureExpressions() {
    }

    /**
     * Evaluating the expression has no side effect, cannot throw, and gives the same value as
     * long as the variables it names are not written: literals, constants, locals, parameters,
     * fields of {@code this}, static fields.
     */
    static boolean isStable(Expression expression) {
        Expression e = Bindings.unwrap(expression);
        if (e.resolveConstantExpressionValue() != null || e instanceof NullLiteral || e instanceof BooleanLiteral
                || e instanceof NumberLiteral || e instanceof CharacterLiteral || e instanceof StringLiteral
                || e instanceof TypeLiteral || e instanceof ThisExpression) {
            return true;
        }
        if (e instanceof SimpleName name) {
            return name.resolveBinding() instanceof IVariableBinding;
        }
        if (e instanceof FieldAccess access) {
            return access.getExpression() instanceof ThisExpression && access.resolveFieldBinding() != null;
        }
        if (e instanceof QualifiedName name) {
            return name.resolveBinding() instanceof IVariableBinding field && field.isField()
                    && Modifier.isStatic(field.getModifiers())
                    && name.getQualifier().resolveBinding() instanceof ITypeBinding;
        }
        return false;
    }

    /**
     * A variable, constant, or chain of field reads ({@code a.type.symbol}): no calls, so
     * evaluating it once or twice in a row gives the same value and the same exception.
     */
    static boolean isReadChain(Expression expression) {
        Expression e = Bindings.unwrap(expression);
        if (isStable(e)) {
            return true;
        }
        if (e instanceof QualifiedName name) {
            return name.resolveBinding() instanceof IVariableBinding && isReadChain(name.getQualifier());
        }
        if (e instanceof FieldAccess access) {
            return access.resolveFieldBinding() != null && isReadChain(access.getExpression());
        }
        return false;
    }

    /**
     * A value read through a chain of variables, field reads and argument-less calls
     * ({@code order.customer().id()}), optionally indexing arrays with a stable index: the
     * shape of a lookup key. Such a chain may still call methods, so it is not {@link #isStable}.
     */
    static boolean isKeyChain(Expression expression, boolean allowArrayAccess) {
        Expression e = Bindings.unwrap(expression);
        if (isStable(e)) {
            return true;
        }
        if (e instanceof QualifiedName name) {
            return name.resolveBinding() instanceof IVariableBinding && isKeyChain(name.getQualifier(), allowArrayAccess);
        }
        if (e instanceof FieldAccess access) {
            return isKeyChain(access.getExpression(), allowArrayAccess);
        }
        if (e instanceof MethodInvocation call) {
            return call.arguments().isEmpty() && call.typeArguments().isEmpty() && call.resolveMethodBinding() != null
                    && (call.getExpression() == null || isKeyChain(call.getExpression(), allowArrayAccess));
        }
        if (e instanceof ArrayAccess access && allowArrayAccess) {
            return isStable(access.getIndex()) && isKeyChain(access.getArray(), true);
        }
        return false;
    }

    /** The two expressions are written alike and every name in them denotes the same variable, method or type. */
    static boolean sameValue(Expression a, Expression b) {
        return Bindings.unwrap(a).subtreeMatch(new BindingMatcher(), Bindings.unwrap(b));
    }

    /** Every variable the expression reads (locals, parameters and fields named directly). */
    static List<IVariableBinding> variablesRead(ASTNode expression) {
        List<IVariableBinding> variables = new ArrayList<>();
        expression.accept(new ASTVisitor() {
            @Override
            public boolean visit(SimpleName node) {
                if (node.resolveBinding() instanceof IVariableBinding variable) {
                    variables.add(variable.getVariableDeclaration());
                }
                return true;
            }
        });
        return variables;
    }

    /**
     * The expression can never evaluate to null: a primitive (boxed where a reference is
     * needed), a non-null literal, an object or array creation, a string concatenation, a
     * lambda or method reference, an enum constant, or a JDK factory that never returns null.
     */
    static boolean isNeverNull(Expression expression) {
        Expression e = Bindings.unwrap(expression);
        ITypeBinding type = e.resolveTypeBinding();
        if (type == null) {
            return false;
        }
        if (type.isPrimitive() && !type.getName().equals("void")) {
            return true;
        }
        if (e instanceof StringLiteral || e instanceof TypeLiteral || e instanceof ClassInstanceCreation
                || e instanceof ArrayCreation || e instanceof LambdaExpression || e instanceof ExpressionMethodReference
                || e instanceof TypeMethodReference || e instanceof ThisExpression
                || e.resolveConstantExpressionValue() != null) {
            return true;
        }
        if (e instanceof InfixExpression infix && infix.getOperator() == InfixExpression.Operator.PLUS) {
            return Bindings.is(type, "java.lang.String");
        }
        if (e instanceof ConditionalExpression conditional) {
            return isNeverNull(conditional.getThenExpression()) && isNeverNull(conditional.getElseExpression());
        }
        if (e instanceof CastExpression cast) {
            return isNeverNull(cast.getExpression());
        }
        if (e instanceof Name name && name.resolveBinding() instanceof IVariableBinding variable) {
            return variable.isEnumConstant();
        }
        if (e instanceof MethodInvocation call) {
            return isNonNullFactory(call);
        }
        return false;
    }

    /** {@code List.of()}, {@code Collections.emptyList()}, {@code Integer.valueOf(..)}, {@code String.valueOf(..)} and the like. */
    private static boolean isNonNullFactory(MethodInvocation call) {
        IMethodBinding binding = call.resolveMethodBinding();
        if (binding == null || !Modifier.isStatic(binding.getModifiers())) {
            return false;
        }
        ITypeBinding owner = binding.getDeclaringClass().getErasure();
        String name = call.getName().getIdentifier();
        String ownerName = owner.getQualifiedName();
        return switch (ownerName) {
            case "java.util.List", "java.util.Set", "java.util.Map" -> name.equals("of") || name.equals("copyOf");
            case "java.util.Collections" -> EMPTY_FACTORIES.contains(name);
            case "java.lang.String" -> name.equals("valueOf") || name.equals("format") || name.equals("join");
            case "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Short",
                    "java.lang.Byte", "java.lang.Boolean", "java.lang.Character" -> name.equals("valueOf");
            default -> false;
        };
    }

    /** True for the argument-less empty factories, which cannot throw and allocate nothing. */
    static boolean isEmptyFactoryCall(Expression expression) {
        if (!(Bindings.unwrap(expression) instanceof MethodInvocation call) || !call.arguments().isEmpty()) {
            return false;
        }
        IMethodBinding binding = call.resolveMethodBinding();
        if (binding == null) {
            return false;
        }
        String owner = binding.getDeclaringClass().getErasure().getQualifiedName();
        String name = call.getName().getIdentifier();
        return (owner.equals("java.util.Collections") && EMPTY_FACTORIES.contains(name))
                || ((owner.equals("java.util.List") || owner.equals("java.util.Set") || owner.equals("java.util.Map"))
                && name.equals("of"));
    }

    /** Matches names by what they resolve to, so a shadowed variable of the same name does not match. */
    private static final class BindingMatcher extends ASTMatcher {
        @Override
        public boolean match(SimpleName node, Object other) {
            if (!(other instanceof SimpleName otherName) || !node.getIdentifier().equals(otherName.getIdentifier())) {
                return false;
            }
            IBinding mine = node.resolveBinding();
            IBinding theirs = otherName.resolveBinding();
            if (mine == null || theirs == null) {
                return false;
            }
            if (mine instanceof IVariableBinding v && theirs instanceof IVariableBinding w) {
                return v.getVariableDeclaration().isEqualTo(w.getVariableDeclaration());
            }
            if (mine instanceof IMethodBinding m && theirs instanceof IMethodBinding n) {
                return m.getMethodDeclaration().isEqualTo(n.getMethodDeclaration());
            }
            return mine.isEqualTo(theirs);
        }
    }
}
