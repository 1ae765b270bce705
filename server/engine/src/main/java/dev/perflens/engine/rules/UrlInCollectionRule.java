package dev.perflens.engine.rules;

import dev.perflens.engine.Category;
import dev.perflens.engine.Confidence;
import dev.perflens.engine.Severity;
import dev.perflens.engine.rule.ClassInstanceCreationMatcher;
import dev.perflens.engine.rule.MethodInvocationMatcher;
import dev.perflens.engine.rule.PerfRule;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rule.RuleContext;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;

/**
 * {@code java.net.URL.equals} and {@code hashCode} resolve the host name (a blocking DNS
 * lookup) to compare addresses. Hash-based maps and sets call both on every operation, so a
 * URL-keyed HashMap or HashSet turns lookups into network round trips. URI compares text.
 */
@PerfRule(
        id = "url-in-collection",
        summary = "java.net.URL as a hash key or set element, or URL.equals/hashCode: each call may block on a DNS lookup",
        severity = Severity.WARNING,
        category = Category.IO,
        complexityBefore = "1 blocking DNS lookup per hash or comparison",
        complexityAfter = "no network I/O")
public final class UrlInCollectionRule implements Rule, MethodInvocationMatcher, ClassInstanceCreationMatcher {
    static final String URL = "java.net.URL";
    private static final Set<String> COLLECTION_FACTORIES = Set.of("of", "copyOf", "ofEntries");
    private static final Set<String> HASHING_COLLECTORS = Set.of("toSet", "toUnmodifiableSet", "toMap",
            "toUnmodifiableMap", "toConcurrentMap", "groupingBy", "groupingByConcurrent");

    @Override
    public void matchClassInstanceCreation(ClassInstanceCreation node, RuleContext context) {
        ITypeBinding type = node.resolveTypeBinding();
        String container = hashedByUrl(type);
        if (container == null) {
            return;
        }
        if (holdsOnlyLocalResources(node)) {
            return; // class-path and file URLs (jar:, file:) have no host: hashCode and equals resolve nothing
        }
        ITypeBinding written = node.getType().resolveBinding();
        report(node, "new " + (written != null ? written.getErasure().getName() : type.getErasure().getName()) + "<...>",
                container, context);
    }

    @Override
    public void matchMethodInvocation(MethodInvocation node, RuleContext context) {
        IMethodBinding binding = node.resolveMethodBinding();
        if (binding == null) {
            return;
        }
        String name = node.getName().getIdentifier();
        ITypeBinding owner = binding.getDeclaringClass();
        boolean isStatic = Modifier.isStatic(binding.getModifiers());
        @SuppressWarnings("unchecked")
        List<Expression> arguments = node.arguments();
        boolean equality = (Bindings.is(owner, URL) || Bindings.is(owner, "java.util.Objects"))
                && Set.of("equals", "hashCode", "hash").contains(name);
        if (equality && definesUrlEquality(node)) {
            return; // a handler's own equality: it must compare URLs
        }
        if (Bindings.is(owner, URL) && !isStatic
                && ((name.equals("equals") && arguments.size() == 1) || (name.equals("hashCode") && arguments.isEmpty()))) {
            String message = "URL." + name + "() resolves the host name to compare IP addresses: a blocking DNS lookup"
                    + " (java.net.URL's documentation), and two virtual hosts on one address compare equal."
                    + " Compare java.net.URI values (or the URL's toExternalForm()) instead.";
            context.reportWithoutFix(node, message, Confidence.high("call resolved to java.net.URL." + name), null);
            return;
        }
        if (Bindings.is(owner, "java.util.Objects") && isStatic && !arguments.isEmpty()
                && ((name.equals("equals") && arguments.size() == 2 && isUrl(arguments.get(0)))
                || (name.equals("hashCode") && arguments.size() == 1 && isUrl(arguments.get(0)))
                || (name.equals("hash") && arguments.stream().anyMatch(UrlInCollectionRule::isUrl)))) {
            String message = "Objects." + name + "(...) calls URL." + (name.equals("equals") ? "equals" : "hashCode")
                    + " on a java.net.URL, which resolves the host name: a blocking DNS lookup"
                    + " (java.net.URL's documentation). Use java.net.URI values instead.";
            context.reportWithoutFix(node, message,
                    Confidence.high("argument type resolved to java.net.URL"), null);
            return;
        }
        ITypeBinding result = node.resolveTypeBinding();
        if (isStatic && (Bindings.is(owner, "java.util.Set") || Bindings.is(owner, "java.util.Map"))
                && COLLECTION_FACTORIES.contains(name)) {
            String container = hashedByUrl(result);
            if (container != null) {
                report(node, owner.getErasure().getName() + "." + name + "(...)", container, context);
            }
            return;
        }
        if (isStatic && Bindings.is(owner, "java.util.stream.Collectors") && HASHING_COLLECTORS.contains(name)
                && result != null && result.getTypeArguments().length == 3) {
            String container = hashedByUrl(result.getTypeArguments()[2]);
            if (container != null) {
                report(node, "Collectors." + name + "(...)", container, context);
            }
            return;
        }
        if (!isStatic && name.equals("distinct") && arguments.isEmpty()
                && Bindings.is(owner, "java.util.stream.Stream") && node.getExpression() != null) {
            ITypeBinding element = typeArgument(node.getExpression().resolveTypeBinding(), "java.util.stream.Stream", 0);
            if (isUrlType(element)) {
                String message = "distinct() on a stream of java.net.URL keeps a HashSet of the elements, so it calls"
                        + " URL.hashCode and URL.equals, which resolve host names: a blocking DNS lookup per element"
                        + " (java.net.URL's documentation). Stream java.net.URI values instead.";
                context.reportWithoutFix(node, message,
                        Confidence.high("stream element type resolved to java.net.URL"), null);
            }
        }
    }

