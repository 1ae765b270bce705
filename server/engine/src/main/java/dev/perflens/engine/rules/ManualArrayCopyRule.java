package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.fix.Fix;
import dev.perflens.engine.fix.FixRewrite;
import dev.perflens.engine.rule.NodeHandlers;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import dev.perflens.engine.rule.SizeBound;
import dev.perflens.engine.rules.CopyLoops.CopyLoop;
import java.util.List;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTMatcher;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ArrayAccess;
import org.eclipse.jdt.core.dom.ArrayCreation;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.DoStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.QualifiedName;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.WhileStatement;

/**
 * {@code for (int i = s; i < e; i++) b[i + k] = a[i + j];} copies an array range one checked
 * element at a time. {@code System.arraycopy} copies the same range in one intrinsic call.
 */
@PerfRule(
        id = "manual-array-copy",
        summary = "A loop that copies one array into another element by element, where System.arraycopy copies the range at once",
        severity = Severity.INFO,
        category = Category.COLLECTIONS,
        complexityBefore = "n bounds-checked element copies",
        complexityAfter = "one bulk copy",
        hasFix = true)
public final class ManualArrayCopyRule implements Rule {
    private static final String BOUNDS = "System.arraycopy checks the whole range before it copies anything and then"
            + " throws IndexOutOfBoundsException having copied nothing, where this loop copies the elements before the"
            + " bad index first";

    /** An index {@code i}, {@code i + k}, {@code k + i} or {@code i - k}: k is null for plain {@code i}. */
    private record Index(Expression offset, boolean negative) {
        Integer constant() {
            if (offset == null) {
                return 0;
            }
            Object value = offset.resolveConstantExpressionValue();
            return value instanceof Integer n ? (negative ? -n : n) : null;
        }
    }

    @Override
    public void register(NodeHandlers handlers) {
        handlers.on(ForStatement.class, (loop, context) -> visit(CopyLoops.of(loop), context));
        handlers.on(WhileStatement.class, (loop, context) -> visit(CopyLoops.of(loop), context));
        handlers.on(DoStatement.class, (loop, context) -> visit(CopyLoops.of(loop), context));
    }

