package dev.perflens.engine.rules;

import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.AnonymousClassDeclaration;
import org.eclipse.jdt.core.dom.ArrayInitializer;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.CastExpression;
import org.eclipse.jdt.core.dom.CatchClause;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.ConditionalExpression;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IBinding;
import org.eclipse.jdt.core.dom.IfStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.LabeledStatement;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;
import org.eclipse.jdt.core.dom.ReturnStatement;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.StructuralPropertyDescriptor;
import org.eclipse.jdt.core.dom.SwitchExpression;
import org.eclipse.jdt.core.dom.SwitchStatement;
import org.eclipse.jdt.core.dom.TryStatement;
import org.eclipse.jdt.core.dom.TypeDeclarationStatement;
import org.eclipse.jdt.core.dom.VariableDeclarationExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;
import org.eclipse.jdt.core.dom.rewrite.ListRewrite;

/**
 * Moving a value computed inside a loop to a local declared just before it: how the value is
 * used in the loop (only through harmless calls, or stored, passed on, captured, changed),
 * where the declaration can go, and the edit. Used by the rules whose fix is "create it once,
 * before the loop".
 */
final class Hoisting {
    private Hoisting() {
    }

    /** How a value is used, from harmless to most binding. A rule decides which of these it reports. */
    enum Use {
        /** Only as the receiver of calls that leave it as it was: it can be shared by every pass. */
        HOISTABLE,
        /** A call that may change its state is made on it. */
        MUTATED,
        /** Passed to a method, which might keep or change it. */
        PASSED,
        /** The variable holding it is assigned again. */
        REASSIGNED,
        /** Declared as a try-with-resources resource, so it is closed at the end of each pass. */
        RESOURCE,
        /** Used inside a lambda or anonymous class, which may run on another thread or after the pass. */
        CAPTURED,
        /** Stored (in a variable of wider scope, a collection, a field), returned, or handed to a constructor. */
        STORED
    }

    /** The worst use of the value, what it is, and the local variable holding it (null when used inline). */
    record Uses(Use use, String detail, VariableDeclarationStatement declaration, IVariableBinding variable) {
        Uses worse(Uses other) {
            return other.use().ordinal() > use.ordinal() ? new Uses(other.use(), other.detail(), declaration, variable) : this;
        }
    }

    /** A fix, or why there is none. */
    record Plan(Fix fix, String whyNot) {
        static Plan no(String why) {
            return new Plan(null, why);
        }
    }

    /** How {@code value}, evaluated in {@code loop}, is used there. {@code harmless} accepts calls on it that change nothing. */
    static Uses uses(Expression value, ASTNode loop, Predicate<MethodInvocation> harmless) {
        return uses(value, loop, harmless, true);
    }

    /**
     * As {@link #uses(Expression, ASTNode, Predicate)}; with {@code captureMatters} false, a
     * harmless use inside a lambda or anonymous class counts as harmless (for thread-safe values).
     */
    static Uses uses(Expression value, ASTNode loop, Predicate<MethodInvocation> harmless, boolean captureMatters) {
        Expression outer = value;
        while (outer.getParent() instanceof ParenthesizedExpression p) {
            outer = p;
        }
        if (outer.getParent() instanceof VariableDeclarationFragment fragment
                && outer.getLocationInParent() == VariableDeclarationFragment.INITIALIZER_PROPERTY) {
            IVariableBinding variable = fragment.resolveBinding();
            if (variable == null) {
                return new Uses(Use.PASSED, "its variable could not be resolved", null, null);
            }
            if (fragment.getParent() instanceof VariableDeclarationExpression declaration) {
                boolean resource = declaration.getParent() instanceof TryStatement;
                return new Uses(resource ? Use.RESOURCE : Use.PASSED, resource
                        ? "it is a try-with-resources resource, closed when its try statement ends"
                        : "it is declared in a for statement's initializer", null, variable);
            }
            if (!(fragment.getParent() instanceof VariableDeclarationStatement declaration)) {
                return new Uses(Use.STORED, "it initialises a field", null, variable);
            }
            if (declaration.fragments().size() != 1 || fragment.getExtraDimensions() != 0) {
                return new Uses(Use.PASSED, "its declaration declares more than one variable", null, variable);
            }
            Uses result = new Uses(Use.HOISTABLE, null, declaration, variable);
            ASTNode scope = declaration.getParent();
            if (!Bindings.writesWithin(scope, variable).isEmpty()) {
                result = result.worse(new Uses(Use.REASSIGNED, "'" + variable.getName() + "' is assigned again", null, null));
            }
            for (SimpleName reference : Bindings.referencesWithin(scope, variable)) {
                if (reference.getLocationInParent() == Assignment.LEFT_HAND_SIDE_PROPERTY) {
                    continue; // a write, counted above
                }
                result = result.worse(useOf(reference, loop, harmless, "'" + variable.getName() + "'", captureMatters));
            }
            return result;
        }
        return useOf(value, loop, harmless, "it", captureMatters);
    }

