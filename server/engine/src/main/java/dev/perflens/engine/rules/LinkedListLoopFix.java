package dev.perflens.engine.rules;

import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.ParameterizedType;
import org.eclipse.jdt.core.dom.PostfixExpression;
import org.eclipse.jdt.core.dom.PrefixExpression;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.SingleVariableDeclaration;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.SuperMethodInvocation;
import org.eclipse.jdt.core.dom.Type;
import org.eclipse.jdt.core.dom.VariableDeclarationExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;

/**
 * The fix of linked-list-indexed-access: a counting loop whose index serves only
 * {@code list.get(i)} becomes an enhanced for, which follows each link once, where nothing in
 * the loop can change the list (an enhanced for would then throw ConcurrentModificationException).
 */
final class LinkedListLoopFix {
    /** Calls on a collection that cannot change it (so cannot break an iteration of it). */
    private static final Set<String> READ_ONLY = Set.of("get", "size", "isEmpty", "contains", "containsAll",
            "indexOf", "lastIndexOf", "containsKey", "containsValue", "getOrDefault", "equals", "hashCode",
            "toString", "peek", "peekFirst", "peekLast", "getFirst", "getLast", "element", "first", "last");

    private LinkedListLoopFix() {
    }

    /** What the fix needs: the loop, the element variable to declare, and the calls it replaces. */
    record Plan(String whyNot, ForStatement loop, Expression list, String parameter, String element,
                        VariableDeclarationStatement reusedDeclaration, List<MethodInvocation> gets) {
        static Plan no(String why) {
            return new Plan(why, null, null, null, null, null, null);
        }
    }

    static Plan plan(MethodInvocation node, ASTNode enclosing, RuleContext context) {
        Expression list = node.getExpression();
        IVariableBinding listVariable = Bindings.variable(list);
        String countingShape = "only a loop 'for (int i = 0; i < list.size(); i++)' whose index is used for nothing"
                + " but 'list.get(i)' is rewritten to an enhanced for";
        if (!(enclosing instanceof ForStatement loop) || listVariable == null) {
            return Plan.no(countingShape);
        }
        IVariableBinding index = countingIndex(loop, list);
        if (index == null || !(Bindings.unwrap((Expression) node.arguments().get(0)) instanceof SimpleName argument)
                || !index.isEqualTo(argument.resolveBinding())) {
            return Plan.no(countingShape);
        }
        Statement body = loop.getBody();
        List<MethodInvocation> gets = new ArrayList<>();
        for (SimpleName reference : Bindings.referencesWithin(body, index)) {
            MethodInvocation call = getOf(reference, list);
            if (call == null) {
                return Plan.no("the index '" + index.getName() + "' is also used for something other than '"
                        + list + ".get(" + index.getName() + ")'");
            }
            gets.add(call);
        }
        for (SimpleName reference : Bindings.referencesWithin(body, listVariable)) {
            if (!(reference.getParent() instanceof MethodInvocation call && gets.contains(call))) {
                return Plan.no("the loop uses '" + list + "' for more than get(" + index.getName()
                        + "); an enhanced for would fail if the loop changes the list");
            }
        }
        if (listVariable.isField()) {
            return Plan.no("'" + list + "' is a field, which code called from the loop could change; an enhanced for"
                    + " would then throw ConcurrentModificationException");
        }
        if (!isFreshLocal(list, context)) {
            String risky = callThatMayChange(body, gets, context);
            if (risky != null) {
                return Plan.no("the loop calls " + risky + ", which might change '" + list
                        + "' through another reference; an enhanced for would then throw ConcurrentModificationException");
            }
        }
        VariableDeclarationStatement reused = reusableDeclaration(body, gets);
        String source = context.source();
        String parameter;
        String element;
        if (reused != null) {
            VariableDeclarationFragment fragment = (VariableDeclarationFragment) reused.fragments().get(0);
            element = fragment.getName().getIdentifier();
            if (!Bindings.writesWithin(body, fragment.resolveBinding()).isEmpty() && gets.size() > 1) {
                return Plan.no("'" + element + "' is reassigned in the loop, so it cannot stand for '" + list + ".get("
                        + index.getName() + ")' everywhere");
            }
            int end = fragment.getName().getStartPosition() + fragment.getName().getLength();
            parameter = source.substring(reused.getStartPosition(), end);
        } else {
            String elementType = elementTypeSource(listVariable, context);
            if (elementType == null) {
                return Plan.no("the element type of '" + list + "' is not written out where it is declared, so the"
                        + " loop variable's type cannot be spelled");
            }
            BodyDeclaration method = enclosingBody(loop);
            element = FixRewrite.freshName(elementName(listVariable.getName()), method == null ? loop : method);
            parameter = elementType + " " + element;
        }
        return new Plan(null, loop, list, parameter, element, reused, gets);
    }

