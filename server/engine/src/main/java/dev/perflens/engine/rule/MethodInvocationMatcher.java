package dev.perflens.engine.rule;

import org.eclipse.jdt.core.dom.MethodInvocation;

public interface MethodInvocationMatcher {
    void matchMethodInvocation(MethodInvocation node, RuleContext context);
}
