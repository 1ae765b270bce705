package dev.perflens.engine.rules;

import dev.perflens.engine.rule.SizeBound;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ArrayCreation;
import org.eclipse.jdt.core.dom.ArrayInitializer;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.VariableDeclaration;

/**
 * The size a collection or array can have, where the code fixes it: a literal ({@code List.of},
 * {@code Set.of}, {@code Arrays.asList}, an array initialiser), an array created with a
 * constant length, {@code values()} of an enum, or an EnumSet/EnumMap of an enum, reached
 * directly or through a variable that only ever holds it (a final field or a local that is never
 * reassigned). Anything else is unknown: no guessing.
 */
public final class CollectionSizes {
    private static final Set<String> LITERAL_OWNERS = Set.of("java.util.List", "java.util.Set", "java.util.Map",
            "java.util.Arrays", "java.util.Collections", "java.util.stream.Stream");
    private static final Set<String> LITERAL_FACTORIES = Set.of("of", "asList", "singletonList", "emptyList",
            "singleton", "emptySet", "emptyMap", "singletonMap");

    private static final Set<String> GROWING = Set.of("add", "addAll", "addFirst", "addLast", "push", "offer",
            "offerFirst", "offerLast", "put", "putAll", "putIfAbsent", "merge", "compute", "computeIfAbsent");

    private CollectionSizes() {
    }

    /** The bound of what {@code expression} holds, or null when the code does not fix it. */
    public static SizeBound bound(Expression expression, CompilationUnit unit) {
        Expression e = Bindings.unwrap(expression);
        SizeBound direct = ofCreation(e);
        if (direct != null) {
            return direct;
        }
        IVariableBinding variable = Bindings.variable(e);
        if (variable == null || unit == null) {
            return null;
        }
        ASTNode declaration = CollectionVariables.declaration(variable, unit);
        if (!(declaration instanceof VariableDeclaration variableDeclaration)
                || variableDeclaration.getInitializer() == null) {
            return null;
        }
        boolean unchanged = Modifier.isFinal(variable.getModifiers())
                || (!variable.isField() && !variable.isParameter()
                && Bindings.writesWithin(declaration.getRoot(), variable).isEmpty());
        if (!unchanged) {
            return null;
        }
        SizeBound initial = ofCreation(Bindings.unwrap(variableDeclaration.getInitializer()));
        if (initial == null) {
            return null;
        }
        // A literal is immutable; an array's length is fixed; an EnumSet/EnumMap cannot outgrow its enum.
        return new SizeBound(initial.size(), initial.reason() + " that initialises '" + variable.getName() + "'");
    }

    /**
     * The bound of a local collection that starts as a copy of a literal ({@code new
     * ArrayList<>(List.of(a, b, c))}) and that nothing can grow: never reassigned, never handed
     * out (every reference is the receiver of a call, or one of {@code allowed}), and never the
     * receiver of a call that adds. Then it holds at most the literal's elements. Null otherwise.
     */
    public static SizeBound ofCopiedLiteral(Expression expression, CompilationUnit unit, List<? extends ASTNode> allowed) {
        IVariableBinding variable = Bindings.variable(Bindings.unwrap(expression));
        if (variable == null || variable.isField() || variable.isParameter() || unit == null
                || !(CollectionVariables.declaration(variable, unit) instanceof VariableDeclaration declaration)
                || declaration.getInitializer() == null
                || !(Bindings.unwrap(declaration.getInitializer()) instanceof ClassInstanceCreation copy)
                || copy.arguments().size() != 1 || copy.getAnonymousClassDeclaration() != null
                || !Bindings.isSubtypeOf(copy.resolveTypeBinding(), "java.util.Collection")) {
            return null;
        }
        SizeBound literal = bound((Expression) copy.arguments().get(0), unit);
        ASTNode scope = CollectionVariables.scopeOf(declaration);
        if (literal == null || scope == null || !Bindings.writesWithin(scope, variable).isEmpty()
                || !CollectionVariables.neverEscapes(variable, unit, allowed)) {
            return null;
        }
        for (org.eclipse.jdt.core.dom.SimpleName reference : Bindings.referencesWithin(scope, variable)) {
            if (reference.getParent() instanceof MethodInvocation call
                    && reference.getLocationInParent() == MethodInvocation.EXPRESSION_PROPERTY
                    && GROWING.contains(call.getName().getIdentifier())) {
                return null;
            }
        }
        return new SizeBound(literal.size(), literal.reason() + " copied into '" + variable.getName()
                + "', which nothing adds to");
    }

