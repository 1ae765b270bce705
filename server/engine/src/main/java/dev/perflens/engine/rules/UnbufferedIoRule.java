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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jdt.core.dom.ASTNode;
import org.eclipse.jdt.core.dom.Assignment;
import org.eclipse.jdt.core.dom.ArrayCreation;
import org.eclipse.jdt.core.dom.Block;
import org.eclipse.jdt.core.dom.BodyDeclaration;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ExpressionStatement;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.IfStatement;
import org.eclipse.jdt.core.dom.InfixExpression;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.NullLiteral;
import org.eclipse.jdt.core.dom.ParenthesizedExpression;
import org.eclipse.jdt.core.dom.SimpleName;
import org.eclipse.jdt.core.dom.Statement;
import org.eclipse.jdt.core.dom.TryStatement;
import org.eclipse.jdt.core.dom.Type;
import org.eclipse.jdt.core.dom.VariableDeclaration;
import org.eclipse.jdt.core.dom.VariableDeclarationExpression;
import org.eclipse.jdt.core.dom.VariableDeclarationFragment;
import org.eclipse.jdt.core.dom.VariableDeclarationStatement;
import org.eclipse.jdt.core.dom.rewrite.ASTRewrite;

/**
 * Reading or writing one byte (or char) at a time, or a few, inside a loop on a stream with no
 * buffer in front of it: for file and socket streams every call is a system call. The fix
 * wraps a stream created in the same method in the matching Buffered* class, where doing so
 * keeps what the code reads and writes, and (for output) the stream is closed on every path.
 */
@PerfRule(
        id = "unbuffered-io",
        summary = "Single-byte or small reads/writes in a loop on an unbuffered file or socket stream: one system call each",
        severity = Severity.WARNING,
        category = Category.IO,
        complexityBefore = "O(n) system calls",
        complexityAfter = "O(n/8192) system calls",
        hasFix = true)
public final class UnbufferedIoRule implements Rule, MethodInvocationMatcher {
    /** At most this many bytes or chars per call is a small transfer. */
    static final int SMALL = 16;

    /** A stream class with no buffer of its own, the wrapper that adds one, and the types that wrapper can be passed as. */
    private record Unbuffered(String type, String wrapper, boolean output, boolean chars, Set<String> wrapperSupertypes) {
    }

