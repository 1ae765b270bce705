package dev.perflens.engine.rules;

import dev.perflens.engine.Severity;
import dev.perflens.engine.rule.RuleContext;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;

/**
 * Whether the code shows a collection growing with the input: an add (put, push, offer, ...)
 * on it inside a loop of the same method, so it holds about one element per item the method
 * sees. A scan of such a collection per item is quadratic in the input. A collection that is
 * only read here may hold a handful of elements (a table's columns, a method's overloads, a
 * filter chain): then the scan is cheap, and the finding says the size is unknown. A parameter
 * is the caller's data and counts as input-sized.
 */
final class Growth {
    private static final Set<String> GROWING = Set.of("add", "addAll", "addFirst", "addLast", "push", "offer",
            "offerFirst", "offerLast", "put", "putAll", "putIfAbsent");

    private Growth() {
    }

    /** The line of an add to {@code collection} inside a loop of the method around {@code at}, or -1. */
    static int filledPerItem(Expression collection, ASTNode at, CompilationUnit unit) {
        IVariableBinding variable = Bindings.variable(collection);
        ASTNode scope = at;
        while (scope != null && !(scope instanceof BodyDeclaration)) {
            scope = scope.getParent();
        }
        if (variable == null || scope == null) {
            return -1;
        }
        IVariableBinding wanted = variable.getVariableDeclaration();
        int[] line = {-1};
        scope.accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                if (line[0] < 0 && GROWING.contains(call.getName().getIdentifier()) && call.getExpression() != null) {
                    IVariableBinding target = Bindings.variable(call.getExpression());
                    if (target != null && target.getVariableDeclaration().isEqualTo(wanted)
                            && Loops.enclosingLoop(call).isPresent()) {
                        line[0] = unit.getLineNumber(call.getStartPosition());
                    }
                }
                return line[0] < 0;
            }
        });
        return line[0];
    }

    /**
     * Caps the report at information when {@code collection} is a field or local that the code
     * does not show growing with the input, saying so; a parameter, or a collection that grows,
     * keeps the rule's severity.
     */
    static void unlessGrowing(RuleContext.Reported reported, Expression collection, ASTNode at, CompilationUnit unit) {
        IVariableBinding variable = Bindings.variable(collection);
        if (variable != null && (variable.isParameter() || copiesAParameter(variable, unit))) {
            return; // the caller's data: as large as the input it was given
        }
        unlessFilledPerItem(reported, collection, at, unit);
    }

    /** A local initialised from a parameter ({@code new ArrayList<>(items)}): a copy of the caller's data. */
    private static boolean copiesAParameter(IVariableBinding variable, CompilationUnit unit) {
        if (variable.isField() || !(unit.findDeclaringNode(variable) instanceof org.eclipse.jdt.core.dom.VariableDeclarationFragment f)
                || f.getInitializer() == null) {
            return false;
        }
        return dev.perflens.engine.context.InputSize.copiedParameter(f.getInitializer()) != null;
    }

    /**
     * As {@link #unlessGrowing}, for a once-per-call operation (removeAll with a list): a
     * parameter counts only when it is filled per item here too, since the call is quadratic
     * only when both collections are large.
     */
    static void unlessFilledPerItem(RuleContext.Reported reported, Expression collection, ASTNode at,
                                    CompilationUnit unit) {
        if (filledPerItem(collection, at, unit) < 0) {
            reported.quieter(Severity.INFO, "size unknown: nothing in this method adds to '" + collection
                    + "' per item, so it may hold only a few elements; the scan matters from a few hundred, and a"
                    + " profile that shows this line hot raises the finding");
        }
    }
}