    private static Uses useOf(Expression occurrence, ASTNode loop, Predicate<MethodInvocation> harmless, String what,
                              boolean captureMatters) {
        Uses use = directUseOf(occurrence, harmless, what);
        if (captureMatters && use.use().ordinal() < Use.CAPTURED.ordinal()) {
            for (ASTNode n = occurrence.getParent(); n != null && n != loop; n = n.getParent()) {
                if (n instanceof LambdaExpression || n instanceof AnonymousClassDeclaration
                        || n instanceof TypeDeclarationStatement) {
                    return new Uses(Use.CAPTURED, what + " is used inside a lambda or class body, which may run on"
                            + " another thread or after the pass", null, null);
                }
            }
        }
        return use;
    }

    private static Uses directUseOf(Expression occurrence, Predicate<MethodInvocation> harmless, String what) {
        Expression e = occurrence;
        while (e.getParent() instanceof ParenthesizedExpression || e.getParent() instanceof CastExpression
                || (e.getParent() instanceof ConditionalExpression && e.getLocationInParent() != ConditionalExpression.EXPRESSION_PROPERTY)) {
            e = (Expression) e.getParent();
        }
        ASTNode parent = e.getParent();
        if (parent instanceof MethodInvocation call && e.getLocationInParent() == MethodInvocation.EXPRESSION_PROPERTY) {
            return harmless.test(call) ? new Uses(Use.HOISTABLE, null, null, null)
                    : new Uses(Use.MUTATED, call.getName().getIdentifier() + "(...) is called on " + what
                    + ", which may change its state", null, null);
        }
        if (parent instanceof MethodInvocation call && e.getLocationInParent() == MethodInvocation.ARGUMENTS_PROPERTY) {
            IMethodBinding binding = call.resolveMethodBinding();
            ITypeBinding receiver = call.getExpression() != null ? call.getExpression().resolveTypeBinding()
                    : binding != null ? binding.getDeclaringClass() : null;
            if (receiver == null || Bindings.isSubtypeOf(receiver, "java.util.Collection")
                    || Bindings.isSubtypeOf(receiver, "java.util.Map")) {
                return new Uses(Use.STORED, what + " is added to a collection", null, null);
            }
            return new Uses(Use.PASSED, what + " is passed to " + call.getName().getIdentifier()
                    + "(...), which might keep or change it", null, null);
        }
        if (parent instanceof ClassInstanceCreation || parent instanceof Assignment || parent instanceof ReturnStatement
                || parent instanceof ArrayInitializer || parent instanceof VariableDeclarationFragment
                || parent instanceof LambdaExpression) {
            return new Uses(Use.STORED, what + " is stored or returned", null, null);
        }
        return new Uses(Use.PASSED, what + " is used as a value (passed on or compared)", null, null);
    }

    /** What the fix needs beyond the uses: how to name and type the new local, and the fix's title. */
    record Spec(Expression value, ASTNode loop, Uses uses, String baseName, Function<FixRewrite, String> typeName,
                String title, String statementInPlaceOfDeclaration, String source) {
    }

