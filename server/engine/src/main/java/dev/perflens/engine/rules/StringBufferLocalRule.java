package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.NodeHandlers;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.SimpleType;
import org.eclipse.jdt.core.dom.Type;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;

/**
 * A StringBuffer that never leaves its method is only ever used by one thread, so the lock
 * every one of its methods takes buys nothing. StringBuilder has the same API without the lock.
 */
@PerfRule(
        id = "string-buffer-local",
        summary = "A StringBuffer local that never leaves its method: every call takes a lock no other thread can contend",
        severity = Severity.INFO,
        category = Category.STRINGS,
        perCall = true,
        complexityBefore = "one lock acquisition per call",
        complexityAfter = "no locking",
        hasFix = true)
public final class StringBufferLocalRule implements Rule {
    private static final String STRING_BUFFER = "java.lang.StringBuffer";

    @Override
    public void register(NodeHandlers handlers) {
        handlers.on(VariableDeclarationFragment.class, this::visit);
    }

    private void visit(VariableDeclarationFragment fragment, RuleContext context) {
        if (!(fragment.getParent() instanceof VariableDeclarationStatement statement)) {
            return;
        }
        var variable = fragment.resolveBinding();
        if (variable == null || !Bindings.is(variable.getType(), STRING_BUFFER)
                || !isNewStringBuffer(fragment.getInitializer())) {
            return;
        }
        LocalEscapes.Result uses = LocalEscapes.analyze(fragment, StringBufferLocalRule::isNewStringBuffer);
        if (uses.escapes()) {
            return; // shared, or possibly shared: the lock may be doing its job
        }
        String name = variable.getName();
        String message = "StringBuffer '" + name + "' never leaves this method, yet each of its calls takes a lock."
                + " Uncontended locking still costs atomic instructions (biased locking is off since JDK 15, JEP 374)."
                + " Use a StringBuilder, which has the same methods without the lock.";
        Confidence confidence = Confidence.high("'" + name + "' resolved to java.lang.StringBuffer; every use is"
                + " inside the method and none stores, returns, passes on or captures it");
        List<ClassInstanceCreation> creations = new ArrayList<>();
        creations.add((ClassInstanceCreation) Bindings.unwrap(fragment.getInitializer()));
        uses.writes().forEach(write -> creations.add((ClassInstanceCreation) Bindings.unwrap(write.getRightHandSide())));
        Type declaredType = statement.getType();
        if (statement.fragments().size() != 1 && !declaredType.isVar()) {
            context.reportWithoutFix(fragment.getName(), message, confidence,
                    "the declaration also declares other variables of type StringBuffer");
            return;
        }
        context.report(fragment.getName(), message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.CHANGE_LOCAL_TYPE, "Use a StringBuilder for '" + name + "'",
                rewrite -> apply(rewrite, declaredType, creations)));
    }

    static boolean isNewStringBuffer(Expression expression) {
        return expression != null && Bindings.unwrap(expression) instanceof ClassInstanceCreation creation
                && creation.getAnonymousClassDeclaration() == null
                && Bindings.is(creation.resolveTypeBinding(), STRING_BUFFER);
    }

    private static void apply(FixRewrite fix, Type declaredType, List<ClassInstanceCreation> creations) {
        ASTRewrite rewrite = fix.rewrite();
        String builder = fix.importType("java.lang.StringBuilder");
        if (!declaredType.isVar()) {
            rewrite.replace(declaredType, fix.ast().newSimpleType(fix.ast().newName(builder)), null);
        }
        for (ClassInstanceCreation creation : creations) {
            SimpleType type = fix.ast().newSimpleType(fix.ast().newName(builder));
            rewrite.replace(creation.getType(), type, null);
        }
    }
}
