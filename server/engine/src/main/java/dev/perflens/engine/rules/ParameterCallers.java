package dev.perflens.engine.rules;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.MethodReference;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.SingleVariableDeclaration;
import org.eclipse.jdt.core.dom.SuperMethodInvocation;

/**
 * What the callers of a method pass for one of its parameters, where the compilation unit shows
 * all of them: a private method (and, by the same reading, a package-private one whose callers
 * sit beside it) is called only from code the unit holds. A method reference to the method
 * hides its arguments, so it makes the answer unknown.
 */
final class ParameterCallers {
    private ParameterCallers() {
    }

    /**
     * The arguments every call in {@code unit} passes for {@code parameter}, in source order, or
     * null when the method is public or protected, is never called, is referenced as a method
     * reference, takes the parameter as varargs, or reassigns it.
     */
    static List<Expression> arguments(IVariableBinding parameter, CompilationUnit unit) {
        if (parameter == null || !parameter.isParameter() || unit == null) {
            return null;
        }
        IMethodBinding method = parameter.getDeclaringMethod();
        ASTNode declaration = CollectionVariables.declaration(parameter, unit);
        if (method == null || !(declaration instanceof SingleVariableDeclaration single)
                || !(single.getParent() instanceof MethodDeclaration methodDeclaration)
                || Modifier.isPublic(method.getModifiers()) || Modifier.isProtected(method.getModifiers())
                || single.isVarargs() || !Bindings.writesWithin(methodDeclaration, parameter).isEmpty()) {
            return null;
        }
        ITypeBinding owner = method.getDeclaringClass();
        if (owner == null || owner.isInterface()) {
            return null; // an interface method is public, whatever its modifiers say
        }
        int position = methodDeclaration.parameters().indexOf(single);
        IMethodBinding target = method.getMethodDeclaration();
        List<Expression> arguments = new ArrayList<>();
        boolean[] hidden = new boolean[1];
        unit.accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                if (calls(call.resolveMethodBinding(), target)) {
                    arguments.add((Expression) call.arguments().get(position));
                }
                return true;
            }

            @Override
            public boolean visit(SuperMethodInvocation call) {
                if (calls(call.resolveMethodBinding(), target)) {
                    arguments.add((Expression) call.arguments().get(position));
                }
                return true;
            }

            @Override
            public void endVisit(org.eclipse.jdt.core.dom.ExpressionMethodReference reference) {
                hide(reference);
            }

            @Override
            public void endVisit(org.eclipse.jdt.core.dom.SuperMethodReference reference) {
                hide(reference);
            }

            @Override
            public void endVisit(org.eclipse.jdt.core.dom.TypeMethodReference reference) {
                hide(reference);
            }

            private void hide(MethodReference reference) {
                IMethodBinding referenced = reference.resolveMethodBinding();
                if (referenced == null || calls(referenced, target)) {
                    hidden[0] = true;
                }
            }
        });
        return hidden[0] || arguments.isEmpty() ? null : arguments;
    }

    /**
     * "line N" of the first call site when every call in {@code unit} passes, for
     * {@code parameter}, a value of class {@code qualifiedName} (its static type, or a local that
     * only ever holds a new one); else null.
     */
    static String allPass(IVariableBinding parameter, String qualifiedName, CompilationUnit unit) {
        List<Expression> arguments = arguments(parameter, unit);
        if (arguments == null) {
            return null;
        }
        for (Expression argument : arguments) {
            if (!Bindings.isSubtypeOf(argument.resolveTypeBinding(), qualifiedName)
                    && !CollectionVariables.onlyEverHolds(argument, qualifiedName, unit)) {
                return null;
            }
        }
        return "line " + unit.getLineNumber(arguments.get(0).getStartPosition());
    }

    private static boolean calls(IMethodBinding call, IMethodBinding target) {
        return call != null && call.getMethodDeclaration().isEqualTo(target);
    }
}