    /**
     * The fix that declares the value once before {@code spec.loop()}, or why it cannot: the
     * loop is not in a block, the value declares a checked exception and sits in a try inside
     * the loop (its exceptions would leave that handler), or it reads a variable declared where
     * the new declaration goes.
     */
    static Plan plan(Spec spec) {
        Statement anchor = anchorOf(spec.loop());
        if (anchor == null || !(anchor.getParent() instanceof Block block)) {
            return Plan.no("the loop is not directly inside a block, so no declaration can be added before it");
        }
        for (ASTNode n = spec.value().getParent(); n != null && n != spec.loop() && declaresCheckedException(spec.value());
             n = n.getParent()) {
            if (n instanceof TryStatement || n instanceof CatchClause) {
                return Plan.no("it is created inside a try statement within the loop: created before the loop,"
                        + " its exceptions would no longer reach that handler");
            }
        }
        String declaredInside = localDeclaredWithin(spec.value(), anchor);
        if (declaredInside != null) {
            return Plan.no("it reads '" + declaredInside + "', which is declared in the same statement as the loop");
        }
        BodyDeclaration body = enclosingBody(spec.value());
        if (body == null) {
            return Plan.no("it is not inside a method");
        }
        VariableDeclarationStatement declaration = spec.uses().declaration();
        if (declaration != null && !(declaration.getParent() instanceof Block)) {
            return Plan.no("it is declared directly in a switch statement");
        }
        if (declaration != null) {
            IVariableBinding variable = spec.uses().variable();
            VariableDeclarationFragment fragment = (VariableDeclarationFragment) declaration.fragments().get(0);
            boolean clash = nameUsedOtherwise(body, variable);
            String name = clash ? FixRewrite.freshName(variable.getName(), body) : variable.getName();
            int start = declaration.getStartPosition();
            int nameStart = fragment.getName().getStartPosition();
            int nameEnd = nameStart + fragment.getName().getLength();
            String text = spec.source().substring(start, nameStart) + name
                    + spec.source().substring(nameEnd, start + declaration.getLength());
            List<SimpleName> references = clash ? Bindings.referencesWithin(declaration.getParent(), variable) : List.of();
            String inPlace = spec.statementInPlaceOfDeclaration() == null ? null
                    : spec.statementInPlaceOfDeclaration().replace("$", name);
            return new Plan(Fix.of(dev.perflens.engine.fix.FixKind.REORDER_STATEMENTS, spec.title(), fix -> {
                ASTRewrite rewrite = fix.rewrite();
                AST ast = fix.ast();
                rewrite.getListRewrite(block, Block.STATEMENTS_PROPERTY).insertBefore(
                        rewrite.createStringPlaceholder(text, ASTNode.VARIABLE_DECLARATION_STATEMENT), anchor, null);
                if (inPlace != null) {
                    rewrite.replace(declaration, rewrite.createStringPlaceholder(inPlace, ASTNode.EXPRESSION_STATEMENT), null);
                } else {
                    rewrite.remove(declaration, null);
                }
                for (SimpleName reference : references) {
                    rewrite.replace(reference, ast.newSimpleName(name), null);
                }
            }), null);
        }
        Expression value = spec.value();
        String valueText = spec.source().substring(value.getStartPosition(), value.getStartPosition() + value.getLength());
        return new Plan(Fix.of(dev.perflens.engine.fix.FixKind.INTRODUCE_LOCAL, spec.title(), fix -> {
            ASTRewrite rewrite = fix.rewrite();
            String name = FixRewrite.freshName(spec.baseName(), body);
            ListRewrite statements = rewrite.getListRewrite(block, Block.STATEMENTS_PROPERTY);
            statements.insertBefore(rewrite.createStringPlaceholder(spec.typeName().apply(fix) + " " + name + " = "
                    + valueText + ";", ASTNode.VARIABLE_DECLARATION_STATEMENT), anchor, null);
            rewrite.replace(value, fix.ast().newSimpleName(name), null);
        }), null);
    }

