package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;

/**
 * {@code System.gc()} and {@code Runtime.gc()} ask the JVM for a full collection. With the
 * default collectors that is a stop-the-world pass over the whole live heap, triggered at a
 * moment the collector did not choose. There is no mechanical fix: the call should go.
 */
@PerfRule(
        id = "explicit-gc",
        summary = "System.gc() or Runtime.gc(): a full, stop-the-world collection on demand",
        severity = Severity.WARNING,
        category = Category.MEMORY,
        perCall = true,
        complexityBefore = "O(live heap) pause per call",
        complexityAfter = "O(1)")
public final class ExplicitGcRule implements Rule, MethodInvocationMatcher {

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        if (!node.getName().getIdentifier().equals("gc") || !node.arguments().isEmpty()) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null) {
            return;
        }
        boolean system = Bindings.is(binding.getDeclaringClass(), "java.lang.System")
                && Modifier.isStatic(binding.getModifiers());
        boolean runtime = Bindings.is(binding.getDeclaringClass(), "java.lang.Runtime")
                && !Modifier.isStatic(binding.getModifiers());
        boolean bean = Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.lang.management.MemoryMXBean");
        if (!system && !runtime && !bean) {
            return;
        }
        String call = system ? "System.gc()" : runtime ? "Runtime.gc()" : "MemoryMXBean.gc()";
        String message = call + " requests a full garbage collection: with the default collectors a stop-the-world"
                + " pass over the whole live heap (O(live heap)), at a moment the collector would not have chosen."
                + " Remove it and let the collector decide; if memory must be released, drop the references instead.";
        RuleContext.Reported reported = context.reportWithoutFix(node, message, Confidence.high("call resolved to "
                + (system ? "java.lang.System.gc" : runtime ? "java.lang.Runtime.gc" : "java.lang.management.MemoryMXBean.gc")),
                null);
        String measured = memoryReading(node);
        if (measured != null) {
            reported.quieter(dev.perflens.engine.Severity.HINT, "the collection looks deliberate: the method reads "
                    + measured + ", so it settles the heap to measure memory");
        }
    }

    /** A heap reading in the same method ({@code Runtime.freeMemory()}, {@code MemoryMXBean.getHeapMemoryUsage()}), or null. */
    private static String memoryReading(MethodInvocation gc) {
        org.eclipse.jdt.core.dom.ASTNode method = gc;
        while (method != null && !(method instanceof org.eclipse.jdt.core.dom.BodyDeclaration)) {
            method = method.getParent();
        }
        if (method == null) {
            return null;
        }
        String[] found = {null};
        method.accept(new org.eclipse.jdt.core.dom.ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                IMethodBinding b = call.resolveMethodBinding();
                if (found[0] == null && b != null && b.getDeclaringClass() != null
                        && ((Bindings.is(b.getDeclaringClass(), "java.lang.Runtime")
                        && java.util.Set.of("freeMemory", "totalMemory", "maxMemory").contains(b.getName()))
                        || (Bindings.isSubtypeOf(b.getDeclaringClass(), "java.lang.management.MemoryMXBean")
                        && b.getName().startsWith("get")))) {
                    found[0] = b.getDeclaringClass().getName() + "." + b.getName() + "()";
                }
                return found[0] == null;
            }
        });
        return found[0];
    }
}
