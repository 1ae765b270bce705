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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.BooleanLiteral;
import org.eclipse.jdt.core.dom.BreakStatement;
import org.eclipse.jdt.core.dom.CharacterLiteral;
import org.eclipse.jdt.core.dom.ConditionalExpression;
import org.eclipse.jdt.core.dom.ContinueStatement;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IBinding;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.IfStatement;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.Name;
import org.eclipse.jdt.core.dom.NumberLiteral;
import org.eclipse.jdt.core.dom.ReturnStatement;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.StringLiteral;
import org.eclipse.jdt.core.dom.TextBlock;
import org.eclipse.jdt.core.dom.ThrowStatement;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;
import org.eclipse.jdt.core.dom.rewrite.ListRewrite;

/**
 * A debug/trace (JUL: fine/finer/finest) call whose message is built with {@code +} or
 * {@code String.format} builds it on every call, although the level is usually disabled and
 * the text thrown away. SLF4J and Log4j2 take a {@code {}} pattern and arguments and format
 * only when the level is enabled.
 */
@PerfRule(
        id = "logging-concat",
        summary = "A debug/trace log message built with + or String.format outside a level guard: built even when the level is off",
        severity = Severity.WARNING,
        category = Category.STRINGS,
        perCall = true,
        complexityBefore = "message built on every call",
        complexityAfter = "message built only when the level is enabled",
        hasFix = true)
public final class LoggingConcatRule implements Rule, MethodInvocationMatcher {
    private static final Set<String> DEBUG_METHODS = Set.of("debug", "trace");
    private static final Set<String> JUL_METHODS = Set.of("fine", "finer", "finest");
    private static final Set<String> JUL_LEVELS = Set.of("FINE", "FINER", "FINEST");
    /** Guard-ish names: a condition mentioning one of these is taken for a level check (silence over noise). */
    private static final Pattern GUARD_NAME = Pattern.compile("(?i).*(debug|trace|fine|verbose|logg).*|is\\w*Enabled|isLoggable");
    /** Interfaces a Throwable is implausible to implement: operands of these types cannot be mistaken for the exception. */
    private static final List<String> NON_THROWABLE_INTERFACES = List.of("java.util.Collection", "java.util.Map",
            "java.util.Map.Entry", "java.lang.CharSequence", "java.nio.file.Path", "java.lang.Iterable");

    private enum Library {
        SLF4J("SLF4J", "org.slf4j.Logger", "org.slf4j.Marker"),
        LOG4J("Log4j2", "org.apache.logging.log4j.Logger", "org.apache.logging.log4j.Marker"),
        COMMONS("commons-logging", "org.apache.commons.logging.Log", null),
        JUL("java.util.logging", "java.util.logging.Logger", null);

        final String label;
        final String loggerType;
        final String markerType;

