package dev.perflens.engine.rules;

import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.RuleContext;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.ConditionalExpression;
import org.eclipse.jdt.core.dom.DoStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IfStatement;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.NullLiteral;
import org.eclipse.jdt.core.dom.PrefixExpression;
import org.eclipse.jdt.core.dom.ReturnStatement;
import org.eclipse.jdt.core.dom.SingleVariableDeclaration;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.WhileStatement;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;

/**
 * The rewrites of {@link MapDoubleLookupRule}, each offered only where it is exactly
 * equivalent:
 * <ul>
 * <li>{@code m.containsKey(k) ? m.get(k) : d} becomes {@code m.getOrDefault(k, d)} (or
 * {@code m.get(k)} when d is null): Map.getOrDefault is specified as exactly this, null values
 * included. d must be safe to evaluate eagerly.</li>
 * <li>The counting idiom {@code if (m.containsKey(k)) m.put(k, m.get(k) + x); else m.put(k, x);}
 * becomes {@code m.merge(k, x, Integer::sum)}: equal only when the map holds no null value
 * (the original throws on one, merge would store x).</li>
 * <li>{@code if (m.containsKey(k)) { V v = m.get(k); ... }} becomes
 * {@code V v = m.get(k); if (v != null) { ... }}: equal only when the map holds no null value.</li>
 * </ul>
 */
final class MapDoubleLookupFixes {
    private static final Map<String, String> SUM_OF = Map.of("java.lang.Integer", "int",
            "java.lang.Long", "long", "java.lang.Double", "double");

    record Plan(Fix fix, String whyNot) {
        static Plan no(String why) {
            return new Plan(null, why);
        }

        static Plan of(String title, java.util.function.Consumer<FixRewrite> edit) {
            return new Plan(Fix.of(dev.perflens.engine.fix.FixKind.REPLACE_EXPRESSION, title, edit), null);
        }
    }

    private MapDoubleLookupFixes() {
    }

    static Plan plan(MethodInvocation containsKey, MethodInvocation get, MapDoubleLookupRule.Guard guard,
                     RuleContext context) {
        Expression map = containsKey.getExpression();
        Expression key = (Expression) containsKey.arguments().get(0);
        String shapes = "only 'c ? m.get(k) : d', the counting if/else around m.put, and"
                + " 'if (m.containsKey(k)) { V v = m.get(k); ... }' are rewritten";
        if (!PureExpressions.isReadChain(key)) {
            return Plan.no("the key '" + key + "' is computed by a call, which a single lookup would run once"
                    + " instead of twice");
        }
        if (!CollectionVariables.declaredByJdk(containsKey.resolveMethodBinding())
                || !CollectionVariables.declaredByJdk(get.resolveMethodBinding())) {
            return Plan.no("'" + map + "' is a " + map.resolveTypeBinding().getErasure().getName()
                    + " with its own containsKey/get, whose contract the rewrite cannot rely on");
        }
        if (guard.owner() instanceof ConditionalExpression conditional) {
            Expression present = guard.negated() ? conditional.getElseExpression() : conditional.getThenExpression();
            Expression absent = guard.negated() ? conditional.getThenExpression() : conditional.getElseExpression();
            if (Bindings.unwrap(present) == get) {
                return ternary(conditional, get, absent, map, key);
            }
            Plan merge = mergeInPut(conditional, get, present, absent, map, key, context);
            return merge != null ? merge : Plan.no(shapes);
        }
        if (guard.owner() instanceof IfStatement ifStatement) {
            Plan merge = mergeIf(ifStatement, guard.negated(), get, map, key, context);
            if (merge != null) {
                return merge;
            }
            if (!guard.negated()) {
                Plan declaration = declarationFirst(ifStatement, get, map, context);
                if (declaration != null) {
                    return declaration;
                }
            }
        }
        return Plan.no(shapes);
    }

