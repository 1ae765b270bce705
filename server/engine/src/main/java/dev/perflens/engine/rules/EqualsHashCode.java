package dev.perflens.engine.rules;

import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.IBinding;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.SimpleName;

/**
 * Whether a hash index of a type finds what a linear {@code equals} search finds. Where both
 * {@code equals} and {@code hashCode} of the type are declared in the file under analysis, a
 * field that hashCode reads and equals never reads means two equal objects can hash apart: a
 * HashSet or HashMap would miss elements the list search finds.
 */
final class EqualsHashCode {
    private EqualsHashCode() {
    }

    /** The name of a field hashCode reads and equals ignores, or null when none is seen. */
    static String fieldOnlyHashed(ITypeBinding type, CompilationUnit unit) {
        if (type == null || unit == null) {
            return null;
        }
        ITypeBinding start = type.isTypeVariable() || type.isCapture() ? type.getErasure() : type;
        for (ITypeBinding t = start; t != null && !Bindings.is(t, "java.lang.Object"); t = t.getSuperclass()) {
            IMethodBinding equals = null;
            IMethodBinding hashCode = null;
            for (IMethodBinding method : t.getDeclaredMethods()) {
                if (method.getName().equals("hashCode") && method.getParameterTypes().length == 0) {
                    hashCode = method;
                }
                if (method.getName().equals("equals") && method.getParameterTypes().length == 1
                        && Bindings.is(method.getParameterTypes()[0], "java.lang.Object")) {
                    equals = method;
                }
            }
            if (equals == null && hashCode == null) {
                continue;
            }
            if (equals == null || hashCode == null) {
                return null; // one of the pair inherited: RemoveAllWithListRule.equalsWithoutHashCode's case
            }
            ASTNode equalsDeclaration = unit.findDeclaringNode(equals.getMethodDeclaration());
            ASTNode hashDeclaration = unit.findDeclaringNode(hashCode.getMethodDeclaration());
            if (!(equalsDeclaration instanceof MethodDeclaration e) || !(hashDeclaration instanceof MethodDeclaration h)) {
                return null; // not in this file: cannot read their bodies
            }
            Set<IBinding> read = fieldsRead(e);
            for (IBinding field : fieldsRead(h)) {
                if (!read.contains(field)) {
                    return field.getName();
                }
            }
            return null;
        }
        return null;
    }

    private static Set<IBinding> fieldsRead(MethodDeclaration method) {
        Set<IBinding> fields = new LinkedHashSet<>();
        if (method.getBody() == null) {
            return fields;
        }
        method.getBody().accept(new ASTVisitor() {
            @Override
            public boolean visit(SimpleName name) {
                if (name.resolveBinding() instanceof IVariableBinding variable && variable.isField()
                        && !java.lang.reflect.Modifier.isStatic(variable.getModifiers())) {
                    fields.add(variable.getVariableDeclaration());
                }
                return true;
            }
        });
        return fields;
    }
}
