package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.NodeHandlers;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ArrayAccess;
import org.eclipse.jdt.core.dom.ArrayCreation;
import org.eclipse.jdt.core.dom.ArrayInitializer;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.DoStatement;
import org.eclipse.jdt.core.dom.EnhancedForStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.FieldAccess;
import org.eclipse.jdt.core.dom.ForStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.IfStatement;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.LambdaExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.QualifiedName;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.VariableDeclaration;
import org.eclipse.jdt.core.dom.VariableDeclarationExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.WhileStatement;

/**
 * A loop inside a loop that searches the inner collection for the element whose key equals
 * the outer element's key is a nested-loop join: O(n*m) comparisons. Indexing the inner
 * collection once in a HashMap makes it O(n+m). The fix is left to the user (the index's
 * shape depends on whether several elements may share a key), but the message sketches it.
 */
@PerfRule(
        id = "nested-loop-lookup",
        summary = "An inner loop that searches a collection for the element whose key equals the outer element's: a nested-loop join",
        severity = Severity.WARNING,
        category = Category.COLLECTIONS,
        complexityBefore = "O(n*m)",
        complexityAfter = "O(n+m)")
public final class NestedLoopLookupRule implements Rule, MethodInvocationMatcher {
    private static final Set<String> STREAM_SEARCHES = Set.of("filter", "anyMatch", "noneMatch");

    @Override
    public void register(NodeHandlers handlers) {
        handlers.on(EnhancedForStatement.class, this::matchEnhancedFor);
        handlers.on(ForStatement.class, this::matchCountingFor);
    }

    /** The inner loop as the rule sees it: what it iterates, and which expression is "the element". */
    private record Inner(ASTNode node, Expression collection, Predicate<Expression> isElement, String elementText,
                         ITypeBinding elementType) {
    }

    private void matchEnhancedFor(EnhancedForStatement loop, RuleContext context) {
        IVariableBinding element = loop.getParameter().resolveBinding();
        if (element == null) {
            return;
        }
        Inner inner = new Inner(loop, loop.getExpression(), e -> isVariable(e, element), element.getName(),
                element.getType());
        findJoin(inner, loop.getBody(), context);
    }

    /** {@code for (int j = 0; j < c.size(); j++)} with {@code c.get(j)}, or {@code j < a.length} with {@code a[j]}. */
    private void matchCountingFor(ForStatement loop, RuleContext context) {
        if (loop.initializers().size() != 1 || loop.updaters().size() != 1
                || !(loop.initializers().get(0) instanceof VariableDeclarationExpression declaration)
                || declaration.fragments().size() != 1
                || !(loop.getExpression() instanceof InfixExpression condition)
                || condition.getOperator() != InfixExpression.Operator.LESS || condition.hasExtendedOperands()) {
            return;
        }
        VariableDeclarationFragment fragment = (VariableDeclarationFragment) declaration.fragments().get(0);
        IVariableBinding index = fragment.resolveBinding();
        Object start = fragment.getInitializer() == null ? null : fragment.getInitializer().resolveConstantExpressionValue();
        if (index == null || !(start instanceof Integer zero) || zero != 0 || !isVariable(condition.getLeftOperand(), index)
                || !Bindings.writesWithin(loop.getBody(), index).isEmpty()) {
            return;
        }
        Expression bound = Bindings.unwrap(condition.getRightOperand());
        Expression collection;
        Predicate<Expression> isElement;
        String text;
        ITypeBinding elementType;
        if (bound instanceof MethodInvocation size && size.getName().getIdentifier().equals("size")
                && size.arguments().isEmpty() && size.getExpression() != null
                && Bindings.isSubtypeOf(size.getExpression().resolveTypeBinding(), "java.util.List")) {
            collection = size.getExpression();
            isElement = e -> e instanceof MethodInvocation get && get.getName().getIdentifier().equals("get")
                    && get.arguments().size() == 1 && get.getExpression() != null
                    && PureExpressions.sameValue(get.getExpression(), collection)
                    && isVariable((Expression) get.arguments().get(0), index);
            text = collection + ".get(" + index.getName() + ")";
            ITypeBinding listType = collection.resolveTypeBinding();
            elementType = listType.getTypeArguments().length == 1 ? listType.getTypeArguments()[0] : null;
        } else if (bound instanceof QualifiedName length && length.getName().getIdentifier().equals("length")
                && length.getQualifier().resolveTypeBinding() != null && length.getQualifier().resolveTypeBinding().isArray()) {
            collection = length.getQualifier();
            isElement = e -> e instanceof ArrayAccess access && PureExpressions.sameValue(access.getArray(), collection)
                    && isVariable(access.getIndex(), index);
            text = collection + "[" + index.getName() + "]";
            elementType = collection.resolveTypeBinding().getComponentType();
        } else {
            return;
        }
        findJoin(new Inner(loop, collection, isElement, text, elementType), loop.getBody(), context);
    }

