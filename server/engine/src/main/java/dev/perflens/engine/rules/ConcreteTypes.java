package dev.perflens.engine.rules;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.NullLiteral;
import org.eclipse.jdt.core.dom.VariableDeclaration;

/**
 * The class a variable really holds, where the code settles it: a {@code Map} field
 * initialised with {@code new EnumMap<>(...)} is an EnumMap, whatever its declared type says.
 * Rules that reason about lookup costs or thread-safety need the class, not the interface.
 *
 * <p>Known only when every value the variable can get is visible here: a local's initialiser
 * and its assignments in its scope; a private or final field's initialiser and every
 * assignment in the compilation unit (nothing outside can assign a private field, and a final
 * one is only assigned here). Every one of them must create an instance ({@code new X<>()});
 * {@code null} is ignored. When they create different classes, the most specific class of
 * which all are instances is the answer (HashMap for a HashMap and a LinkedHashMap).
 */
public final class ConcreteTypes {
    private ConcreteTypes() {
    }

    /**
     * The erasure of the class {@code expression} holds: the created class of a {@code new}
     * expression or of a variable settled as above; null when the code does not settle it.
     */
    public static ITypeBinding concreteClass(Expression expression, CompilationUnit unit) {
        Expression e = Bindings.unwrap(expression);
        if (e instanceof ClassInstanceCreation creation) {
            return created(creation);
        }
        IVariableBinding variable = Bindings.variable(e);
        if (variable == null || variable.isParameter() || unit == null) {
            return null;
        }
        IVariableBinding declared = variable.getVariableDeclaration();
        if (declared.isField() && !Modifier.isPrivate(declared.getModifiers())
                && !Modifier.isFinal(declared.getModifiers())) {
            return null; // another class may assign it
        }
        ASTNode declaration = CollectionVariables.declaration(declared, unit);
        if (!(declaration instanceof VariableDeclaration variableDeclaration)) {
            return null;
        }
        ASTNode scope = declared.isField() ? unit : CollectionVariables.scopeOf(declaration);
        if (scope == null) {
            return null;
        }
        List<Expression> values = new ArrayList<>();
        if (variableDeclaration.getInitializer() != null) {
            values.add(variableDeclaration.getInitializer());
        }
        for (Expression write : Bindings.writesWithin(scope, declared)) {
            if (!(write instanceof Assignment assignment) || assignment.getOperator() != Assignment.Operator.ASSIGN) {
                return null;
            }
            values.add(assignment.getRightHandSide());
        }
        List<ITypeBinding> classes = new ArrayList<>();
        for (Expression value : values) {
            Expression v = Bindings.unwrap(value);
            if (v instanceof NullLiteral) {
                continue;
            }
            ITypeBinding type = v instanceof ClassInstanceCreation creation ? created(creation) : null;
            if (type == null) {
                return null;
            }
            classes.add(type);
        }
        return mostSpecificCommon(classes);
    }

    /** The concrete class when settled, otherwise the declared (static) type; null when unresolved. */
    public static ITypeBinding typeOf(Expression expression, CompilationUnit unit) {
        ITypeBinding concrete = concreteClass(expression, unit);
        return concrete != null ? concrete : expression.resolveTypeBinding();
    }

    /** The expression holds an instance of {@code qualifiedName} (or a subclass), by its concrete or declared type. */
    public static boolean holds(Expression expression, String qualifiedName, CompilationUnit unit) {
        return Bindings.isSubtypeOf(typeOf(expression, unit), qualifiedName);
    }

    private static ITypeBinding created(ClassInstanceCreation creation) {
        if (creation.getAnonymousClassDeclaration() != null) {
            return null; // an anonymous subclass may override anything
        }
        ITypeBinding type = creation.resolveTypeBinding();
        return type == null ? null : type.getErasure();
    }

    /** The class among {@code classes}' superclass chains nearest to all of them, or null for none or only Object. */
    private static ITypeBinding mostSpecificCommon(List<ITypeBinding> classes) {
        if (classes.isEmpty()) {
            return null;
        }
        for (ITypeBinding candidate = classes.get(0); candidate != null; candidate = candidate.getSuperclass()) {
            ITypeBinding c = candidate.getErasure();
            if (Bindings.is(c, "java.lang.Object")) {
                return null;
            }
            boolean all = true;
            for (ITypeBinding other : classes) {
                if (!Bindings.isSubtypeOf(other, c.getQualifiedName())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return c;
            }
        }
        return null;
    }
}