    private void visit(CopyLoop shape, RuleContext context) {
        if (shape == null) {
            return;
        }
        Statement loop = shape.loop();
        IVariableBinding counter = shape.counter();
        Assignment copy = shape.copy();
        if (!(copy.getLeftHandSide() instanceof ArrayAccess target)
                || !(Bindings.unwrap(copy.getRightHandSide()) instanceof ArrayAccess source)) {
            return;
        }
        Expression from = source.getArray();
        Expression to = target.getArray();
        if (!isStableArray(from, counter) || !isStableArray(to, counter) || !sameArrayType(from, to)) {
            return;
        }
        Index read = index(source.getIndex(), counter);
        Index write = index(target.getIndex(), counter);
        if (read == null || write == null) {
            return;
        }
        boolean sameArray = isSameVariable(from, to);
        if (sameArray) {
            Integer r = read.constant();
            Integer w = write.constant();
            if (r == null || w == null || w >= r) {
                return; // b[i + 1] = b[i] smears one value forwards: not a copy
            }
        }
        String message = "This loop copies '" + from + "' into '" + to + "' one element at a time, with a bounds check"
                + " per element. System.arraycopy copies the whole range in one intrinsic call (a tuned bulk copy,"
                + " bounds checked once). Use System.arraycopy, or Arrays.copyOf for a new array.";
        Confidence confidence = Confidence.high("both arrays resolved to " + from.resolveTypeBinding().getName()
                + "; the loop body is the single copy b[i + k] = a[i + j]");
        SizeBound bound = copiedAtMost(from, to, context);
        String whyNot = sameArray ? "the loop shifts elements within '" + from
                + "', and its range is not provably inside the array: " + BOUNDS : whyNoFix(shape, from, to, read, write);
        RuleContext.Reported reported;
        if (whyNot != null) {
            reported = context.reportWithoutFix(loop, message, confidence, whyNot);
        } else {
            Expression length = shape.end();
            reported = context.report(loop, message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.REWRITE_LOOP, "Use System.arraycopy",
                    rewrite -> apply(rewrite, loop, from, to, write, length)));
        }
        if (bound != null) {
            reported.bounded(bound);
        }
    }

    /** A loop with in-bounds indexes copies no more elements than either array holds. */
    private static SizeBound copiedAtMost(Expression from, Expression to, RuleContext context) {
        SizeBound source = CollectionSizes.bound(from, context.compilationUnit());
        SizeBound destination = CollectionSizes.bound(to, context.compilationUnit());
        if (source == null || destination == null) {
            return source == null ? destination : source;
        }
        return source.size() <= destination.size() ? source : destination;
    }

    /** {@code i}, {@code i + k}, {@code k + i}, {@code i - k} with a simple k that does not involve i. */
    private static Index index(Expression expression, IVariableBinding counter) {
        Expression e = Bindings.unwrap(expression);
        if (CopyLoops.isVariable(e, counter)) {
            return new Index(null, false);
        }
        if (!(e instanceof InfixExpression infix) || infix.hasExtendedOperands()) {
            return null;
        }
        boolean plus = infix.getOperator() == InfixExpression.Operator.PLUS;
        boolean minus = infix.getOperator() == InfixExpression.Operator.MINUS;
        if ((plus || minus) && CopyLoops.isVariable(infix.getLeftOperand(), counter) && CopyLoops.isSimple(infix.getRightOperand(), counter)) {
            return new Index(infix.getRightOperand(), minus);
        }
        if (plus && CopyLoops.isVariable(infix.getRightOperand(), counter) && CopyLoops.isSimple(infix.getLeftOperand(), counter)) {
            return new Index(infix.getLeftOperand(), false);
        }
        return null;
    }

    /** A variable (local, parameter or field) of array type, read without side effects. */
    private static boolean isStableArray(Expression expression, IVariableBinding counter) {
        Expression e = Bindings.unwrap(expression);
        ITypeBinding type = e.resolveTypeBinding();
        return type != null && type.isArray() && Bindings.variable(e) != null && CopyLoops.isSimple(e, counter);
    }

    private static boolean sameArrayType(Expression from, Expression to) {
        ITypeBinding a = from.resolveTypeBinding();
        ITypeBinding b = to.resolveTypeBinding();
        return a.getDimensions() == b.getDimensions()
                && a.getElementType().getErasure().isEqualTo(b.getElementType().getErasure());
    }

    private static boolean isSameVariable(Expression a, Expression b) {
        IVariableBinding left = Bindings.variable(a);
        IVariableBinding right = Bindings.variable(b);
        return left != null && right != null && left.getVariableDeclaration().isEqualTo(right.getVariableDeclaration());
    }

    /**
     * The fix is offered only for the provable form: the destination is a new array allocated
     * by the statement right before the loop with length {@code a.length} (or {@code a.length + C}),
     * and the loop copies {@code a[i]} to {@code b[i + k]} for {@code 0 <= i < a.length} with
     * {@code 0 <= k <= C}. Then both ranges are in bounds and the arrays are distinct.
     */
    private static String whyNoFix(CopyLoop shape, Expression from, Expression to, Index read, Index write) {
        if (shape.counterOutlivesLoop()) {
            return "the counter '" + shape.counter().getName() + "' is declared before the loop and keeps its final"
                    + " value after it, which System.arraycopy would not set";
        }
        ForStatement loop = (ForStatement) shape.loop();
        IVariableBinding destination = Bindings.variable(to);
        ArrayCreation allocation = allocationRightBefore(loop, destination);
        if (allocation == null) {
            return "'" + to + "' is not a new array allocated right before the loop, so Perflens cannot prove it is"
                    + " a different array from '" + from + "' (overlapping ranges of one array are copied differently)"
                    + " and long enough: " + BOUNDS;
        }
        IVariableBinding sourceVariable = Bindings.variable(from);
        if (sourceVariable.isField() && !Modifier.isFinal(sourceVariable.getModifiers())) {
            return "'" + from + "' is a non-final field, which the loop reads on every pass and System.arraycopy once";
        }
        Expression end = shape.end();
        // From 0 to a.length the loop stops at the end also under i != e, as 0 <= a.length.
        boolean fromZero = Integer.valueOf(0).equals(shape.start().resolveConstantExpressionValue());
        Integer offset = write.constant();
        Integer extra = extraLength(allocation, from);
        boolean provable = fromZero && read.offset() == null && isLengthOf(end, from) && extra != null
                && offset != null && offset >= 0 && offset <= extra;
        if (!provable) {
            return "the loop does not copy all of '" + from + "' from index 0 into a new array allocated at least that"
                    + " long, so its range is not provably inside both arrays: " + BOUNDS;
        }
        return null;
    }

    /** The {@code new T[..]} assigned to {@code destination} by the statement just before the loop. */
    private static ArrayCreation allocationRightBefore(ForStatement loop, IVariableBinding destination) {
        if (destination == null || destination.isField() || !(loop.getParent() instanceof Block block)) {
            return null;
        }
        int index = block.statements().indexOf(loop);
        if (index < 1) {
            return null;
        }
        Object previous = block.statements().get(index - 1);
        Expression value = null;
        if (previous instanceof VariableDeclarationStatement declaration && declaration.fragments().size() == 1) {
            VariableDeclarationFragment fragment = (VariableDeclarationFragment) declaration.fragments().get(0);
            if (fragment.resolveBinding() != null && fragment.resolveBinding().isEqualTo(destination)) {
                value = fragment.getInitializer();
            }
        } else if (previous instanceof ExpressionStatement statement && statement.getExpression() instanceof Assignment assignment
                && assignment.getOperator() == Assignment.Operator.ASSIGN
                && CopyLoops.isVariable(assignment.getLeftHandSide(), destination)) {
            value = assignment.getRightHandSide();
        }
        if (value == null || !(Bindings.unwrap(value) instanceof ArrayCreation creation)
                || creation.getInitializer() != null || creation.dimensions().size() != 1) {
            return null;
        }
        ITypeBinding created = creation.resolveTypeBinding();
        return created != null && created.isEqualTo(destination.getType()) ? creation : null;
    }

    /** C when the allocation's length is {@code a.length} (0) or {@code a.length + C} with a constant C; else null. */
    private static Integer extraLength(ArrayCreation allocation, Expression source) {
        Expression length = Bindings.unwrap((Expression) allocation.dimensions().get(0));
        if (isLengthOf(length, source)) {
            return 0;
        }
        if (length instanceof InfixExpression sum && sum.getOperator() == InfixExpression.Operator.PLUS
                && !sum.hasExtendedOperands() && isLengthOf(sum.getLeftOperand(), source)
                && sum.getRightOperand().resolveConstantExpressionValue() instanceof Integer c && c >= 0) {
            return c;
        }
        return null;
    }

    /** {@code a.length} for the array variable {@code array}. */
    private static boolean isLengthOf(Expression expression, Expression array) {
        Expression e = Bindings.unwrap(expression);
        if (e instanceof QualifiedName qualified && qualified.getName().getIdentifier().equals("length")) {
            return qualified.getQualifier().resolveTypeBinding() != null
                    && qualified.getQualifier().resolveTypeBinding().isArray()
                    && isSameVariable(qualified.getQualifier(), array);
        }
        if (e instanceof FieldAccess access && access.getName().getIdentifier().equals("length")) {
            return access.getExpression().resolveTypeBinding() != null
                    && access.getExpression().resolveTypeBinding().isArray()
                    && (isSameVariable(access.getExpression(), array)
                    || access.getExpression().subtreeMatch(new ASTMatcher(), Bindings.unwrap(array)));
        }
        return false;
    }

    private static void apply(FixRewrite fix, Statement loop, Expression from, Expression to, Index write,
                              Expression length) {
        AST ast = fix.ast();
        var rewrite = fix.rewrite();
        MethodInvocation call = ast.newMethodInvocation();
        call.setExpression(ast.newSimpleName("System"));
        call.setName(ast.newSimpleName("arraycopy"));
        @SuppressWarnings("unchecked")
        List<Expression> arguments = call.arguments();
        arguments.add((Expression) rewrite.createCopyTarget(Bindings.unwrap(from)));
        arguments.add(ast.newNumberLiteral("0"));
        arguments.add((Expression) rewrite.createCopyTarget(Bindings.unwrap(to)));
        arguments.add(write.offset() == null || write.negative() ? ast.newNumberLiteral(String.valueOf(write.constant()))
                : (Expression) rewrite.createCopyTarget(write.offset()));
        arguments.add((Expression) rewrite.createCopyTarget(length));
        ASTNode statement = ast.newExpressionStatement(call);
        rewrite.replace(loop, statement, null);
    }
}
