package dev.perflens.engine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.AnonymousClassDeclaration;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.NullLiteral;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.TypeDeclarationStatement;
import org.eclipse.jdt.core.dom.VariableDeclarationExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;

/**
 * Whether the object a local variable holds can be seen outside the method (or by another
 * thread): returned, stored in a field or another variable, passed to code we cannot see,
 * captured by a lambda or anonymous class, used as a lock. Views of it (an iterator, a
 * stream, a chained {@code append}) are followed as aliases. Read-only uses by well-known JDK
 * methods (copying into another collection, {@code String.valueOf}, appending to a builder)
 * do not count as escapes. Everything not understood is treated as an escape.
 */
final class LocalEscapes {
    /** The outcome: the first escape found (null when none), and every call made directly on the variable. */
    record Result(String escape, ASTNode where, List<MethodInvocation> directCalls, List<Assignment> writes) {
        boolean escapes() {
            return escape != null;
        }
    }

    private final IVariableBinding variable;
    private final ASTNode scope;
    private final Predicate<Expression> freshValue;
    private final List<MethodInvocation> directCalls = new ArrayList<>();
    private final List<Assignment> writes = new ArrayList<>();
    private String escape;
    private ASTNode where;
    private int aliasDepth;

    private LocalEscapes(IVariableBinding variable, ASTNode scope, Predicate<Expression> freshValue) {
        this.variable = variable;
        this.scope = scope;
        this.freshValue = freshValue;
    }

    /**
     * Analyses the local declared by {@code fragment}. {@code freshValue} says which assigned
     * values are acceptable (a new object of the kind the rule is about); any other write is an escape.
     */
    static Result analyze(VariableDeclarationFragment fragment, Predicate<Expression> freshValue) {
        IVariableBinding variable = fragment.resolveBinding();
        if (variable == null || variable.isField() || !(fragment.getParent() instanceof VariableDeclarationStatement)) {
            return new Result("not a local variable", fragment, List.of(), List.of());
        }
        LocalEscapes analysis = new LocalEscapes(variable, fragment.getParent().getParent(), freshValue);
        analysis.run();
        return new Result(analysis.escape, analysis.where, analysis.directCalls, analysis.writes);
    }

    private void run() {
        for (SimpleName reference : Bindings.referencesWithin(scope, variable)) {
            if (escape != null) {
                return;
            }
            if (capturedByInnerCode(reference)) {
                fail("it is captured by a lambda or an inner class, which may run on another thread", reference);
                return;
            }
            if (reference.getParent() instanceof Assignment assignment
                    && reference.getLocationInParent() == Assignment.LEFT_HAND_SIDE_PROPERTY) {
                if (assignment.getOperator() != Assignment.Operator.ASSIGN
                        || !freshValue.test(assignment.getRightHandSide())
                        || !(assignment.getParent() instanceof ExpressionStatement)) {
                    fail("it is assigned a value that is not a new object of its own", assignment);
                }
                writes.add(assignment);
                continue;
            }
            value(reference, true);
        }
    }

    /** The object may be referenced by inner code only if that code is inside {@code scope} but not the variable's own. */
    private boolean capturedByInnerCode(ASTNode reference) {
        for (ASTNode n = reference.getParent(); n != null && n != scope; n = n.getParent()) {
            if (n instanceof LambdaExpression || n instanceof AnonymousClassDeclaration
                    || n instanceof TypeDeclarationStatement || n instanceof BodyDeclaration) {
                return true;
            }
        }
        return false;
    }

    private void fail(String why, ASTNode node) {
        if (escape == null) {
            escape = why;
            where = node;
        }
    }

    /** Follows one use of the object (or of a view of it): {@code direct} when it is the variable itself. */
    private void value(Expression expression, boolean direct) {
        ASTNode parent = expression.getParent();
        var location = expression.getLocationInParent();
        if (parent instanceof ParenthesizedExpression paren) {
            value(paren, direct);
            return;
        }
        if (parent instanceof MethodInvocation call && location == MethodInvocation.EXPRESSION_PROPERTY) {
            if (direct) {
                directCalls.add(call);
            }
            IMethodBinding binding = call.resolveMethodBinding();
            if (binding == null) {
                fail("a call on it could not be resolved", call);
                return;
            }
            if (!returnsDetachedValue(binding)) {
                value(call, false); // append() returns the builder itself, iterator() a view: follow them
            }
            return;
        }
        if (parent instanceof MethodInvocation call && location == MethodInvocation.ARGUMENTS_PROPERTY) {
            if (!isReadOnlySink(call.resolveMethodBinding())) {
                fail("it is passed to " + call.getName().getIdentifier() + "(...), which may keep or share it", call);
            }
            return;
        }
        if (parent instanceof ClassInstanceCreation creation && location == ClassInstanceCreation.ARGUMENTS_PROPERTY) {
            ITypeBinding created = creation.resolveTypeBinding();
            boolean copies = creation.getAnonymousClassDeclaration() == null && created != null
                    && created.getPackage() != null
                    && (created.getPackage().getName().equals("java.util") || Bindings.is(created, "java.lang.String"));
            if (!copies) {
                fail("it is passed to a constructor, which may keep or share it", creation);
            }
            return;
        }
        if (parent instanceof EnhancedForStatement && location == EnhancedForStatement.EXPRESSION_PROPERTY) {
            return;
        }
        if (parent instanceof ExpressionStatement) {
            return;
        }
        if (parent instanceof InfixExpression infix) {
            boolean concatenation = infix.getOperator() == InfixExpression.Operator.PLUS
                    && Bindings.is(infix.resolveTypeBinding(), "java.lang.String");
            boolean nullCheck = (infix.getOperator() == InfixExpression.Operator.EQUALS
                    || infix.getOperator() == InfixExpression.Operator.NOT_EQUALS)
                    && (infix.getLeftOperand() instanceof NullLiteral || infix.getRightOperand() instanceof NullLiteral);
            if (!concatenation && !nullCheck) {
                fail("it is compared or combined with another object", infix);
            }
            return;
        }
        if (!direct && parent instanceof VariableDeclarationFragment fragment
                && location == VariableDeclarationFragment.INITIALIZER_PROPERTY
                && (fragment.getParent() instanceof VariableDeclarationStatement
                || fragment.getParent() instanceof VariableDeclarationExpression)) {
            followAlias(fragment);
            return;
        }
        fail(describeUse(parent), parent);
    }