    /**
     * True when the call or constructor declares a checked exception: moved out of a try in the
     * loop, it would no longer be handled there (and might not compile). The values hoisted here
     * are otherwise proven not to throw, so a try around them does not matter.
     */
    private static boolean declaresCheckedException(Expression value) {
        IMethodBinding binding = value instanceof MethodInvocation call ? call.resolveMethodBinding()
                : value instanceof ClassInstanceCreation creation ? creation.resolveConstructorBinding() : null;
        if (binding == null) {
            return true;
        }
        for (ITypeBinding exception : binding.getExceptionTypes()) {
            if (!Bindings.isSubtypeOf(exception, "java.lang.RuntimeException") && !Bindings.isSubtypeOf(exception, "java.lang.Error")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why {@code value} runs only on some passes of {@code loop} (it sits in a branch of an if,
     * switch, ?:, && or || inside the loop, or in a catch), or null when it runs on every pass
     * that gets there. Hoisted before the loop, such a value would be created even when the
     * branch is never taken: more often than now, not less.
     */
    static String conditionalWithin(ASTNode value, ASTNode loop) {
        for (ASTNode child = value, n = value.getParent(); n != null && n != loop; child = n, n = n.getParent()) {
            StructuralPropertyDescriptor location = child.getLocationInParent();
            boolean branch = n instanceof IfStatement && location != IfStatement.EXPRESSION_PROPERTY
                    || n instanceof SwitchStatement && location != SwitchStatement.EXPRESSION_PROPERTY
                    || n instanceof SwitchExpression && location != SwitchExpression.EXPRESSION_PROPERTY
                    || n instanceof ConditionalExpression && location != ConditionalExpression.EXPRESSION_PROPERTY
                    || n instanceof InfixExpression infix && location != InfixExpression.LEFT_OPERAND_PROPERTY
                    && (infix.getOperator() == InfixExpression.Operator.CONDITIONAL_AND
                    || infix.getOperator() == InfixExpression.Operator.CONDITIONAL_OR)
                    || n instanceof CatchClause;
            if (branch) {
                return "it is created only on some passes (inside a branch within the loop): created before the loop,"
                        + " it would be built even when that branch is never taken";
            }
        }
        return null;
    }

    /** The statement before which a declaration runs once before the loop: the loop (with its labels), or the statement holding a forEach call. */
    static Statement anchorOf(ASTNode loop) {
        ASTNode n = loop;
        while (n != null && !(n instanceof Statement)) {
            n = n.getParent();
        }
        while (n != null && n.getParent() instanceof LabeledStatement labeled) {
            n = labeled;
        }
        return (Statement) n;
    }

    private static String localDeclaredWithin(Expression value, ASTNode anchor) {
        String[] found = new String[1];
        value.accept(new ASTVisitor() {
            @Override
            public boolean visit(SimpleName node) {
                IBinding binding = node.resolveBinding();
                if (binding instanceof IVariableBinding variable && !variable.isField()
                        && node.getRoot() instanceof org.eclipse.jdt.core.dom.CompilationUnit unit) {
                    ASTNode declaration = unit.findDeclaringNode(variable.getVariableDeclaration());
                    if (declaration == null || Loops.contains(anchor, declaration)) {
                        found[0] = variable.getName();
                    }
                }
                return true;
            }
        });
        return found[0];
    }

    /** True when the variable's name also names another variable, a field or a type in the body (method names do not clash). */
    private static boolean nameUsedOtherwise(BodyDeclaration body, IVariableBinding variable) {
        boolean[] used = new boolean[1];
        IVariableBinding target = variable.getVariableDeclaration();
        body.accept(new ASTVisitor() {
            @Override
            public boolean visit(SimpleName node) {
                if (node.getIdentifier().equals(variable.getName())) {
                    IBinding binding = node.resolveBinding();
                    used[0] |= binding == null || binding instanceof ITypeBinding
                            || (binding instanceof IVariableBinding v && !v.getVariableDeclaration().isEqualTo(target));
                }
                return true;
            }
        });
        return used[0];
    }

    static BodyDeclaration enclosingBody(ASTNode node) {
        for (ASTNode n = node; n != null; n = n.getParent()) {
            if (n instanceof BodyDeclaration body) {
                return body;
            }
        }
        return null;
    }

    /** The text of {@code node} in {@code source}. */
    static String text(String source, ASTNode node) {
        return source.substring(node.getStartPosition(), node.getStartPosition() + node.getLength());
    }
}
