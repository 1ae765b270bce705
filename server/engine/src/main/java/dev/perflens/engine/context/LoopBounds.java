package dev.perflens.engine.context;

import dev.perflens.engine.rule.SizeBound;
import dev.perflens.engine.rules.CollectionSizes;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.AbstractTypeDeclaration;
import org.eclipse.jdt.core.dom.AnonymousClassDeclaration;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.DoStatement;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;
import org.eclipse.jdt.core.dom.PostfixExpression;
import org.eclipse.jdt.core.dom.PrefixExpression;
import org.eclipse.jdt.core.dom.QualifiedName;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.StructuralPropertyDescriptor;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.WhileStatement;

/**
 * The loop a spot runs in, and how many passes the code allows it: a counted loop to a constant
 * ({@code i < 8}, {@code attempt < MAX_RETRIES}), a loop over a collection or array whose size
 * the code fixes ({@link CollectionSizes}), or over {@code i < array.length} of such an array.
 * A lambda given to a per-element method (forEach, map, filter, removeIf, a comparator, ...)
 * counts as a loop whose size is that of the data.
 */
final class LoopBounds {
    private static final Set<String> PER_ELEMENT_METHODS = Set.of("forEach", "forEachOrdered", "forEachRemaining",
            "map", "mapToInt", "mapToLong", "mapToDouble", "mapToObj", "flatMap", "filter", "anyMatch", "allMatch",
            "noneMatch", "peek", "removeIf", "replaceAll", "setAll", "parallelSetAll", "takeWhile", "dropWhile",
            "reduce", "sorted", "sort", "max", "min", "comparing", "comparingInt", "comparingLong", "thenComparing",
            "iterate", "generate", "computeIfAbsent", "merge", "compute");

    private LoopBounds() {
    }

    /** The innermost loop (or per-element lambda) in which {@code node} runs once per pass, or null. */
    static ASTNode enclosingLoop(ASTNode node) {
        ASTNode child = node;
        for (ASTNode parent = node.getParent(); parent != null; child = parent, parent = parent.getParent()) {
            if (isLoop(parent) && repeatsPerPass(parent, child.getLocationInParent())) {
                return parent;
            }
            if (parent instanceof LambdaExpression lambda && isPerElement(lambda)) {
                return lambda;
            }
            if (parent instanceof BodyDeclaration || parent instanceof AnonymousClassDeclaration
                    || parent instanceof AbstractTypeDeclaration) {
                return null;
            }
        }
        return null;
    }

    static String describe(ASTNode loop) {
        if (loop instanceof LambdaExpression lambda) {
            return ((MethodInvocation) lambda.getParent()).getName().getIdentifier() + " lambda";
        }
        if (loop instanceof EnhancedForStatement) {
            return "for-each loop";
        }
        if (loop instanceof ForStatement) {
            return "for loop";
        }
        return loop instanceof WhileStatement ? "while loop" : "do-while loop";
    }

    /** How many passes the code allows the loop, or null when it does not say. */
    static SizeBound bound(ASTNode loop, CompilationUnit unit) {
        if (loop instanceof EnhancedForStatement each) {
            SizeBound iterated = CollectionSizes.bound(each.getExpression(), unit);
            return iterated == null ? null : new SizeBound(iterated.size(), iterated.reason());
        }
        if (loop instanceof ForStatement counted) {
            Long start = counted.initializers().size() == 1 ? initialValue(counted.initializers().get(0)) : null;
            return limit(counted.getExpression(), start, unit);
        }
        if (loop instanceof WhileStatement loopWhile) {
            return limit(loopWhile.getExpression(), null, unit);
        }
        if (loop instanceof DoStatement loopDo) {
            return limit(loopDo.getExpression(), null, unit);
        }
        return null;
    }

