package dev.perflens.engine.rules;

import java.util.List;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.VariableDeclaration;

/**
 * Questions about variables that hold collections, answered from bindings: what a local can
 * hold, whether it is the same object on every pass of a loop, and whether it ever escapes.
 */
final class CollectionVariables {
    private static final Set<String> FIXED_SIZE_FACTORIES = Set.of("of", "asList", "singletonList", "emptyList",
            "singleton", "emptySet");
    /** Up to this many constant elements a scan costs about what hashing the key costs. */
    static final int SMALL_CONSTANT_COLLECTION = 8;

    private CollectionVariables() {
    }

    /** The node declaring the variable in this unit, or null. */
    static ASTNode declaration(IVariableBinding variable, CompilationUnit unit) {
        return variable == null ? null : unit.findDeclaringNode(variable.getVariableDeclaration());
    }

    /** The method, initializer or field declaration in which a local lives (its references can only be there). */
    static ASTNode scopeOf(ASTNode declaration) {
        ASTNode n = declaration;
        while (n != null && !(n instanceof BodyDeclaration)) {
            n = n.getParent();
        }
        return n;
    }

    /**
     * A local (not a field or a parameter) whose initializer and every later assignment create
     * an instance of {@code qualifiedName} (or a subclass), so it can only ever hold one.
     */
    static boolean onlyEverHolds(Expression expression, String qualifiedName, CompilationUnit unit) {
        IVariableBinding variable = Bindings.variable(expression);
        if (variable == null || variable.isField() || variable.isParameter()) {
            return false;
        }
        ASTNode declaration = declaration(variable, unit);
        if (!(declaration instanceof VariableDeclaration variableDeclaration)
                || !creates(variableDeclaration.getInitializer(), qualifiedName)) {
            return false;
        }
        ASTNode scope = scopeOf(declaration);
        return scope != null && Bindings.writesWithin(scope, variable).stream()
                .allMatch(write -> write instanceof Assignment assignment
                        && assignment.getOperator() == Assignment.Operator.ASSIGN
                        && creates(assignment.getRightHandSide(), qualifiedName));
    }

    static boolean creates(Expression expression, String qualifiedName) {
        return expression != null && Bindings.unwrap(expression) instanceof ClassInstanceCreation creation
                && Bindings.isSubtypeOf(creation.resolveTypeBinding(), qualifiedName);
    }

    /**
     * True when {@code receiver} is a variable declared outside {@code loop} and not written in
     * it: the same object on every pass. A collection reached through a call, or created per
     * pass, may be a different (small) one each time.
     */
    static boolean isSameEveryPass(Expression receiver, ASTNode loop, CompilationUnit unit) {
        IVariableBinding variable = Bindings.variable(receiver);
        if (variable == null) {
            return false;
        }
        ASTNode declaration = declaration(variable, unit);
        boolean declaredInside = declaration != null && Loops.contains(loop, declaration);
        return !declaredInside && Bindings.writesWithin(loop, variable).isEmpty();
    }

    /**
     * True when every reference to the local {@code variable} in its scope is the receiver of a
     * method call (or its own declaration): nothing else can hold the same object, so only those
     * calls can change it. {@code allowed} names further references that are known not to let it
     * escape (e.g. the argument of the call under analysis).
     */
    static boolean neverEscapes(IVariableBinding variable, CompilationUnit unit, List<? extends ASTNode> allowed) {
        if (variable == null || variable.isField() || variable.isParameter()) {
            return false;
        }
        ASTNode scope = scopeOf(declaration(variable, unit));
        if (scope == null) {
            return false;
        }
        for (SimpleName reference : Bindings.referencesWithin(scope, variable)) {
            if (allowed.contains(reference)) {
                continue;
            }
            if (!(reference.getParent() instanceof MethodInvocation call)
                    || reference.getLocationInParent() != MethodInvocation.EXPRESSION_PROPERTY
                    || returnsItself(call)) {
                return false;
            }
        }
        return true;
    }

    /** Calls that hand out a view of the receiver or the receiver itself (the object escapes through them). */
    private static boolean returnsItself(MethodInvocation call) {
        String name = call.getName().getIdentifier();
        return name.equals("subList") || name.equals("iterator") || name.equals("listIterator")
                || name.equals("keySet") || name.equals("values") || name.equals("entrySet")
                || name.equals("descendingIterator") || name.equals("spliterator") || name.equals("reversed");
    }

    /**
     * A variable (final, or a never-written local) initialised with {@code List.of},
     * {@code Arrays.asList}, {@code Set.of} or a singleton/empty factory of at most
     * {@link #SMALL_CONSTANT_COLLECTION} elements, or such a call written in place.
     */
    static boolean isSmallFixedCollection(Expression expression, CompilationUnit unit) {
        Expression e = Bindings.unwrap(expression);
        if (e instanceof MethodInvocation factory) {
            return isSmallFactoryCall(factory);
        }
        IVariableBinding variable = Bindings.variable(e);
        if (variable == null) {
            return false;
        }
        ASTNode declaration = declaration(variable, unit);
        if (!(declaration instanceof VariableDeclaration variableDeclaration)
                || variableDeclaration.getInitializer() == null
                || !(Bindings.unwrap(variableDeclaration.getInitializer()) instanceof MethodInvocation factory)) {
            return false;
        }
        boolean unchanged = Modifier.isFinal(variable.getModifiers())
                || (!variable.isField() && Bindings.writesWithin(declaration.getRoot(), variable).isEmpty());
        return unchanged && isSmallFactoryCall(factory);
    }

    private static boolean isSmallFactoryCall(MethodInvocation factory) {
        IMethodBinding binding = factory.resolveMethodBinding();
        if (binding == null || !FIXED_SIZE_FACTORIES.contains(factory.getName().getIdentifier())) {
            return false;
        }
        ITypeBinding owner = binding.getDeclaringClass();
        boolean fixedSizeFactory = Bindings.is(owner, "java.util.List") || Bindings.is(owner, "java.util.Set")
                || Bindings.is(owner, "java.util.Arrays") || Bindings.is(owner, "java.util.Collections");
        List<?> elements = factory.arguments();
        boolean arrayPassedToVarargs = elements.size() == 1
                && ((Expression) elements.get(0)).resolveTypeBinding() != null
                && ((Expression) elements.get(0)).resolveTypeBinding().isArray();
        return fixedSizeFactory && !arrayPassedToVarargs && elements.size() <= SMALL_CONSTANT_COLLECTION;
    }

    /** True when the binding's declaring class lives in the JDK's {@code java.*} packages. */
    static boolean declaredByJdk(IMethodBinding method) {
        if (method == null || method.getDeclaringClass() == null) {
            return false;
        }
        ITypeBinding owner = method.getDeclaringClass().getErasure();
        return owner.getPackage() != null && owner.getPackage().getName().startsWith("java.");
    }
}