        Library(String label, String loggerType, String markerType) {
            this.label = label;
            this.loggerType = loggerType;
            this.markerType = markerType;
        }
    }

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        String method = node.getName().getIdentifier();
        if (!DEBUG_METHODS.contains(method) && !JUL_METHODS.contains(method) && !method.equals("log")) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null || node.arguments().isEmpty()) {
            return;
        }
        Library library = libraryOf(binding.getDeclaringClass());
        if (library == null) {
            return;
        }
        int messageIndex = messageIndex(library, method, node, binding);
        if (messageIndex < 0 || messageIndex >= node.arguments().size()) {
            return;
        }
        Expression message = (Expression) node.arguments().get(messageIndex);
        Concatenation concatenation = Concatenation.of(message);
        MethodInvocation format = concatenation == null ? formatCall(message) : null;
        if ((concatenation == null || concatenation.allConstant()) && format == null) {
            return;
        }
        if (isGuarded(node)) {
            return;
        }
        String level = library == Library.JUL ? julLevel(method, node) : method.toUpperCase(java.util.Locale.ROOT);
        String how = concatenation != null ? "with +" : "with " + (format.getName().getIdentifier().equals("format")
                ? "String.format" : "formatted");
        String advice = switch (library) {
            case SLF4J, LOG4J -> "Pass a {} pattern and the values as arguments: they are formatted only when " + level
                    + " is enabled.";
            case COMMONS -> "commons-logging has no parameterized messages: guard the call with if (log.is"
                    + (method.equals("trace") ? "Trace" : "Debug") + "Enabled()).";
            case JUL -> "Pass a Supplier (logger." + (method.equals("log") ? "log(Level." + level + ", () -> ...)"
                    : method + "(() -> ...)") + ") or guard the call with isLoggable(Level." + level + ").";
        };
        String text = library.label + " " + method + "(...) builds its message " + how + " on every call, even when "
                + level + " is disabled (the usual case in production): the text and every operand's toString() are"
                + " computed only to be thrown away. " + advice;
        Confidence confidence = Confidence.high("call resolved to " + library.loggerType + "." + method
                + ", no enclosing level check");
        if (library == Library.COMMONS || library == Library.JUL) {
            context.reportWithoutFix(node, text, confidence, library.label
                    + " has no {}-style parameters, so there is no mechanical rewrite");
            return;
        }
        Plan plan = concatenation != null ? planConcatenation(node, binding, messageIndex, concatenation)
                : planFormat(node, binding, messageIndex, format);
        if (plan.whyNot() != null) {
            context.reportWithoutFix(node, text, confidence, plan.whyNot());
            return;
        }
        context.report(node, text, confidence, Fix.of(dev.perflens.engine.fix.FixKind.REPLACE_EXPRESSION, "Use a parameterized message",
                rewrite -> apply(rewrite, node, messageIndex, plan)));
    }

    private static Library libraryOf(ITypeBinding owner) {
        for (Library library : Library.values()) {
            if (Bindings.isSubtypeOf(owner, library.loggerType)) {
                return library;
            }
        }
        return null;
    }

    /** Where the message is in this call, or -1 when the call is not a debug-level one with a String/Object message. */
    private static int messageIndex(Library library, String method, MethodInvocation node, IMethodBinding binding) {
        ITypeBinding[] parameters = binding.getMethodDeclaration().getParameterTypes();
        int index;
        if (library == Library.JUL) {
            if (method.equals("log")) {
                if (julLevel(method, node) == null) {
                    return -1;
                }
                index = 1;
            } else if (JUL_METHODS.contains(method)) {
                index = 0;
            } else {
                return -1;
            }
        } else {
            if (!DEBUG_METHODS.contains(method)) {
                return -1;
            }
            index = library.markerType != null && parameters.length > 0 && Bindings.is(parameters[0], library.markerType)
                    ? 1 : 0;
        }
        if (index >= parameters.length) {
            return -1;
        }
        ITypeBinding parameter = parameters[index];
        boolean textual = Bindings.is(parameter, "java.lang.String") || Bindings.is(parameter, "java.lang.Object")
                || Bindings.is(parameter, "java.lang.CharSequence");
        return textual ? index : -1;
    }

    /** FINE/FINER/FINEST for fine()/finer()/finest() or log(Level.FINE, ...); null for other levels. */
    private static String julLevel(String method, MethodInvocation node) {
        if (!method.equals("log")) {
            return method.toUpperCase(java.util.Locale.ROOT);
        }
        IVariableBinding level = Bindings.variable((Expression) node.arguments().get(0));
        if (level == null && node.arguments().get(0) instanceof Name name
                && name.resolveBinding() instanceof IVariableBinding variable) {
            level = variable;
        }
        if (level == null || !level.isField() || !Bindings.is(level.getDeclaringClass(), "java.util.logging.Level")
                || !JUL_LEVELS.contains(level.getName())) {
            return null;
        }
        return level.getName();
    }

    /** String.format(pattern, args...) or pattern.formatted(args...); null for anything else. */
    private static MethodInvocation formatCall(Expression message) {
        if (!(Bindings.unwrap(message) instanceof MethodInvocation call)) {
            return null;
        }
        IMethodBinding binding = call.resolveMethodBinding();
        if (binding == null || !Bindings.is(binding.getDeclaringClass(), "java.lang.String")) {
            return null;
        }
        boolean format = binding.getName().equals("format") && Modifier.isStatic(binding.getModifiers());
        boolean formatted = binding.getName().equals("formatted") && !Modifier.isStatic(binding.getModifiers());
        return format || formatted ? call : null;
    }

    // ---- guards -------------------------------------------------------------------------------

    /**
     * Inside an if (or ?:) whose condition checks a level, or after an early exit on such a
     * check in an enclosing block. Anything that looks like a level check counts: a missed
     * finding is cheaper than a false one.
     */
    private static boolean isGuarded(MethodInvocation node) {
        ASTNode child = node;
        for (ASTNode parent = node.getParent(); parent != null && !(parent instanceof BodyDeclaration);
             child = parent, parent = parent.getParent()) {
            if (parent instanceof IfStatement ifStatement && child != ifStatement.getExpression()
                    && looksLikeLevelCheck(ifStatement.getExpression())) {
                return true;
            }
            if (parent instanceof ConditionalExpression conditional && child != conditional.getExpression()
                    && looksLikeLevelCheck(conditional.getExpression())) {
                return true;
            }
            if (parent instanceof Block block) {
                for (Object statement : block.statements()) {
                    if (statement == child) {
                        break;
                    }
                    if (statement instanceof IfStatement early && looksLikeLevelCheck(early.getExpression())
                            && exits(early.getThenStatement())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean looksLikeLevelCheck(Expression condition) {
        boolean[] found = new boolean[1];
        condition.accept(new ASTVisitor() {
            @Override
            public boolean visit(SimpleName name) {
                IBinding binding = name.resolveBinding();
                boolean relevant = binding == null || binding instanceof IMethodBinding
                        || binding instanceof IVariableBinding;
                found[0] |= relevant && GUARD_NAME.matcher(name.getIdentifier()).matches();
                return false;
            }
        });
        return found[0];
    }

    private static boolean exits(Statement statement) {
        Statement last = statement;
        if (statement instanceof Block block) {
            if (block.statements().isEmpty()) {
                return false;
            }
            last = (Statement) block.statements().get(block.statements().size() - 1);
        }
        return last instanceof ReturnStatement || last instanceof ThrowStatement || last instanceof BreakStatement
                || last instanceof ContinueStatement;
    }

    // ---- the fix ------------------------------------------------------------------------------

    /** The new pattern and the expressions that become its arguments, or why there is no fix. */
    private record Plan(String pattern, List<Expression> arguments, String whyNot) {
        static Plan no(String why) {
            return new Plan(null, List.of(), why);
        }
    }

    private static Plan planConcatenation(MethodInvocation node, IMethodBinding binding, int messageIndex,
                                          Concatenation concatenation) {
        String shape = callShapeProblem(node, binding, messageIndex);
        if (shape != null) {
            return Plan.no(shape);
        }
        if (concatenation.numericPrefix()) {
            return Plan.no("the concatenation starts by adding two non-String operands");
        }
        Expression awkward = concatenation.awkwardOperand();
        if (awkward != null) {
            return Plan.no("'" + awkward + "' is null, an array or of an unresolved type, which a {} placeholder may format"
                    + " differently from +");
        }
        StringBuilder pattern = new StringBuilder();
        List<Expression> arguments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (Expression operand : concatenation.operands()) {
            Expression e = Bindings.unwrap(operand);
            if (isLiteral(e)) {
                literal.append(e.resolveConstantExpressionValue());
                continue;
            }
            String problem = appendLiteral(pattern, literal);
            if (problem != null) {
                return Plan.no(problem);
            }
            pattern.append("{}");
            arguments.add(e);
        }
        String problem = appendLiteral(pattern, literal);
        if (problem != null) {
            return Plan.no(problem);
        }
        return finish(node, messageIndex, pattern.toString(), arguments);
    }

    private static final Pattern SIMPLE_FORMAT = Pattern.compile("%s");
    private static final Pattern ANY_SPECIFIER = Pattern.compile("%");

    private static Plan planFormat(MethodInvocation node, IMethodBinding binding, int messageIndex, MethodInvocation format) {
        String shape = callShapeProblem(node, binding, messageIndex);
        if (shape != null) {
            return Plan.no(shape);
        }
        boolean formatted = format.getName().getIdentifier().equals("formatted");
        @SuppressWarnings("unchecked")
        List<Expression> formatArguments = format.arguments();
        Expression patternExpression = formatted ? format.getExpression() : formatArguments.get(0);
        List<Expression> values = formatted ? formatArguments : formatArguments.subList(1, formatArguments.size());
        if (!(Bindings.unwrap(patternExpression) instanceof StringLiteral literal)) {
            return Plan.no("the format is not a string literal (or takes a Locale), so its specifiers cannot be checked");
        }
        String text = literal.getLiteralValue();
        int specifiers = count(SIMPLE_FORMAT, text);
        if (count(ANY_SPECIFIER, text) != specifiers) {
            return Plan.no("the format uses specifiers other than %s, which {} cannot reproduce");
        }
        if (specifiers != values.size()) {
            return Plan.no("the format has " + specifiers + " %s for " + values.size() + " arguments");
        }
        for (Expression value : values) {
            ITypeBinding type = value.resolveTypeBinding();
            if (type == null || type.isRecovered() || type.isArray() || type.isNullType()) {
                return Plan.no("'" + value + "' is null or an array, which String.format and {} format differently");
            }
            if (mayBeFormattable(type)) {
                return Plan.no("'" + value + "' may implement java.util.Formattable, which %s formats through formatTo"
                        + " and {} through toString");
            }
        }
        String[] pieces = text.split("%s", -1);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            String problem = appendLiteral(pattern, new StringBuilder(pieces[i]));
            if (problem != null) {
                return Plan.no(problem);
            }
            if (i < pieces.length - 1) {
                pattern.append("{}");
            }
        }
        return finish(node, messageIndex, pattern.toString(), values);
    }

    private static Plan finish(MethodInvocation node, int messageIndex, String pattern, List<Expression> arguments) {
        boolean explicitThrowable = node.arguments().size() == messageIndex + 2;
        if (!explicitThrowable && !arguments.isEmpty()) {
            Expression last = arguments.get(arguments.size() - 1);
            if (mayBeThrowable(last.resolveTypeBinding())) {
                return Plan.no("the last value, '" + last + "', may be a Throwable, which SLF4J and Log4j2 would log as"
                        + " the exception instead of formatting it into the message");
            }
        }
        return new Plan(pattern, arguments, null);
    }

    /** The call passes only [marker,] message [, throwable]: the values can go right after the message. */
    private static String callShapeProblem(MethodInvocation node, IMethodBinding binding, int messageIndex) {
        int after = node.arguments().size() - messageIndex - 1;
        if (after == 0) {
            return null;
        }
        ITypeBinding[] parameters = binding.getMethodDeclaration().getParameterTypes();
        if (after == 1 && parameters.length == messageIndex + 2
                && Bindings.is(parameters[messageIndex + 1], "java.lang.Throwable")) {
            return null;
        }
        return "the call already passes arguments after the message";
    }

    private static boolean isLiteral(Expression e) {
        return (e instanceof StringLiteral || e instanceof TextBlock || e instanceof CharacterLiteral
                || e instanceof NumberLiteral || e instanceof BooleanLiteral) && e.resolveConstantExpressionValue() != null;
    }

    /** Appends literal text to the pattern unless it would be read as (or would escape) a placeholder. */
    private static String appendLiteral(StringBuilder pattern, StringBuilder literal) {
        String text = literal.toString();
        literal.setLength(0);
        if (text.contains("{}")) {
            return "the message text contains {}, which would be read as a placeholder";
        }
        if (text.contains("\\")) {
            return "the message text contains a backslash, which SLF4J and Log4j2 read as an escape character";
        }
        pattern.append(text);
        return null;
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    /**
     * Whether a value of this static type can be a Throwable at run time: Throwables, Object,
     * Serializable, type variables, and interfaces other than plain collection/text ones.
     */
    static boolean mayBeThrowable(ITypeBinding type) {
        if (type == null || type.isRecovered()) {
            return true;
        }
        if (type.isPrimitive() || type.isArray()) {
            return false;
        }
        if (type.isTypeVariable() || type.isCapture() || type.isWildcardType() || type.isIntersectionType()) {
            return true;
        }
        if (Bindings.isSubtypeOf(type, "java.lang.Throwable") || Bindings.is(type, "java.lang.Object")
                || Bindings.is(type, "java.io.Serializable")) {
            return true;
        }
        if (type.isInterface()) {
            return NON_THROWABLE_INTERFACES.stream().noneMatch(safe -> Bindings.isSubtypeOf(type, safe));
        }
        return false; // a class outside Throwable's line cannot have a Throwable subclass
    }

    /** Whether a value of this static type can implement java.util.Formattable at run time. */
    private static boolean mayBeFormattable(ITypeBinding type) {
        if (type.isRecovered()) {
            return true;
        }
        if (type.isPrimitive() || Bindings.is(type, "java.lang.String") || LocalEscapes.isBoxed(type)) {
            return false;
        }
        if (Bindings.isSubtypeOf(type, "java.util.Formattable")) {
            return true;
        }
        boolean closed = type.isEnum() || type.isRecord() || Modifier.isFinal(type.getModifiers());
        return !closed;
    }

    private static void apply(FixRewrite fix, MethodInvocation node, int messageIndex, Plan plan) {
        ASTRewrite rewrite = fix.rewrite();
        ListRewrite arguments = rewrite.getListRewrite(node, MethodInvocation.ARGUMENTS_PROPERTY);
        StringLiteral pattern = fix.ast().newStringLiteral();
        pattern.setLiteralValue(plan.pattern());
        arguments.replace((ASTNode) node.arguments().get(messageIndex), pattern, null);
        int index = messageIndex + 1;
        for (Expression argument : plan.arguments()) {
            arguments.insertAt(rewrite.createCopyTarget(argument), index++, null);
        }
    }
}
