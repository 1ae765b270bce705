package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ArrayCreation;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.ThisExpression;
import org.eclipse.jdt.core.dom.TypeLiteral;

/**
 * {@code Class.forName} and the {@code getMethod}/{@code getField}/{@code getConstructor}
 * family look a class or member up by name and (for members) return a fresh copy each time.
 * With the same class and name on every pass of a loop, one lookup before the loop does. The
 * fix hoists it when the member provably exists (so the early lookup cannot throw).
 */
@PerfRule(
        id = "reflection-in-loop",
        summary = "Class.forName or a getMethod/getField/getConstructor lookup with the same arguments on every pass of a loop",
        severity = Severity.WARNING,
        category = Category.OBJECTS,
        complexityBefore = "O(n) reflective lookups",
        complexityAfter = "O(1) reflective lookups",
        hasFix = true)
public final class ReflectionInLoopRule implements Rule, MethodInvocationMatcher {
    private static final Set<String> MEMBER_LOOKUPS = Set.of("getMethod", "getDeclaredMethod", "getField",
            "getDeclaredField", "getConstructor", "getDeclaredConstructor");

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        String method = node.getName().getIdentifier();
        if (!method.equals("forName") && !MEMBER_LOOKUPS.contains(method)) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null || !Bindings.is(binding.getDeclaringClass(), "java.lang.Class")) {
            return;
        }
        boolean forName = method.equals("forName");
        if (forName != Modifier.isStatic(binding.getModifiers())) {
            return;
        }
        Optional<ASTNode> innermost = Loops.enclosingLoop(node);
        if (innermost.isEmpty() || !invariantIn(node, innermost.get())) {
            return;
        }
        ASTNode loop = Repetition.outermostRepeating(node, innermost.get(), outer -> invariantIn(node, outer));
        if (loop == null) {
            return; // runs at most once per loop (it returns or breaks right after), or the loop only polls
        }
        @SuppressWarnings("unchecked")
        List<Expression> arguments = node.arguments();
        String what = forName ? "resolves the class by name through its class loader"
                : "searches the class's " + (method.contains("Field") ? "fields" : method.contains("Constructor")
                ? "constructors" : "methods") + " by name and returns a fresh copy of the member";
        String message = "'" + (forName ? "Class.forName" : node.getExpression() + "." + method) + "(...)' " + what
                + " on every pass of the " + Loops.describe(loop) + ", although the class and the name never change there."
                + " Look it up once before the loop and reuse the result.";
        Confidence confidence = Confidence.high("call resolved to java.lang.Class." + method + ", arguments loop-invariant");
        Hoisting.Uses uses = Hoisting.uses(node, loop, ReflectionInLoopRule::harmless);
        String whyNot = uses.use() != Hoisting.Use.HOISTABLE ? uses.detail() : whyNotEarly(node, forName, arguments);
        if (whyNot != null) {
            context.reportWithoutFix(node, message, confidence, whyNot);
            return;
        }
        Hoisting.Plan plan = Hoisting.plan(new Hoisting.Spec(node, loop, uses, baseName(method), typeName(node, context),
                "Look the " + (forName ? "class" : "member") + " up once, before the loop", null, context.source()));
        if (plan.fix() != null) {
            context.report(node, message, confidence, plan.fix());
        } else {
            context.reportWithoutFix(node, message, confidence, plan.whyNot());
        }
    }

    private static boolean invariantIn(MethodInvocation node, ASTNode loop) {
        Expression receiver = node.getExpression();
        boolean receiverInvariant = node.resolveMethodBinding() != null
                && Modifier.isStatic(node.resolveMethodBinding().getModifiers())
                || (receiver != null && (ExpensiveObjects.isInvariant(receiver, loop) || isInvariantGetClass(receiver, loop)));
        return receiverInvariant && node.arguments().stream().allMatch(argument -> isInvariant((Expression) argument, loop));
    }

    private static boolean isInvariant(Expression argument, ASTNode loop) {
        Expression e = Bindings.unwrap(argument);
        if (e instanceof ArrayCreation array && array.getInitializer() != null) {
            return array.getInitializer().expressions().stream().allMatch(element -> isInvariant((Expression) element, loop));
        }
        return ExpensiveObjects.isInvariant(e, loop);
    }

    /** {@code getClass()} on this, or on a variable that does not change in the loop. */
    private static boolean isInvariantGetClass(Expression receiver, ASTNode loop) {
        return Bindings.unwrap(receiver) instanceof MethodInvocation call && call.getName().getIdentifier().equals("getClass")
                && call.arguments().isEmpty() && (call.getExpression() == null
                || call.getExpression() instanceof ThisExpression || Bindings.isLoopInvariant(call.getExpression(), loop));
    }

    /** Members are used as they are; only turning access checks on or off with a varying flag changes them. */
    private static boolean harmless(MethodInvocation call) {
        String name = call.getName().getIdentifier();
        if (name.equals("setAccessible")) {
            return call.arguments().size() == 1 && ((Expression) call.arguments().get(0)).resolveConstantExpressionValue() != null;
        }
        return call.resolveMethodBinding() != null && !Bindings.is(call.resolveMethodBinding().getDeclaringClass(), "java.lang.Object");
    }

    /**
     * Null when the lookup provably succeeds, so doing it before the loop cannot throw where the
     * loop would not have: the class is a class literal, the name a constant, the parameter
     * types class literals, and that member is declared (or, for getMethod/getField, public and inherited).
     */
    private static String whyNotEarly(MethodInvocation node, boolean forName, List<Expression> arguments) {
        if (forName) {
            return "Class.forName may throw ClassNotFoundException and initialises the class: moved before the loop,"
                    + " either would happen earlier";
        }
        String unproven = "Perflens cannot prove that the member exists, and moved before the loop a failing lookup"
                + " would throw even when the loop does not run";
        if (!(Bindings.unwrap(node.getExpression()) instanceof TypeLiteral literal)) {
            return "the class is not a class literal: " + unproven;
        }
        ITypeBinding type = literal.getType().resolveBinding();
        if (type == null || type.isRecovered()) {
            return unproven;
        }
        String method = node.getName().getIdentifier();
        boolean constructor = method.contains("Constructor");
        int first = constructor ? 0 : 1;
        String name = constructor ? null : ExpensiveObjects.constantString(arguments.isEmpty() ? null : arguments.get(0));
        if (!constructor && name == null) {
            return "the member name is not a constant: " + unproven;
        }
        ITypeBinding[] parameters = new ITypeBinding[arguments.size() - first];
        for (int i = first; i < arguments.size(); i++) {
            if (!(Bindings.unwrap(arguments.get(i)) instanceof TypeLiteral parameter)
                    || parameter.getType().resolveBinding() == null) {
                return "the parameter types are not all class literals: " + unproven;
            }
            parameters[i - first] = parameter.getType().resolveBinding();
        }
        boolean declaredOnly = method.startsWith("getDeclared");
        boolean found = method.contains("Field") ? hasField(type, name, declaredOnly)
                : hasMethod(type, constructor, name, parameters, declaredOnly);
        return found ? null : "the member was not found on " + type.getName() + ": " + unproven;
    }

    private static boolean hasField(ITypeBinding type, String name, boolean declaredOnly) {
        if (type == null) {
            return false;
        }
        for (IVariableBinding field : type.getDeclaredFields()) {
            if (field.getName().equals(name)) {
                return declaredOnly || Modifier.isPublic(field.getModifiers());
            }
        }
        if (declaredOnly) {
            return false;
        }
        for (ITypeBinding superInterface : type.getInterfaces()) {
            if (hasField(superInterface, name, false)) {
                return true;
            }
        }
        return hasField(type.getSuperclass(), name, false);
    }

    private static boolean hasMethod(ITypeBinding type, boolean constructor, String name, ITypeBinding[] parameters,
                                     boolean declaredOnly) {
        for (ITypeBinding t = type; t != null; t = t.getSuperclass()) {
            for (IMethodBinding candidate : t.getDeclaredMethods()) {
                if (candidate.isConstructor() == constructor && (constructor || candidate.getName().equals(name))
                        && sameErasures(candidate.getParameterTypes(), parameters)
                        && (declaredOnly || Modifier.isPublic(candidate.getModifiers()))) {
                    return true;
                }
            }
            if (declaredOnly || constructor) {
                return false;
            }
        }
        return false; // public methods inherited only from interfaces: not worth proving, no fix
    }

    private static boolean sameErasures(ITypeBinding[] declared, ITypeBinding[] given) {
        if (declared.length != given.length) {
            return false;
        }
        for (int i = 0; i < declared.length; i++) {
            if (!declared[i].getErasure().getQualifiedName().equals(given[i].getErasure().getQualifiedName())) {
                return false;
            }
        }
        return true;
    }

    private static String baseName(String method) {
        if (method.contains("Field")) {
            return "field";
        }
        return method.contains("Constructor") ? "constructor" : "method";
    }

    private static Function<FixRewrite, String> typeName(MethodInvocation node, RuleContext context) {
        String method = node.getName().getIdentifier();
        if (method.contains("Constructor")) {
            String typeText = Hoisting.text(context.source(), ((TypeLiteral) Bindings.unwrap(node.getExpression())).getType());
            return fix -> fix.importType("java.lang.reflect.Constructor") + "<" + typeText + ">";
        }
        String type = method.contains("Field") ? "java.lang.reflect.Field" : "java.lang.reflect.Method";
        return fix -> fix.importType(type);
    }
}