    private static Plan ternary(ConditionalExpression conditional, MethodInvocation get, Expression absent,
                                Expression map, Expression key) {
        ITypeBinding value = get.resolveTypeBinding();
        ITypeBinding type = conditional.resolveTypeBinding();
        if (value == null || type == null || value.isCapture() || value.isWildcardType() || value.isPrimitive()) {
            return Plan.no("the map's value type is not a plain type here, so getOrDefault's argument cannot be checked");
        }
        if (Bindings.unwrap(absent) instanceof NullLiteral) {
            if (!type.isEqualTo(value)) {
                return Plan.no("the conditional's type differs from the map's value type");
            }
            return Plan.of("Use '" + map + ".get(" + key + ")' (it returns null when there is no mapping)",
                    rewrite -> rewrite.rewrite().replace(conditional, rewrite.rewrite().createCopyTarget(get), null));
        }
        if (!PureExpressions.isStable(absent) && !PureExpressions.isEmptyFactoryCall(absent)) {
            return Plan.no("getOrDefault would evaluate the default '" + absent + "' even when the key is present");
        }
        ITypeBinding absentType = absent.resolveTypeBinding();
        boolean argumentFits = absentType != null && (absentType.isPrimitive()
                ? Bindings.is(value, boxedName(absentType))
                : absentType.isNullType() || absentType.isAssignmentCompatible(value));
        boolean sameResult = type.isEqualTo(value) || (type.isPrimitive() && unboxedRightAway(conditional));
        if (!argumentFits || !sameResult) {
            return Plan.no("the conditional's type (" + type.getName() + ") differs from the map's value type ("
                    + value.getName() + "), so getOrDefault would box or unbox differently");
        }
        return Plan.of("Use '" + map + ".getOrDefault(" + key + ", " + absent + ")'", rewrite -> {
            AST ast = rewrite.ast();
            ASTRewrite r = rewrite.rewrite();
            MethodInvocation call = ast.newMethodInvocation();
            call.setExpression((Expression) r.createCopyTarget(map));
            call.setName(ast.newSimpleName("getOrDefault"));
            @SuppressWarnings("unchecked")
            List<Expression> arguments = call.arguments();
            arguments.add((Expression) r.createCopyTarget(key));
            arguments.add((Expression) r.createCopyTarget(Bindings.unwrap(absent)));
            r.replace(conditional, call, null);
        });
    }

    private static String boxedName(ITypeBinding primitive) {
        return switch (primitive.getName()) {
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            case "double" -> "java.lang.Double";
            case "float" -> "java.lang.Float";
            case "boolean" -> "java.lang.Boolean";
            case "char" -> "java.lang.Character";
            case "short" -> "java.lang.Short";
            case "byte" -> "java.lang.Byte";
            default -> "";
        };
    }

    /**
     * The conditional's primitive value is used where the boxed value would be unboxed at once
     * anyway (arithmetic, a comparison with a primitive, a condition, a primitive variable), so
     * getOrDefault's boxed result behaves the same, NullPointerException on a null value included.
     */
    private static boolean unboxedRightAway(ConditionalExpression conditional) {
        ASTNode self = MapDoubleLookupRule.skipParentheses(conditional);
        ASTNode parent = self.getParent();
        if (parent instanceof InfixExpression infix) {
            ITypeBinding result = infix.resolveTypeBinding();
            if (result == null || !result.isPrimitive()) {
                return false; // string concatenation
            }
            if (infix.getOperator() == InfixExpression.Operator.EQUALS
                    || infix.getOperator() == InfixExpression.Operator.NOT_EQUALS) {
                List<Expression> operands = new java.util.ArrayList<>(List.of(infix.getLeftOperand(), infix.getRightOperand()));
                for (Object extended : infix.extendedOperands()) {
                    operands.add((Expression) extended);
                }
                for (Expression operand : operands) {
                    ITypeBinding operandType = operand.resolveTypeBinding();
                    if (operand != self && (operandType == null || !operandType.isPrimitive())) {
                        return false; // Integer == Integer would compare identities
                    }
                }
            }
            return true;
        }
        if (parent instanceof PrefixExpression) {
            return true;
        }
        if (parent instanceof ReturnStatement) {
            for (ASTNode n = parent; n != null; n = n.getParent()) {
                if (n instanceof LambdaExpression) {
                    return false;
                }
                if (n instanceof MethodDeclaration method) {
                    return method.getReturnType2() != null && method.getReturnType2().isPrimitiveType();
                }
            }
            return false;
        }
        if (parent instanceof VariableDeclarationFragment fragment && fragment.resolveBinding() != null) {
            return fragment.resolveBinding().getType().isPrimitive();
        }
        if (parent instanceof Assignment assignment && self.getLocationInParent() == Assignment.RIGHT_HAND_SIDE_PROPERTY) {
            ITypeBinding target = assignment.getLeftHandSide().resolveTypeBinding();
            return target != null && target.isPrimitive();
        }
        return (parent instanceof IfStatement && self.getLocationInParent() == IfStatement.EXPRESSION_PROPERTY)
                || (parent instanceof WhileStatement && self.getLocationInParent() == WhileStatement.EXPRESSION_PROPERTY)
                || (parent instanceof DoStatement && self.getLocationInParent() == DoStatement.EXPRESSION_PROPERTY)
                || (parent instanceof ConditionalExpression && self.getLocationInParent() == ConditionalExpression.EXPRESSION_PROPERTY);
    }

