package dev.perflens.engine.rule;

import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.MethodInvocation;

/**
 * A performance rule. The engine visits each file once and hands every rule only the node
 * kinds it registered: either by implementing one of the matcher interfaces of this package,
 * or by overriding {@link #register} for any other node class. Metadata comes from the
 * {@link PerfRule} annotation on the class.
 */
public interface Rule {
    default RuleMetadata metadata() {
        return RuleMetadata.of(getClass());
    }

    /** Registers handlers for node kinds beyond the matcher interfaces; none by default. */
    default void register(NodeHandlers handlers) {
    }

    /** The matcher interfaces plus {@link #register}: everything this rule wants to see. */
    static void registerAll(Rule rule, NodeHandlers handlers) {
        handlers.startRule(rule.metadata());
        if (rule instanceof MethodInvocationMatcher m) {
            handlers.on(MethodInvocation.class, m::matchMethodInvocation);
        }
        if (rule instanceof AssignmentMatcher m) {
            handlers.on(Assignment.class, m::matchAssignment);
        }
        if (rule instanceof ClassInstanceCreationMatcher m) {
            handlers.on(ClassInstanceCreation.class, m::matchClassInstanceCreation);
        }
        rule.register(handlers);
    }
}
