package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.rule.NodeHandlers;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.List;
import org.eclipse.jdt.core.dom.AnonymousClassDeclaration;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.MethodDeclaration;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.TypeDeclaration;

/**
 * InputStream's {@code read(byte[], int, int)} calls {@code read()} once per byte, and
 * OutputStream's (and FilterOutputStream's) {@code write(byte[], int, int)} calls
 * {@code write(int)} once per byte. A subclass that overrides only the single-byte method
 * makes every bulk transfer through it (buffers, transferTo, readAllBytes) byte by byte.
 */
@PerfRule(
        id = "stream-missing-bulk-read",
        summary = "An InputStream/OutputStream subclass overrides read()/write(int) but not the bulk read/write(byte[], int, int)",
        severity = Severity.WARNING,
        category = Category.IO,
        complexityBefore = "O(n) calls per bulk transfer of n bytes",
        complexityAfter = "O(1) calls per bulk transfer")
public final class StreamMissingBulkReadRule implements Rule {

    private record Side(String base, String single, String bulk, List<String> perByteBulkOwners) {
    }

    private static final Side INPUT = new Side("java.io.InputStream", "read", "read", List.of("java.io.InputStream"));
    private static final Side OUTPUT = new Side("java.io.OutputStream", "write", "write",
            List.of("java.io.OutputStream", "java.io.FilterOutputStream"));

    @Override
    public void register(NodeHandlers handlers) {
        handlers.on(TypeDeclaration.class, (node, context) -> {
            if (!node.isInterface() && !Modifier.isAbstract(node.getModifiers())) {
                check(node.resolveBinding(), node.getMethods(), context);
            }
        });
        handlers.on(AnonymousClassDeclaration.class, (node, context) -> {
            List<MethodDeclaration> methods = new java.util.ArrayList<>();
            for (Object member : node.bodyDeclarations()) {
                if (member instanceof MethodDeclaration method) {
                    methods.add(method);
                }
            }
            check(node.resolveBinding(), methods.toArray(MethodDeclaration[]::new), context);
        });
    }

    private static void check(ITypeBinding type, MethodDeclaration[] methods, RuleContext context) {
        if (type == null || type.isRecovered()) {
            return;
        }
        for (Side side : List.of(INPUT, OUTPUT)) {
            if (!Bindings.isSubtypeOf(type.getSuperclass(), side.base())) {
                continue;
            }
            MethodDeclaration single = null;
            for (MethodDeclaration method : methods) {
                IMethodBinding binding = method.resolveBinding();
                if (binding != null && isSingle(binding, side)) {
                    single = method;
                }
            }
            if (single == null || doesNoWork(single)) {
                continue; // an empty or always-throwing single-byte method costs nothing per byte to save
            }
            ITypeBinding bulkOwner = firstDeclaringBulk(type, side);
            if (bulkOwner == null || !side.perByteBulkOwners().contains(bulkOwner.getErasure().getQualifiedName())) {
                continue; // this class or a superclass between it and the JDK base moves bytes in bulk
            }
            String singleSignature = side == INPUT ? "read()" : "write(int)";
            String bulkSignature = side.bulk() + "(byte[], int, int)";
            String typeName = type.isAnonymous() ? "This anonymous " + type.getSuperclass().getErasure().getName()
                    : "'" + type.getName() + "'";
            String message = typeName + " overrides " + singleSignature + " but not " + bulkSignature + ", so the "
                    + bulkSignature + " it inherits from " + bulkOwner.getErasure().getName() + " calls "
                    + singleSignature + " once per byte: every bulk transfer (buffered wrappers, transferTo, "
                    + (side == INPUT ? "readAllBytes" : "write(byte[])") + ") costs n calls for n bytes."
                    + " Override " + bulkSignature + " to move a whole range at once.";
            context.reportWithoutFix(single.getName(), message, Confidence.high(
                    "superclass chain resolved: " + bulkSignature + " is inherited from "
                            + bulkOwner.getErasure().getQualifiedName()), null);
        }
    }

    /** An empty body, or one that ends by throwing with no return on the way: nothing is moved per byte. */
    private static boolean doesNoWork(MethodDeclaration method) {
        if (method.getBody() == null) {
            return false;
        }
        List<?> statements = method.getBody().statements();
        if (statements.isEmpty()) {
            return true;
        }
        if (!(statements.get(statements.size() - 1) instanceof org.eclipse.jdt.core.dom.ThrowStatement)) {
            return false;
        }
        boolean[] returns = {false};
        method.getBody().accept(new SameBodyVisitor() {
            @Override
            public boolean visit(org.eclipse.jdt.core.dom.ReturnStatement node) {
                returns[0] = true;
                return false;
            }
        });
        return !returns[0];
    }

    private static boolean isSingle(IMethodBinding method, Side side) {
        if (Modifier.isStatic(method.getModifiers()) || !method.getName().equals(side.single())) {
            return false;
        }
        ITypeBinding[] parameters = method.getParameterTypes();
        return side == INPUT ? parameters.length == 0 && "int".equals(method.getReturnType().getName())
                : parameters.length == 1 && "int".equals(parameters[0].getName());
    }

    /** The nearest class, from {@code type} up, that declares the bulk method; null when unresolved. */
    private static ITypeBinding firstDeclaringBulk(ITypeBinding type, Side side) {
        for (ITypeBinding t = type; t != null; t = t.getSuperclass()) {
            if (t.isRecovered()) {
                return null;
            }
            for (IMethodBinding method : t.getDeclaredMethods()) {
                ITypeBinding[] parameters = method.getParameterTypes();
                if (method.getName().equals(side.bulk()) && !Modifier.isStatic(method.getModifiers())
                        && parameters.length == 3 && parameters[0].isArray()
                        && "byte".equals(parameters[0].getElementType().getName())
                        && "int".equals(parameters[1].getName()) && "int".equals(parameters[2].getName())) {
                    return t;
                }
            }
            if (Bindings.is(t, side.base())) {
                return null;
            }
        }
        return null;
    }
}
