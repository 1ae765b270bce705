package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.rule.NodeHandlers;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ArrayAccess;
import org.eclipse.jdt.core.dom.ArrayCreation;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.CastExpression;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.NullLiteral;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;
import org.eclipse.jdt.core.dom.PostfixExpression;
import org.eclipse.jdt.core.dom.PrefixExpression;
import org.eclipse.jdt.core.dom.PrimitiveType;
import org.eclipse.jdt.core.dom.ReturnStatement;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.SuperMethodInvocation;
import org.eclipse.jdt.core.dom.SwitchStatement;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;

/**
 * A local of wrapper type ({@code Integer sum = 0}) updated arithmetically in a loop unboxes,
 * computes and boxes a new object on every update. A primitive local does the same arithmetic
 * without allocating.
 */
@PerfRule(
        id = "boxed-accumulator",
        summary = "A local of wrapper type (Integer, Long, Double, ...) updated arithmetically in a loop: a new box per update",
        severity = Severity.WARNING,
        category = Category.OBJECTS,
        complexityBefore = "O(n) wrapper allocations",
        complexityAfter = "no allocation",
        hasFix = true)
public final class BoxedAccumulatorRule implements Rule {
    /** Byte is left out: Byte.valueOf caches all 256 values, so boxing one never allocates. */
    private static final Map<String, PrimitiveType.Code> PRIMITIVES = Map.of(
            "java.lang.Integer", PrimitiveType.INT, "java.lang.Long", PrimitiveType.LONG,
            "java.lang.Short", PrimitiveType.SHORT, "java.lang.Character", PrimitiveType.CHAR, "java.lang.Float", PrimitiveType.FLOAT,
            "java.lang.Double", PrimitiveType.DOUBLE);

    @Override
    public void register(NodeHandlers handlers) {
        handlers.on(VariableDeclarationFragment.class, this::visit);
    }

