package dev.perflens.engine.rules;

import java.util.List;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.ThisExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;

/**
 * Whether a map can be shown never to hold a null value, so that {@code get(k) == null}
 * means exactly "no mapping for k". Proven either by the map's type (ConcurrentHashMap,
 * ConcurrentSkipListMap and Hashtable reject null values) or, for a local or private field,
 * by seeing every use of it:
 * created empty, never handed out, and only ever given values that cannot be null.
 */
final class MapValueNullness {
    /** Calls that cannot store a null value (compute* and merge remove the key rather than store null). */
    private static final Set<String> SAFE_CALLS = Set.of("get", "containsKey", "containsValue", "getOrDefault",
            "size", "isEmpty", "remove", "clear", "keySet", "values", "forEach", "equals", "hashCode", "toString",
            "merge", "compute", "computeIfAbsent", "computeIfPresent");

    private MapValueNullness() {
    }

    /** Null when the map provably holds no null value; otherwise why that cannot be shown. */
    static String whyMayHoldNull(Expression map, CompilationUnit unit) {
        ITypeBinding type = map.resolveTypeBinding();
        if (type == null) {
            return "the map's type is not resolved";
        }
        if (rejectsNullValues(type)) {
            return null;
        }
        String unknown = "'" + map + "' may hold null values";
        IVariableBinding variable = Bindings.variable(map);
        if (variable == null) {
            return unknown;
        }
        if (variable.isParameter()) {
            return unknown + " (it is a parameter, filled elsewhere)";
        }
        if (variable.isField() && !Modifier.isPrivate(variable.getModifiers())) {
            return unknown + " (it is a non-private field, filled elsewhere)";
        }
        ASTNode declaration = CollectionVariables.declaration(variable, unit);
        if (!(declaration instanceof VariableDeclarationFragment fragment)) {
            return unknown;
        }
        ASTNode scope = variable.isField() ? unit : CollectionVariables.scopeOf(declaration);
        if (scope == null) {
            return unknown;
        }
        if (fragment.getInitializer() != null ? !isEmptyMapCreation(fragment.getInitializer()) : !variable.isField()) {
            return unknown + " (it does not start as a new, empty map)";
        }
        boolean onlyNullRejecting = fragment.getInitializer() == null
                || rejectsNullValues(fragment.getInitializer().resolveTypeBinding());
        for (Expression write : Bindings.writesWithin(scope, variable)) {
            if (!(write instanceof Assignment assignment) || assignment.getOperator() != Assignment.Operator.ASSIGN
                    || !isEmptyMapCreation(assignment.getRightHandSide())) {
                return unknown + " (line " + unit.getLineNumber(write.getStartPosition())
                        + " assigns it something other than a new, empty map)";
            }
            onlyNullRejecting &= rejectsNullValues(assignment.getRightHandSide().resolveTypeBinding());
        }
        if (onlyNullRejecting && (fragment.getInitializer() != null || !Bindings.writesWithin(scope, variable).isEmpty())) {
            return null; // it only ever holds maps that throw on a null value
        }
        for (SimpleName reference : Bindings.referencesWithin(scope, variable)) {
            if (isAssignedTo(reference) || (!variable.isField() && isReturnedFrom(reference, scope))) {
                continue; // once the method returns it, nothing of this method runs with it any more
            }
            MethodInvocation call = callOn(reference);
            int line = unit.getLineNumber(reference.getStartPosition());
            if (call == null) {
                return unknown + " (line " + line + " hands it on, and null values may be put into it there)";
            }
            String method = call.getName().getIdentifier();
            List<?> arguments = call.arguments();
            int valueIndex = switch (method) {
                case "put", "putIfAbsent" -> 1;
                case "replace" -> arguments.size() - 1;
                default -> -1;
            };
            if (valueIndex > 0 && valueIndex < arguments.size()) {
                Expression value = (Expression) arguments.get(valueIndex);
                if (!PureExpressions.isNeverNull(value)) {
                    return unknown + " (line " + line + " stores '" + value + "', which may be null)";
                }
            } else if (!SAFE_CALLS.contains(method)) {
                return unknown + " (line " + line + " calls " + method + ", which may store null values)";
            }
        }
        return null;
    }

    /**
     * ConcurrentHashMap, ConcurrentSkipListMap and Hashtable throw NullPointerException on a
     * null value (their class documentation says so). The ConcurrentMap interface itself does
     * not forbid null values ("Implementations which support null values must override this
     * default implementation", ConcurrentMap.getOrDefault), so it is not enough.
     */
    private static boolean rejectsNullValues(ITypeBinding type) {
        return Bindings.isSubtypeOf(type, "java.util.concurrent.ConcurrentHashMap")
                || Bindings.isSubtypeOf(type, "java.util.concurrent.ConcurrentSkipListMap")
                || Bindings.isSubtypeOf(type, "java.util.Hashtable");
    }

    /** {@code new HashMap<>()}, {@code new TreeMap<>(comparator)}, {@code new HashMap<>(64)}: a map created empty. */
    private static boolean isEmptyMapCreation(Expression expression) {
        if (!(Bindings.unwrap(expression) instanceof ClassInstanceCreation creation)
                || !Bindings.isSubtypeOf(creation.resolveTypeBinding(), "java.util.Map")
                || creation.getAnonymousClassDeclaration() != null) {
            return false;
        }
        for (Object argument : creation.arguments()) {
            ITypeBinding type = ((Expression) argument).resolveTypeBinding();
            if (type == null || Bindings.isSubtypeOf(type, "java.util.Map")) {
                return false; // a copy constructor brings the other map's values, nulls included
            }
        }
        String name = creation.resolveTypeBinding().getErasure().getQualifiedName();
        return name.startsWith("java.util.");
    }

    /** {@code return map;} in the method that declares the local itself (not in a lambda or inner class). */
    private static boolean isReturnedFrom(SimpleName reference, ASTNode scope) {
        if (!(reference.getParent() instanceof org.eclipse.jdt.core.dom.ReturnStatement)) {
            return false;
        }
        for (ASTNode n = reference.getParent(); n != null; n = n.getParent()) {
            if (n instanceof org.eclipse.jdt.core.dom.LambdaExpression
                    || n instanceof org.eclipse.jdt.core.dom.AnonymousClassDeclaration
                    || n instanceof org.eclipse.jdt.core.dom.TypeDeclarationStatement) {
                return false;
            }
            if (n == scope) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAssignedTo(SimpleName reference) {
        ASTNode target = reference.getParent() instanceof FieldAccess access ? access : reference;
        return target.getParent() instanceof Assignment assignment
                && target.getLocationInParent() == Assignment.LEFT_HAND_SIDE_PROPERTY
                && assignment.getOperator() == Assignment.Operator.ASSIGN;
    }

    /** The call whose receiver is this reference ({@code map.m()} or {@code this.map.m()}), or null. */
    static MethodInvocation callOn(SimpleName reference) {
        ASTNode receiver = reference;
        if (reference.getParent() instanceof FieldAccess access && access.getExpression() instanceof ThisExpression) {
            receiver = access;
        }
        return receiver.getParent() instanceof MethodInvocation call
                && receiver.getLocationInParent() == MethodInvocation.EXPRESSION_PROPERTY ? call : null;
    }
}
