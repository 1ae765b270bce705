package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.AssignmentMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.BreakStatement;
import org.eclipse.jdt.core.dom.ContinueStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.LabeledStatement;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.StringLiteral;
import org.eclipse.jdt.core.dom.TryStatement;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;
import org.eclipse.jdt.core.dom.rewrite.ListRewrite;

/**
 * A String variable grown by {@code s += x} or {@code s = s + x} in a loop copies everything
 * built so far on every pass. The fix moves the accumulation into a StringBuilder declared
 * before the outermost loop concerned and assigns the result back after it.
 */
@PerfRule(
        id = "string-concat-in-loop",
        summary = "A String grown with += (or s = s + ...) inside a loop: every pass copies the whole string",
        severity = Severity.WARNING,
        category = Category.STRINGS,
        complexityBefore = "O(n^2)",
        complexityAfter = "O(n)",
        hasFix = true)
public final class StringConcatInLoopRule implements Rule, AssignmentMatcher {

    @Override
    public void matchAssignment(Assignment node, RuleContext context) {
        IVariableBinding variable = Bindings.variable(node.getLeftHandSide());
        StringGrowth.Form growth = variable == null || !Bindings.is(variable.getType(), "java.lang.String")
                ? null : StringGrowth.formOf(node);
        if (growth == null) {
            return;
        }
        ASTNode declaration = context.compilationUnit().findDeclaringNode(variable.getVariableDeclaration());
        // a loop that declares the string makes a fresh one per pass: the copies do not accumulate
        Optional<ASTNode> loop = StringGrowth.accumulatingLoop(node, declaration);
        if (loop.isEmpty() || StringGrowth.resetEarlierInPass(node, loop.get())
                || StringGrowth.fieldOfObjectMadeInPass(node.getLeftHandSide(), loop.get())) {
            return;
        }
        String name = variable.getName();
        String form = growth == StringGrowth.Form.PREPEND ? "prepending (" + name + " = ... + " + name + ")"
                : node.getOperator() == Assignment.Operator.PLUS_ASSIGN ? "+=" : name + " = " + name + " + ...";
        String advice = growth == StringGrowth.Form.PREPEND
                ? " Collect the parts and join them once, in reverse order."
                : " Append to a StringBuilder and convert once.";
        String message = "String '" + name + "' is grown with " + form + " inside a " + Loops.describe(loop.get())
                + ": each pass copies the whole string built so far, so n passes copy O(n^2) characters." + advice;
        Confidence confidence = Confidence.high("'" + name + "' resolved to java.lang.String");
        FixPlan plan = growth == StringGrowth.Form.PREPEND
                // insert(0, ...) moves everything built so far on every pass: still O(n^2)
                ? FixPlan.no("the text is prepended: a StringBuilder would need insert(0, ...), which still moves"
                        + " everything built so far on each pass; the parts must be collected (e.g. ArrayDeque.addFirst)"
                        + " and joined once, a change of structure left to you")
                : planFix(node, variable, declaration, context);
        if (plan.fix() != null) {
            context.report(node, message, confidence, plan.fix());
        } else {
            context.reportWithoutFix(node, message, confidence, plan.whyNot());
        }
    }

    /** s += x or s = s + x, whose target is the variable it reads. */
    private static boolean isAppend(Assignment node) {
        return StringGrowth.formOf(node) == StringGrowth.Form.APPEND;
    }

    private record FixPlan(Fix fix, String whyNot) {
        static FixPlan no(String why) {
            return new FixPlan(null, why);
        }
    }