    /**
     * {@code i < N} / {@code i <= N} / {@code N > i} / {@code i++ < N} with a constant N (or the
     * length/size of a collection of fixed size), counting from {@code start} (the for loop's
     * initialiser, or the counter's declaration for a while loop; 0 when that is unknown but
     * the counter only ever counts up from a non-negative constant).
     */
    private static SizeBound limit(Expression condition, Long forStart, CompilationUnit unit) {
        Expression c = unwrap(condition);
        if (c instanceof InfixExpression both && both.getOperator() == InfixExpression.Operator.CONDITIONAL_AND) {
            // i < 8 && more(): the loop stops at the tightest of its bounds
            java.util.List<Expression> operands = new java.util.ArrayList<>(List.of(both.getLeftOperand(), both.getRightOperand()));
            for (Object extended : both.extendedOperands()) {
                operands.add((Expression) extended);
            }
            SizeBound tightest = null;
            for (Expression operand : operands) {
                SizeBound bound = limit(operand, forStart, unit);
                if (bound != null && (tightest == null || bound.size() < tightest.size())) {
                    tightest = bound;
                }
            }
            return tightest;
        }
        if (!(c instanceof InfixExpression test) || test.hasExtendedOperands()) {
            return null;
        }
        InfixExpression.Operator op = test.getOperator();
        Expression counter;
        Expression limit;
        boolean inclusive;
        if (op == InfixExpression.Operator.LESS || op == InfixExpression.Operator.LESS_EQUALS) {
            counter = test.getLeftOperand();
            limit = test.getRightOperand();
            inclusive = op == InfixExpression.Operator.LESS_EQUALS;
        } else if (op == InfixExpression.Operator.GREATER || op == InfixExpression.Operator.GREATER_EQUALS) {
            counter = test.getRightOperand();
            limit = test.getLeftOperand();
            inclusive = op == InfixExpression.Operator.GREATER_EQUALS;
        } else {
            return null;
        }
        counter = unwrap(counter);
        if (counter instanceof PostfixExpression post) {
            counter = post.getOperand();
        } else if (counter instanceof PrefixExpression pre) {
            counter = pre.getOperand();
        }
        boolean atomic = false;
        if (counter instanceof MethodInvocation read && read.arguments().isEmpty()
                && Set.of("get", "intValue", "longValue", "getPlain", "getAcquire").contains(read.getName().getIdentifier())
                && read.getExpression() != null && unwrap(read.getExpression()) instanceof SimpleName holder
                && holder.resolveTypeBinding() != null
                && Set.of("java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong")
                        .contains(holder.resolveTypeBinding().getQualifiedName())) {
            counter = holder; // readBytes.get() < 8, with readBytes = new AtomicInteger(0)
            atomic = true;
        }
        if (!(counter instanceof SimpleName name) || !(name.resolveBinding() instanceof IVariableBinding variable)) {
            return null;
        }
        Long start = atomic ? atomicStart(variable, unit) : forStart != null ? forStart : declaredStart(variable, unit);
        if (start == null || start < 0) {
            return null;
        }
        Object value = limit.resolveConstantExpressionValue();
        if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
            long passes = n.longValue() - start + (inclusive ? 1 : 0);
            String what = limit instanceof SimpleName || limit instanceof QualifiedName
                    ? "the constant " + limit + " = " + n.longValue() : "the loop's constant bound";
            return passes >= 0 ? new SizeBound(passes, what) : null;
        }
        Expression of = lengthOrSizeOf(limit);
        if (of != null && start == 0) {
            SizeBound size = CollectionSizes.bound(of, unit);
            return size == null ? null : new SizeBound(size.size() + (inclusive ? 1 : 0), size.reason());
        }
        return null;
    }

    /** {@code a} of {@code a.length} or {@code a.size()}. */
    private static Expression lengthOrSizeOf(Expression e) {
        e = unwrap(e);
        if (e instanceof QualifiedName q && q.getName().getIdentifier().equals("length")) {
            return q.getQualifier();
        }
        if (e instanceof FieldAccess f && f.getName().getIdentifier().equals("length")) {
            return f.getExpression();
        }
        if (e instanceof MethodInvocation call && call.getName().getIdentifier().equals("size")
                && call.arguments().isEmpty() && call.getExpression() != null) {
            return call.getExpression();
        }
        return null;
    }

    private static Long declaredStart(IVariableBinding variable, CompilationUnit unit) {
        if (variable.isField() || variable.isParameter() || unit == null) {
            return null;
        }
        ASTNode declaration = unit.findDeclaringNode(variable);
        if (declaration instanceof VariableDeclarationFragment fragment && fragment.getInitializer() != null
                && fragment.getParent() instanceof VariableDeclarationStatement) {
            return constant(fragment.getInitializer());
        }
        return null;
    }

    /** The constant an AtomicInteger/AtomicLong local starts from ({@code new AtomicInteger()} is 0), or null. */
    private static Long atomicStart(IVariableBinding variable, CompilationUnit unit) {
        if (variable.isField() || variable.isParameter() || unit == null
                || !(unit.findDeclaringNode(variable) instanceof VariableDeclarationFragment fragment)
                || !(unwrap(fragment.getInitializer()) instanceof org.eclipse.jdt.core.dom.ClassInstanceCreation creation)) {
            return null;
        }
        return creation.arguments().isEmpty() ? Long.valueOf(0) : constant((Expression) creation.arguments().get(0));
    }

    private static Long initialValue(Object initializer) {
        return dev.perflens.engine.calibration.SizeHints.initialValue(initializer);
    }

    private static Long constant(Expression expression) {
        return dev.perflens.engine.calibration.SizeHints.constant(expression);
    }

    private static Expression unwrap(Expression e) {
        while (e instanceof ParenthesizedExpression p) {
            e = p.getExpression();
        }
        return e;
    }

    static boolean isLoop(ASTNode node) {
        return node instanceof ForStatement || node instanceof EnhancedForStatement
                || node instanceof WhileStatement || node instanceof DoStatement;
    }

    private static boolean repeatsPerPass(ASTNode loop, StructuralPropertyDescriptor location) {
        if (loop instanceof ForStatement) {
            return location == ForStatement.BODY_PROPERTY || location == ForStatement.EXPRESSION_PROPERTY
                    || location == ForStatement.UPDATERS_PROPERTY;
        }
        if (loop instanceof EnhancedForStatement) {
            return location == EnhancedForStatement.BODY_PROPERTY;
        }
        return true;
    }

    private static boolean isPerElement(LambdaExpression lambda) {
        return lambda.getParent() instanceof MethodInvocation invocation
                && lambda.getLocationInParent() == MethodInvocation.ARGUMENTS_PROPERTY
                && PER_ELEMENT_METHODS.contains(invocation.getName().getIdentifier());
    }
}
