package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.ClassInstanceCreationMatcher;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.ConditionalExpression;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IfStatement;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Name;
import org.eclipse.jdt.core.dom.SwitchExpression;
import org.eclipse.jdt.core.dom.SwitchStatement;

/**
 * Formatters, mappers, XML factories, digests and random generators are expensive to create
 * and meant to be reused. Created with loop-invariant arguments inside a loop, the same object
 * is rebuilt on every pass. The fix creates it once before the loop when the loop only uses it
 * through calls that leave it unchanged, and when creating it early cannot throw.
 */
@PerfRule(
        id = "expensive-object-in-loop",
        summary = "A formatter, mapper, XML factory, digest or random generator created with the same arguments on every pass of a loop",
        severity = Severity.WARNING,
        category = Category.OBJECTS,
        complexityBefore = "O(n) constructions",
        complexityAfter = "O(1) constructions",
        hasFix = true)
public final class ExpensiveObjectInLoopRule implements Rule, ClassInstanceCreationMatcher, MethodInvocationMatcher {

    @Override
    public void matchClassInstanceCreation(ClassInstanceCreation node, RuleContext context) {
        check(node, context);
    }

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        check(node, context);
    }

    private static void check(Expression node, RuleContext context) {
        ExpensiveObjects.Creation creation = ExpensiveObjects.recognize(node);
        if (creation == null || creation.kind() == ExpensiveObjects.Kind.DATE_TIME_FORMATTER) {
            return;
        }
        Optional<ASTNode> innermost = Loops.enclosingLoop(node);
        if (innermost.isEmpty() || !invariantIn(creation, innermost.get())) {
            return; // a different object per pass (or no loop)
        }
        if (inBranchOnTheCurrentCharacter(node, innermost.get())) {
            return; // a formatter per token of a pattern: each token needs its own, and a pattern is short
        }
        ASTNode loop = Repetition.outermostRepeating(node, innermost.get(), outer -> invariantIn(creation, outer));
        if (loop == null) {
            return; // runs at most once per loop (it returns or breaks right after), or the loop only polls
        }
        boolean threadSafe = creation.kind().threadSafe;
        if (!threadSafe && onStream(loop)) {
            return; // the stream may be parallel: one object per element may be what keeps it correct
        }
        Hoisting.Uses uses = Hoisting.uses(node, loop, ExpensiveObjects.harmlessCalls(creation));
        if (uses.use() == Hoisting.Use.STORED || (uses.use() == Hoisting.Use.CAPTURED && !threadSafe)) {
            return; // each pass keeps (or hands to another thread) its own object: not a reuse candidate
        }
        String type = creation.typeName();
        String message = "'" + creation.description() + "' builds a new " + type + " on every pass of the "
                + Loops.describe(loop) + (creation.arguments().isEmpty() ? "" : " from arguments that do not change there")
                + ": creating one " + creation.kind().whyExpensive
                + ", which costs far more than using it. Create it once before the loop and reuse it.";
        Confidence confidence = Confidence.high("type resolved to " + creation.type().getErasure().getQualifiedName()
                + ", arguments loop-invariant");
        String whyNot = whyNoFix(creation, uses);
        if (whyNot == null) {
            whyNot = Hoisting.conditionalWithin(node, loop);
        }
        if (whyNot != null) {
            context.reportWithoutFix(node, message, confidence, whyNot);
            return;
        }
        boolean digest = creation.kind() == ExpensiveObjects.Kind.MESSAGE_DIGEST;
        Hoisting.Plan plan = Hoisting.plan(new Hoisting.Spec(node, loop, uses,
                creation.kind() == ExpensiveObjects.Kind.XML_FACTORY ? decapitalize(type) : creation.kind().baseName,
                typeName(creation, context), "Create the " + type + " once, before the loop",
                digest ? "$.reset();" : null, context.source()));
        if (plan.fix() != null) {
            context.report(node, message, confidence, plan.fix());
        } else {
            context.reportWithoutFix(node, message, confidence, plan.whyNot());
        }
    }

    private static boolean invariantIn(ExpensiveObjects.Creation creation, ASTNode loop) {
        return creation.arguments().stream().allMatch(argument -> ExpensiveObjects.isInvariant(argument, loop));
    }

    /**
     * The creation sits in a branch (switch case, if, ?:) chosen by the pattern at the pass's
     * position: a char that changes per pass, or a call that looks at a loop-invariant String
     * at an index the loop moves ({@code format.startsWith("YYYY", i)}). Such a loop walks a
     * format pattern and builds the formatter each token asks for: different passes take
     * different branches, so one object before the loop would not serve them, and the pass
     * count is the pattern's length.
     */
    private static boolean inBranchOnTheCurrentCharacter(ASTNode node, ASTNode loop) {
        for (ASTNode child = node, n = node.getParent(); n != null && n != loop; child = n, n = n.getParent()) {
            Expression selector = null;
            if (n instanceof SwitchStatement statement
                    && child.getLocationInParent() != SwitchStatement.EXPRESSION_PROPERTY) {
                selector = statement.getExpression();
            } else if (n instanceof SwitchExpression expression
                    && child.getLocationInParent() != SwitchExpression.EXPRESSION_PROPERTY) {
                selector = expression.getExpression();
            } else if (n instanceof IfStatement statement
                    && child.getLocationInParent() != IfStatement.EXPRESSION_PROPERTY) {
                selector = statement.getExpression();
            } else if (n instanceof ConditionalExpression conditional
                    && child.getLocationInParent() != ConditionalExpression.EXPRESSION_PROPERTY) {
                selector = conditional.getExpression();
            }
            if (selector != null && testsAVaryingCharacter(selector, loop)) {
                return true;
            }
        }
        return false;
    }

    private static boolean testsAVaryingCharacter(Expression selector, ASTNode loop) {
        boolean[] found = new boolean[1];
        selector.accept(new ASTVisitor() {
            @Override
            public void preVisit(ASTNode n) {
                if (n instanceof MethodInvocation call && !found[0]) {
                    found[0] = readsPatternAtMovingPosition(call, loop);
                }
                if (n instanceof Expression e && !found[0]) {
                    ITypeBinding type = e.resolveTypeBinding();
                    found[0] = type != null && (type.getName().equals("char") || Bindings.is(type, "java.lang.Character"))
                            && e.resolveConstantExpressionValue() == null && !Bindings.isLoopInvariant(e, loop);
                }
            }
        });
        return found[0];
    }

    private static boolean readsPatternAtMovingPosition(MethodInvocation call, ASTNode loop) {
        java.util.List<Expression> operands = new java.util.ArrayList<>();
        if (call.getExpression() != null) {
            operands.add(call.getExpression());
        }
        for (Object argument : call.arguments()) {
            operands.add((Expression) argument);
        }
        boolean pattern = false;
        boolean position = false;
        for (Expression operand : operands) {
            ITypeBinding type = operand.resolveTypeBinding();
            boolean constant = operand.resolveConstantExpressionValue() != null;
            pattern |= Bindings.is(type, "java.lang.String") && !constant && Bindings.isLoopInvariant(operand, loop);
            position |= type != null && type.getName().equals("int") && !constant && !Bindings.isLoopInvariant(operand, loop);
        }
        return pattern && position;
    }

    /** A forEach lambda on a Stream, which may run its passes on several threads at once. */
    private static boolean onStream(ASTNode loop) {
        if (!(loop instanceof LambdaExpression lambda) || !(lambda.getParent() instanceof MethodInvocation call)) {
            return false;
        }
        IMethodBinding binding = call.resolveMethodBinding();
        return binding == null || Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.util.stream.BaseStream");
    }

    private static String whyNoFix(ExpensiveObjects.Creation creation, Hoisting.Uses uses) {
        if (uses.use() != Hoisting.Use.HOISTABLE) {
            return uses.detail() + (uses.use() == Hoisting.Use.CAPTURED ? "" : ", so sharing one "
                    + creation.typeName() + " between passes could change what the loop does");
        }
        if (creation.kind() == ExpensiveObjects.Kind.MESSAGE_DIGEST && uses.declaration() == null
                && !(creation.expression().getParent() instanceof MethodInvocation call
                && call.getName().getIdentifier().equals("digest"))) {
            return "the digest is used without a variable for more than one digest() call";
        }
        return ExpensiveObjects.whyNotEarly(creation);
    }

    /** The type to declare: as written in the creation when it names it, imported otherwise. */
    private static Function<FixRewrite, String> typeName(ExpensiveObjects.Creation creation, RuleContext context) {
        Expression expression = creation.expression();
        if (expression instanceof ClassInstanceCreation instance) {
            String written = Hoisting.text(context.source(), instance.getType());
            return fix -> written;
        }
        if (expression instanceof MethodInvocation call && call.getExpression() instanceof Name owner
                && owner.resolveBinding() instanceof ITypeBinding ownerType
                && ownerType.getErasure().isEqualTo(creation.type().getErasure())) {
            String written = Hoisting.text(context.source(), owner);
            return fix -> written;
        }
        String qualified = creation.type().getErasure().getQualifiedName();
        return fix -> fix.importType(qualified);
    }

    private static String decapitalize(String name) {
        int upper = 0;
        while (upper < name.length() && Character.isUpperCase(name.charAt(upper))) {
            upper++;
        }
        int cut = upper > 1 && upper < name.length() ? upper - 1 : Math.max(upper, 1);
        return name.substring(0, cut).toLowerCase(java.util.Locale.ROOT) + name.substring(cut);
    }
}
