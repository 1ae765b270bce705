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
import dev.perflens.engine.rule.SizeBound;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;

/**
 * Sorting n elements costs O(n log n) (and, for a stream, a buffer of all of them) when only
 * the smallest or largest is wanted; one pass finds it in O(n). The stream form
 * {@code sorted(c).findFirst()} is rewritten to {@code min(c)}: Stream.min reduces with
 * BinaryOperator.minBy, which keeps the earlier element on ties, as the stable sort does.
 */
@PerfRule(
        id = "sort-to-find-extreme",
        summary = "A stream or list sorted only to take its first or last element, where min/max find it in one pass",
        severity = Severity.WARNING,
        category = Category.COLLECTIONS,
        complexityBefore = "O(n log n)",
        complexityAfter = "O(n)",
        hasFix = true)
public final class SortToFindExtremeRule implements Rule, MethodInvocationMatcher {
    private static final String STREAM = "java.util.stream.Stream";
    private static final Set<String> NON_GROWING_STEPS = Set.of("filter", "map", "mapToObj", "mapToInt", "mapToLong",
            "mapToDouble", "boxed", "distinct", "peek", "limit", "skip", "takeWhile", "dropWhile", "unordered",
            "parallel", "sequential");

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        String name = node.getName().getIdentifier();
        if (name.equals("findFirst")) {
            matchStream(node, context);
        } else if (name.equals("sort")) {
            matchListSort(node, context);
        }
    }

    private void matchStream(MethodInvocation findFirst, RuleContext context) {
        if (!findFirst.arguments().isEmpty()
                || !(Bindings.unwrap(findFirst.getExpression()) instanceof MethodInvocation sorted)
                || !sorted.getName().getIdentifier().equals("sorted") || sorted.arguments().size() > 1
                || sorted.getExpression() == null) {
            return;
        }
        IMethodBinding findBinding = findFirst.resolveMethodBinding();
        IMethodBinding sortBinding = sorted.resolveMethodBinding();
        if (findBinding == null || sortBinding == null) {
            return;
        }
        String stream = streamKind(findBinding.getDeclaringClass());
        if (stream == null || !stream.equals(streamKind(sortBinding.getDeclaringClass()))) {
            return;
        }
        boolean comparator = sorted.arguments().size() == 1;
        String simple = stream.substring(stream.lastIndexOf('.') + 1);
        String replacement = comparator ? "min(comparator)" : stream.equals(STREAM) ? "min(Comparator.naturalOrder())" : "min()";
        String message = "sorted(" + (comparator ? "..." : "") + ").findFirst() sorts every element of the " + simple
                + " (O(n log n), buffering all of them) to keep only the smallest; " + replacement
                + " finds it in one pass (O(n)).";
        Confidence confidence = Confidence.high("sorted and findFirst resolved on " + stream);
        String whyNot = whyNoStreamFix(stream, sorted);
        RuleContext.Reported reported = whyNot != null
                ? context.reportWithoutFix(sorted.getName(), message, confidence, whyNot)
                : context.report(sorted.getName(), message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.REPLACE_EXPRESSION, "Use " + replacement
                + " instead of sorting", rewrite -> applyStream(rewrite, findFirst, sorted, stream)));
        SizeBound bound = streamSourceBound(sorted.getExpression(), context);
        if (bound != null) {
            reported.bounded(bound);
        }
    }

    /**
     * The size of what a stream pipeline starts from, when the code fixes it ({@code
     * List.of(...).stream()}, {@code Stream.of(...)}, {@code Arrays.stream(array)} of a fixed
     * array), passed through steps that never add elements (filter, map, distinct, ...).
     */
    private static SizeBound streamSourceBound(Expression pipeline, RuleContext context) {
        Expression e = Bindings.unwrap(pipeline);
        while (e instanceof MethodInvocation step && NON_GROWING_STEPS.contains(step.getName().getIdentifier())
                && step.getExpression() != null) {
            e = Bindings.unwrap(step.getExpression());
        }
        if (!(e instanceof MethodInvocation source)) {
            return null;
        }
        IMethodBinding binding = source.resolveMethodBinding();
        if (binding == null || !CollectionVariables.declaredByJdk(binding)) {
            return null;
        }
        String name = source.getName().getIdentifier();
        if ((name.equals("stream") || name.equals("parallelStream")) && source.arguments().isEmpty()
                && source.getExpression() != null) {
            return CollectionSizes.bound(source.getExpression(), context.compilationUnit());
        }
        if (name.equals("stream") && Bindings.is(binding.getDeclaringClass(), "java.util.Arrays")
                && source.arguments().size() == 1) {
            return CollectionSizes.bound((Expression) source.arguments().get(0), context.compilationUnit());
        }
        return CollectionSizes.bound(source, context.compilationUnit()); // Stream.of(...)
    }

    private static String streamKind(ITypeBinding owner) {
        for (String kind : List.of(STREAM, "java.util.stream.IntStream", "java.util.stream.LongStream",
                "java.util.stream.DoubleStream")) {
            if (Bindings.is(owner, kind)) {
                return kind;
            }
        }
        return null;
    }

    private static String whyNoStreamFix(String stream, MethodInvocation sorted) {
        if (stream.endsWith("DoubleStream")) {
            return "DoubleStream.min() returns NaN when any element is NaN, while sorting puts NaN last, and the"
                    + " two may also differ on -0.0 and 0.0; choose the comparison you mean by hand";
        }
        if (!stream.equals(STREAM)) {
            return null;
        }
        String contract = " min and sorting pick the same element among equal ones only for an ordering that keeps"
                + " the Comparator contract (0 for equal elements, the same answer both ways round), which is"
                + " checked only for orderings the JDK builds";
        if (!sorted.arguments().isEmpty()) {
            Expression comparator = (Expression) sorted.arguments().get(0);
            return ContractComparators.isJdkBuilt(comparator) ? null
                    : "the comparator '" + abbreviate(comparator.toString()) + "' is the project's own:" + contract;
        }
        ITypeBinding streamType = sorted.resolveTypeBinding();
        if (streamType == null || streamType.getTypeArguments().length != 1
                || !isNaturallyComparable(streamType.getTypeArguments()[0])) {
            return "the elements are not known to be Comparable here, so min(Comparator.naturalOrder()) would not"
                    + " compile";
        }
        if (!ContractComparators.hasJdkNaturalOrder(streamType.getTypeArguments()[0])) {
            return "the elements' compareTo is the project's own:" + contract;
        }
        return null;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    /** T implements Comparable&lt;S&gt; for some S that T is assignable to (what naturalOrder() needs). */
    private static boolean isNaturallyComparable(ITypeBinding element) {
        ITypeBinding comparable = comparableSupertype(element);
        if (comparable == null) {
            return false;
        }
        ITypeBinding[] arguments = comparable.getTypeArguments();
        return arguments.length == 1 && !arguments[0].isWildcardType() && element.isSubTypeCompatible(arguments[0]);
    }

    private static ITypeBinding comparableSupertype(ITypeBinding type) {
        if (type == null || type.isRecovered()) {
            return null;
        }
        if (Bindings.is(type, "java.lang.Comparable")) {
            return type;
        }
        List<ITypeBinding> supertypes = new ArrayList<>();
        if (type.isTypeVariable() || type.isCapture()) {
            supertypes.addAll(List.of(type.getTypeBounds()));
        } else {
            if (type.getSuperclass() != null) {
                supertypes.add(type.getSuperclass());
            }
            supertypes.addAll(List.of(type.getInterfaces()));
        }
        for (ITypeBinding supertype : supertypes) {
            ITypeBinding found = comparableSupertype(supertype);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Renames sorted to min (adding naturalOrder() where needed) and drops findFirst, keeping the chain's layout. */
    private static void applyStream(FixRewrite fix, MethodInvocation findFirst, MethodInvocation sorted, String stream) {
        AST ast = fix.ast();
        fix.rewrite().replace(sorted.getName(), ast.newSimpleName("min"), null);
        if (sorted.arguments().isEmpty() && stream.equals(STREAM)) {
            fix.rewrite().getListRewrite(sorted, MethodInvocation.ARGUMENTS_PROPERTY).insertFirst(
                    fix.rewrite().createStringPlaceholder(fix.importType("java.util.Comparator") + ".naturalOrder()",
                            ASTNode.METHOD_INVOCATION), null);
        }
        fix.rewrite().replace(findFirst, fix.rewrite().createMoveTarget(sorted), null);
    }

    /**
     * {@code Collections.sort(list[, c])} or {@code list.sort(c)} on a fresh local list that is
     * afterwards only asked for {@code get(0)}, {@code get(size() - 1)}, {@code size()} or
     * {@code isEmpty()}.
     */
    private void matchListSort(MethodInvocation sort, RuleContext context) {
        IMethodBinding binding = sort.resolveMethodBinding();
        if (binding == null || !(sort.getParent() instanceof ExpressionStatement statement)
                || !(statement.getParent() instanceof Block block)) {
            return;
        }
        Expression list;
        if (Bindings.is(binding.getDeclaringClass(), "java.util.Collections") && Modifier.isStatic(binding.getModifiers())
                && !sort.arguments().isEmpty()) {
            list = (Expression) sort.arguments().get(0);
        } else if (!Modifier.isStatic(binding.getModifiers()) && sort.arguments().size() == 1
                && sort.getExpression() != null && CollectionVariables.declaredByJdk(binding)
                && Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.util.List")) {
            list = sort.getExpression();
        } else {
            return;
        }
        IVariableBinding variable = Bindings.variable(list);
        if (variable == null || variable.isField() || variable.isParameter()
                || !(CollectionVariables.declaration(variable, context.compilationUnit())
                instanceof VariableDeclarationFragment fragment)
                || !(fragment.getParent() instanceof VariableDeclarationStatement declaration)
                || declaration.getParent() != block || !isFreshList(fragment.getInitializer())) {
            return;
        }
        List<ASTNode> allowed = Bindings.unwrap(list) instanceof SimpleName argument ? List.of(argument) : List.of();
        if (!CollectionVariables.neverEscapes(variable, context.compilationUnit(), allowed)) {
            return;
        }
        int sortEnd = statement.getStartPosition() + statement.getLength();
        boolean first = false;
        boolean last = false;
        for (SimpleName reference : Bindings.referencesWithin(CollectionVariables.scopeOf(fragment), variable)) {
            if (reference.getStartPosition() < sortEnd) {
                continue;
            }
            MethodInvocation call = (MethodInvocation) reference.getParent();
            String method = call.getName().getIdentifier();
            if (method.equals("get") && call.arguments().size() == 1) {
                Expression index = (Expression) call.arguments().get(0);
                if (Integer.valueOf(0).equals(index.resolveConstantExpressionValue())) {
                    first = true;
                } else if (isLastIndex(index, variable)) {
                    last = true;
                } else {
                    return;
                }
            } else if (!method.equals("size") && !method.equals("isEmpty")) {
                return;
            }
        }
        if (!first && !last) {
            return;
        }
        String name = variable.getName();
        String wanted = first && last ? "first and last elements" : first ? "first element" : "last element";
        String instead = first && last ? "Collections.min and Collections.max" : first ? "Collections.min" : "Collections.max";
        String message = "'" + name + "' is sorted (O(n log n)) only to read its " + wanted + "; " + instead
                + " (with the same comparator) find" + (first && last ? "" : "s") + " it in one pass (O(n)).";
        RuleContext.Reported reported = context.reportWithoutFix(sort, message,
                Confidence.high("'" + name + "' is a local list used after the sort only for get(0)/get(size() - 1)"),
                "sorting also reorders '" + name + "' in place, and an empty list throws IndexOutOfBoundsException"
                        + " here but NoSuchElementException from Collections.min/max; replace it by hand");
        SizeBound bound = CollectionSizes.ofCopiedLiteral(list, context.compilationUnit(), allowed);
        if (bound != null) {
            reported.bounded(bound);
        }
    }

    /** A list this method made itself: a constructor call or a stream's collect. */
    private static boolean isFreshList(Expression initializer) {
        if (initializer == null) {
            return false;
        }
        Expression e = Bindings.unwrap(initializer);
        if (e instanceof ClassInstanceCreation creation) {
            return Bindings.isSubtypeOf(creation.resolveTypeBinding(), "java.util.List");
        }
        return e instanceof MethodInvocation collect && collect.getName().getIdentifier().equals("collect")
                && collect.resolveMethodBinding() != null
                && Bindings.is(collect.resolveMethodBinding().getDeclaringClass(), STREAM);
    }

    private static boolean isLastIndex(Expression index, IVariableBinding list) {
        return Bindings.unwrap(index) instanceof InfixExpression infix
                && infix.getOperator() == InfixExpression.Operator.MINUS && !infix.hasExtendedOperands()
                && Integer.valueOf(1).equals(infix.getRightOperand().resolveConstantExpressionValue())
                && Bindings.unwrap(infix.getLeftOperand()) instanceof MethodInvocation size
                && size.getName().getIdentifier().equals("size") && size.getExpression() != null
                && Bindings.variable(size.getExpression()) != null
                && Bindings.variable(size.getExpression()).getVariableDeclaration().isEqualTo(list.getVariableDeclaration());
    }
}