    /** {@code m.put(k, m.containsKey(k) ? m.get(k) + x : x);} */
    private static Plan mergeInPut(ConditionalExpression conditional, MethodInvocation get, Expression present,
                                   Expression absent, Expression map, Expression key, RuleContext context) {
        ASTNode self = MapDoubleLookupRule.skipParentheses(conditional);
        if (!(self.getParent() instanceof MethodInvocation put) || !isPut(put, map, key) || put.arguments().get(1) != self
                || !(put.getParent() instanceof ExpressionStatement statement)) {
            return null;
        }
        Expression increment = incrementOf(present, get);
        if (increment == null || !PureExpressions.sameValue(increment, absent)) {
            return null;
        }
        return merge(statement, get, increment, map, key, context);
    }

    /** {@code if (m.containsKey(k)) m.put(k, m.get(k) + x); else m.put(k, x);} (either way round) */
    private static Plan mergeIf(IfStatement ifStatement, boolean negated, MethodInvocation get, Expression map,
                                Expression key, RuleContext context) {
        if (ifStatement.getElseStatement() == null) {
            return null;
        }
        Statement present = single(negated ? ifStatement.getElseStatement() : ifStatement.getThenStatement());
        Statement absent = single(negated ? ifStatement.getThenStatement() : ifStatement.getElseStatement());
        if (!(present instanceof ExpressionStatement presentStatement)
                || !(presentStatement.getExpression() instanceof MethodInvocation update) || !isPut(update, map, key)
                || !(absent instanceof ExpressionStatement absentStatement)
                || !(absentStatement.getExpression() instanceof MethodInvocation first) || !isPut(first, map, key)) {
            return null;
        }
        Expression increment = incrementOf((Expression) update.arguments().get(1), get);
        if (increment == null || !PureExpressions.sameValue(increment, (Expression) first.arguments().get(1))) {
            return null;
        }
        return merge(ifStatement, get, increment, map, key, context);
    }

    private static Statement single(Statement statement) {
        Statement s = statement;
        while (s instanceof Block block && block.statements().size() == 1) {
            s = (Statement) block.statements().get(0);
        }
        return s;
    }

    private static boolean isPut(MethodInvocation call, Expression map, Expression key) {
        return call.getName().getIdentifier().equals("put") && call.arguments().size() == 2
                && call.getExpression() != null && PureExpressions.sameValue(call.getExpression(), map)
                && PureExpressions.sameValue((Expression) call.arguments().get(0), key)
                && CollectionVariables.declaredByJdk(call.resolveMethodBinding());
    }

    /** x in {@code m.get(k) + x} or {@code x + m.get(k)}, or null. */
    private static Expression incrementOf(Expression sum, MethodInvocation get) {
        if (!(Bindings.unwrap(sum) instanceof InfixExpression infix)
                || infix.getOperator() != InfixExpression.Operator.PLUS || infix.hasExtendedOperands()) {
            return null;
        }
        if (Bindings.unwrap(infix.getLeftOperand()) == get) {
            return infix.getRightOperand();
        }
        return Bindings.unwrap(infix.getRightOperand()) == get ? infix.getLeftOperand() : null;
    }

