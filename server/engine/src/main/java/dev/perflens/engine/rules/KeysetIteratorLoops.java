package dev.perflens.engine.rules;

import dev.perflens.engine.Confidence;
import dev.perflens.engine.rule.RuleContext;
import java.util.List;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.VariableDeclaration;
import org.eclipse.jdt.core.dom.VariableDeclarationExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.WhileStatement;

/**
 * keyset-get's explicit-iterator form: {@code Iterator<K> it = map.keySet().iterator();
 * while (it.hasNext()) { K k = it.next(); ... map.get(k) ... }} (or the same as a {@code for}
 * with the iterator declared in its initialiser). The extra lookup per key is the same as in
 * the for-each form. No fix: the iterator's declared type and its uses (often
 * {@code it.remove()}, the usual reason for an explicit iterator) would all have to change.
 */
final class KeysetIteratorLoops {
    private KeysetIteratorLoops() {
    }

    static void matchWhile(WhileStatement loop, RuleContext context) {
        match(loop, loop.getExpression(), loop.getBody(), context);
    }

    static void matchFor(ForStatement loop, RuleContext context) {
        if (loop.getExpression() != null && loop.updaters().isEmpty()) {
            match(loop, loop.getExpression(), loop.getBody(), context);
        }
    }

    private static void match(Statement loop, Expression condition, Statement body, RuleContext context) {
        if (!(Bindings.unwrap(condition) instanceof MethodInvocation hasNext)
                || !hasNext.getName().getIdentifier().equals("hasNext") || !hasNext.arguments().isEmpty()
                || !(body instanceof Block block)) {
            return;
        }
        IVariableBinding iterator = Bindings.variable(hasNext.getExpression());
        if (iterator == null || iterator.isField() || iterator.isParameter()) {
            return;
        }
        MethodInvocation keySet = keySetOf(iterator, context);
        if (keySet == null) {
            return;
        }
        Expression map = keySet.getExpression();
        IVariableBinding mapVariable = Bindings.variable(map);
        IVariableBinding key = keyVariable(block, iterator);
        if (mapVariable == null || key == null) {
            return;
        }
        List<MethodInvocation> gets = KeysetGetRule.getsOf(block, map, key);
        if (gets.isEmpty()) {
            return;
        }
        ITypeBinding mapClass = ConcreteTypes.typeOf(map, context.compilationUnit());
        if (Bindings.isSubtypeOf(mapClass, "java.util.concurrent.ConcurrentMap")) {
            return; // as KeysetGetRule: no equivalent rewrite on a weakly consistent map
        }
        String message = "The loop over '" + map + ".keySet().iterator()' looks every key up again with '" + map
                + ".get(" + key.getName() + ")': " + KeysetGetRule.lookupCost(mapClass) + ". Iterate '" + map
                + ".entrySet()' (its iterator removes entries the same way) and read getKey()/getValue() from each"
                + " entry.";
        Confidence confidence = Confidence.high("keySet().iterator() and get() resolved on the same "
                + (mapClass == null ? "map" : mapClass.getErasure().getName()) + " variable '" + mapVariable.getName()
                + "'");
        RuleContext.Reported reported = context.reportWithoutFix(gets.get(0), message, confidence,
                "the loop drives an explicit Iterator over '" + map + ".keySet()': its declared type and every use of '"
                        + iterator.getName() + "' would have to change to an Iterator of Map.Entry, which is left to"
                        + " you");
        KeysetGetRule.quieten(reported, map, mapClass, context);
    }

    /** {@code m.keySet()} when the iterator is initialised with {@code m.keySet().iterator()} and never reassigned. */
    private static MethodInvocation keySetOf(IVariableBinding iterator, RuleContext context) {
        ASTNode declaration = CollectionVariables.declaration(iterator, context.compilationUnit());
        if (!(declaration instanceof VariableDeclaration variable) || variable.getInitializer() == null
                || !(declaration.getParent() instanceof VariableDeclarationStatement
                || declaration.getParent() instanceof VariableDeclarationExpression)) {
            return null;
        }
        ASTNode scope = CollectionVariables.scopeOf(declaration);
        if (scope == null || !Bindings.writesWithin(scope, iterator).isEmpty()
                || !(Bindings.unwrap(variable.getInitializer()) instanceof MethodInvocation iteratorCall)
                || !iteratorCall.getName().getIdentifier().equals("iterator") || !iteratorCall.arguments().isEmpty()
                || !(Bindings.unwrap(iteratorCall.getExpression()) instanceof MethodInvocation keySet)
                || !keySet.getName().getIdentifier().equals("keySet") || !keySet.arguments().isEmpty()
                || keySet.getExpression() == null) {
            return null;
        }
        IMethodBinding binding = keySet.resolveMethodBinding();
        return binding != null && Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.util.Map") ? keySet : null;
    }

    /** The local declared by a statement {@code K k = it.next();} directly in the loop's block, never reassigned. */
    private static IVariableBinding keyVariable(Block block, IVariableBinding iterator) {
        for (Object statement : block.statements()) {
            if (statement instanceof VariableDeclarationStatement declaration && declaration.fragments().size() == 1
                    && ((VariableDeclarationFragment) declaration.fragments().get(0)).getInitializer()
                    instanceof MethodInvocation next
                    && next.getName().getIdentifier().equals("next") && next.arguments().isEmpty()
                    && Bindings.variable(next.getExpression()) != null
                    && Bindings.variable(next.getExpression()).isEqualTo(iterator)) {
                IVariableBinding key = ((VariableDeclarationFragment) declaration.fragments().get(0)).resolveBinding();
                return key != null && Bindings.writesWithin(block, key).isEmpty() ? key : null;
            }
        }
        return null;
    }
}
