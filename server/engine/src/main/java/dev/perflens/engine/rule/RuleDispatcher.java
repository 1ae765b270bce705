package dev.perflens.engine.rule;

import dev.perflens.engine.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.MethodInvocation;

/**
 * Walks a compilation unit once and hands each node to the rules that match its kind. A rule
 * that throws on a node is recorded as a problem and the walk goes on: one buggy rule must
 * not hide the findings of the others.
 */
public final class RuleDispatcher extends ASTVisitor {
    private final RuleContext context;
    private final List<Handler<MethodInvocation>> invocationHandlers = new ArrayList<>();
    private final List<Handler<Assignment>> assignmentHandlers = new ArrayList<>();
    private final List<Handler<ClassInstanceCreation>> creationHandlers = new ArrayList<>();
    private final List<RuleFailure> failures = new ArrayList<>();
    private int visited;

    public record RuleFailure(String ruleId, ASTNode node, Problem.Kind kind, String message) {
    }

    private record Handler<T extends ASTNode>(RuleMetadata rule, BiConsumer<T, RuleContext> match) {
    }

    public RuleDispatcher(List<Rule> rules, RuleContext context) {
        this.context = context;
        for (Rule rule : rules) {
            RuleMetadata metadata = rule.metadata();
            if (rule instanceof MethodInvocationMatcher m) {
                invocationHandlers.add(new Handler<>(metadata, m::matchMethodInvocation));
            }
            if (rule instanceof AssignmentMatcher m) {
                assignmentHandlers.add(new Handler<>(metadata, m::matchAssignment));
            }
            if (rule instanceof ClassInstanceCreationMatcher m) {
                creationHandlers.add(new Handler<>(metadata, m::matchClassInstanceCreation));
            }
        }
    }

    public List<RuleFailure> failures() {
        return failures;
    }

    @Override
    public void preVisit(ASTNode node) {
        if ((++visited & 0xFF) == 0) {
            context.checkCanceled();
        }
    }

    @Override
    public boolean visit(MethodInvocation node) {
        dispatch(invocationHandlers, node);
        return true;
    }

    @Override
    public boolean visit(Assignment node) {
        dispatch(assignmentHandlers, node);
        return true;
    }

    @Override
    public boolean visit(ClassInstanceCreation node) {
        dispatch(creationHandlers, node);
        return true;
    }

    private <T extends ASTNode> void dispatch(List<Handler<T>> handlers, T node) {
        for (Handler<T> handler : handlers) {
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
    }
}
