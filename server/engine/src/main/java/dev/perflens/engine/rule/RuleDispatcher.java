package dev.perflens.engine.rule;

import dev.perflens.engine.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;

/**
 * Walks a compilation unit once and hands each node to the rules that registered its kind. A
 * rule that throws on a node is recorded as a problem and the walk goes on: one buggy rule
 * must not hide the findings of the others.
 */
public final class RuleDispatcher extends ASTVisitor {
    private final RuleContext context;
    private final NodeHandlers handlers = new NodeHandlers();
    private final List<RuleFailure> failures = new ArrayList<>();
    private int visited;

    public record RuleFailure(String ruleId, ASTNode node, Problem.Kind kind, String message) {
    }

    public RuleDispatcher(List<Rule> rules, RuleContext context) {
        this.context = context;
        for (Rule rule : rules) {
            Rule.registerAll(rule, handlers);
        }
    }

    public List<RuleFailure> failures() {
        return failures;
    }

    @Override
    public boolean preVisit2(ASTNode node) {
        if ((++visited & 0xFF) == 0) {
            context.checkCanceled();
        }
        for (NodeHandlers.Handler handler : handlers.handlersFor(node.getClass())) {
            context.enterRule(handler.rule());
            try {
                handler.match().accept(node, context);
            } catch (CancellationException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                failures.add(new RuleFailure(handler.rule().id(), node, Problem.Kind.RULE_FAILURE,
                        "rule " + handler.rule().id() + " failed here: " + e));
            }
        }
        return true;
    }
}