    private FixPlan planFix(Assignment node, IVariableBinding variable, ASTNode declaration, RuleContext context) {
        String name = variable.getName();
        if (variable.isField()) {
            return FixPlan.no("'" + name + "' is a field: other methods may read it while the loop runs");
        }
        if (declaration == null) {
            return FixPlan.no("the declaration of '" + name + "' was not found");
        }
        Optional<ASTNode> outermost = Loops.outermostLoopExcluding(node, declaration);
        if (outermost.isEmpty() || outermost.get() instanceof LambdaExpression) {
            return FixPlan.no("'" + name + "' is updated inside a lambda");
        }
        ASTNode loop = outermost.get();
        Statement anchor = loop.getParent() instanceof LabeledStatement labeled ? labeled : (Statement) loop;
        if (!(anchor.getParent() instanceof Block block)) {
            return FixPlan.no("the loop is not directly inside a block, so no statement can be added around it");
        }
        List<Assignment> growths = new ArrayList<>();
        for (SimpleName reference : Bindings.referencesWithin(loop, variable)) {
            Assignment growth = growthUsing(reference, variable);
            if (growth == null) {
                return FixPlan.no("'" + name + "' is also read inside the loop (line "
                        + context.compilationUnit().getLineNumber(reference.getStartPosition()) + ")");
            }
            if (!growths.contains(growth)) {
                growths.add(growth);
            }
        }
        for (Assignment growth : growths) {
            if (!(growth.getParent() instanceof ExpressionStatement)) {
                return FixPlan.no("the value of an assignment to '" + name + "' is used");
            }
            for (Expression appended : appendedOperands(growth)) {
                ITypeBinding type = appended.resolveTypeBinding();
                if (type == null || type.isNullType()
                        || (type.isArray() && "char".equals(type.getElementType().getName()))) {
                    return FixPlan.no("an appended operand is null or a char[], which StringBuilder.append treats differently");
                }
            }
        }
        String exit = exitOutsideLoop(loop, anchor);
        if (exit != null) {
            return FixPlan.no(exit);
        }
        if (insideTryWithHandlers(anchor)) {
            return FixPlan.no("the loop is inside a try statement with catch or finally, which would see '"
                    + name + "' without the text appended so far");
        }
        BodyDeclaration method = enclosingBodyDeclaration(loop);
        String initial = initialBuilderArgument(variable, declaration, anchor, block, loop, method);
        return new FixPlan(Fix.of(dev.perflens.engine.fix.FixKind.INTRODUCE_LOCAL, "Use a StringBuilder for '" + name + "'",
                rewrite -> apply(rewrite, name, initial, anchor, block, growths, method)), null);
    }

    /** The growth assignment this reference belongs to (as target or as left operand), or null. */
    private static Assignment growthUsing(SimpleName reference, IVariableBinding variable) {
        ASTNode parent = reference.getParent();
        if (parent instanceof Assignment assignment && reference.getLocationInParent() == Assignment.LEFT_HAND_SIDE_PROPERTY
                && isAppend(assignment)) {
            return assignment;
        }
        if (parent instanceof InfixExpression infix && reference.getLocationInParent() == InfixExpression.LEFT_OPERAND_PROPERTY
                && infix.getParent() instanceof Assignment assignment && isAppend(assignment)
                && Bindings.unwrap(assignment.getRightHandSide()) == infix) {
            return assignment;
        }
        return null;
    }

    private static List<Expression> appendedOperands(Assignment growth) {
        if (growth.getOperator() == Assignment.Operator.PLUS_ASSIGN) {
            // s += a + b appends a and b one by one where that writes the same text: appending the
            // temporary a + b would copy it twice (and draw an append-concat finding)
            Concatenation parts = Concatenation.of(growth.getRightHandSide());
            List<Expression> separately = parts == null ? null : parts.partsSafeToAppendSeparately();
            return separately != null ? separately : List.of(growth.getRightHandSide());
        }
        InfixExpression infix = (InfixExpression) Bindings.unwrap(growth.getRightHandSide());
        List<Expression> operands = new ArrayList<>();
        operands.add(infix.getRightOperand());
        for (Object extended : infix.extendedOperands()) {
            operands.add((Expression) extended);
        }
        return operands;
    }