    /** {@code c.stream().filter(b -> key(b).equals(key(a)))} (or anyMatch/noneMatch) inside an outer loop. */
    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        if (!STREAM_SEARCHES.contains(node.getName().getIdentifier()) || node.arguments().size() != 1
                || !(node.arguments().get(0) instanceof LambdaExpression lambda) || lambda.parameters().size() != 1
                || !(lambda.getBody() instanceof Expression body)
                || !(Bindings.unwrap(node.getExpression()) instanceof MethodInvocation stream)
                || !stream.getName().getIdentifier().equals("stream") || !stream.arguments().isEmpty()
                || stream.getExpression() == null) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        IMethodBinding streamBinding = stream.resolveMethodBinding();
        VariableDeclaration parameter = (VariableDeclaration) lambda.parameters().get(0);
        IVariableBinding element = parameter.resolveBinding();
        if (binding == null || streamBinding == null || element == null
                || !Bindings.is(binding.getDeclaringClass(), "java.util.stream.Stream")
                || !Bindings.isSubtypeOf(streamBinding.getDeclaringClass(), "java.util.Collection")) {
            return;
        }
        Inner inner = new Inner(node, stream.getExpression(), e -> isVariable(e, element), element.getName(),
                element.getType());
        Optional<ASTNode> outer = Loops.enclosingLoop(node);
        if (outer.isEmpty() || !isSearchedRepeatedly(inner, outer.get(), context.compilationUnit())
                || LoopExits.leavesLoopAfter(node, outer.get())) {
            return;
        }
        Join join = equalityIn(body, inner, outer.get(), context.compilationUnit());
        if (join != null) {
            report(join, inner, outer.get(), "'" + stream.getExpression() + ".stream()." + node.getName() + "(...)'",
                    context);
        }
    }

    private void findJoin(Inner inner, ASTNode body, RuleContext context) {
        Optional<ASTNode> outer = Loops.enclosingLoop(inner.node());
        if (outer.isEmpty() || !isSearchedRepeatedly(inner, outer.get(), context.compilationUnit())
                || LoopExits.leavesLoopAfter(inner.node(), outer.get())) {
            return; // a search followed by break/return runs once, not once per outer pass
        }
        List<Expression> conditions = new ArrayList<>();
        body.accept(new SameBodyVisitor() {
            @Override
            public boolean visit(IfStatement node) {
                conditions.add(node.getExpression());
                return true;
            }

            @Override
            public boolean visit(EnhancedForStatement node) {
                return false; // a deeper loop is judged as an inner loop of its own
            }

            @Override
            public boolean visit(ForStatement node) {
                return false;
            }

            @Override
            public boolean visit(WhileStatement node) {
                return false;
            }

            @Override
            public boolean visit(DoStatement node) {
                return false;
            }
        });
        for (Expression condition : conditions) {
            Join join = equalityIn(condition, inner, outer.get(), context.compilationUnit());
            if (join != null) {
                report(join, inner, outer.get(), "the inner " + Loops.describe(inner.node()) + " over '"
                        + inner.collection() + "'", context);
                return;
            }
        }
    }

    /**
     * The inner collection is the same object on every outer pass (so the work repeats), is
     * not a handful of constants, and its elements are not enum constants (a search among a
     * fixed, small set of values), whether typed as the enum or as {@code Enum<?>}. A primitive
     * array is left alone: the HashMap index the message sketches would box every element (an
     * object and a pointer chase per probe against a flat scan); sorting it for a binary search
     * or a primitive set is the remedy there, and the message would mislead.
     */
    private static boolean isSearchedRepeatedly(Inner inner, ASTNode outer, CompilationUnit unit) {
        Expression collection = inner.collection();
        ITypeBinding type = collection.resolveTypeBinding();
        if (type == null || !(type.isArray() || Bindings.isSubtypeOf(type, "java.lang.Iterable"))
                || (type.isArray() && type.getComponentType().isPrimitive())
                || !CollectionVariables.isSameEveryPass(collection, outer, unit)
                || CollectionVariables.isSmallFixedCollection(collection, unit) || isSmallConstantArray(collection, unit)) {
            return false;
        }
        ITypeBinding element = inner.elementType();
        return element == null || !(element.isEnum() || Bindings.is(element, "java.lang.Enum"));
    }

    /** A final array initialised with at most a few elements written out. */
    private static boolean isSmallConstantArray(Expression collection, CompilationUnit unit) {
        IVariableBinding variable = Bindings.variable(collection);
        ASTNode declaration = CollectionVariables.declaration(variable, unit);
        if (variable == null || !Modifier.isFinal(variable.getModifiers())
                || !(declaration instanceof VariableDeclaration vd) || vd.getInitializer() == null) {
            return false;
        }
        Expression initializer = Bindings.unwrap(vd.getInitializer());
        ArrayInitializer elements = initializer instanceof ArrayInitializer literal ? literal
                : initializer instanceof ArrayCreation creation ? creation.getInitializer() : null;
        return elements != null && elements.expressions().size() <= CollectionVariables.SMALL_CONSTANT_COLLECTION;
    }

    /** An equality between a key of the inner element and a key of the outer pass. */
    private record Join(Expression test, Expression innerKey, Expression outerKey) {
    }

    private static Join equalityIn(Expression condition, Inner inner, ASTNode outer, CompilationUnit unit) {
        Expression c = Bindings.unwrap(condition);
        if (c instanceof InfixExpression infix && infix.getOperator() == InfixExpression.Operator.CONDITIONAL_AND) {
            List<Expression> operands = new ArrayList<>(List.of(infix.getLeftOperand(), infix.getRightOperand()));
            for (Object extended : infix.extendedOperands()) {
                operands.add((Expression) extended);
            }
            for (Expression operand : operands) {
                Join join = equalityIn(operand, inner, outer, unit);
                if (join != null) {
                    return join;
                }
            }
            return null;
        }
        Expression left;
        Expression right;
        if (c instanceof MethodInvocation call && call.getName().getIdentifier().equals("equals")
                && call.arguments().size() == 1 && isEqualsMethod(call.resolveMethodBinding())) {
            if (call.getExpression() == null) {
                return null;
            }
            if (Modifier.isStatic(call.resolveMethodBinding().getModifiers())) {
                return null;
            }
            left = call.getExpression();
            right = (Expression) call.arguments().get(0);
        } else if (c instanceof MethodInvocation call && call.getName().getIdentifier().equals("equals")
                && call.arguments().size() == 2 && call.resolveMethodBinding() != null
                && Bindings.is(call.resolveMethodBinding().getDeclaringClass(), "java.util.Objects")) {
            left = (Expression) call.arguments().get(0);
            right = (Expression) call.arguments().get(1);
        } else if (c instanceof InfixExpression infix && infix.getOperator() == InfixExpression.Operator.EQUALS
                && !infix.hasExtendedOperands() && isValueComparable(infix.getLeftOperand())
                && isValueComparable(infix.getRightOperand())) {
            left = infix.getLeftOperand();
            right = infix.getRightOperand();
        } else {
            return null;
        }
        if (isInnerKey(left, inner, outer, unit) && isOuterKey(right, inner, outer, unit)) {
            return new Join(c, left, right);
        }
        if (isInnerKey(right, inner, outer, unit) && isOuterKey(left, inner, outer, unit)) {
            return new Join(c, right, left);
        }
        return null;
    }

    private static boolean isEqualsMethod(IMethodBinding binding) {
        return binding != null && binding.getParameterTypes().length == 1
                && Bindings.is(binding.getParameterTypes()[0], "java.lang.Object")
                && binding.getReturnType().getName().equals("boolean");
    }

    /** == compares values for numbers, chars and enum constants; for other objects it compares identity. */
    private static boolean isValueComparable(Expression operand) {
        ITypeBinding type = operand.resolveTypeBinding();
        return type != null && ((type.isPrimitive() && !type.getName().equals("boolean")) || type.isEnum());
    }

    /** A key chain rooted at the inner element, naming nothing that changes with the outer pass. */
    private static boolean isInnerKey(Expression key, Inner inner, ASTNode outer, CompilationUnit unit) {
        if (rootOf(key, inner) == null) {
            return false;
        }
        for (IVariableBinding variable : PureExpressions.variablesRead(key)) {
            ASTNode declaration = CollectionVariables.declaration(variable, unit);
            boolean declaredInInner = declaration != null && Loops.contains(inner.node(), declaration);
            boolean declaredInOuter = declaration != null && Loops.contains(outer, declaration);
            if (declaredInOuter && !declaredInInner) {
                return false;
            }
        }
        return true;
    }

    /** A key chain that changes with the outer pass and names nothing of the inner loop. */
    private static boolean isOuterKey(Expression key, Inner inner, ASTNode outer, CompilationUnit unit) {
        if (!PureExpressions.isKeyChain(key, true)) {
            return false;
        }
        boolean varies = false;
        for (IVariableBinding variable : PureExpressions.variablesRead(key)) {
            ASTNode declaration = CollectionVariables.declaration(variable, unit);
            if (declaration == null) {
                continue;
            }
            if (Loops.contains(inner.node(), declaration)) {
                return false;
            }
            if (Loops.contains(outer, declaration) && !variable.isField()) {
                varies = true;
            }
        }
        return varies;
    }

    /**
     * The element expression a key chain starts from ({@code b} in {@code b.customer().id()}),
     * following only field reads and argument-less calls; null when the chain has another root.
     */
    private static Expression rootOf(Expression key, Inner inner) {
        Expression e = Bindings.unwrap(key);
        while (true) {
            if (inner.isElement().test(e)) {
                return e;
            }
            if (e instanceof MethodInvocation call && call.getExpression() != null && call.arguments().isEmpty()) {
                e = Bindings.unwrap(call.getExpression());
            } else if (e instanceof FieldAccess access) {
                e = Bindings.unwrap(access.getExpression());
            } else if (e instanceof QualifiedName name) {
                e = name.getQualifier();
            } else {
                return null;
            }
        }
    }

    private static boolean isVariable(Expression expression, IVariableBinding variable) {
        IVariableBinding named = Bindings.variable(expression);
        return named != null && named.getVariableDeclaration().isEqualTo(variable.getVariableDeclaration());
    }

    private static void report(Join join, Inner inner, ASTNode outer, String search, RuleContext context) {
        ITypeBinding keyType = join.innerKey().resolveTypeBinding();
        if (EqualsHashCode.fieldOnlyHashed(keyType, context.compilationUnit()) != null) {
            return; // equal keys may hash apart: a HashMap index would miss what the scan finds
        }
        ITypeBinding elementType = inner.elementType();
        String key = keyType == null ? "K" : boxedName(keyType);
        String element = elementType == null ? "E" : boxedName(elementType);
        String elementVariable = inner.elementText();
        String innerKeyText = join.innerKey().toString();
        if (inner.node() instanceof ForStatement) {
            elementVariable = "e";
            innerKeyText = innerKeyText.replace(inner.elementText(), elementVariable);
        }
        String message = search + " runs on every pass of the outer " + Loops.describe(outer) + " and compares '"
                + join.innerKey() + "' with '" + join.outerKey() + "' element by element: a nested-loop join, O(n*m)"
                + " comparisons. Index '" + inner.collection() + "' by that key once before the outer loop, then look"
                + " each key up in O(1): Map<" + key + ", " + element + "> index = new HashMap<>(); for ("
                + element + " " + elementVariable + " : " + inner.collection() + ") index.putIfAbsent("
                + innerKeyText + ", " + elementVariable + "); ... index.get(" + join.outerKey() + ")"
                + " (keep a List per key if several elements may match).";
        Confidence confidence = Confidence.high("'" + inner.collection() + "' resolved to "
                + inner.collection().resolveTypeBinding().getErasure().getName() + " and is the same on every outer pass;"
                + " one compared key depends on the inner element, the other on the outer pass");
        CompilationUnit unit = context.compilationUnit();
        RuleContext.Reported reported = context.reportWithoutFix(join.test(), message, confidence, null)
                .bounded(CollectionSizes.bound(inner.collection(), unit))
                .bounded(outer instanceof EnhancedForStatement each ? CollectionSizes.bound(each.getExpression(), unit) : null);
        Growth.unlessGrowing(reported, inner.collection(), join.test(), unit);
    }

    private static String boxedName(ITypeBinding type) {
        if (!type.isPrimitive()) {
            return type.getName();
        }
        return switch (type.getName()) {
            case "int" -> "Integer";
            case "char" -> "Character";
            default -> Character.toUpperCase(type.getName().charAt(0)) + type.getName().substring(1);
        };
    }
}
