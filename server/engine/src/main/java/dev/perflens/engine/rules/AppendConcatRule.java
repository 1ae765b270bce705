package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.List;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.TryStatement;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;

/**
 * {@code sb.append(a + b)} builds a temporary String from {@code a + b} and then copies it into
 * the builder: the text is copied twice and a String is thrown away per call. Appending the
 * parts one by one writes each straight into the builder.
 */
@PerfRule(
        id = "append-concat",
        summary = "StringBuilder.append(a + b): a temporary String is built and then copied into the builder",
        severity = Severity.INFO,
        category = Category.STRINGS,
        perCall = true,
        complexityBefore = "two copies of the text and a temporary String per call",
        complexityAfter = "one copy of the text",
        hasFix = true)
public final class AppendConcatRule implements Rule, MethodInvocationMatcher {

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        if (!node.getName().getIdentifier().equals("append") || node.arguments().size() != 1
                || node.getExpression() == null) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        ITypeBinding receiverType = node.getExpression().resolveTypeBinding();
        if (binding == null || !(Bindings.is(receiverType, "java.lang.StringBuilder")
                || Bindings.is(receiverType, "java.lang.StringBuffer"))) {
            return;
        }
        Concatenation concatenation = Concatenation.of((Expression) node.arguments().get(0));
        if (concatenation == null || concatenation.allConstant()) {
            return;
        }
        String receiver = node.getExpression().toString();
        String builder = receiverType.getErasure().getName();
        String message = receiver + ".append(" + abbreviate(concatenation.expression().toString()) + ") first builds a"
                + " temporary String from the concatenation and then copies it into the " + builder + ": the text is"
                + " copied twice and a String is thrown away on every call. Append the parts one by one: "
                + receiver + ".append(...).append(...).";
        Confidence confidence = Confidence.high("append resolved on " + receiverType.getErasure().getQualifiedName()
                + ", its argument is a String concatenation that is not a constant");
        String whyNot = whyNoFix(node, concatenation, context.compilationUnit());
        if (whyNot != null) {
            context.reportWithoutFix(node, message, confidence, whyNot);
            return;
        }
        context.report(node, message, confidence,
                Fix.of(dev.perflens.engine.fix.FixKind.REPLACE_EXPRESSION, "Append the parts one by one", rewrite -> apply(rewrite, node, concatenation)));
    }

    private static String whyNoFix(MethodInvocation node, Concatenation concatenation, CompilationUnit unit) {
        if (concatenation.numericPrefix()) {
            return "the concatenation starts by adding two non-String operands, which would become separate appends";
        }
        Expression awkward = concatenation.awkwardOperand();
        if (awkward != null) {
            return "'" + awkward + "' is null, an array or of an unresolved type, which append may treat differently from +";
        }
        IVariableBinding builder = Bindings.variable(node.getExpression());
        if (builder != null) {
            for (Expression operand : concatenation.operands()) {
                if (!Bindings.referencesWithin(operand, builder).isEmpty()) {
                    return "an operand reads '" + builder.getName() + "' itself, which would already hold the parts"
                            + " appended before it";
                }
            }
        }
        List<Expression> operands = concatenation.operands();
        Expression[] hazard = concatenation.conversionOrderHazard();
        if (hazard != null) {
            return "'" + hazard[1] + "' runs code after '" + hazard[0] + "' is evaluated, and the chained appends"
                    + " would convert '" + hazard[0] + "' to text before it runs";
        }
        if (partialTextMayBeSeen(node, builder, unit)) {
            ITypeBinding builderType = node.getExpression().resolveTypeBinding();
            for (Expression operand : operands) {
                ITypeBinding type = operand.resolveTypeBinding();
                if (type != null && !type.isPrimitive() && operand.resolveConstantExpressionValue() == null
                        && (type.isTypeVariable() || builderType.isAssignmentCompatible(type))) {
                    return "'" + operand + "' could be the builder itself under another name, which would already hold"
                            + " the parts appended before it";
                }
            }
            for (Expression operand : operands) {
                if (mayThrow(operand)) {
                    return "'" + operand + "' may throw, and '" + node.getExpression() + "' can be seen afterwards:"
                            + " the chained appends would leave the parts before it in the builder";
                }
            }
        }
        return null;
    }

    /**
     * Whether an exception thrown half-way through the chained appends could be observed: the
     * builder is not a local that only this method sees, or a try statement around the call
     * (inside the builder's scope) catches or finishes.
     */
    private static boolean partialTextMayBeSeen(MethodInvocation node, IVariableBinding builder, CompilationUnit unit) {
        if (builder == null || builder.isField() || builder.isParameter()) {
            return true;
        }
        if (!(unit.findDeclaringNode(builder.getVariableDeclaration()) instanceof VariableDeclarationFragment fragment)) {
            return true;
        }
        LocalEscapes.Result uses = LocalEscapes.analyze(fragment, value -> value instanceof ClassInstanceCreation);
        if (uses.escapes() || !(fragment.getInitializer() instanceof ClassInstanceCreation)) {
            return true;
        }
        ASTNode scope = fragment.getParent().getParent();
        for (ASTNode child = node, parent = node.getParent(); parent != null && parent != scope;
             child = parent, parent = parent.getParent()) {
            if (parent instanceof TryStatement tryStatement && child.getLocationInParent() == TryStatement.BODY_PROPERTY
                    && (!tryStatement.catchClauses().isEmpty() || tryStatement.getFinally() != null)) {
                return true;
            }
            if (parent instanceof BodyDeclaration) {
                return true;
            }
        }
        return false;
    }

    /** Anything but a literal or a variable of String, primitive or boxed type may throw while it is evaluated or converted. */
    private static boolean mayThrow(Expression operand) {
        Expression e = Bindings.unwrap(operand);
        if (e.resolveConstantExpressionValue() != null) {
            return false;
        }
        return !(e instanceof SimpleName name && name.resolveBinding() instanceof IVariableBinding && Concatenation.hasStableText(e));
    }

    private static void apply(FixRewrite fix, MethodInvocation node, Concatenation concatenation) {
        ASTRewrite rewrite = fix.rewrite();
        Expression receiver = (Expression) rewrite.createCopyTarget(node.getExpression());
        rewrite.replace(node, fix.appendChain(receiver, concatenation.operands()), null);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