    /** A break/continue to a label outside the loop would skip the assignment after it. */
    private static String exitOutsideLoop(ASTNode loop, Statement anchor) {
        String[] reason = new String[1];
        loop.accept(new ASTVisitor() {
            @Override
            public boolean visit(BreakStatement node) {
                check(node.getLabel());
                return false;
            }

            @Override
            public boolean visit(ContinueStatement node) {
                check(node.getLabel());
                return false;
            }

            private void check(SimpleName label) {
                if (label != null && !(anchor instanceof LabeledStatement labeled
                        && labeled.getLabel().getIdentifier().equals(label.getIdentifier()))
                        && !labelDeclaredWithin(loop, label.getIdentifier())) {
                    reason[0] = "a labeled break or continue leaves the loop past the point where the result would be stored";
                }
            }
        });
        return reason[0];
    }

    private static boolean labelDeclaredWithin(ASTNode scope, String label) {
        boolean[] found = new boolean[1];
        scope.accept(new ASTVisitor() {
            @Override
            public boolean visit(LabeledStatement node) {
                found[0] |= node.getLabel().getIdentifier().equals(label);
                return true;
            }
        });
        return found[0];
    }

    private static boolean insideTryWithHandlers(ASTNode node) {
        for (ASTNode child = node, parent = node.getParent(); parent != null && !(parent instanceof BodyDeclaration);
             child = parent, parent = parent.getParent()) {
            if (parent instanceof TryStatement tryStatement && child.getLocationInParent() == TryStatement.BODY_PROPERTY
                    && (!tryStatement.catchClauses().isEmpty() || tryStatement.getFinally() != null)) {
                return true;
            }
        }
        return false;
    }

    private static BodyDeclaration enclosingBodyDeclaration(ASTNode node) {
        ASTNode n = node;
        while (n != null && !(n instanceof BodyDeclaration)) {
            n = n.getParent();
        }
        return (BodyDeclaration) n;
    }

    /**
     * What the builder starts from: nothing when the variable was just declared as "" right
     * before the loop; the variable itself when it can never be null (initialised with a
     * literal or concatenation and only ever grown); otherwise String.valueOf of it, which
     * keeps the "null" prefix that += would have produced.
     */
    private static String initialBuilderArgument(IVariableBinding variable, ASTNode declaration, Statement anchor,
                                                 Block block, ASTNode loop, BodyDeclaration method) {
        String name = variable.getName();
        if (declaration instanceof VariableDeclarationFragment fragment
                && fragment.getParent() instanceof VariableDeclarationStatement statement) {
            Expression initializer = fragment.getInitializer();
            int index = block.statements().indexOf(anchor);
            boolean justBefore = index > 0 && block.statements().get(index - 1) == statement;
            if (justBefore && initializer instanceof StringLiteral literal && literal.getLiteralValue().isEmpty()) {
                return "";
            }
            boolean neverNull = initializer instanceof StringLiteral
                    || (initializer instanceof InfixExpression infix && infix.getOperator() == InfixExpression.Operator.PLUS);
            boolean onlyGrownElsewhere = method != null && Bindings.writesWithin(method, variable).stream()
                    .allMatch(write -> write instanceof Assignment assignment && isAppend(assignment));
            if (neverNull && onlyGrownElsewhere) {
                return name;
            }
        }
        return "String.valueOf(" + name + ")";
    }

    private static void apply(FixRewrite fix, String name, String initial, Statement anchor, Block block,
                              List<Assignment> growths, BodyDeclaration method) {
        AST ast = fix.ast();
        ASTRewrite rewrite = fix.rewrite();
        String builder = FixRewrite.freshName(name + "Builder", method);
        ListRewrite statements = rewrite.getListRewrite(block, Block.STATEMENTS_PROPERTY);
        statements.insertBefore(rewrite.createStringPlaceholder(
                "StringBuilder " + builder + " = new StringBuilder(" + initial + ");",
                ASTNode.VARIABLE_DECLARATION_STATEMENT), anchor, null);
        statements.insertAfter(rewrite.createStringPlaceholder(
                name + " = " + builder + ".toString();", ASTNode.EXPRESSION_STATEMENT), anchor, null);
        for (Assignment growth : growths) {
            rewrite.replace(growth, fix.appendChain(ast.newSimpleName(builder), appendedOperands(growth)), null);
        }
    }
}
