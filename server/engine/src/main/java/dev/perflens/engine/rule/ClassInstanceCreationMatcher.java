package dev.perflens.engine.rule;

import org.eclipse.jdt.core.dom.ClassInstanceCreation;

public interface ClassInstanceCreationMatcher {
    void matchClassInstanceCreation(ClassInstanceCreation node, RuleContext context);
}
