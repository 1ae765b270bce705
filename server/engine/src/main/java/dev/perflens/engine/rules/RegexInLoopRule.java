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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jdt.core.dom.AST;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.AbstractTypeDeclaration;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.FieldDeclaration;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.NumberLiteral;
import org.eclipse.jdt.core.dom.QualifiedName;
import org.eclipse.jdt.core.dom.StringLiteral;
import org.eclipse.jdt.core.dom.TypeDeclaration;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;
import org.eclipse.jdt.core.dom.rewrite.ListRewrite;

/**
 * String's regex methods and {@code Pattern.compile}/{@code Pattern.matches} compile the
 * pattern on every call. With a loop-invariant regex inside a loop, that compilation is
 * repeated for nothing. The fix hoists a constant pattern into a {@code private static final Pattern}.
 */
@PerfRule(
        id = "regex-in-loop",
        summary = "A loop-invariant regular expression compiled on every pass of a loop",
        severity = Severity.WARNING,
        category = Category.REGEX,
        complexityBefore = "O(n) pattern compilations",
        complexityAfter = "O(1) pattern compilations",
        hasFix = true)
public final class RegexInLoopRule implements Rule, MethodInvocationMatcher {
    private static final Set<String> STRING_REGEX_METHODS = Set.of("matches", "replaceAll", "replaceFirst", "split");
    private static final String PATTERN = "java.util.regex.Pattern";

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null || node.arguments().isEmpty()) {
            return;
        }
        String method = node.getName().getIdentifier();
        ITypeBinding owner = binding.getDeclaringClass();
        boolean stringMethod = Bindings.is(owner, "java.lang.String") && STRING_REGEX_METHODS.contains(method);
        boolean patternMethod = Bindings.is(owner, PATTERN) && Modifier.isStatic(binding.getModifiers())
                && (method.equals("compile") || method.equals("matches"));
        if (!stringMethod && !patternMethod) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Expression> arguments = node.arguments();
        Expression regex = arguments.get(0);
        Object constant = regex.resolveConstantExpressionValue();
        if (stringMethod && method.equals("split") && !(constant instanceof String value ? !isSplitFastPath(value)
                : minimumLength(regex) > 2)) {
            return; // one-char (or escaped one-char) splits skip the regex engine; non-constants may be one of those
        }
        Optional<ASTNode> loop = Loops.enclosingLoop(node);
        if (loop.isEmpty() || !isInvariant(regex, loop.get())) {
            return;
        }
        boolean flagsInvariant = !(patternMethod && method.equals("compile") && arguments.size() == 2)
                || isInvariant(arguments.get(1), loop.get());
        if (!flagsInvariant) {
            return;
        }
        String call = (stringMethod ? "String." : "Pattern.") + method;
        String message = call + " compiles the regular expression " + abbreviate(regex.toString())
                + " on every pass of the " + Loops.describe(loop.get())
                + ", although it never changes there; compiling costs far more than matching."
                + " Compile it once into a static final Pattern.";
        Confidence confidence = Confidence.high("call resolved to " + owner.getQualifiedName() + "." + method
                + (constant != null ? ", regex is a constant" : ", regex is loop-invariant"));
        String whyNot = whyNoFix(node, constant, arguments, context.compilationUnit());
        if (whyNot != null) {
            context.reportWithoutFix(node, message, confidence, whyNot);
            return;
        }
        context.report(node, message, confidence,
                Fix.of(dev.perflens.engine.fix.FixKind.INTRODUCE_STATIC_FIELD, "Hoist the regex into a static final Pattern", rewrite -> apply(rewrite, node, stringMethod)));
    }

    /**
     * Loop-invariant, or a concatenation of loop-invariant parts ({@code PREFIX + sep} with
     * {@code sep} a parameter the loop never writes): the same regex text on every pass.
     */
    private static boolean isInvariant(Expression expression, ASTNode loop) {
        if (Bindings.unwrap(expression) instanceof InfixExpression infix && infix.getOperator() == InfixExpression.Operator.PLUS
                && Bindings.is(infix.resolveTypeBinding(), "java.lang.String")) {
            return concatenationOperands(infix).stream().allMatch(operand -> isInvariant(operand, loop));
        }
        return Bindings.isLoopInvariant(expression, loop);
    }

    /** The fewest characters the regex can have: its constant parts' lengths (a variable may be empty). */
    private static int minimumLength(Expression regex) {
        Object constant = regex.resolveConstantExpressionValue();
        if (constant instanceof String value) {
            return value.length();
        }
        if (Bindings.unwrap(regex) instanceof InfixExpression infix && infix.getOperator() == InfixExpression.Operator.PLUS
                && Bindings.is(infix.resolveTypeBinding(), "java.lang.String")) {
            return concatenationOperands(infix).stream().mapToInt(RegexInLoopRule::minimumLength).sum();
        }
        return 0;
    }

    private static List<Expression> concatenationOperands(InfixExpression infix) {
        List<Expression> operands = new java.util.ArrayList<>(List.of(infix.getLeftOperand(), infix.getRightOperand()));
        for (Object extended : infix.extendedOperands()) {
            operands.add((Expression) extended);
        }
        return operands;
    }

    /** The JDK's String.split fast path: one char that is not a regex metachar, or a backslash and a non-alphanumeric char. */
    static boolean isSplitFastPath(String regex) {
        if (regex.length() == 1) {
            return ".$|()[{^?*+\\".indexOf(regex.charAt(0)) < 0;
        }
        if (regex.length() == 2 && regex.charAt(0) == '\\') {
            char c = regex.charAt(1);
            return !Character.isLetterOrDigit(c) && c < 128;
        }
        return false;
    }

    private static String whyNoFix(MethodInvocation node, Object constant, List<Expression> arguments,
                                   CompilationUnit unit) {
        if (!(constant instanceof String)) {
            // compiled before the loop, an invalid regex would throw PatternSyntaxException even
            // where the loop runs no pass (or the call sits in a branch that is never taken)
            return "the regex is not a compile-time constant, so it cannot move to a static field; compiling it before"
                    + " the loop could throw PatternSyntaxException where the loop would not have run, so compile it once"
                    + " before the loop yourself where that cannot happen";
        }
        if (arguments.size() == 2 && node.getName().getIdentifier().equals("compile")
                && arguments.get(1).resolveConstantExpressionValue() == null) {
            return "the flags are not a compile-time constant";
        }
        AbstractTypeDeclaration top = FixRewrite.topLevelType(node);
        if (top == null || (top instanceof TypeDeclaration type && type.isInterface())
                || !(top instanceof TypeDeclaration || top instanceof org.eclipse.jdt.core.dom.EnumDeclaration
                || top instanceof org.eclipse.jdt.core.dom.RecordDeclaration)) {
            return "the enclosing type is an interface or annotation, which cannot hold a private field";
        }
        return null;
    }

    private static void apply(FixRewrite fix, MethodInvocation node, boolean stringMethod) {
        AST ast = fix.ast();
        ASTRewrite rewrite = fix.rewrite();
        @SuppressWarnings("unchecked")
        List<Expression> arguments = node.arguments();
        String method = node.getName().getIdentifier();
        String patternType = fix.importType(PATTERN);
        String field = FixRewrite.freshName(fieldBaseName(node), fix.compilationUnit());

        String compileArguments = regexSource(arguments.get(0));
        if (!stringMethod && method.equals("compile") && arguments.size() == 2) {
            compileArguments += ", " + flagsSource(arguments.get(1));
        }
        AbstractTypeDeclaration top = FixRewrite.topLevelType(node);
        ListRewrite members = rewrite.getListRewrite(top, top.getBodyDeclarationsProperty());
        ASTNode fieldDeclaration = rewrite.createStringPlaceholder("private static final " + patternType + " " + field
                + " = " + patternType + ".compile(" + compileArguments + ");", ASTNode.FIELD_DECLARATION);
        BodyDeclaration lastStaticField = null;
        for (Object member : top.bodyDeclarations()) {
            if (member instanceof FieldDeclaration declaration && Modifier.isStatic(declaration.getModifiers())) {
                lastStaticField = declaration;
            }
        }
        if (lastStaticField != null) {
            members.insertAfter(fieldDeclaration, lastStaticField, null);
        } else {
            members.insertFirst(fieldDeclaration, null);
        }

        Expression replacement;
        if (!stringMethod && method.equals("compile")) {
            replacement = ast.newSimpleName(field);
        } else {
            Expression input = stringMethod ? node.getExpression() : arguments.get(1);
            Expression inputCopy = (Expression) rewrite.createCopyTarget(input);
            MethodInvocation call = ast.newMethodInvocation();
            call.setExpression(ast.newSimpleName(field));
            @SuppressWarnings("unchecked")
            List<Expression> callArguments = call.arguments();
            if (method.equals("split")) {
                call.setName(ast.newSimpleName("split"));
                callArguments.add(inputCopy);
                if (arguments.size() == 2) {
                    callArguments.add((Expression) rewrite.createCopyTarget(arguments.get(1)));
                }
            } else {
                call.setName(ast.newSimpleName("matcher"));
                callArguments.add(inputCopy);
                MethodInvocation outer = ast.newMethodInvocation();
                outer.setExpression(call);
                outer.setName(ast.newSimpleName(method.equals("matches") ? "matches" : method));
                if (stringMethod && !method.equals("matches")) {
                    @SuppressWarnings("unchecked")
                    List<Expression> outerArguments = outer.arguments();
                    outerArguments.add((Expression) rewrite.createCopyTarget(arguments.get(1)));
                }
                call = outer;
            }
            replacement = call;
        }
        rewrite.replace(node, replacement, null);
    }

    /** The regex as the user wrote it when it is a literal; otherwise its value as a literal. */
    private static String regexSource(Expression regex) {
        if (Bindings.unwrap(regex) instanceof StringLiteral literal) {
            return literal.getEscapedValue();
        }
        StringLiteral literal = regex.getAST().newStringLiteral();
        literal.setLiteralValue((String) regex.resolveConstantExpressionValue());
        return literal.getEscapedValue();
    }

    private static String flagsSource(Expression flags) {
        Expression e = Bindings.unwrap(flags);
        if (e instanceof NumberLiteral || (e instanceof QualifiedName name
                && name.getQualifier().getFullyQualifiedName().endsWith("Pattern"))) {
            return e.toString();
        }
        return String.valueOf(flags.resolveConstantExpressionValue());
    }

    private static String fieldBaseName(ASTNode node) {
        for (ASTNode n = node; n != null; n = n.getParent()) {
            if (n instanceof MethodDeclaration method && !method.isConstructor()) {
                return method.getName().getIdentifier().replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                        .toUpperCase(Locale.ROOT) + "_PATTERN";
            }
        }
        return "REGEX_PATTERN";
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