    /** The int index of {@code for (int i = 0; i < list.size(); i++)}, or null for any other loop header. */
    private static IVariableBinding countingIndex(ForStatement loop, Expression list) {
        if (loop.initializers().size() != 1 || loop.updaters().size() != 1
                || !(loop.initializers().get(0) instanceof VariableDeclarationExpression declaration)
                || declaration.fragments().size() != 1) {
            return null;
        }
        VariableDeclarationFragment fragment = (VariableDeclarationFragment) declaration.fragments().get(0);
        IVariableBinding index = fragment.resolveBinding();
        Object start = fragment.getInitializer() == null ? null : fragment.getInitializer().resolveConstantExpressionValue();
        if (index == null || !index.getType().getName().equals("int") || !(start instanceof Integer zero) || zero != 0) {
            return null;
        }
        if (!(loop.getExpression() instanceof InfixExpression condition)
                || condition.getOperator() != InfixExpression.Operator.LESS || condition.hasExtendedOperands()
                || !isVariable(condition.getLeftOperand(), index)
                || !(Bindings.unwrap(condition.getRightOperand()) instanceof MethodInvocation size)
                || !size.getName().getIdentifier().equals("size") || !size.arguments().isEmpty()
                || size.getExpression() == null || !PureExpressions.sameValue(size.getExpression(), list)) {
            return null;
        }
        Object updater = loop.updaters().get(0);
        boolean increment = (updater instanceof PostfixExpression post
                && post.getOperator() == PostfixExpression.Operator.INCREMENT && isVariable(post.getOperand(), index))
                || (updater instanceof PrefixExpression pre
                && pre.getOperator() == PrefixExpression.Operator.INCREMENT && isVariable(pre.getOperand(), index))
                || (updater instanceof Assignment add && add.getOperator() == Assignment.Operator.PLUS_ASSIGN
                && isVariable(add.getLeftHandSide(), index)
                && Integer.valueOf(1).equals(add.getRightHandSide().resolveConstantExpressionValue()));
        return increment ? index : null;
    }

    private static boolean isVariable(Expression expression, IVariableBinding variable) {
        IVariableBinding named = Bindings.variable(expression);
        return named != null && named.isEqualTo(variable);
    }

    private static MethodInvocation getOf(SimpleName index, Expression list) {
        ASTNode argument = index;
        while (argument.getParent() instanceof org.eclipse.jdt.core.dom.ParenthesizedExpression) {
            argument = argument.getParent();
        }
        return argument.getParent() instanceof MethodInvocation call
                && argument.getLocationInParent() == MethodInvocation.ARGUMENTS_PROPERTY
                && call.getName().getIdentifier().equals("get") && call.arguments().size() == 1
                && call.getExpression() != null && PureExpressions.sameValue(call.getExpression(), list)
                ? call : null;
    }

    /**
     * For a list that may have other references (a parameter, or a local that was passed on), a
     * call that might reach one of them: a method of the project's own code, or a call that is
     * not read-only on another collection that is not a fresh local.
     */
    private static String callThatMayChange(Statement body, List<MethodInvocation> gets, RuleContext context) {
        String[] found = new String[1];
        body.accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation node) {
                if (!gets.contains(node) && found[0] == null) {
                    check(node, node.resolveMethodBinding(), node.getExpression(), node.arguments());
                }
                return true;
            }

            @Override
            public boolean visit(SuperMethodInvocation node) {
                if (found[0] == null) {
                    found[0] = "'super." + node.getName() + "(...)'";
                }
                return true;
            }

            @Override
            public boolean visit(ClassInstanceCreation node) {
                if (found[0] == null) {
                    check(node, node.resolveConstructorBinding(), null, node.arguments());
                }
                return true;
            }