    /**
     * A new collection, local to a method, whose every element comes from a source that yields
     * URLs without a host (see {@link #isLocalResource}): their handlers hash and compare without
     * a host lookup.
     */
    private static boolean holdsOnlyLocalResources(ClassInstanceCreation creation) {
        if (creation.arguments().size() == 1) {
            // a direct copy only: a list held in a variable could have gained other elements
            return Bindings.unwrap((Expression) creation.arguments().get(0)) instanceof MethodInvocation copied
                    && isLocalResource(copied, 0);
        }
        org.eclipse.jdt.core.dom.IVariableBinding local = null;
        org.eclipse.jdt.core.dom.ASTNode parent = creation.getParent();
        if (parent instanceof org.eclipse.jdt.core.dom.VariableDeclarationFragment fragment
                && fragment.resolveBinding() != null && !fragment.resolveBinding().isField()) {
            local = fragment.resolveBinding();
        }
        if (local == null) {
            return false;
        }
        org.eclipse.jdt.core.dom.ASTNode scope = enclosingBody(creation);
        if (scope == null) {
            return false;
        }
        org.eclipse.jdt.core.dom.IVariableBinding target = local.getVariableDeclaration();
        int[] adds = {0};
        boolean[] other = {false};
        scope.accept(new org.eclipse.jdt.core.dom.ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation call) {
                org.eclipse.jdt.core.dom.IVariableBinding v = call.getExpression() == null ? null
                        : Bindings.variable(call.getExpression());
                if (v != null && v.getVariableDeclaration().isEqualTo(target)) {
                    String name = call.getName().getIdentifier();
                    if (name.equals("add") && call.arguments().size() == 1) {
                        adds[0]++;
                        other[0] |= !isLocalResource((Expression) call.arguments().get(0), 0);
                    } else if (name.startsWith("add") || name.startsWith("put")) {
                        other[0] = true;
                    }
                }
                return true;
            }
        });
        return adds[0] > 0 && !other[0];
    }

    private static final Set<String> CLASS_LOADER_RESOURCES = Set.of("getResource", "getResources",
            "getSystemResource", "getSystemResources", "findResource", "findResources");
    private static final Set<String> SERVLET_CONTEXTS = Set.of("javax.servlet.ServletContext",
            "jakarta.servlet.ServletContext");

    /**
     * True when every URL {@code expression} yields (a URL, an array, an enumeration or a list of
     * them) comes from a source with no host to resolve: a class loader's, class's or module's
     * resources ({@code getResource(s)}, {@code getSystemResource(s)}, {@code findResource(s)},
     * also through {@code super.}), the class path of a {@code URLClassLoader} ({@code getURLs()}),
     * a servlet context's resources ({@code ServletContext.getResource}) or a file
     * ({@code file.toURI().toURL()}, {@code path.toUri().toURL()}, {@code file.toURL()}): jar:,
     * file:, jrt: and the containers' own local schemes. A local variable qualifies when its
     * initialiser and every assignment to it do.
     */
    private static boolean isLocalResource(Expression expression, int depth) {
        Expression e = Bindings.unwrap(expression);
        if (depth > 4) {
            return false;
        }
        if (e instanceof org.eclipse.jdt.core.dom.SuperMethodInvocation call) {
            return isLocalSource(call.getName().getIdentifier(), call.resolveMethodBinding());
        }
        if (e instanceof org.eclipse.jdt.core.dom.ArrayAccess access) {
            return isLocalResource(access.getArray(), depth + 1);
        }
        if (e instanceof MethodInvocation call) {
            String name = call.getName().getIdentifier();
            IMethodBinding binding = call.resolveMethodBinding();
            if (isLocalSource(name, binding)) {
                return true;
            }
            if (name.equals("toURL") && call.getExpression() != null
                    && Bindings.unwrap(call.getExpression()) instanceof MethodInvocation toUri
                    && Set.of("toURI", "toUri").contains(toUri.getName().getIdentifier()) && toUri.getExpression() != null) {
                ITypeBinding of = toUri.getExpression().resolveTypeBinding();
                return of != null && (Bindings.is(of, "java.io.File") || Bindings.isSubtypeOf(of, "java.nio.file.Path"));
            }
            if ((name.equals("nextElement") || name.equals("next")) && call.getExpression() != null) {
                return isLocalResource(call.getExpression(), depth + 1);
            }
            ITypeBinding owner = binding == null ? null : binding.getDeclaringClass();
            if (call.arguments().size() == 1 && ((name.equals("list") && Bindings.is(owner, "java.util.Collections"))
                    || (name.equals("asList") && Bindings.is(owner, "java.util.Arrays")))) {
                return isLocalResource((Expression) call.arguments().get(0), depth + 1);
            }
            return false;
        }
        org.eclipse.jdt.core.dom.IVariableBinding variable = Bindings.variable(e);
        if (variable == null || variable.isField() || variable.isParameter()
                || Bindings.isSubtypeOf(variable.getType(), "java.util.Collection") // may gain other elements
                || !(e.getRoot() instanceof org.eclipse.jdt.core.dom.CompilationUnit unit)) {
            return false;
        }
        org.eclipse.jdt.core.dom.ASTNode declaration = unit.findDeclaringNode(variable.getVariableDeclaration());
        List<Expression> sources = new java.util.ArrayList<>();
        if (declaration instanceof org.eclipse.jdt.core.dom.VariableDeclarationFragment fragment) {
            if (fragment.getInitializer() != null) {
                sources.add(fragment.getInitializer());
            }
        } else if (declaration instanceof org.eclipse.jdt.core.dom.SingleVariableDeclaration single
                && single.getParent() instanceof org.eclipse.jdt.core.dom.EnhancedForStatement loop
                && loop.getParameter() == single) {
            sources.add(loop.getExpression()); // every element of what the loop walks
        } else {
            return false;
        }
        org.eclipse.jdt.core.dom.ASTNode scope = enclosingBody(declaration);
        if (scope == null) {
            return false;
        }
        for (Expression write : Bindings.writesWithin(scope, variable)) {
            if (!(write instanceof org.eclipse.jdt.core.dom.Assignment assignment)
                    || assignment.getOperator() != org.eclipse.jdt.core.dom.Assignment.Operator.ASSIGN) {
                return false;
            }
            sources.add(assignment.getRightHandSide());
        }
        if (variable.getType() != null && variable.getType().isArray() && writesAnElement(scope, variable)) {
            return false;
        }
        boolean any = false;
        for (Expression source : sources) {
            if (Bindings.unwrap(source) instanceof org.eclipse.jdt.core.dom.NullLiteral) {
                continue; // holds no URL
            }
            if (!isLocalResource(source, depth + 1)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** The sources that, by their declaring type, yield only URLs without a host. */
    private static boolean isLocalSource(String name, IMethodBinding binding) {
        ITypeBinding owner = binding == null ? null : binding.getDeclaringClass();
        if (owner == null) {
            return false;
        }
        if (CLASS_LOADER_RESOURCES.contains(name) && (Bindings.isSubtypeOf(owner, "java.lang.ClassLoader")
                || Bindings.is(owner, "java.lang.Class") || Bindings.is(owner, "java.lang.Module"))) {
            return true;
        }
        if (name.equals("getURLs") && binding.getParameterTypes().length == 0
                && Bindings.isSubtypeOf(owner, "java.net.URLClassLoader")) {
            return true;
        }
        if (name.equals("toURL") && binding.getParameterTypes().length == 0 && Bindings.is(owner, "java.io.File")) {
            return true;
        }
        return name.equals("getResource") && SERVLET_CONTEXTS.stream().anyMatch(type -> Bindings.isSubtypeOf(owner, type));
    }

    /** True when some {@code array[i] = ...} in {@code scope} stores into the array {@code variable} names. */
    private static boolean writesAnElement(org.eclipse.jdt.core.dom.ASTNode scope,
            org.eclipse.jdt.core.dom.IVariableBinding variable) {
        org.eclipse.jdt.core.dom.IVariableBinding target = variable.getVariableDeclaration();
        boolean[] found = {false};
        scope.accept(new org.eclipse.jdt.core.dom.ASTVisitor() {
            @Override
            public boolean visit(org.eclipse.jdt.core.dom.Assignment assignment) {
                if (Bindings.unwrap(assignment.getLeftHandSide()) instanceof org.eclipse.jdt.core.dom.ArrayAccess access) {
                    org.eclipse.jdt.core.dom.IVariableBinding array = Bindings.variable(access.getArray());
                    found[0] |= array != null && array.getVariableDeclaration().isEqualTo(target);
                }
                return true;
            }
        });
        return found[0];
    }

    private static org.eclipse.jdt.core.dom.ASTNode enclosingBody(org.eclipse.jdt.core.dom.ASTNode node) {
        org.eclipse.jdt.core.dom.ASTNode scope = node;
        while (scope != null && !(scope instanceof org.eclipse.jdt.core.dom.BodyDeclaration)) {
            scope = scope.getParent();
        }
        return scope;
    }

    /**
     * True inside a {@code URLStreamHandler}'s {@code equals(URL, URL)} or {@code hashCode(URL)}:
     * those methods define what URL equality means for the handler's URLs, and URL.equals and
     * URL.hashCode delegate to them, so they have to compare and hash URLs, not URIs.
     */
    private static boolean definesUrlEquality(org.eclipse.jdt.core.dom.ASTNode node) {
        if (!(enclosingBody(node) instanceof org.eclipse.jdt.core.dom.MethodDeclaration method)) {
            return false;
        }
        IMethodBinding binding = method.resolveBinding();
        if (binding == null || Modifier.isStatic(binding.getModifiers())) {
            return false;
        }
        ITypeBinding[] parameters = binding.getParameterTypes();
        boolean shape = (binding.getName().equals("equals") && parameters.length == 2
                && Bindings.is(parameters[0], URL) && Bindings.is(parameters[1], URL))
                || (binding.getName().equals("hashCode") && parameters.length == 1 && Bindings.is(parameters[0], URL));
        return shape && Bindings.isSubtypeOf(binding.getDeclaringClass(), "java.net.URLStreamHandler");
    }

    private static void report(org.eclipse.jdt.core.dom.ASTNode node, String what, String container, RuleContext context) {
        String message = what + " builds a " + container + " of java.net.URL: every add, put, get or contains calls"
                + " URL.hashCode and URL.equals, which resolve the host name with a blocking DNS lookup"
                + " (java.net.URL's documentation). Use java.net.URI (or the URL's string form) as the "
                + (container.endsWith("map") ? "key." : "element.");
        context.reportWithoutFix(node, message,
                Confidence.high((container.endsWith("map") ? "key" : "element") + " type resolved to java.net.URL"), null);
    }

    /**
     * "hash map" or "hash set" when {@code type} is a Map keyed by URL or a Set of URL that
     * hashes its keys; null for sorted and identity-based containers and anything else.
     */
    static String hashedByUrl(ITypeBinding type) {
        if (type == null || type.isRecovered()) {
            return null;
        }
        // The URL question first: it rules out almost every type, so the walks of the type hierarchy
        // for the sorted containers run only for maps and sets of URL (measured: this method was 4%
        // of the CPU samples of a `perflens check` of guava while it asked them of every type).
        String container = isUrlType(typeArgument(type, "java.util.Map", 0)) ? "hash map"
                : isUrlType(typeArgument(type, "java.util.Set", 0)) ? "hash set" : null;
        if (container == null || Bindings.isSubtypeOf(type, "java.util.SortedMap")
                || Bindings.isSubtypeOf(type, "java.util.SortedSet") || Bindings.is(type, "java.util.IdentityHashMap")) {
            return null;
        }
        return container;
    }

    private static boolean isUrl(Expression expression) {
        return isUrlType(expression.resolveTypeBinding());
    }

    private static boolean isUrlType(ITypeBinding type) {
        if (type == null) {
            return false;
        }
        if (type.isWildcardType() || type.isCapture()) {
            ITypeBinding wildcard = type.isCapture() ? type.getWildcard() : type;
            return wildcard != null && wildcard.isUpperbound() && Bindings.is(wildcard.getBound(), URL);
        }
        return Bindings.is(type, URL);
    }

    /** The {@code index}th type argument with which {@code type} instantiates {@code generic}, or null. */
    static ITypeBinding typeArgument(ITypeBinding type, String generic, int index) {
        if (type == null) {
            return null;
        }
        if (Bindings.is(type, generic)) {
            ITypeBinding[] arguments = type.getTypeArguments();
            return arguments.length > index ? arguments[index] : null;
        }
        ITypeBinding found = typeArgument(type.getSuperclass(), generic, index);
        if (found != null) {
            return found;
        }
        for (ITypeBinding superInterface : type.getInterfaces()) {
            found = typeArgument(superInterface, generic, index);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