    private static Plan merge(Statement replaced, MethodInvocation get, Expression increment, Expression map,
                              Expression key, RuleContext context) {
        ITypeBinding value = get.resolveTypeBinding();
        String primitive = value == null ? null : SUM_OF.get(value.getErasure().getQualifiedName());
        ITypeBinding incrementType = increment.resolveTypeBinding();
        if (primitive == null || incrementType == null || !incrementType.getName().equals(primitive)
                || !PureExpressions.isReadChain(increment)) {
            return Plan.no("merge needs the value type to be Integer, Long or Double and the increment a plain "
                    + (primitive == null ? "number" : primitive) + " of the same type");
        }
        String whyNull = MapValueNullness.whyMayHoldNull(map, context.compilationUnit());
        if (whyNull != null) {
            return Plan.no(whyNull + "; with a null value the current code throws NullPointerException, while"
                    + " merge would store the increment");
        }
        String sum = value.getErasure().getName() + "::sum";
        return Plan.of("Use '" + map + ".merge(" + key + ", " + increment + ", " + sum + ")'", rewrite -> {
            AST ast = rewrite.ast();
            ASTRewrite r = rewrite.rewrite();
            MethodInvocation call = ast.newMethodInvocation();
            call.setExpression((Expression) r.createCopyTarget(map));
            call.setName(ast.newSimpleName("merge"));
            @SuppressWarnings("unchecked")
            List<Expression> arguments = call.arguments();
            arguments.add((Expression) r.createCopyTarget(key));
            arguments.add((Expression) r.createCopyTarget(Bindings.unwrap(increment)));
            arguments.add((Expression) r.createStringPlaceholder(sum, ASTNode.EXPRESSION_METHOD_REFERENCE));
            r.replace(replaced, ast.newExpressionStatement(call), null);
        });
    }

    /** {@code if (m.containsKey(k)) { V v = m.get(k); ... }} → {@code V v = m.get(k); if (v != null) { ... }} */
    private static Plan declarationFirst(IfStatement ifStatement, MethodInvocation get, Expression map,
                                         RuleContext context) {
        if (!(ifStatement.getThenStatement() instanceof Block then) || then.statements().isEmpty()
                || !(then.statements().get(0) instanceof VariableDeclarationStatement declaration)
                || declaration.fragments().size() != 1
                || Bindings.unwrap(((VariableDeclarationFragment) declaration.fragments().get(0)).getInitializer()) != get) {
            return null;
        }
        VariableDeclarationFragment fragment = (VariableDeclarationFragment) declaration.fragments().get(0);
        String name = fragment.getName().getIdentifier();
        if (fragment.resolveBinding() == null || fragment.resolveBinding().getType().isPrimitive()) {
            return Plan.no("'" + name + "' is a primitive, which a get without a mapping could not be unboxed into");
        }
        if (!(ifStatement.getParent() instanceof Block block)) {
            return Plan.no("the if statement is not directly in a block, so '" + name + "' cannot be declared before it");
        }
        List<?> statements = block.statements();
        List<ASTNode> laterScope = new java.util.ArrayList<>();
        if (ifStatement.getElseStatement() != null) {
            laterScope.add(ifStatement.getElseStatement());
        }
        for (int i = statements.indexOf(ifStatement) + 1; i < statements.size(); i++) {
            laterScope.add((ASTNode) statements.get(i));
        }
        for (ASTNode node : laterScope) {
            if (declares(node, name)) {
                return Plan.no("a later declaration of '" + name + "' would clash with it once it is declared before the if");
            }
        }
        String whyNull = MapValueNullness.whyMayHoldNull(map, context.compilationUnit());
        if (whyNull != null) {
            return Plan.no(whyNull + ", so 'get(k) != null' is not the same test as containsKey");
        }
        return Plan.of("Declare '" + name + "' before the if and test it for null", rewrite -> {
            ASTRewrite r = rewrite.rewrite();
            r.getListRewrite(block, Block.STATEMENTS_PROPERTY).insertBefore(r.createMoveTarget(declaration), ifStatement, null);
            r.replace(ifStatement.getExpression(), r.createStringPlaceholder(name + " != null", ASTNode.INFIX_EXPRESSION), null);
        });
    }

    private static boolean declares(ASTNode scope, String name) {
        boolean[] found = new boolean[1];
        scope.accept(new ASTVisitor() {
            @Override
            public boolean visit(VariableDeclarationFragment node) {
                found[0] |= node.getName().getIdentifier().equals(name);
                return true;
            }

            @Override
            public boolean visit(SingleVariableDeclaration node) {
                found[0] |= node.getName().getIdentifier().equals(name);
                return true;
            }
        });
        return found[0];
    }
}