    private static final Set<String> INPUT_SUPERTYPES = Set.of("java.io.InputStream", "java.io.Closeable",
            "java.lang.AutoCloseable", "java.lang.Object");
    private static final Set<String> OUTPUT_SUPERTYPES = Set.of("java.io.OutputStream", "java.io.Flushable",
            "java.io.Closeable", "java.lang.AutoCloseable", "java.lang.Object");
    private static final Set<String> READER_SUPERTYPES = Set.of("java.io.Reader", "java.lang.Readable",
            "java.io.Closeable", "java.lang.AutoCloseable", "java.lang.Object");
    private static final Set<String> WRITER_SUPERTYPES = Set.of("java.io.Writer", "java.lang.Appendable",
            "java.io.Flushable", "java.io.Closeable", "java.lang.AutoCloseable", "java.lang.Object");
    private static final Map<String, Unbuffered> CONSTRUCTED = Map.of(
            "java.io.FileInputStream", new Unbuffered("java.io.FileInputStream", "java.io.BufferedInputStream", false, false, INPUT_SUPERTYPES),
            "java.io.FileOutputStream", new Unbuffered("java.io.FileOutputStream", "java.io.BufferedOutputStream", true, false, OUTPUT_SUPERTYPES),
            "java.io.FileReader", new Unbuffered("java.io.FileReader", "java.io.BufferedReader", false, true, READER_SUPERTYPES),
            "java.io.FileWriter", new Unbuffered("java.io.FileWriter", "java.io.BufferedWriter", true, true, WRITER_SUPERTYPES));
    /** Calls whose behaviour is the same through the Buffered* wrapper (not skip, mark/reset, getChannel, getFD, getEncoding). */
    private static final Set<String> SAME_THROUGH_WRAPPER = Set.of("read", "readAllBytes", "readNBytes", "transferTo",
            "available", "ready", "write", "append", "flush", "close");
    private static final Set<String> RANDOM_ACCESS_SINGLE = Set.of("read", "readBoolean", "readByte", "readUnsignedByte",
            "readShort", "readUnsignedShort", "readChar", "readInt", "readLong", "readFloat", "readDouble", "write",
            "writeBoolean", "writeByte", "writeShort", "writeChar", "writeInt", "writeLong", "writeFloat", "writeDouble");

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        String name = node.getName().getIdentifier();
        if (node.getExpression() == null || !(name.startsWith("read") || name.startsWith("write"))) {
            return;
        }
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null || Modifier.isStatic(binding.getModifiers())) {
            return;
        }
        Optional<ASTNode> loop = Loops.enclosingLoop(node);
        if (loop.isEmpty()) {
            return;
        }
        Expression receiver = node.getExpression();
        ITypeBinding receiverType = receiver.resolveTypeBinding();
        if (receiverType == null) {
            return;
        }
        if (Bindings.is(receiverType, "java.io.RandomAccessFile")) {
            if (RANDOM_ACCESS_SINGLE.contains(name) && (name.startsWith("read") ? binding.getParameterTypes().length == 0
                    : binding.getParameterTypes().length == 1 && binding.getParameterTypes()[0].isPrimitive())) {
                String message = "'" + receiver + "." + name + "(...)' moves " + (name.equals("read") || name.equals("write")
                        ? "one byte" : "a single value") + " per call on a RandomAccessFile inside a " + Loops.describe(loop.get())
                        + ": RandomAccessFile has no buffer, so every call is at least one system call (O(n) in all)."
                        + " Read or write whole blocks into a byte[] (or a ByteBuffer with its FileChannel) instead.";
                context.reportWithoutFix(node, message, Confidence.high("receiver resolved to java.io.RandomAccessFile"),
                        "a RandomAccessFile cannot be wrapped in a Buffered* stream; read or write blocks yourself");
            }
            return;
        }
        boolean chars = Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.io.Reader")
                || Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.io.Writer");
        boolean bytes = Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.io.InputStream")
                || Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.io.OutputStream");
        if ((!chars && !bytes) || !(isSingleUnit(node, binding) || isSmallTransfer(node, context))) {
            return;
        }
        Source source = unbufferedSource(receiver, context);
        if (source == null) {
            return;
        }
        if (!name.startsWith("read") && flushedInThePass(receiver, loop.get())) {
            return; // each pass is sent at once anyway (a request/response protocol): a buffer saves no system call
        }
        if (name.startsWith("read") && repliesOnEveryPass(loop.get())) {
            // Lock-step: the peer sends the next request only after this pass's reply is flushed, so at
            // most one request is pending and a buffer would still make one receive per pass.
            return;
        }
        String unit = chars ? "character" : "byte";
        boolean single = isSingleUnit(node, binding);
        boolean reading = name.startsWith("read");
        String cost = source.systemCalls() ? "every call is a system call (" + (source.socket()
                ? (reading ? "a socket receive" : "a socket send") : (reading ? "a native file read" : "a native file write"))
                + "), so n " + unit + "s cost O(n) system calls"
                : "every call takes the " + (source.type().contains("Reader") ? "reader" : "writer")
                + "'s lock and runs the charset " + (source.type().contains("Reader") ? "decoder" : "encoder")
                + " for " + (single ? "one character" : "a few characters");
        String wrapper = source.unbuffered() != null ? simple(source.unbuffered().wrapper()) : chars
                ? (name.startsWith("read") ? "BufferedReader" : "BufferedWriter")
                : (name.startsWith("read") ? "BufferedInputStream" : "BufferedOutputStream");
        String message = "'" + receiver + "." + name + "(" + (single ? (name.equals("read") ? "" : "...") : "...") + ")' "
                + (reading ? "reads " : "writes ") + (single ? "one " + unit : "a few " + unit + "s")
                + " per call " + (reading ? "from" : "to") + " an unbuffered " + source.description() + " on every pass of the "
                + Loops.describe(loop.get()) + ": " + cost + ". Wrap the stream in a " + wrapper
                + ", which moves 8 KiB per call to the stream below.";
        Confidence confidence = Confidence.high("receiver resolved to " + source.description()
                + (source.creation() != null ? ", created in this method" : source.variable() != null ? ", obtained in this method" : ""));
        String whyNot = source.whyNoFix();
        if (whyNot == null) {
            whyNot = whyNotWrap(source, context);
        }
        if (whyNot != null) {
            context.reportWithoutFix(node, message, confidence, whyNot);
            return;
        }
        context.report(node, message, confidence, Fix.of(dev.perflens.engine.fix.FixKind.WRAP_STREAM, "Wrap '" + source.variable().getName() + "' in a " + wrapper,
                fix -> wrap(fix, source)));
    }

    /** A flush() of the same stream variable on every pass of the loop, after the write. */
    private static boolean flushedInThePass(Expression receiver, ASTNode loop) {
        IVariableBinding variable = Bindings.variable(receiver);
        if (variable == null) {
            return false;
        }
        boolean[] flushed = {false};
        loop.accept(new org.eclipse.jdt.core.dom.ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                if (call.getName().getIdentifier().equals("flush") && call.arguments().isEmpty()
                        && call.getExpression() != null && Bindings.variable(call.getExpression()) != null
                        && Bindings.variable(call.getExpression()).getVariableDeclaration().isEqualTo(variable.getVariableDeclaration())
                        && Loops.enclosingLoop(call).orElse(null) == loop
                        && receiver.getStartPosition() < call.getStartPosition()) {
                    flushed[0] = true;
                }
                return !flushed[0];
            }
        });
        return flushed[0];
    }

    /** A flush() of an output stream or writer in the loop's own body (not a nested loop's): a reply per pass. */
    private static boolean repliesOnEveryPass(ASTNode loop) {
        boolean[] flushed = {false};
        loop.accept(new org.eclipse.jdt.core.dom.ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                if (call.getName().getIdentifier().equals("flush") && call.arguments().isEmpty()
                        && call.getExpression() != null && Loops.enclosingLoop(call).orElse(null) == loop) {
                    org.eclipse.jdt.core.dom.ITypeBinding type = call.getExpression().resolveTypeBinding();
                    flushed[0] |= Bindings.isSubtypeOf(type, "java.io.OutputStream") || Bindings.isSubtypeOf(type, "java.io.Writer");
                }
                return !flushed[0];
            }
        });
        return flushed[0];
    }

    /** read() with no argument, or write(int). */
    private static boolean isSingleUnit(MethodInvocation node, IMethodBinding binding) {
        String name = binding.getName();
        ITypeBinding[] parameters = binding.getParameterTypes();
        return (name.equals("read") && parameters.length == 0)
                || (name.equals("write") && parameters.length == 1 && "int".equals(parameters[0].getName()));
    }

    /** read/write of an array of at most SMALL elements, or of a constant length of at most SMALL. */
    private static boolean isSmallTransfer(MethodInvocation node, RuleContext context) {
        String name = node.getName().getIdentifier();
        List<?> arguments = node.arguments();
        if (!(name.equals("read") || name.equals("write")) || (arguments.size() != 1 && arguments.size() != 3)) {
            return false;
        }
        Expression array = (Expression) arguments.get(0);
        ITypeBinding arrayType = array.resolveTypeBinding();
        if (arrayType == null || !arrayType.isArray() || !arrayType.getElementType().isPrimitive()) {
            return false;
        }
        if (arguments.size() == 3 && ((Expression) arguments.get(2)).resolveConstantExpressionValue() instanceof Integer length) {
            return length <= SMALL;
        }
        IVariableBinding variable = Bindings.variable(array);
        if (variable == null || variable.isField() || variable.isParameter()) {
            return false;
        }
        ASTNode declaration = context.compilationUnit().findDeclaringNode(variable.getVariableDeclaration());
        BodyDeclaration body = Hoisting.enclosingBody(node);
        return declaration instanceof VariableDeclaration local && local.getInitializer() instanceof ArrayCreation creation
                && creation.dimensions().size() == 1
                && ((Expression) creation.dimensions().get(0)).resolveConstantExpressionValue() instanceof Integer size
                && size <= SMALL && body != null && Bindings.writesWithin(body, variable).isEmpty();
    }

    /**
     * Where the receiver's bytes go: a variable of an unbuffered class (its creation in this
     * method, when there is one), or a local only ever holding an unbuffered stream (a socket's,
     * a Files.newInputStream). {@code whyNoFix} says why there is no wrap at its creation.
     */
    private record Source(String type, String description, boolean systemCalls, boolean socket, Unbuffered unbuffered,
                          IVariableBinding variable, VariableDeclaration declaration, ClassInstanceCreation creation,
                          String whyNoFix) {
    }

    private static Source unbufferedSource(Expression receiver, RuleContext context) {
        ITypeBinding type = receiver.resolveTypeBinding();
        IVariableBinding variable = Bindings.variable(receiver);
        VariableDeclaration declaration = null;
        if (variable != null && !variable.isField() && !variable.isParameter()) {
            ASTNode node = context.compilationUnit().findDeclaringNode(variable.getVariableDeclaration());
            declaration = node instanceof VariableDeclaration local ? local : null;
        }
        Expression initializer = declaration == null ? null : declaration.getInitializer();
        BodyDeclaration body = Hoisting.enclosingBody(receiver);
        boolean neverReassigned = variable != null && body != null && Bindings.writesWithin(body, variable).isEmpty();
        if (initializer != null && neverReassigned && Bindings.unwrap(initializer) instanceof ClassInstanceCreation creation
                && creation.getAnonymousClassDeclaration() == null && creation.resolveTypeBinding() != null) {
            Unbuffered unbuffered = CONSTRUCTED.get(creation.resolveTypeBinding().getErasure().getQualifiedName());
            if (unbuffered != null) {
                return new Source(unbuffered.type(), simple(unbuffered.type()), !unbuffered.chars(), false, unbuffered,
                        variable, declaration, creation, null);
            }
        }
        if (variable != null && body != null && (initializer == null || Bindings.unwrap(initializer) instanceof NullLiteral)) {
            // InputStream in = null; ... in = socket.getInputStream(): one assignment, after the declaration
            List<Expression> writes = Bindings.writesWithin(body, variable);
            if (writes.size() == 1 && writes.get(0) instanceof Assignment assignment
                    && assignment.getOperator() == Assignment.Operator.ASSIGN
                    && Bindings.unwrap(assignment.getRightHandSide()) instanceof MethodInvocation) {
                initializer = assignment.getRightHandSide(); // only a factory call: no wrap fix is offered for it
                neverReassigned = true;
            }
        }
        if (initializer != null && neverReassigned && Bindings.unwrap(initializer) instanceof MethodInvocation call
                && call.resolveMethodBinding() != null) {
            IMethodBinding factory = call.resolveMethodBinding();
            String owner = factory.getDeclaringClass().getErasure().getQualifiedName();
            String name = factory.getName();
            boolean socket = (owner.equals("java.net.Socket") && (name.equals("getInputStream") || name.equals("getOutputStream")));
            boolean files = owner.equals("java.nio.file.Files") && (name.equals("newInputStream") || name.equals("newOutputStream"));
            if (socket || files) {
                return new Source(owner, socket ? "socket stream (Socket." + name + ")" : "stream from Files." + name,
                        true, socket, null, variable, declaration, null,
                        "the stream comes from " + simple(owner) + "." + name + "(), not from a constructor in this method;"
                                + " wrap it in a Buffered* stream where it is obtained");
            }
        }
        if (type != null && CONSTRUCTED.containsKey(type.getErasure().getQualifiedName())) {
            Unbuffered unbuffered = CONSTRUCTED.get(type.getErasure().getQualifiedName());
            return new Source(unbuffered.type(), simple(unbuffered.type()), !unbuffered.chars(), false, unbuffered,
                    null, null, null, "the stream is not created in this method (or its variable is reassigned), so it"
                    + " cannot be wrapped where it is created");
        }
        return null;
    }

    /**
     * Null when wrapping the creation keeps behaviour: every use of the variable works the same
     * through the wrapper (no skip, mark/reset, getChannel, getFD), it is not stored elsewhere,
     * and an output stream is closed on every path (try-with-resources or finally), so the
     * wrapper's buffer is flushed wherever the original bytes would have been written.
     */
    private static String whyNotWrap(Source source, RuleContext context) {
        IVariableBinding variable = source.variable();
        VariableDeclaration declaration = source.declaration();
        boolean resource = declaration.getParent() instanceof VariableDeclarationExpression expression
                && expression.getParent() instanceof TryStatement && expression.fragments().size() == 1;
        boolean statement = declaration.getParent() instanceof VariableDeclarationStatement s && s.fragments().size() == 1;
        if (!resource && !statement) {
            return "the stream is declared together with other variables";
        }
        ASTNode scope = resource ? declaration.getParent().getParent() : declaration.getParent().getParent();
        for (SimpleName reference : Bindings.referencesWithin(scope, variable)) {
            String problem = useThroughWrapper(reference, source.unbuffered());
            if (problem != null) {
                return problem;
            }
        }
        if (source.unbuffered().output() && !resource && finallyClosing(declaration, variable) == null) {
            return "the stream is not closed by try-with-resources or in a finally block: a " + simple(source.unbuffered().wrapper())
                    + " that is not closed on every path would lose the bytes still in its buffer";
        }
        return null;
    }

    /** Null when this use behaves the same on the wrapper; otherwise what differs. */
    private static String useThroughWrapper(SimpleName reference, Unbuffered unbuffered) {
        Expression e = reference;
        while (e.getParent() instanceof ParenthesizedExpression p) {
            e = p;
        }
        ASTNode parent = e.getParent();
        String name = reference.getIdentifier();
        if (parent instanceof MethodInvocation call && e.getLocationInParent() == MethodInvocation.EXPRESSION_PROPERTY) {
            String method = call.getName().getIdentifier();
            return SAME_THROUGH_WRAPPER.contains(method) ? null
                    : "'" + name + "." + method + "(...)' would behave differently (or not compile) on a "
                    + simple(unbuffered.wrapper());
        }
        if ((parent instanceof MethodInvocation || parent instanceof ClassInstanceCreation)
                && (e.getLocationInParent() == MethodInvocation.ARGUMENTS_PROPERTY
                || e.getLocationInParent() == ClassInstanceCreation.ARGUMENTS_PROPERTY)) {
            IMethodBinding callee = parent instanceof MethodInvocation call ? call.resolveMethodBinding()
                    : ((ClassInstanceCreation) parent).resolveConstructorBinding();
            List<?> arguments = parent instanceof MethodInvocation call ? call.arguments()
                    : ((ClassInstanceCreation) parent).arguments();
            if (callee == null) {
                return "'" + name + "' is passed to a call that could not be resolved";
            }
            ITypeBinding[] parameters = callee.getMethodDeclaration().getParameterTypes();
            int index = arguments.indexOf(e);
            ITypeBinding parameter = index < parameters.length ? parameters[index]
                    : parameters.length > 0 && callee.isVarargs() ? parameters[parameters.length - 1].getElementType() : null;
            if (parameter == null || !unbuffered.wrapperSupertypes().contains(parameter.getErasure().getQualifiedName())) {
                return "'" + name + "' is passed where a " + simple(unbuffered.type()) + " is expected";
            }
            return null;
        }
        if (parent instanceof InfixExpression infix && (infix.getOperator() == InfixExpression.Operator.EQUALS
                || infix.getOperator() == InfixExpression.Operator.NOT_EQUALS)
                && (infix.getLeftOperand() instanceof NullLiteral || infix.getRightOperand() instanceof NullLiteral)) {
            return null;
        }
        return "'" + name + "' is stored or used as a value, which could expose the unbuffered stream";
    }

    /**
     * The try statement that directly follows the declaration and closes the stream in its
     * finally block (plainly or under a null check), holding every other use; null if none.
     */
    private static TryStatement finallyClosing(VariableDeclaration declaration, IVariableBinding variable) {
        ASTNode statement = declaration.getParent();
        if (!(statement.getParent() instanceof Block block)) {
            return null;
        }
        List<?> statements = block.statements();
        int index = statements.indexOf(statement);
        if (index + 1 >= statements.size() || !(statements.get(index + 1) instanceof TryStatement tryStatement)
                || tryStatement.getFinally() == null) {
            return null;
        }
        boolean closes = false;
        for (Object s : tryStatement.getFinally().statements()) {
            Statement closing = (Statement) s;
            if (closing instanceof IfStatement check && check.getElseStatement() == null
                    && check.getExpression() instanceof InfixExpression condition
                    && condition.getOperator() == InfixExpression.Operator.NOT_EQUALS) {
                closing = check.getThenStatement() instanceof Block then && then.statements().size() == 1
                        ? (Statement) then.statements().get(0) : check.getThenStatement();
            }
            closes |= closing instanceof ExpressionStatement expression && expression.getExpression() instanceof MethodInvocation call
                    && call.getName().getIdentifier().equals("close") && call.arguments().isEmpty()
                    && call.getExpression() instanceof SimpleName target
                    && target.resolveBinding() instanceof IVariableBinding closed && closed.isEqualTo(variable);
        }
        if (!closes) {
            return null;
        }
        for (SimpleName reference : Bindings.referencesWithin(block, variable)) {
            if (!Loops.contains(tryStatement, reference)) {
                return null;
            }
        }
        return tryStatement;
    }

    private static void wrap(FixRewrite fix, Source source) {
        ASTRewrite rewrite = fix.rewrite();
        String wrapper = fix.importType(source.unbuffered().wrapper());
        ClassInstanceCreation creation = source.creation();
        Expression original = creation;
        while (original.getParent() instanceof ParenthesizedExpression p) {
            original = p;
        }
        ClassInstanceCreation wrapped = fix.ast().newClassInstanceCreation();
        wrapped.setType(fix.ast().newSimpleType(fix.ast().newName(wrapper)));
        @SuppressWarnings("unchecked")
        List<Expression> arguments = wrapped.arguments();
        arguments.add((Expression) rewrite.createCopyTarget(creation));
        rewrite.replace(original, wrapped, null);
        Type declared = source.declaration() instanceof VariableDeclarationFragment fragment
                ? fragment.getParent() instanceof VariableDeclarationStatement s ? s.getType()
                : ((VariableDeclarationExpression) fragment.getParent()).getType() : null;
        if (declared != null && !declared.isVar() && Bindings.is(declared.resolveBinding(), source.unbuffered().type())) {
            rewrite.replace(declared, fix.ast().newSimpleType(fix.ast().newName(wrapper)), null);
        }
    }

    private static String simple(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }
}
