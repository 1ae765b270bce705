package dev.perflens.engine.rules;

import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.LabeledStatement;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.PrefixExpression;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;
import org.eclipse.jdt.core.dom.rewrite.ListRewrite;

/**
 * The fix of list-membership-in-loop: a HashSet copy of the list, built once before the
 * outermost loop in which the list stays unchanged, answers the membership tests instead.
 * Offered only for a local or parameter that the loop uses read-only, and only for tests
 * whose answer is a boolean: {@code contains(x)}, and {@code indexOf(x)} compared with 0 or -1.
 */
final class ListToSetFix {
    /** Uses of the list that cannot change it. */
    private static final Set<String> READ_ONLY = Set.of("contains", "indexOf", "lastIndexOf", "get", "size",
            "isEmpty", "containsAll", "equals", "hashCode", "toString", "stream", "getFirst", "getLast");

    record Plan(Fix fix, String whyNot) {
        static Plan no(String why) {
            return new Plan(null, why);
        }
    }

    private ListToSetFix() {
    }

    static Plan plan(MethodInvocation call, IVariableBinding variable, ASTNode declaration) {
        String name = variable.getName();
        if (call.getName().getIdentifier().equals("remove")) {
            return Plan.no("remove(Object) changes the list, so a set built before the loop would go stale");
        }
        if (variable.isField() || declaration == null) {
            return Plan.no("'" + name + "' is a field: methods called in the loop may change it");
        }
        if (membershipTest(call) == null) {
            return Plan.no("the index itself is used, not only whether the element is present");
        }
        Statement anchor = null;
        ASTNode scope = null;
        for (Optional<ASTNode> loop = Loops.enclosingLoop(call); loop.isPresent(); loop = Loops.enclosingLoop(loop.get())) {
            if (Loops.contains(loop.get(), declaration) || !usesReadOnly(loop.get(), variable)) {
                break;
            }
            Statement statement = statementOf(loop.get());
            if (statement == null || !(statement.getParent() instanceof Block)) {
                break;
            }
            anchor = statement;
            scope = loop.get();
        }
        if (anchor == null) {
            return Plan.no("'" + name + "' may change inside the loop (it is written, or passed or used in a way that can modify it)");
        }
        List<ASTNode> tests = new ArrayList<>();
        for (SimpleName reference : Bindings.referencesWithin(scope, variable)) {
            if (reference.getParent() instanceof MethodInvocation invocation && invocation.getExpression() == reference) {
                ASTNode test = membershipTest(invocation);
                if (test != null) {
                    tests.add(test);
                }
            }
        }
        ITypeBinding listType = call.getExpression().resolveTypeBinding();
        Statement insertBefore = anchor;
        BodyDeclaration method = enclosingBody(anchor);
        return new Plan(Fix.of(dev.perflens.engine.fix.FixKind.INTRODUCE_LOCAL, "Look up '" + name + "' in a HashSet built once before the loop",
                rewrite -> apply(rewrite, name, listType, insertBefore, tests, method)), null);
    }

    /** The node to replace for a boolean membership test on this call, or null when the index is used. */
    static ASTNode membershipTest(MethodInvocation call) {
        String method = call.getName().getIdentifier();
        if (method.equals("contains")) {
            return call;
        }
        if (!(method.equals("indexOf") || method.equals("lastIndexOf"))
                || !(call.getParent() instanceof InfixExpression comparison) || comparison.hasExtendedOperands()) {
            return null;
        }
        return presentWhen(comparison, call) != null ? comparison : null;
    }