            private void check(ASTNode call, IMethodBinding binding, Expression receiver, List<?> arguments) {
                if (binding == null || binding.getDeclaringClass() == null
                        || binding.getDeclaringClass().isFromSource()) {
                    found[0] = "'" + abbreviate(call.toString()) + "'";
                    return;
                }
                boolean readOnly = READ_ONLY.contains(binding.getName());
                if (receiver != null && isCollection(receiver) && !readOnly && !isFreshLocal(receiver, context)) {
                    found[0] = "'" + abbreviate(call.toString()) + "'";
                    return;
                }
                for (Object argument : arguments) {
                    if (isCollection((Expression) argument) && !readOnly) {
                        found[0] = "'" + abbreviate(call.toString()) + "'";
                        return;
                    }
                }
            }
        });
        return found[0];
    }

    private static boolean isCollection(Expression expression) {
        ITypeBinding type = expression.resolveTypeBinding();
        return type == null || Bindings.isSubtypeOf(type, "java.util.Collection")
                || Bindings.isSubtypeOf(type, "java.util.Map") || Bindings.isSubtypeOf(type, "java.util.Iterator")
                || Bindings.is(type, "java.lang.Object") || type.isTypeVariable();
    }

    private static boolean isFreshLocal(Expression receiver, RuleContext context) {
        IVariableBinding variable = Bindings.variable(receiver);
        return CollectionVariables.onlyEverHolds(receiver, "java.lang.Object", context.compilationUnit())
                && CollectionVariables.neverEscapes(variable, context.compilationUnit(), List.of());
    }

    /** The body's first statement when it is {@code T x = list.get(i);}: its variable becomes the loop variable. */
    private static VariableDeclarationStatement reusableDeclaration(Statement body, List<MethodInvocation> gets) {
        if (!(body instanceof Block block) || block.statements().isEmpty()
                || !(block.statements().get(0) instanceof VariableDeclarationStatement statement)
                || statement.fragments().size() != 1) {
            return null;
        }
        VariableDeclarationFragment fragment = (VariableDeclarationFragment) statement.fragments().get(0);
        return fragment.getExtraDimensions() == 0 && fragment.getInitializer() != null
                && gets.contains(Bindings.unwrap(fragment.getInitializer())) ? statement : null;
    }

    /** The source text of E in the list's declared type {@code List<E>}, or null when it is not written out. */
    private static String elementTypeSource(IVariableBinding list, RuleContext context) {
        ASTNode declaration = CollectionVariables.declaration(list, context.compilationUnit());
        Type type = null;
        if (declaration instanceof SingleVariableDeclaration parameter) {
            type = parameter.getType();
        } else if (declaration instanceof VariableDeclarationFragment fragment
                && fragment.getParent() instanceof VariableDeclarationStatement statement) {
            type = statement.getType();
        }
        if (!(type instanceof ParameterizedType parameterized) || parameterized.typeArguments().size() != 1) {
            return null;
        }
        Type argument = (Type) parameterized.typeArguments().get(0);
        if (argument.isWildcardType() || argument.resolveBinding() == null) {
            return null;
        }
        return context.source().substring(argument.getStartPosition(), argument.getStartPosition() + argument.getLength());
    }

    private static String elementName(String listName) {
        if (listName.endsWith("List") && listName.length() > 4) {
            return listName.substring(0, listName.length() - 4);
        }
        if (listName.endsWith("s") && listName.length() > 1 && !listName.endsWith("ss")) {
            return listName.substring(0, listName.length() - 1);
        }
        return "element";
    }

    private static BodyDeclaration enclosingBody(ASTNode node) {
        ASTNode n = node;
        while (n != null && !(n instanceof BodyDeclaration)) {
            n = n.getParent();
        }
        return (BodyDeclaration) n;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    static void apply(FixRewrite fix, Plan plan) {
        AST ast = fix.ast();
        ASTRewrite rewrite = fix.rewrite();
        EnhancedForStatement enhanced = ast.newEnhancedForStatement();
        enhanced.setParameter((SingleVariableDeclaration) rewrite.createStringPlaceholder(plan.parameter(),
                ASTNode.SINGLE_VARIABLE_DECLARATION));
        enhanced.setExpression((Expression) rewrite.createCopyTarget(plan.list()));
        for (MethodInvocation get : plan.gets()) {
            boolean isDeclarationInitializer = plan.reusedDeclaration() != null && Bindings.unwrap(
                    ((VariableDeclarationFragment) plan.reusedDeclaration().fragments().get(0)).getInitializer()) == get;
            if (!isDeclarationInitializer) {
                rewrite.replace(get, ast.newSimpleName(plan.element()), null);
            }
        }
        Statement body = plan.loop().getBody();
        if (plan.reusedDeclaration() != null) {
            rewrite.getListRewrite(body, Block.STATEMENTS_PROPERTY).remove(plan.reusedDeclaration(), null);
        }
        enhanced.setBody((Statement) rewrite.createMoveTarget(body));
        rewrite.replace(plan.loop(), enhanced, null);
    }
}
