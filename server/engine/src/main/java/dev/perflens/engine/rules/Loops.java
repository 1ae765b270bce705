package dev.perflens.engine.rules;

import java.util.Optional;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.AbstractTypeDeclaration;
import org.eclipse.jdt.core.dom.AnonymousClassDeclaration;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.DoStatement;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.StructuralPropertyDescriptor;
import org.eclipse.jdt.core.dom.WhileStatement;

/**
 * Where a node runs repeatedly: inside a loop's body or per-iteration expressions, or inside a
 * lambda passed to {@code forEach}. The search stops at the enclosing method, lambda or class,
 * since code there runs once per call, not once per iteration of an outer loop.
 */
final class Loops {
    private static final Set<String> FOR_EACH_METHODS = Set.of("forEach", "forEachOrdered", "forEachRemaining");

    /** Stream steps and terminal operations that call their lambda once per element. */
    private static final Set<String> STREAM_STEPS = Set.of("map", "mapToObj", "mapToInt", "mapToLong", "mapToDouble",
            "flatMap", "filter", "peek", "anyMatch", "allMatch", "noneMatch", "takeWhile", "dropWhile", "generate",
            "iterate", "reduce", "collect");
    /** Collection and array methods that call their lambda once per element. */
    private static final Set<String> BULK_METHODS = Set.of("setAll", "parallelSetAll", "replaceAll", "removeIf");
    /** Map methods that call their lambda at most once, before they return. */
    private static final Set<String> AT_MOST_ONCE_METHODS = Set.of("computeIfAbsent", "computeIfPresent", "compute",
            "merge");

    private Loops() {
    }

    /** The innermost loop (or forEach lambda) in which {@code node} executes once per iteration. */
    static Optional<ASTNode> enclosingLoop(ASTNode node) {
        ASTNode child = node;
        for (ASTNode parent = node.getParent(); parent != null; child = parent, parent = parent.getParent()) {
            if (isLoop(parent) && repeatsPerIteration(parent, child.getLocationInParent())) {
                return Optional.of(parent);
            }
            if (parent instanceof LambdaExpression lambda) {
                return isForEachArgument(lambda) ? Optional.of(lambda) : Optional.empty();
            }
            if (parent instanceof BodyDeclaration || parent instanceof AnonymousClassDeclaration
                    || parent instanceof AbstractTypeDeclaration) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Like {@link #enclosingLoop}, but a lambda passed to a JDK method that calls it once per
     * element ({@code Arrays.setAll}, {@code List.replaceAll}, {@code removeIf}, stream
     * operations, as well as forEach) counts as a loop pass, and a lambda that a JDK method calls
     * at most once, right away ({@code Map.computeIfAbsent}, {@code compute}, {@code merge}) runs
     * as often as that call: the search goes on past it. Any other lambda (a Runnable handed to
     * an executor, a callback stored for later) may run any number of times, so it ends the search.
     */
    static Optional<ASTNode> enclosingPass(ASTNode node) {
        ASTNode child = node;
        for (ASTNode parent = node.getParent(); parent != null; child = parent, parent = parent.getParent()) {
            if (isLoop(parent) && repeatsPerIteration(parent, child.getLocationInParent())) {
                return Optional.of(parent);
            }
            if (parent instanceof LambdaExpression lambda) {
                LambdaCall call = jdkCall(lambda);
                if (isForEachArgument(lambda) || call == LambdaCall.PER_ELEMENT) {
                    return Optional.of(lambda);
                }
                if (call != LambdaCall.AT_MOST_ONCE) {
                    return Optional.empty();
                }
                continue;
            }
            if (parent instanceof BodyDeclaration || parent instanceof AnonymousClassDeclaration
                    || parent instanceof AbstractTypeDeclaration) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private enum LambdaCall { PER_ELEMENT, AT_MOST_ONCE, UNKNOWN }

    /** How often the JDK method the lambda is passed to calls it (an Optional's lambdas: at most once, now). */
    private static LambdaCall jdkCall(LambdaExpression lambda) {
        if (!(lambda.getParent() instanceof MethodInvocation invocation)
                || lambda.getLocationInParent() != MethodInvocation.ARGUMENTS_PROPERTY) {
            return LambdaCall.UNKNOWN;
        }
        IMethodBinding method = invocation.resolveMethodBinding();
        if (method == null || !CollectionVariables.declaredByJdk(method)) {
            return LambdaCall.UNKNOWN;
        }
        String name = method.getName();
        ITypeBinding owner = method.getDeclaringClass().getErasure();
        String ownerPackage = owner.getPackage() == null ? "" : owner.getPackage().getName();
        if (ownerPackage.equals("java.util.stream") && STREAM_STEPS.contains(name) || BULK_METHODS.contains(name)) {
            return LambdaCall.PER_ELEMENT;
        }
        if (AT_MOST_ONCE_METHODS.contains(name) || owner.getQualifiedName().equals("java.util.Optional")) {
            return LambdaCall.AT_MOST_ONCE;
        }
        return LambdaCall.UNKNOWN;
    }

    /** The outermost loop around {@code node} that does not also contain {@code declaration}. */
    static Optional<ASTNode> outermostLoopExcluding(ASTNode node, ASTNode declaration) {
        Optional<ASTNode> result = Optional.empty();
        for (Optional<ASTNode> loop = enclosingLoop(node); loop.isPresent(); loop = enclosingLoop(loop.get())) {
            if (contains(loop.get(), declaration)) {
                break;
            }
            result = loop;
        }
        return result;
    }

    static boolean isLoop(ASTNode node) {
        return node instanceof ForStatement || node instanceof EnhancedForStatement
                || node instanceof WhileStatement || node instanceof DoStatement;
    }

    static boolean contains(ASTNode ancestor, ASTNode node) {
        for (ASTNode n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static boolean repeatsPerIteration(ASTNode loop, StructuralPropertyDescriptor location) {
        if (loop instanceof ForStatement) {
            return location == ForStatement.BODY_PROPERTY || location == ForStatement.EXPRESSION_PROPERTY
                    || location == ForStatement.UPDATERS_PROPERTY;
        }
        if (loop instanceof EnhancedForStatement) {
            return location == EnhancedForStatement.BODY_PROPERTY;
        }
        if (loop instanceof WhileStatement) {
            return true;
        }
        return loop instanceof DoStatement;
    }

    private static boolean isForEachArgument(LambdaExpression lambda) {
        return lambda.getParent() instanceof MethodInvocation invocation
                && lambda.getLocationInParent() == MethodInvocation.ARGUMENTS_PROPERTY
                && FOR_EACH_METHODS.contains(invocation.getName().getIdentifier());
    }

    /** "for loop", "while loop", ... for messages. */
    static String describe(ASTNode loop) {
        if (loop instanceof LambdaExpression lambda) {
            return !isForEachArgument(lambda) && lambda.getParent() instanceof MethodInvocation invocation
                    ? invocation.getName().getIdentifier() + " lambda" : "forEach lambda";
        }
        if (loop instanceof EnhancedForStatement) {
            return "for-each loop";
        }
        if (loop instanceof ForStatement) {
            return "for loop";
        }
        if (loop instanceof WhileStatement) {
            return "while loop";
        }
        return "do-while loop";
    }
}