    private static SizeBound ofCreation(Expression e) {
        if (e instanceof ArrayInitializer initializer) {
            return new SizeBound(initializer.expressions().size(), "the array initialiser");
        }
        if (e instanceof ArrayCreation creation) {
            if (creation.getInitializer() != null) {
                return new SizeBound(creation.getInitializer().expressions().size(), "the array initialiser");
            }
            if (creation.dimensions().size() == 1) {
                Object length = ((Expression) creation.dimensions().get(0)).resolveConstantExpressionValue();
                if (length instanceof Number n) {
                    return new SizeBound(n.longValue(), "the array's constant length");
                }
            }
            return null;
        }
        if (e instanceof MethodInvocation call) {
            IMethodBinding method = call.resolveMethodBinding();
            if (method == null || method.getDeclaringClass() == null) {
                return null;
            }
            ITypeBinding owner = method.getDeclaringClass().getErasure();
            String name = method.getName();
            if (LITERAL_OWNERS.contains(owner.getQualifiedName()) && LITERAL_FACTORIES.contains(name)
                    && !passesArray(call, method)) {
                long elements = call.arguments().size();
                if (owner.getQualifiedName().equals("java.util.Map") || name.equals("singletonMap")) {
                    elements /= 2;
                }
                return new SizeBound(elements, "the " + owner.getName() + "." + name + " literal");
            }
            if (owner.isEnum() && name.equals("values") && call.arguments().isEmpty()) {
                return enumBound(owner);
            }
            if (owner.getQualifiedName().equals("java.util.EnumSet") && call.arguments().size() >= 1) {
                ITypeBinding element = enumArgument(call);
                return element == null ? null : enumBound(element);
            }
            return null;
        }
        if (e instanceof ClassInstanceCreation creation && creation.resolveTypeBinding() != null
                && creation.resolveTypeBinding().getErasure().getQualifiedName().equals("java.util.EnumMap")) {
            ITypeBinding[] arguments = creation.resolveTypeBinding().getTypeArguments();
            return arguments.length == 2 && arguments[0].isEnum() ? enumBound(arguments[0]) : null;
        }
        return null;
    }

    private static ITypeBinding enumArgument(MethodInvocation call) {
        ITypeBinding type = call.resolveTypeBinding();
        if (type == null || type.getTypeArguments().length != 1) {
            return null;
        }
        ITypeBinding element = type.getTypeArguments()[0];
        return element.isEnum() ? element : null;
    }

    /** The number of constants of an enum, as the bound of anything keyed by it. */
    public static SizeBound enumBound(ITypeBinding enumType) {
        int constants = enumConstants(enumType);
        return constants < 0 ? null
                : new SizeBound(constants, "the enum " + enumType.getName() + " (" + constants + " constants)");
    }

    /** How many constants an enum declares, or -1 when the binding does not say. */
    public static int enumConstants(ITypeBinding enumType) {
        if (enumType == null || !enumType.isEnum()) {
            return -1;
        }
        int count = 0;
        for (IVariableBinding field : enumType.getDeclaredFields()) {
            if (field.isEnumConstant()) {
                count++;
            }
        }
        return count;
    }

    private static boolean passesArray(MethodInvocation call, IMethodBinding method) {
        List<?> arguments = call.arguments();
        if (!method.isVarargs() || arguments.size() != method.getParameterTypes().length) {
            return false;
        }
        ITypeBinding last = ((Expression) arguments.get(arguments.size() - 1)).resolveTypeBinding();
        return last != null && last.isArray();
    }
}
