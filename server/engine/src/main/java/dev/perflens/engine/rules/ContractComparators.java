package dev.perflens.engine.rules;

import java.util.Set;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionMethodReference;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Name;
import org.eclipse.jdt.core.dom.TypeMethodReference;

/**
 * Orderings that can be trusted to keep the Comparator contract (compare(a, b) is 0 exactly
 * for elements it treats as equal, and changes sign when the arguments swap): the JDK's
 * comparator factories over keys whose natural order is the JDK's, and the JDK's own
 * compareTo methods. A comparator written in the project (a lambda, a class, a variable)
 * may break it, e.g. by never returning 0.
 */
final class ContractComparators {
    private static final Set<String> KEY_FACTORIES = Set.of("comparing", "thenComparing");
    private static final Set<String> PRIMITIVE_KEY_FACTORIES = Set.of("comparingInt", "comparingLong",
            "comparingDouble", "thenComparingInt", "thenComparingLong", "thenComparingDouble");
    private static final Set<String> WRAPPERS = Set.of("nullsFirst", "nullsLast", "reversed", "reverseOrder",
            "naturalOrder");

    private ContractComparators() {
    }

    static boolean isJdkBuilt(Expression comparator) {
        Expression e = Bindings.unwrap(comparator);
        if (e instanceof Name name && name.resolveBinding() instanceof IVariableBinding field
                && field.isField() && field.getDeclaringClass() != null
                && Bindings.is(field.getDeclaringClass(), "java.lang.String")
                && field.getName().equals("CASE_INSENSITIVE_ORDER")) {
            return true;
        }
        if (e instanceof ExpressionMethodReference || e instanceof TypeMethodReference) {
            IMethodBinding method = e instanceof ExpressionMethodReference r ? r.resolveMethodBinding()
                    : ((TypeMethodReference) e).resolveMethodBinding();
            return method != null && CollectionVariables.declaredByJdk(method)
                    && (method.getName().equals("compare") || method.getName().startsWith("compareTo"));
        }
        if (!(e instanceof MethodInvocation call)) {
            return false;
        }
        IMethodBinding binding = call.resolveMethodBinding();
        if (binding == null) {
            return false;
        }
        ITypeBinding owner = binding.getDeclaringClass();
        String name = call.getName().getIdentifier();
        boolean comparatorMethod = Bindings.is(owner, "java.util.Comparator");
        boolean collectionsReverse = Bindings.is(owner, "java.util.Collections") && name.equals("reverseOrder");
        if (!comparatorMethod && !collectionsReverse) {
            return false;
        }
        boolean instanceMethod = !org.eclipse.jdt.core.dom.Modifier.isStatic(binding.getModifiers());
        if (instanceMethod && (call.getExpression() == null || !isJdkBuilt(call.getExpression()))) {
            return false; // x.reversed() / x.thenComparing(...) on a comparator of the project's
        }
        if (name.equals("naturalOrder") || (collectionsReverse && call.arguments().isEmpty())
                || (name.equals("reverseOrder") && call.arguments().isEmpty())) {
            ITypeBinding[] inferred = binding.getTypeArguments();
            return inferred.length == 1 && hasJdkNaturalOrder(inferred[0]);
        }
        if (WRAPPERS.contains(name) || collectionsReverse) {
            return call.arguments().stream().allMatch(argument -> isJdkBuilt((Expression) argument));
        }
        if (PRIMITIVE_KEY_FACTORIES.contains(name)) {
            return true;
        }
        if (KEY_FACTORIES.contains(name)) {
            if (call.arguments().size() == 2) {
                return isJdkBuilt((Expression) call.arguments().get(1));
            }
            Expression only = (Expression) call.arguments().get(0);
            ITypeBinding onlyType = only.resolveTypeBinding();
            if (onlyType != null && Bindings.isSubtypeOf(onlyType, "java.util.Comparator")) {
                return isJdkBuilt(only); // thenComparing(Comparator)
            }
            ITypeBinding[] inferred = binding.getTypeArguments();
            return inferred.length >= 1 && hasJdkNaturalOrder(inferred[inferred.length - 1]);
        }
        return false;
    }

    /** The type's compareTo is the JDK's: a java.* class (String, the boxes, java.time, ...) or an enum. */
    static boolean hasJdkNaturalOrder(ITypeBinding type) {
        if (type == null) {
            return false;
        }
        ITypeBinding t = type.isCapture() || type.isWildcardType() || type.isTypeVariable() ? null : type.getErasure();
        if (t == null) {
            return false;
        }
        if (t.isEnum()) {
            return true;
        }
        return t.getPackage() != null && t.getPackage().getName().startsWith("java.") && !t.isInterface();
    }
}
