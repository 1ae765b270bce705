package dev.perflens.engine.context;

import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.MethodInvocation;

/**
 * A loop between two readings of the clock, the first stored before it and subtracted from a
 * later one after it: a benchmark or a timed repetition, whose passes are the point of the code.
 */
public final class TimingLoops {
    private static final Set<String> CLOCKS = Set.of("nanoTime", "currentTimeMillis");

    private TimingLoops() {
    }

    /**
     * "in a timing loop ..." (or null) when a clock reading is stored before the loop (or a loop
     * around it) and subtracted after it, in the same method: the passes are what the code measures.
     */
    public static String reason(ASTNode innermost, CompilationUnit unit) {
        for (ASTNode loop = innermost; loop != null; loop = LoopBounds.enclosingLoop(loop)) {
            ASTNode body = InputSize.enclosingBody(loop);
            if (body == null) {
                return null;
            }
            int start = loop.getStartPosition();
            int end = start + loop.getLength();
            java.util.List<org.eclipse.jdt.core.dom.IVariableBinding> before = new java.util.ArrayList<>();
            String[] clock = {null};
            boolean[] after = {false};
            body.accept(new ASTVisitor() {
                @Override
                public boolean visit(MethodInvocation call) {
                    if (call.getStartPosition() < start && CLOCKS.contains(call.getName().getIdentifier())
                            && call.getExpression() != null && call.getExpression().toString().equals("System")) {
                        org.eclipse.jdt.core.dom.IVariableBinding stored = storedIn(call);
                        if (stored != null) {
                            before.add(stored.getVariableDeclaration());
                            clock[0] = "System." + call.getName().getIdentifier() + "()";
                        }
                    }
                    return true;
                }

                @Override
                public boolean visit(org.eclipse.jdt.core.dom.InfixExpression minus) {
                    if (minus.getStartPosition() >= end && minus.getOperator() == org.eclipse.jdt.core.dom.InfixExpression.Operator.MINUS
                            && minus.getRightOperand() instanceof org.eclipse.jdt.core.dom.SimpleName name
                            && name.resolveBinding() instanceof org.eclipse.jdt.core.dom.IVariableBinding v
                            && before.stream().anyMatch(b -> b.isEqualTo(v.getVariableDeclaration()))) {
                        after[0] = true;
                    }
                    return !after[0];
                }
            });
            if (after[0]) {
                return "in a timing loop (" + clock[0] + " is read before the " + LoopBounds.describe(loop) + " at line "
                        + unit.getLineNumber(loop.getStartPosition()) + " and subtracted after it): the passes are what the code measures";
            }
        }
        return null;
    }

    private static org.eclipse.jdt.core.dom.IVariableBinding storedIn(MethodInvocation call) {
        if (call.getParent() instanceof org.eclipse.jdt.core.dom.VariableDeclarationFragment fragment) {
            return fragment.resolveBinding();
        }
        if (call.getParent() instanceof org.eclipse.jdt.core.dom.Assignment assignment
                && assignment.getLeftHandSide() instanceof org.eclipse.jdt.core.dom.SimpleName name
                && name.resolveBinding() instanceof org.eclipse.jdt.core.dom.IVariableBinding v) {
            return v;
        }
        return null;
    }

}
