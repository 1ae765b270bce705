package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.ClassInstanceCreationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.Name;
import org.eclipse.jdt.core.dom.NullLiteral;
import org.eclipse.jdt.core.dom.NumberLiteral;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;
import org.eclipse.jdt.core.dom.QualifiedName;
import org.eclipse.jdt.core.dom.StringLiteral;
import org.eclipse.jdt.core.dom.SynchronizedStatement;
import org.eclipse.jdt.core.dom.ThisExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;

/**
 * {@code new Integer(..)} and the other wrapper constructors always allocate, where
 * {@code valueOf} may return a cached instance; they are deprecated for removal since JDK 16
 * (JEP 390). {@code new String(s)} copies an immutable string for nothing, and
 * {@code new BigDecimal("0")} builds what {@code BigDecimal.ZERO} already holds.
 */
@PerfRule(
        id = "boxed-constructor",
        summary = "new Integer(..)/new Long(..)/..., new String(String) or new BigDecimal(\"0\"): a new object where a cached or shared one does",
        severity = Severity.INFO,
        category = Category.OBJECTS,
        perCall = true,
        complexityBefore = "one allocation per call",
        complexityAfter = "a cached or shared instance",
        hasFix = true)
public final class BoxedConstructorRule implements Rule, ClassInstanceCreationMatcher {
    private static final Map<String, String> BIG_CONSTANTS = Map.of("0", "ZERO", "1", "ONE", "10", "TEN", "2", "TWO");

    private enum Kind { WRAPPER, STRING, BIG }

