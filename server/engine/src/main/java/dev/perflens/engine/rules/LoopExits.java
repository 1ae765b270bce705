package dev.perflens.engine.rules;

import java.util.List;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.BreakStatement;
import org.eclipse.jdt.core.dom.LabeledStatement;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.ReturnStatement;
import org.eclipse.jdt.core.dom.SwitchStatement;
import org.eclipse.jdt.core.dom.ThrowStatement;

/**
 * Whether code inside a loop runs on every pass or only on the last one: a call inside a
 * {@code return} or {@code throw}, or followed in its own block by {@code return}, {@code throw}
 * or a {@code break} out of the loop, runs at most once per run of the loop, so it does not
 * multiply with the loop's length.
 */
final class LoopExits {
    private LoopExits() {
    }

    /** After {@code node} runs, the code certainly leaves {@code loop} before its next pass. */
    static boolean leavesLoopAfter(ASTNode node, ASTNode loop) {
        for (ASTNode n = node; n != null && n != loop; n = n.getParent()) {
            if ((n instanceof ReturnStatement && !(loop instanceof LambdaExpression)) || n instanceof ThrowStatement) {
                return true; // return map.get(key): the value is the way out
            }
            if (!(n.getParent() instanceof Block block)) {
                continue;
            }
            List<?> statements = block.statements();
            for (int i = statements.indexOf(n) + 1; i < statements.size(); i++) {
                if (exitsLoop((ASTNode) statements.get(i), block, loop)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean exitsLoop(ASTNode statement, Block block, ASTNode loop) {
        if (statement instanceof ThrowStatement) {
            return true;
        }
        if (statement instanceof ReturnStatement) {
            return !(loop instanceof LambdaExpression); // a forEach lambda's return only ends this pass
        }
        if (!(statement instanceof BreakStatement breakStatement)) {
            return false;
        }
        if (breakStatement.getLabel() != null) {
            String label = breakStatement.getLabel().getIdentifier();
            for (ASTNode n = block; n != null; n = n.getParent()) {
                if (n instanceof LabeledStatement labeled && labeled.getLabel().getIdentifier().equals(label)) {
                    return Loops.contains(labeled, loop);
                }
            }
            return false;
        }
        for (ASTNode n = block; n != null; n = n.getParent()) {
            if (Loops.isLoop(n) || n instanceof SwitchStatement) {
                return n == loop;
            }
        }
        return false;
    }
}