    /** A view (iterator, stream) kept in another local: its uses are the object's uses. */
    private void followAlias(VariableDeclarationFragment fragment) {
        IVariableBinding alias = fragment.resolveBinding();
        if (alias == null || aliasDepth > 4) {
            fail("a view of it is kept in a variable that could not be followed", fragment);
            return;
        }
        aliasDepth++;
        for (SimpleName reference : Bindings.referencesWithin(fragment.getParent().getParent(), alias)) {
            if (capturedByInnerCode(reference)) {
                fail("a view of it is captured by a lambda or an inner class", reference);
            } else if (reference.getParent() instanceof Assignment assignment
                    && reference.getLocationInParent() == Assignment.LEFT_HAND_SIDE_PROPERTY) {
                fail("a view of it is kept in a variable that is reassigned", assignment);
            } else {
                value(reference, false);
            }
        }
        aliasDepth--;
    }

    private static String describeUse(ASTNode parent) {
        return switch (parent.getNodeType()) {
            case ASTNode.RETURN_STATEMENT -> "it is returned to the caller";
            case ASTNode.ASSIGNMENT, ASTNode.VARIABLE_DECLARATION_FRAGMENT -> "it is stored in another variable or a field";
            case ASTNode.SYNCHRONIZED_STATEMENT -> "it is used as a lock";
            case ASTNode.LAMBDA_EXPRESSION -> "it is returned from a lambda";
            default -> "it is used in a way Perflens does not follow";
        };
    }

    /**
     * The call's result is not the object or a view of it: void, a primitive, a String, a boxed
     * value, an element (a type variable of the collection), or a fresh array.
     */
    private static boolean returnsDetachedValue(IMethodBinding binding) {
        ITypeBinding type = binding.getMethodDeclaration().getReturnType();
        if (type.isPrimitive() || type.isArray() || type.isTypeVariable()) {
            return true;
        }
        String name = type.getErasure().getQualifiedName();
        return name.equals("java.lang.String") || name.startsWith("java.lang.") && isBoxed(type);
    }

    static boolean isBoxed(ITypeBinding type) {
        return type != null && switch (type.getErasure().getQualifiedName()) {
            case "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Character",
                    "java.lang.Boolean", "java.lang.Float", "java.lang.Double" -> true;
            default -> false;
        };
    }

    /** JDK methods that read an argument and keep no reference to it. */
    private static boolean isReadOnlySink(IMethodBinding binding) {
        if (binding == null) {
            return false;
        }
        ITypeBinding owner = binding.getDeclaringClass();
        String method = binding.getName();
        if (Bindings.is(owner, "java.lang.String") || Bindings.is(owner, "java.util.Objects") && method.equals("toString")) {
            return true;
        }
        if ((Bindings.is(owner, "java.lang.StringBuilder") || Bindings.is(owner, "java.lang.StringBuffer")
                || Bindings.is(owner, "java.lang.AbstractStringBuilder"))
                && (method.equals("append") || method.equals("insert"))) {
            return true;
        }
        if (Bindings.is(owner, "java.io.PrintStream")
                && (method.equals("print") || method.equals("println"))) {
            return true;
        }
        if (Bindings.is(owner, "java.util.Collections")) {
            ITypeBinding returns = binding.getMethodDeclaration().getReturnType();
            return returns.isPrimitive() || returns.isTypeVariable();
        }
        boolean javaUtil = owner != null && owner.getPackage() != null && owner.getPackage().getName().equals("java.util");
        return javaUtil && switch (method) {
            case "addAll", "containsAll", "removeAll", "retainAll", "putAll", "equals" -> true;
            default -> false;
        };
    }
}