    private void visit(VariableDeclarationFragment fragment, RuleContext context) {
        if (!(fragment.getParent() instanceof VariableDeclarationStatement statement)) {
            return;
        }
        IVariableBinding variable = fragment.resolveBinding();
        if (variable == null || variable.getType() == null) {
            return;
        }
        PrimitiveType.Code primitive = PRIMITIVES.get(variable.getType().getErasure().getQualifiedName());
        if (primitive == null) {
            return;
        }
        ASTNode scope = statement.getParent();
        List<Expression> writes = Bindings.writesWithin(scope, variable);
        Expression firstLoopUpdate = null;
        ASTNode loop = null;
        for (Expression write : writes) {
            Optional<ASTNode> enclosing = Loops.enclosingLoop(write);
            if (isArithmeticUpdate(write, variable) && enclosing.isPresent() && !Loops.contains(enclosing.get(), fragment)) {
                firstLoopUpdate = write;
                loop = enclosing.get();
                break;
            }
        }
        if (firstLoopUpdate == null) {
            return;
        }
        String name = variable.getName();
        String wrapper = variable.getType().getErasure().getName();
        String cache = switch (wrapper) {
            case "Double", "Float" -> "";
            case "Character" -> " (only values 0 to 127 come from a cache)";
            default -> " (only values from -128 to 127 come from a cache)";
        };
        String message = "'" + name + "' is a " + wrapper + " updated inside a " + Loops.describe(loop) + ": every update"
                + " unboxes it, computes, and boxes the result into a new " + wrapper + " object" + cache
                + ", an allocation per pass that escape analysis removes only sometimes. Declare it as " + primitive + ".";
        Confidence confidence = Confidence.high("'" + name + "' resolved to java.lang." + wrapper
                + ", updated arithmetically inside the loop and declared outside it");
        String whyNot = whyNoFix(statement, fragment, variable, writes, context.compilationUnit());
        if (whyNot != null) {
            context.reportWithoutFix(firstLoopUpdate, message, confidence, whyNot);
            return;
        }
        context.report(firstLoopUpdate, message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.CHANGE_LOCAL_TYPE, "Declare '" + name + "' as " + primitive,
                rewrite -> rewrite.rewrite().replace(statement.getType(), rewrite.ast().newPrimitiveType(primitive), null)));
    }

    /** {@code x += ..}, {@code x++}, {@code x = x * ..}: arithmetic on the variable's own value. */
    private static boolean isArithmeticUpdate(Expression write, IVariableBinding variable) {
        if (write instanceof PostfixExpression || write instanceof PrefixExpression) {
            return true;
        }
        if (!(write instanceof Assignment assignment)) {
            return false;
        }
        if (assignment.getOperator() != Assignment.Operator.ASSIGN) {
            return true;
        }
        if (!(Bindings.unwrap(assignment.getRightHandSide()) instanceof InfixExpression infix)
                || infix.resolveTypeBinding() == null || !infix.resolveTypeBinding().isPrimitive()) {
            return false;
        }
        List<Expression> operands = new ArrayList<>(List.of(infix.getLeftOperand(), infix.getRightOperand()));
        for (Object extended : infix.extendedOperands()) {
            operands.add((Expression) extended);
        }
        return operands.stream().anyMatch(operand -> {
            IVariableBinding v = Bindings.variable(operand);
            return v != null && v.isEqualTo(variable);
        });
    }

    private static String whyNoFix(VariableDeclarationStatement statement, VariableDeclarationFragment fragment,
                                   IVariableBinding variable, List<Expression> writes, CompilationUnit unit) {
        String name = variable.getName();
        if (statement.fragments().size() != 1) {
            return "the declaration also declares other variables";
        }
        if (statement.getType().isVar() || !statement.modifiers().stream().allMatch(m -> m instanceof org.eclipse.jdt.core.dom.Modifier)) {
            return "the declaration uses var or carries an annotation";
        }
        if (fragment.getInitializer() != null && !NonNull.provably(fragment.getInitializer())) {
            return "'" + name + "' starts from '" + fragment.getInitializer() + "', which may be null: unboxing it at the"
                    + " declaration would move the NullPointerException";
        }
        for (Expression write : writes) {
            if (write instanceof Assignment assignment && assignment.getOperator() == Assignment.Operator.ASSIGN
                    && !NonNull.provably(assignment.getRightHandSide())) {
                return "'" + name + "' is assigned '" + assignment.getRightHandSide() + "', which may be null";
            }
            if (!(write.getParent() instanceof ExpressionStatement) && !(write.getParent() instanceof ForStatement)) {
                return "the value of an update of '" + name + "' is used, and its type would change";
            }
        }
        List<SimpleName> boxedUses = new ArrayList<>();
        for (SimpleName reference : Bindings.referencesWithin(statement.getParent(), variable)) {
            if (isWriteTarget(reference)) {
                continue;
            }
            Use use = classify(reference);
            if (use.problem() != null) {
                return "'" + name + "' " + use.problem() + " (line " + unit.getLineNumber(reference.getStartPosition()) + ")";
            }
            if (use.boxed()) {
                boxedUses.add(reference);
            }
        }
        if (boxedUses.size() > 1 || boxedUses.size() == 1 && Loops.enclosingLoop(boxedUses.get(0)).isPresent()) {
            return "'" + name + "' is used as an object more than once (line "
                    + unit.getLineNumber(boxedUses.get(0).getStartPosition()) + "): as a primitive it would be boxed"
                    + " anew at each use, so those uses would no longer share one object";
        }
        return null;
    }

    private static boolean isWriteTarget(SimpleName reference) {
        ASTNode parent = reference.getParent();
        return parent instanceof Assignment assignment && reference.getLocationInParent() == Assignment.LEFT_HAND_SIDE_PROPERTY
                || parent instanceof PostfixExpression
                || parent instanceof PrefixExpression prefix && (prefix.getOperator() == PrefixExpression.Operator.INCREMENT
                || prefix.getOperator() == PrefixExpression.Operator.DECREMENT);
    }

    /** What a read of the variable becomes once it is a primitive: unchanged, boxed once, or a problem. */
    private record Use(boolean boxed, String problem) {
        static final Use SAME = new Use(false, null);
        static final Use BOXED = new Use(true, null);

        static Use problem(String why) {
            return new Use(false, why);
        }
    }

    private static Use classify(SimpleName reference) {
        ASTNode child = reference;
        ASTNode parent = reference.getParent();
        while (parent instanceof ParenthesizedExpression) {
            child = parent;
            parent = parent.getParent();
        }
        var location = child.getLocationInParent();
        if (parent instanceof InfixExpression infix) {
            if (infix.getOperator() == InfixExpression.Operator.EQUALS || infix.getOperator() == InfixExpression.Operator.NOT_EQUALS) {
                List<Expression> others = new ArrayList<>(List.of(infix.getLeftOperand(), infix.getRightOperand()));
                others.remove(child);
                for (Object extended : infix.extendedOperands()) {
                    others.add((Expression) extended);
                }
                for (Expression other : others) {
                    ITypeBinding type = other.resolveTypeBinding();
                    if (other instanceof NullLiteral || type == null || !type.isPrimitive()) {
                        return Use.problem("is compared with == or != to an object, which compares identity today");
                    }
                }
            }
            return Use.SAME; // arithmetic, comparison or string concatenation: the same value either way
        }
        if (parent instanceof PrefixExpression) {
            return Use.SAME;
        }
        if (parent instanceof Assignment assignment && location == Assignment.RIGHT_HAND_SIDE_PROPERTY) {
            if (assignment.getOperator() != Assignment.Operator.ASSIGN) {
                return Use.SAME;
            }
            return primitiveOrBoxed(assignment.getLeftHandSide().resolveTypeBinding());
        }
        if (parent instanceof VariableDeclarationFragment other && location == VariableDeclarationFragment.INITIALIZER_PROPERTY) {
            IVariableBinding target = other.resolveBinding();
            return target == null ? Use.problem("initialises a variable that could not be resolved")
                    : primitiveOrBoxed(target.getType());
        }
        if (parent instanceof ArrayAccess && location == ArrayAccess.INDEX_PROPERTY || parent instanceof ArrayCreation
                || parent instanceof SwitchStatement) {
            return Use.SAME;
        }
        if (parent instanceof CastExpression cast) {
            return primitiveOrBoxed(cast.getType().resolveBinding());
        }
        if (parent instanceof ReturnStatement) {
            return returnUse(parent);
        }
        if (parent instanceof MethodInvocation call && location == MethodInvocation.ARGUMENTS_PROPERTY) {
            return argumentUse(call.resolveMethodBinding(), call.arguments().indexOf(child), call.arguments().size(),
                    call.getName().getIdentifier());
        }
        if (parent instanceof ClassInstanceCreation creation && location == ClassInstanceCreation.ARGUMENTS_PROPERTY) {
            return argumentUse(creation.resolveConstructorBinding(), creation.arguments().indexOf(child),
                    creation.arguments().size(), "new " + creation.getType());
        }
        if (parent instanceof SuperMethodInvocation call && location == SuperMethodInvocation.ARGUMENTS_PROPERTY) {
            return argumentUse(call.resolveMethodBinding(), call.arguments().indexOf(child), call.arguments().size(),
                    call.getName().getIdentifier());
        }
        if (parent instanceof MethodInvocation call && location == MethodInvocation.EXPRESSION_PROPERTY) {
            return Use.problem("is used as an object (." + call.getName() + "(...))");
        }
        return Use.problem("is used in a way whose meaning could change with a primitive type");
    }

    private static Use primitiveOrBoxed(ITypeBinding target) {
        if (target == null) {
            return Use.problem("is stored where the type could not be resolved");
        }
        return target.isPrimitive() ? Use.SAME : Use.BOXED;
    }

    private static Use returnUse(ASTNode returnStatement) {
        for (ASTNode n = returnStatement.getParent(); n != null; n = n.getParent()) {
            if (n instanceof LambdaExpression) {
                return Use.problem("is returned from a lambda, whose inferred type could change");
            }
            if (n instanceof MethodDeclaration method) {
                IMethodBinding binding = method.resolveBinding();
                return binding == null ? Use.problem("is returned from a method that could not be resolved")
                        : primitiveOrBoxed(binding.getReturnType());
            }
            if (n instanceof BodyDeclaration) {
                break;
            }
        }
        return Use.problem("is returned from code Perflens does not follow");
    }

    /**
     * An argument keeps its meaning when the same method is chosen for a primitive argument:
     * the method is the only one of its name and arity, every candidate takes only primitives
     * (then unboxing first and passing the primitive select alike), or it turns the value into
     * text the same way for both (String.valueOf, print, append).
     */
    private static Use argumentUse(IMethodBinding binding, int index, int arity, String name) {
        if (binding == null) {
            return Use.problem("is passed to " + name + "(...), which could not be resolved");
        }
        IMethodBinding method = binding.getMethodDeclaration();
        ITypeBinding[] parameters = method.getParameterTypes();
        if (method.isVarargs() && index >= parameters.length - 1) {
            return Use.problem("is passed as a variable argument of " + name + "(...)");
        }
        if (isTextSink(method)) {
            return Use.SAME;
        }
        List<IMethodBinding> candidates = candidates(method, arity);
        boolean allPrimitive = candidates.stream().allMatch(candidate -> {
            for (ITypeBinding parameter : candidate.getParameterTypes()) {
                if (!parameter.isPrimitive()) {
                    return false;
                }
            }
            return true;
        });
        if (candidates.size() > 1 && !allPrimitive) {
            return Use.problem("is passed to the overloaded " + name + "(...), where a primitive could select another"
                    + " overload");
        }
        return parameters[index].isPrimitive() ? Use.SAME : Use.BOXED;
    }

    private static boolean isTextSink(IMethodBinding method) {
        ITypeBinding owner = method.getDeclaringClass();
        String name = method.getName();
        return Bindings.is(owner, "java.lang.String") && name.equals("valueOf")
                || Bindings.is(owner, "java.io.PrintStream") && (name.equals("print") || name.equals("println"))
                || (Bindings.is(owner, "java.lang.StringBuilder") || Bindings.is(owner, "java.lang.StringBuffer")
                || Bindings.is(owner, "java.lang.AbstractStringBuilder")) && name.equals("append");
    }

    /** Methods of the same name that could apply to {@code arity} arguments, in the type and its supertypes. */
    private static List<IMethodBinding> candidates(IMethodBinding method, int arity) {
        List<IMethodBinding> result = new ArrayList<>();
        collect(method.getDeclaringClass(), method, arity, result, new ArrayList<>());
        return result;
    }

    private static void collect(ITypeBinding type, IMethodBinding method, int arity, List<IMethodBinding> into,
                                List<ITypeBinding> seen) {
        if (type == null || seen.stream().anyMatch(t -> t.isEqualTo(type.getErasure()))) {
            return;
        }
        seen.add(type.getErasure());
        for (IMethodBinding candidate : type.getErasure().getDeclaredMethods()) {
            int parameters = candidate.getParameterTypes().length;
            boolean applicable = parameters == arity || candidate.isVarargs() && arity >= parameters - 1;
            if (candidate.getName().equals(method.getName()) && candidate.isConstructor() == method.isConstructor()
                    && applicable && into.stream().noneMatch(known -> known.isEqualTo(candidate) || known.overrides(candidate))) {
                into.add(candidate);
            }
        }
        if (method.isConstructor()) {
            return;
        }
        collect(type.getSuperclass(), method, arity, into, seen);
        for (ITypeBinding superInterface : type.getInterfaces()) {
            collect(superInterface, method, arity, into, seen);
        }
    }
}
