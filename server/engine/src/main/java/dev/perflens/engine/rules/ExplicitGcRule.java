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
        if (waitsForTheCollection(node) || unmapsBuffers(node)) {
            return; // the collection is what the code needs: removing it would break it
        }
        String call = system ? "System.gc()" : runtime ? "Runtime.gc()" : "MemoryMXBean.gc()";
        String message = call + " requests a full garbage collection: with the default collectors a stop-the-world"
                + " pass over the whole live heap (O(live heap)), at a moment the collector would not have chosen."
                + " Remove it and let the collector decide; if memory must be released, drop the references instead.";
        RuleContext.Reported reported = context.reportWithoutFix(node, message, Confidence.high("call resolved to "
                + (system ? "java.lang.System.gc" : runtime ? "java.lang.Runtime.gc" : "java.lang.management.MemoryMXBean.gc")),
                null);
        String measured = memoryReading(node);
        String weak = measured == null ? weaklyHeldReadAfter(node) : null;
        if (measured != null) {
            reported.quieter(dev.perflens.engine.Severity.HINT, "the collection looks deliberate: the method reads "
                    + measured + ", so it settles the heap to measure memory");
        } else if (weak != null) {
            reported.quieter(dev.perflens.engine.Severity.HINT, "the collection looks deliberate: the method then reads "
                    + weak + ", so it clears what is only weakly held to see what is still reachable (leak detection)");
        } else if (isTheWholeMethod(node)) {
            reported.quieter(dev.perflens.engine.Severity.HINT, "the collection is the whole body of a method named for it: the method"
                    + " exists to request one when its caller asks (an operator's command, a tool); judge it at its callers");
        }
    }

    /** The method is named for the collection ({@code gc()}, {@code forceGarbageCollection()}) and its body is this one call. */
    private static boolean isTheWholeMethod(MethodInvocation gc) {
        if (!(gc.getParent() instanceof org.eclipse.jdt.core.dom.ExpressionStatement statement)
                || !(statement.getParent() instanceof org.eclipse.jdt.core.dom.Block block)
                || !(block.getParent() instanceof org.eclipse.jdt.core.dom.MethodDeclaration method)
                || block.statements().size() != 1) {
            return false;
        }
        String name = method.getName().getIdentifier().toLowerCase(java.util.Locale.ROOT);
        return name.contains("gc") || name.contains("garbage") || name.contains("collect");
    }

    /**
     * A variable read after the call in the same method whose type holds its contents weakly (a
     * {@code WeakHashMap}, a {@code java.lang.ref.Reference}), named as "'name' (a WeakHashMap)"; or null.
     */
    private static String weaklyHeldReadAfter(MethodInvocation gc) {
        org.eclipse.jdt.core.dom.ASTNode method = gc;
        while (method != null && !(method instanceof org.eclipse.jdt.core.dom.BodyDeclaration)) {
            method = method.getParent();
        }
        if (method == null) {
            return null;
        }
        int after = gc.getStartPosition() + gc.getLength();
        String[] found = {null};
        method.accept(new org.eclipse.jdt.core.dom.ASTVisitor() {
            @Override
            public boolean visit(org.eclipse.jdt.core.dom.SimpleName name) {
                if (found[0] == null && name.getStartPosition() > after
                        && name.resolveBinding() instanceof org.eclipse.jdt.core.dom.IVariableBinding variable
                        && variable.getType() != null) {
                    org.eclipse.jdt.core.dom.ITypeBinding type = variable.getType();
                    org.eclipse.jdt.core.dom.ITypeBinding held = name.getRoot() instanceof org.eclipse.jdt.core.dom.CompilationUnit unit
                            ? ConcreteTypes.concreteClass(name, unit) : null;
                    if (held != null) {
                        type = held; // a Map field that only ever holds a WeakHashMap
                    }
                    if (Bindings.isSubtypeOf(type, "java.util.WeakHashMap") || Bindings.isSubtypeOf(type, "java.lang.ref.Reference")) {
                        found[0] = "'" + name.getIdentifier() + "' (a " + type.getErasure().getName() + ")";
                    }
                }
                return found[0] == null;
            }
        });
        return found[0];
    }

    /**
     * A loop around the call whose condition waits for the collection's effect: a reference to
     * clear ({@code ref.get() != null}, a reference queue) or the collectors' count to move
     * ({@code GarbageCollectorMXBean.getCollectionCount()}, directly or through a method of this file).
     */
    private static boolean waitsForTheCollection(MethodInvocation gc) {
        for (org.eclipse.jdt.core.dom.ASTNode n = gc.getParent(); n != null && !(n instanceof org.eclipse.jdt.core.dom.BodyDeclaration);
             n = n.getParent()) {
            org.eclipse.jdt.core.dom.Expression condition = n instanceof org.eclipse.jdt.core.dom.WhileStatement w ? w.getExpression()
                    : n instanceof org.eclipse.jdt.core.dom.DoStatement d ? d.getExpression()
                    : n instanceof org.eclipse.jdt.core.dom.ForStatement f ? f.getExpression() : null;
            if (condition != null && readsCollectionEffect(condition, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsCollectionEffect(org.eclipse.jdt.core.dom.ASTNode code, int depth) {
        boolean[] found = {false};
        code.accept(new org.eclipse.jdt.core.dom.ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                IMethodBinding b = call.resolveMethodBinding();
                if (b == null || b.getDeclaringClass() == null) {
                    return true;
                }
                org.eclipse.jdt.core.dom.ITypeBinding owner = b.getDeclaringClass();
                if ((Bindings.isSubtypeOf(owner, "java.lang.ref.Reference") && b.getName().equals("get"))
                        || (Bindings.isSubtypeOf(owner, "java.lang.ref.ReferenceQueue") && java.util.Set.of("poll", "remove").contains(b.getName()))
                        || (Bindings.isSubtypeOf(owner, "java.lang.management.GarbageCollectorMXBean")
                        && b.getName().startsWith("getCollection"))) {
                    found[0] = true;
                } else if (depth < 2 && owner.isFromSource() && call.getRoot() instanceof org.eclipse.jdt.core.dom.CompilationUnit unit
                        && unit.findDeclaringNode(b.getMethodDeclaration()) instanceof org.eclipse.jdt.core.dom.MethodDeclaration m
                        && m.getBody() != null && readsCollectionEffect(m.getBody(), depth + 1)) {
                    found[0] = true;
                }
                return !found[0];
            }
        });
        return found[0];
    }

    /**
     * A class that holds a {@code MappedByteBuffer}: a mapping is released only when its buffer is
     * collected (JDK-4724038), so a collection there is how the code unmaps a file before it
     * truncates, deletes or remaps it.
     */
    private static boolean unmapsBuffers(MethodInvocation gc) {
        for (org.eclipse.jdt.core.dom.ASTNode n = gc.getParent(); n != null; n = n.getParent()) {
            if (n instanceof org.eclipse.jdt.core.dom.AbstractTypeDeclaration type) {
                for (Object member : type.bodyDeclarations()) {
                    if (member instanceof org.eclipse.jdt.core.dom.FieldDeclaration field && field.getType().resolveBinding() != null
                            && Bindings.isSubtypeOf(field.getType().resolveBinding(), "java.nio.MappedByteBuffer")) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
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
