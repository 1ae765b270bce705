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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.BreakStatement;
import org.eclipse.jdt.core.dom.ConditionalExpression;
import org.eclipse.jdt.core.dom.ContinueStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.IfStatement;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;
import org.eclipse.jdt.core.dom.PrefixExpression;
import org.eclipse.jdt.core.dom.ReturnStatement;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.ThrowStatement;

/**
 * {@code containsKey(k)} followed by {@code get(k)} on the same map and key looks the key up
 * twice. One {@code get} (with a null check), {@code getOrDefault} or {@code merge} does it
 * once. Which rewrite preserves behaviour depends on whether the map can hold null values;
 * the fix is offered only where that is settled (see {@link MapDoubleLookupFixes}).
 */
@PerfRule(
        id = "map-double-lookup",
        summary = "containsKey(k) followed by get(k) on the same map and key: two lookups where one does",
        severity = Severity.INFO,
        category = Category.COLLECTIONS,
        perCall = true,
        complexityBefore = "2 lookups",
        complexityAfter = "1 lookup",
        hasFix = true)
public final class MapDoubleLookupRule implements Rule, MethodInvocationMatcher {

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        if (!node.getName().getIdentifier().equals("containsKey") || node.arguments().size() != 1
                || node.getExpression() == null) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        Expression map = node.getExpression();
        Expression key = (Expression) node.arguments().get(0);
        if (binding == null || !Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.util.Map")
                || Bindings.variable(map) == null || !PureExpressions.isKeyChain(key, false)) {
            return;
        }
        Guard guard = guardOf(node);
        if (guard == null) {
            return;
        }
        MethodInvocation get = null;
        for (ASTNode region : guard.presentRegions()) {
            get = findGet(region, map, key);
            if (get != null) {
                break;
            }
        }
        if (get == null || writesBefore(guard.presentRegions(), get, map, key)) {
            return;
        }
        ITypeBinding mapClass = ConcreteTypes.typeOf(map, context.compilationUnit());
        String message = "'" + map + ".containsKey(" + key + ")' and then '" + map + ".get(" + key + ")' look the same"
                + " key up twice (" + lookupCost(mapClass) + " each time). One get with a null check,"
                + " getOrDefault or merge does it once; if the map may hold null values, test"
                + " 'v != null || " + map + ".containsKey(" + key + ")' so the second lookup only runs for null.";
        Confidence confidence = Confidence.high("containsKey and get resolved on the same "
                + binding.getDeclaringClass().getErasure().getName() + " variable with the same key");
        boolean concurrent = Bindings.isSubtypeOf(mapClass, "java.util.concurrent.ConcurrentMap");
        if (concurrent) {
            message += " On a concurrent map the two calls are not one atomic step: another thread may remove the key"
                    + " between them, so the get can return null; check whether the code relies on that check first.";
        }
        MapDoubleLookupFixes.Plan plan = MapDoubleLookupFixes.plan(node, get, guard, context);
        RuleContext.Reported reported;
        if (plan.fix() != null && concurrent) {
            // On a concurrent map the test and the read may be a deliberate check-then-act (another thread may
            // remove the key in between either way); rewriting it changes what the code says it waits for.
            reported = context.reportWithoutFix(node, message, confidence, "'" + map + "' is a concurrent map ("
                    + mapClass.getErasure().getName() + "): containsKey then get may be a deliberate check-then-act,"
                    + " and another thread may change the entry between them, so the rewrite is left to you");
        } else if (plan.fix() != null) {
            reported = context.report(node, message, confidence, plan.fix());
        } else {
            reported = context.reportWithoutFix(node, message, confidence, plan.whyNot());
        }
        if (Bindings.isSubtypeOf(mapClass, "java.util.EnumMap")) {
            reported.quieter(Severity.HINT, "'" + map + "' is an EnumMap: a lookup indexes an array by the constant's"
                    + " ordinal, without hashing, so the second one costs little");
        }
        reported.bounded(CollectionSizes.bound(map, context.compilationUnit()));
    }

    /** What one lookup costs on this map class, as the message says it. */
    private static String lookupCost(ITypeBinding mapClass) {
        if (Bindings.isSubtypeOf(mapClass, "java.util.EnumMap")) {
            return "an array read by the key's ordinal";
        }
        if (Bindings.isSubtypeOf(mapClass, "java.util.SortedMap")
                || Bindings.isSubtypeOf(mapClass, "java.util.concurrent.ConcurrentSkipListMap")) {
            return "a tree descent, O(log n) comparisons,";
        }
        return "hashing it and searching the map";
    }

    /**
     * Where the containsKey test sits and which code runs only when it was true: the then part
     * of an if or conditional, the later operands of an &&, or (for a negated test whose branch
     * always leaves) the statements after the if.
     */
    record Guard(Expression test, boolean negated, ASTNode owner, List<ASTNode> presentRegions) {
    }

    private static Guard guardOf(MethodInvocation containsKey) {
        ASTNode test = skipParentheses(containsKey);
        boolean negated = false;
        if (test.getParent() instanceof PrefixExpression not && not.getOperator() == PrefixExpression.Operator.NOT) {
            negated = true;
            test = skipParentheses(not);
        }
        ASTNode parent = test.getParent();
        List<ASTNode> regions = new ArrayList<>();
        if (parent instanceof IfStatement ifStatement && test.getLocationInParent() == IfStatement.EXPRESSION_PROPERTY) {
            if (!negated) {
                regions.add(ifStatement.getThenStatement());
            } else if (ifStatement.getElseStatement() != null) {
                regions.add(ifStatement.getElseStatement());
            } else if (alwaysLeaves(ifStatement.getThenStatement()) && ifStatement.getParent() instanceof Block block) {
                List<?> statements = block.statements();
                for (int i = statements.indexOf(ifStatement) + 1; i < statements.size(); i++) {
                    regions.add((ASTNode) statements.get(i));
                }
            }
            return regions.isEmpty() ? null : new Guard((Expression) test, negated, ifStatement, regions);
        }
        if (parent instanceof ConditionalExpression conditional
                && test.getLocationInParent() == ConditionalExpression.EXPRESSION_PROPERTY) {
            regions.add(negated ? conditional.getElseExpression() : conditional.getThenExpression());
            return new Guard((Expression) test, negated, conditional, regions);
        }
        InfixExpression.Operator shortCircuit = negated ? InfixExpression.Operator.CONDITIONAL_OR
                : InfixExpression.Operator.CONDITIONAL_AND;
        if (parent instanceof InfixExpression infix && infix.getOperator() == shortCircuit) {
            List<Expression> operands = new ArrayList<>();
            operands.add(infix.getLeftOperand());
            operands.add(infix.getRightOperand());
            for (Object extended : infix.extendedOperands()) {
                operands.add((Expression) extended);
            }
            int at = operands.indexOf(test);
            for (int i = at + 1; i < operands.size(); i++) {
                regions.add(operands.get(i));
            }
            ASTNode whole = skipParentheses(infix);
            if (!negated && whole.getParent() instanceof IfStatement ifStatement
                    && whole.getLocationInParent() == IfStatement.EXPRESSION_PROPERTY) {
                regions.add(ifStatement.getThenStatement());
            } else if (!negated && whole.getParent() instanceof ConditionalExpression conditional
                    && whole.getLocationInParent() == ConditionalExpression.EXPRESSION_PROPERTY) {
                regions.add(conditional.getThenExpression());
            }
            return regions.isEmpty() ? null : new Guard((Expression) test, negated, infix, regions);
        }
        return null;
    }

    static ASTNode skipParentheses(ASTNode node) {
        ASTNode n = node;
        while (n.getParent() instanceof ParenthesizedExpression) {
            n = n.getParent();
        }
        return n;
    }

    /** The statement ends by return, throw, break or continue on every path (checked simply: its last statement). */
    static boolean alwaysLeaves(Statement statement) {
        Statement last = statement;
        while (last instanceof Block block) {
            if (block.statements().isEmpty()) {
                return false;
            }
            last = (Statement) block.statements().get(block.statements().size() - 1);
        }
        return last instanceof ReturnStatement || last instanceof ThrowStatement || last instanceof BreakStatement
                || last instanceof ContinueStatement;
    }

    /** The first {@code map.get(key)} in the region, outside lambdas and local or anonymous classes. */
    private static MethodInvocation findGet(ASTNode region, Expression map, Expression key) {
        MethodInvocation[] found = new MethodInvocation[1];
        region.accept(new SameBodyVisitor() {
            @Override
            public boolean visit(MethodInvocation node) {
                if (found[0] == null && node.getName().getIdentifier().equals("get") && node.arguments().size() == 1
                        && node.getExpression() != null && PureExpressions.sameValue(node.getExpression(), map)
                        && PureExpressions.sameValue((Expression) node.arguments().get(0), key)
                        && isMapGet(node.resolveMethodBinding())) {
                    found[0] = node;
                }
                return found[0] == null;
            }
        });
        return found[0];
    }

    static boolean isMapGet(IMethodBinding binding) {
        return binding != null && Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.util.Map")
                && Bindings.is(binding.getMethodDeclaration().getParameterTypes()[0], "java.lang.Object");
    }

    /**
     * A write to the map variable or to a variable of the key anywhere in the guarded code up to
     * the statement with the get (in a loop, a write after the get may still precede it).
     */
    private static boolean writesBefore(List<ASTNode> regions, MethodInvocation get, Expression map, Expression key) {
        List<IVariableBinding> variables = PureExpressions.variablesRead(key);
        variables.add(Bindings.variable(map).getVariableDeclaration());
        for (ASTNode region : regions) {
            for (IVariableBinding variable : variables) {
                if (!Bindings.writesWithin(region, variable).isEmpty()) {
                    return true;
                }
            }
            if (Loops.contains(region, get)) {
                break;
            }
        }
        return false;
    }
}