    @Override
    public void matchClassInstanceCreation(ClassInstanceCreation node, RuleContext context) {
        if (node.getAnonymousClassDeclaration() != null || node.getExpression() != null || node.arguments().size() != 1) {
            return;
        }
        ITypeBinding type = node.resolveTypeBinding();
        IMethodBinding constructor = node.resolveConstructorBinding();
        if (type == null || constructor == null || initialisesStaticFinalField(node)) {
            return;
        }
        Expression argument = (Expression) node.arguments().get(0);
        String typeName = type.getErasure().getQualifiedName();
        String simple = type.getErasure().getName();
        Kind kind;
        String constant = null;
        if (LocalEscapes.isBoxed(type)) {
            kind = Kind.WRAPPER;
        } else if (typeName.equals("java.lang.String")
                && Bindings.is(constructor.getParameterTypes()[0], "java.lang.String")) {
            if (!usedAsValueOnly(node)) {
                return; // new String(s) kept, passed on or returned is the idiom for a distinct sentinel object
            }
            kind = Kind.STRING;
        } else if ((constant = bigConstant(type, constructor, argument)) != null) {
            kind = Kind.BIG;
        } else {
            return;
        }
        String message = switch (kind) {
            case WRAPPER -> "new " + simple + "(...) always allocates a new object; " + simple + ".valueOf"
                    + (simple.equals("Double") || simple.equals("Float")
                    ? " lets the JDK choose (it caches no " + simple + " values today, so the gain is small)"
                    : " returns a cached instance" + switch (simple) {
                        case "Boolean", "Byte" -> " for every value";
                        case "Character" -> " for values 0 to 127";
                        default -> " for values -128 to 127";
                    })
                    + ". The constructor is deprecated for removal since JDK 16 (JEP 390). Use " + simple + ".valueOf(...).";
            case STRING -> "new String(String) copies a string, which is immutable: the copy only costs an allocation."
                    + " Use the original string.";
            case BIG -> "new " + simple + "(" + argument + ") builds a new object equal to the shared constant "
                    + simple + "." + constant + ". Use " + simple + "." + constant + ".";
        };
        boolean noCache = simple.equals("Double") || simple.equals("Float");
        Confidence confidence = kind == Kind.WRAPPER && noCache
                ? Confidence.medium("constructor resolved to " + typeName + "; valueOf caches no " + simple + " values today")
                : Confidence.high("constructor resolved to " + typeName + "(" + constructor.getParameterTypes()[0].getName() + ")");
        String whyNot = whyNoFix(kind, node, constructor, argument);
        if (whyNot != null) {
            context.reportWithoutFix(node, message, confidence, whyNot);
            return;
        }
        String title = switch (kind) {
            case WRAPPER -> "Use " + simple + ".valueOf";
            case STRING -> "Use the string itself";
            case BIG -> "Use " + simple + "." + constant;
        };
        String fixedConstant = constant;
        context.report(node, message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.REPLACE_EXPRESSION, title, rewrite -> apply(rewrite, kind, node, fixedConstant)));
    }

    /**
     * The value of a static final field: made once per class, so the allocation costs nothing,
     * and a distinct object there is usually the point (a sentinel compared with == elsewhere).
     * The type is checked by binding above, so a nested class named Integer never gets here.
     */
    private static boolean initialisesStaticFinalField(ClassInstanceCreation node) {
        ASTNode child = node;
        ASTNode parent = node.getParent();
        while (parent instanceof ParenthesizedExpression) {
            child = parent;
            parent = parent.getParent();
        }
        IVariableBinding variable = null;
        if (parent instanceof VariableDeclarationFragment fragment
                && child.getLocationInParent() == VariableDeclarationFragment.INITIALIZER_PROPERTY) {
            variable = fragment.resolveBinding();
        } else if (parent instanceof Assignment assignment && child.getLocationInParent() == Assignment.RIGHT_HAND_SIDE_PROPERTY
                && assignment.getOperator() == Assignment.Operator.ASSIGN) {
            variable = Bindings.variable(assignment.getLeftHandSide());
        }
        return variable != null && variable.isField()
                && Modifier.isStatic(variable.getModifiers()) && Modifier.isFinal(variable.getModifiers());
    }

    /** ZERO/ONE/TWO/TEN for new BigInteger("0"), new BigDecimal("1"), new BigDecimal(10); null otherwise. */
    private static String bigConstant(ITypeBinding type, IMethodBinding constructor, Expression argument) {
        boolean bigInteger = Bindings.is(type, "java.math.BigInteger");
        boolean bigDecimal = Bindings.is(type, "java.math.BigDecimal");
        if (!bigInteger && !bigDecimal) {
            return null;
        }
        ITypeBinding parameter = constructor.getParameterTypes()[0];
        Expression e = Bindings.unwrap(argument);
        String value;
        if (e instanceof StringLiteral literal && Bindings.is(parameter, "java.lang.String")) {
            value = literal.getLiteralValue();
        } else if (bigDecimal && e instanceof NumberLiteral number
                && (parameter.getName().equals("int") || parameter.getName().equals("long"))) {
            value = number.getToken().replaceAll("[lL]$", "");
        } else {
            return null;
        }
        String constant = BIG_CONSTANTS.get(value);
        if (constant == null) {
            return null;
        }
        for (IVariableBinding field : type.getErasure().getDeclaredFields()) {
            if (field.getName().equals(constant) && Modifier.isStatic(field.getModifiers())
                    && Modifier.isPublic(field.getModifiers())) {
                return constant; // BigDecimal.TWO exists only since JDK 19, BigInteger.TWO since 9
            }
        }
        return null;
    }

    /**
     * Whether the copy is only ever read for its characters: called on, concatenated, or
     * handed to String/StringBuilder methods, directly or through a local variable. A copy
     * that is stored in a field, passed to other code, returned or compared may be meant as
     * an object distinct from every other string (a sentinel), which the rule cannot judge.
     */
    private static boolean usedAsValueOnly(ClassInstanceCreation node) {
        ASTNode child = node;
        ASTNode parent = node.getParent();
        while (parent instanceof ParenthesizedExpression) {
            child = parent;
            parent = parent.getParent();
        }
        if (parent instanceof VariableDeclarationFragment fragment
                && child.getLocationInParent() == VariableDeclarationFragment.INITIALIZER_PROPERTY
                && fragment.getParent() instanceof org.eclipse.jdt.core.dom.VariableDeclarationStatement statement) {
            IVariableBinding local = fragment.resolveBinding();
            if (local == null) {
                return false;
            }
            for (Name reference : Bindings.referencesWithin(statement.getParent(), local)) {
                ASTNode c = reference;
                ASTNode p = reference.getParent();
                while (p instanceof ParenthesizedExpression) {
                    c = p;
                    p = p.getParent();
                }
                if (!isValueUse(c, p)) {
                    return false;
                }
            }
            return true;
        }
        return isValueUse(child, parent);
    }

    private static boolean isValueUse(ASTNode child, ASTNode parent) {
        if (parent instanceof MethodInvocation call && child.getLocationInParent() == MethodInvocation.EXPRESSION_PROPERTY) {
            return true;
        }
        if (parent instanceof InfixExpression infix && infix.getOperator() == InfixExpression.Operator.PLUS) {
            return Bindings.is(infix.resolveTypeBinding(), "java.lang.String");
        }
        if (parent instanceof MethodInvocation call && child.getLocationInParent() == MethodInvocation.ARGUMENTS_PROPERTY) {
            IMethodBinding binding = call.resolveMethodBinding();
            ITypeBinding owner = binding == null ? null : binding.getDeclaringClass();
            return Bindings.is(owner, "java.lang.String") || Bindings.is(owner, "java.lang.StringBuilder")
                    || Bindings.is(owner, "java.lang.StringBuffer") || Bindings.is(owner, "java.lang.AbstractStringBuilder")
                    || Bindings.is(owner, "java.io.PrintStream");
        }
        return false;
    }

    private static String whyNoFix(Kind kind, ClassInstanceCreation node, IMethodBinding constructor, Expression argument) {
        if (kind == Kind.WRAPPER && Bindings.is(node.resolveTypeBinding(), "java.lang.Float")
                && constructor.getParameterTypes()[0].getName().equals("double")) {
            return "new Float(double) has no valueOf counterpart; write Float.valueOf((float) x)";
        }
        if (kind == Kind.STRING && !NonNull.provably(argument)) {
            return "'" + argument + "' may be null: new String(null) throws NullPointerException, the string itself would not";
        }
        return identityUse(node);
    }

    /**
     * Where the new object's identity is visibly relied on: compared with == or !=, used as a
     * lock, or kept in a variable that is, or in a non-private field (compared who knows where).
     */
    private static String identityUse(ClassInstanceCreation node) {
        ASTNode child = node;
        ASTNode parent = node.getParent();
        while (parent instanceof ParenthesizedExpression) {
            child = parent;
            parent = parent.getParent();
        }
        if (isIdentityUse(child, parent)) {
            return "the new object is compared with == or used as a lock, and a shared instance would change that";
        }
        IVariableBinding variable = null;
        if (parent instanceof VariableDeclarationFragment fragment && child.getLocationInParent() == VariableDeclarationFragment.INITIALIZER_PROPERTY) {
            variable = fragment.resolveBinding();
        } else if (parent instanceof Assignment assignment && child.getLocationInParent() == Assignment.RIGHT_HAND_SIDE_PROPERTY) {
            variable = Bindings.variable(assignment.getLeftHandSide());
        }
        if (variable == null) {
            return null;
        }
        if (variable.isField() && !Modifier.isPrivate(variable.getModifiers())) {
            return "it is stored in the non-private field '" + variable.getName()
                    + "', whose identity other code may compare (a distinct object is sometimes meant as a sentinel)";
        }
        CompilationUnit unit = (CompilationUnit) node.getRoot();
        ASTNode scope = variable.isField() ? unit : unit.findDeclaringNode(variable.getVariableDeclaration());
        if (scope == null) {
            return "the declaration of '" + variable.getName() + "' was not found";
        }
        if (!variable.isField()) {
            scope = scope.getParent() == null ? scope : scope.getParent().getParent();
        }
        for (Name reference : Bindings.referencesWithin(scope, variable)) {
            ASTNode c = reference.getParent() instanceof FieldAccess || reference.getParent() instanceof QualifiedName
                    ? reference.getParent() : reference;
            ASTNode p = c.getParent();
            while (p instanceof ParenthesizedExpression) {
                c = p;
                p = p.getParent();
            }
            if (isIdentityUse(c, p)) {
                return "'" + variable.getName() + "' is compared with == or used as a lock, and a shared instance"
                        + " would change that";
            }
        }
        return null;
    }

    private static boolean isIdentityUse(ASTNode child, ASTNode parent) {
        if (parent instanceof SynchronizedStatement) {
            return true;
        }
        if (parent instanceof InfixExpression infix && (infix.getOperator() == InfixExpression.Operator.EQUALS
                || infix.getOperator() == InfixExpression.Operator.NOT_EQUALS)) {
            Expression other = infix.getLeftOperand() == child ? infix.getRightOperand() : infix.getLeftOperand();
            ITypeBinding otherType = other.resolveTypeBinding();
            return !(other instanceof NullLiteral) && (otherType == null || !otherType.isPrimitive()
                    || !infix.extendedOperands().isEmpty());
        }
        return false;
    }

    private static void apply(FixRewrite fix, Kind kind, ClassInstanceCreation node, String constant) {
        ASTRewrite rewrite = fix.rewrite();
        String typeText = node.getType().toString();
        switch (kind) {
            case WRAPPER -> {
                MethodInvocation valueOf = fix.ast().newMethodInvocation();
                valueOf.setExpression(fix.ast().newName(typeText));
                valueOf.setName(fix.ast().newSimpleName("valueOf"));
                @SuppressWarnings("unchecked")
                List<Expression> arguments = valueOf.arguments();
                arguments.add((Expression) rewrite.createCopyTarget((ASTNode) node.arguments().get(0)));
                rewrite.replace(node, valueOf, null);
            }
            case STRING -> {
                Expression original = Bindings.unwrap((Expression) node.arguments().get(0));
                boolean primary = original instanceof Name || original instanceof StringLiteral
                        || original instanceof MethodInvocation || original instanceof FieldAccess
                        || original instanceof ThisExpression || original instanceof org.eclipse.jdt.core.dom.TextBlock;
                Expression copy = (Expression) rewrite.createCopyTarget(original);
                if (!primary && !(node.getParent() instanceof VariableDeclarationFragment)
                        && !(node.getParent() instanceof Assignment)) {
                    ParenthesizedExpression parenthesized = fix.ast().newParenthesizedExpression();
                    parenthesized.setExpression(copy);
                    copy = parenthesized;
                }
                rewrite.replace(node, copy, null);
            }
            case BIG -> rewrite.replace(node, fix.ast().newName(typeText + "." + constant), null);
        }
    }
}