    /** TRUE when the comparison means "present", FALSE when it means "absent", null otherwise. */
    private static Boolean presentWhen(InfixExpression comparison, MethodInvocation call) {
        boolean callLeft = comparison.getLeftOperand() == call;
        Expression other = callLeft ? comparison.getRightOperand() : comparison.getLeftOperand();
        Object value = other.resolveConstantExpressionValue();
        if (!(value instanceof Integer constant)) {
            return null;
        }
        InfixExpression.Operator op = comparison.getOperator();
        String form = (callLeft ? "i" : constant.toString()) + " " + op + " " + (callLeft ? constant.toString() : "i");
        return switch (form) {
            case "i >= 0", "i != -1", "i > -1", "0 <= i", "-1 != i", "-1 < i" -> Boolean.TRUE;
            case "i < 0", "i == -1", "i <= -1", "0 > i", "-1 == i", "-1 >= i" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static boolean usesReadOnly(ASTNode loop, IVariableBinding variable) {
        if (!Bindings.writesWithin(loop, variable).isEmpty()) {
            return false;
        }
        for (SimpleName reference : Bindings.referencesWithin(loop, variable)) {
            ASTNode parent = reference.getParent();
            boolean readOnlyCall = parent instanceof MethodInvocation invocation && invocation.getExpression() == reference
                    && READ_ONLY.contains(invocation.getName().getIdentifier());
            boolean iterated = parent instanceof EnhancedForStatement loopOver && loopOver.getExpression() == reference;
            if (!readOnlyCall && !iterated) {
                return false;
            }
        }
        return true;
    }

    /** The statement to insert before: the loop itself (with its label), or the statement holding a forEach call. */
    private static Statement statementOf(ASTNode loop) {
        if (loop instanceof LambdaExpression) {
            ASTNode n = loop;
            while (n != null && !(n instanceof Statement)) {
                n = n.getParent();
            }
            return (Statement) n;
        }
        return loop.getParent() instanceof LabeledStatement labeled ? labeled : (Statement) loop;
    }

    private static BodyDeclaration enclosingBody(ASTNode node) {
        ASTNode n = node;
        while (n != null && !(n instanceof BodyDeclaration)) {
            n = n.getParent();
        }
        return (BodyDeclaration) n;
    }

    /** The set's element type as source: the list's element type when it can be written here, else Object. */
    private static String elementType(ITypeBinding listType, FixRewrite rewrite) {
        ITypeBinding element = collectionElement(listType);
        if (element == null || element.isWildcardType() || element.isCapture() || element.isParameterizedType()
                || element.isArray() || element.isPrimitive()) {
            return "Object";
        }
        if (element.isTypeVariable()) {
            return element.getName();
        }
        if (element.isNested() || element.isLocal() || element.isAnonymous()) {
            return element.isMember() && !element.isLocal() ? element.getErasure().getQualifiedName() : "Object";
        }
        return rewrite.importType(element.getErasure().getQualifiedName());
    }

    private static ITypeBinding collectionElement(ITypeBinding type) {
        if (type == null) {
            return null;
        }
        if (Bindings.is(type, "java.util.Collection") && type.isParameterizedType()) {
            return type.getTypeArguments()[0];
        }
        for (ITypeBinding parent : type.getInterfaces()) {
            ITypeBinding found = collectionElement(parent);
            if (found != null) {
                return found;
            }
        }
        return collectionElement(type.getSuperclass());
    }

    private static void apply(FixRewrite fix, String name, ITypeBinding listType, Statement anchor, List<ASTNode> tests,
                              BodyDeclaration method) {
        AST ast = fix.ast();
        ASTRewrite rewrite = fix.rewrite();
        String setName = FixRewrite.freshName(name + "Set", method);
        String element = elementType(listType, fix);
        String setType = fix.importType("java.util.Set");
        String hashSet = fix.importType("java.util.HashSet");
        ListRewrite statements = rewrite.getListRewrite(anchor.getParent(), Block.STATEMENTS_PROPERTY);
        statements.insertBefore(rewrite.createStringPlaceholder(setType + "<" + element + "> " + setName
                + " = new " + hashSet + "<>(" + name + ");", ASTNode.VARIABLE_DECLARATION_STATEMENT), anchor, null);
        for (ASTNode test : tests) {
            if (test instanceof MethodInvocation contains) {
                rewrite.replace(contains.getExpression(), ast.newSimpleName(setName), null);
                continue;
            }
            InfixExpression comparison = (InfixExpression) test;
            MethodInvocation call = (MethodInvocation) (comparison.getLeftOperand() instanceof MethodInvocation m
                    && m.getExpression() instanceof SimpleName ? comparison.getLeftOperand() : comparison.getRightOperand());
            MethodInvocation contains = ast.newMethodInvocation();
            contains.setExpression(ast.newSimpleName(setName));
            contains.setName(ast.newSimpleName("contains"));
            @SuppressWarnings("unchecked")
            List<Expression> arguments = contains.arguments();
            arguments.add((Expression) rewrite.createCopyTarget((Expression) call.arguments().get(0)));
            Expression replacement = contains;
            if (Boolean.FALSE.equals(presentWhen(comparison, call))) {
                PrefixExpression not = ast.newPrefixExpression();
                not.setOperator(PrefixExpression.Operator.NOT);
                not.setOperand(contains);
                replacement = not;
            }
            rewrite.replace(comparison, replacement, null);
        }
    }
}
