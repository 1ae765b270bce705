package dev.perflens.engine.rule;

import org.eclipse.jdt.core.dom.Assignment;

public interface AssignmentMatcher {
    void matchAssignment(Assignment node, RuleContext context);
}
