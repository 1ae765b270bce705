package dev.perflens.engine.rules;

import java.text.DecimalFormat;
import java.text.SimpleDateFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jdt.core.dom.BooleanLiteral;
import org.eclipse.jdt.core.dom.CharacterLiteral;
import org.eclipse.jdt.core.dom.ClassInstanceCreation;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.IBinding;
import org.eclipse.jdt.core.dom.IMethodBinding;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.IVariableBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.eclipse.jdt.core.dom.Modifier;
import org.eclipse.jdt.core.dom.Name;
import org.eclipse.jdt.core.dom.NumberLiteral;
import org.eclipse.jdt.core.dom.QualifiedName;
import org.eclipse.jdt.core.dom.StringLiteral;
import org.eclipse.jdt.core.dom.TypeLiteral;

/**
 * The objects that are expensive to create and cheap to reuse, recognised from resolved
 * bindings: which creation expressions make them, which calls on them leave them unchanged,
 * and whether creating one earlier (before a loop, or once per class) can change behaviour.
 */
final class ExpensiveObjects {
    private ExpensiveObjects() {
    }

    enum Kind {
        SIMPLE_DATE_FORMAT("dateFormat", false, false,
                "parses the pattern and sets up a Calendar and the locale's date symbols"),
        DECIMAL_FORMAT("decimalFormat", false, false, "parses the pattern and loads the locale's number symbols"),
        OBJECT_MAPPER("objectMapper", true, false,
                "builds its configuration and caches, and throws away the serializers it learns"),
        GSON("gson", true, true, "builds its type adapter factories and caches"),
        JAXB_CONTEXT("jaxbContext", true, true, "introspects every bound class, JAXB's most expensive step"),
        XML_FACTORY("factory", false, false,
                "looks up the implementation through system properties, configuration files and the service loader"),
        MESSAGE_DIGEST("messageDigest", false, false, "looks the algorithm up among the installed security providers"),
        SECURE_RANDOM("secureRandom", true, false, "looks up and seeds a new generator from the entropy source"),
        RANDOM("random", true, false, "seeds a new generator through a shared, atomically updated seed"),
        HTTP_CLIENT("httpClient", true, true,
                "creates a client with its own connection pool and selector thread, so no connection is reused"),
        DATE_TIME_FORMATTER("formatter", true, true, "parses the pattern into a formatter");

        final String baseName;
        /** Documented as safe to share between threads (ObjectMapper: once configured). */
        final boolean threadSafe;
        /** Offers no way to change it after creation, so handing it to other code is harmless. */
        final boolean immutable;
        final String whyExpensive;

        Kind(String baseName, boolean threadSafe, boolean immutable, String whyExpensive) {
            this.baseName = baseName;
            this.threadSafe = threadSafe;
            this.immutable = immutable;
            this.whyExpensive = whyExpensive;
        }
    }

    /**
     * One creation: its kind, the expression, the type of object made, a short text for
     * messages, every argument (of a builder chain too), and whether it is a builder chain.
     */
    record Creation(Kind kind, Expression expression, ITypeBinding type, String description, List<Expression> arguments,
                    boolean builderChain) {
        String typeName() {
            return type.getErasure().getName();
        }
    }

    private static final Set<String> XML_FACTORIES = Set.of("javax.xml.parsers.DocumentBuilderFactory",
            "javax.xml.parsers.SAXParserFactory", "javax.xml.transform.TransformerFactory",
            "javax.xml.stream.XMLInputFactory", "javax.xml.stream.XMLOutputFactory", "javax.xml.stream.XMLEventFactory",
            "javax.xml.xpath.XPathFactory", "javax.xml.validation.SchemaFactory", "javax.xml.datatype.DatatypeFactory");
    private static final Set<String> XML_FACTORY_METHODS = Set.of("newInstance", "newDefaultInstance", "newFactory",
            "newDefaultFactory", "newNSInstance", "newDefaultNSInstance");
    /** Digest algorithms every Java platform must provide (MessageDigest's documentation, Java 8 to 25). */
    static final Set<String> REQUIRED_DIGESTS = Set.of("SHA-1", "SHA-256");

    static Creation recognize(Expression expression) {
        if (expression instanceof ClassInstanceCreation creation) {
            return recognizeConstructor(creation);
        }
        if (expression instanceof MethodInvocation call) {
            return recognizeFactory(call);
        }
        return null;
    }

    private static Creation recognizeConstructor(ClassInstanceCreation creation) {
        ITypeBinding type = creation.resolveTypeBinding();
        if (creation.getAnonymousClassDeclaration() != null || type == null || type.isRecovered()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Expression> arguments = creation.arguments();
        String name = type.getErasure().getQualifiedName();
        Kind kind = switch (name) {
            case "java.text.SimpleDateFormat" -> Kind.SIMPLE_DATE_FORMAT;
            case "java.text.DecimalFormat" -> Kind.DECIMAL_FORMAT;
            case "com.fasterxml.jackson.databind.ObjectMapper" -> Kind.OBJECT_MAPPER;
            case "com.google.gson.Gson" -> Kind.GSON;
            // seeded generators repeat their sequence by design: only the unseeded ones are reusable
            case "java.security.SecureRandom" -> arguments.isEmpty() ? Kind.SECURE_RANDOM : null;
            case "java.util.Random" -> arguments.isEmpty() ? Kind.RANDOM : null;
            default -> null;
        };
        return kind == null ? null
                : new Creation(kind, creation, type, "new " + type.getErasure().getName()
                + (arguments.isEmpty() ? "()" : "(...)"), arguments, false);
    }

    private static Creation recognizeFactory(MethodInvocation call) {
        IMethodBinding binding = call.resolveMethodBinding();
        if (binding == null) {
            return null;
        }
        ITypeBinding owner = binding.getDeclaringClass();
        String ownerName = owner.getErasure().getQualifiedName();
        String method = binding.getName();
        boolean isStatic = Modifier.isStatic(binding.getModifiers());
        @SuppressWarnings("unchecked")
        List<Expression> arguments = call.arguments();
        Kind kind = null;
        if (isStatic) {
            if (method.equals("newInstance") && (ownerName.equals("jakarta.xml.bind.JAXBContext")
                    || ownerName.equals("javax.xml.bind.JAXBContext"))) {
                kind = Kind.JAXB_CONTEXT;
            } else if (XML_FACTORIES.contains(ownerName) && XML_FACTORY_METHODS.contains(method)) {
                kind = Kind.XML_FACTORY;
            } else if (ownerName.equals("java.security.MessageDigest") && method.equals("getInstance")) {
                kind = Kind.MESSAGE_DIGEST;
            } else if (ownerName.equals("java.security.SecureRandom") && method.startsWith("getInstance")) {
                kind = Kind.SECURE_RANDOM;
            } else if (ownerName.equals("java.net.http.HttpClient") && method.equals("newHttpClient")) {
                kind = Kind.HTTP_CLIENT;
            } else if (ownerName.equals("java.time.format.DateTimeFormatter") && method.equals("ofPattern")) {
                kind = Kind.DATE_TIME_FORMATTER;
            }
            if (kind == null) {
                return null;
            }
            ITypeBinding type = binding.getReturnType();
            return new Creation(kind, call, type, owner.getErasure().getName() + "." + method
                    + (arguments.isEmpty() ? "()" : "(...)"), arguments, false);
        }
        if (method.equals("build") && ownerName.equals("java.net.http.HttpClient.Builder")) {
            return chain(call, Kind.HTTP_CLIENT, "java.net.http.HttpClient", "newBuilder");
        }
        if (method.equals("create") && ownerName.equals("com.google.gson.GsonBuilder")) {
            return chain(call, Kind.GSON, "com.google.gson.GsonBuilder", null);
        }
        return null;
    }

    /**
     * A builder chain ending in {@code call}: every link a call on the builder, the first a
     * static {@code factory} of {@code rootType} (or, with a null factory, {@code new rootType()}).
     */
    private static Creation chain(MethodInvocation call, Kind kind, String rootType, String factory) {
        List<Expression> arguments = new ArrayList<>();
        Expression link = call;
        while (Bindings.unwrap(link) instanceof MethodInvocation invocation) {
            IMethodBinding binding = invocation.resolveMethodBinding();
            if (binding == null) {
                return null;
            }
            @SuppressWarnings("unchecked")
            List<Expression> linkArguments = invocation.arguments();
            arguments.addAll(linkArguments);
            if (factory != null && binding.getName().equals(factory) && Modifier.isStatic(binding.getModifiers())
                    && Bindings.is(binding.getDeclaringClass(), rootType)) {
                break;
            }
            if (Modifier.isStatic(binding.getModifiers()) || invocation.getExpression() == null) {
                return null;
            }
            link = invocation.getExpression();
        }
        Expression root = Bindings.unwrap(link);
        boolean rooted = factory != null ? root instanceof MethodInvocation
                : root instanceof ClassInstanceCreation creation && creation.getAnonymousClassDeclaration() == null
                && Bindings.is(creation.resolveTypeBinding(), rootType) && creation.arguments().isEmpty();
        if (!rooted) {
            return null;
        }
        ITypeBinding type = call.resolveTypeBinding();
        if (type == null) {
            return null;
        }
        return new Creation(kind, call, type, (factory != null ? type.getName() + "." + factory + "()"
                : "new " + root.resolveTypeBinding().getName() + "()") + "...." + call.getName().getIdentifier() + "()",
                arguments, true);
    }

    /** The calls on an object of this kind that leave it as it was (its configuration and its state). */
    static Predicate<MethodInvocation> harmlessCalls(Creation creation) {
        return call -> {
            IMethodBinding binding = call.resolveMethodBinding();
            if (binding == null || Bindings.is(binding.getDeclaringClass(), "java.lang.Object")) {
                return false;
            }
            String name = binding.getName();
            return switch (creation.kind()) {
                case SIMPLE_DATE_FORMAT -> name.equals("format") || name.equals("toPattern")
                        || name.equals("toLocalizedPattern")
                        // parsing a zone name or offset sets the formatter's time zone (SimpleDateFormat.parse's documentation)
                        || ((name.equals("parse") || name.equals("parseObject")) && patternHasNoZone(creation));
                case DECIMAL_FORMAT -> Set.of("format", "parse", "parseObject", "toPattern", "toLocalizedPattern").contains(name);
                case OBJECT_MAPPER -> name.startsWith("read") || name.startsWith("write") || Set.of("convertValue",
                        "valueToTree", "treeToValue", "createObjectNode", "createArrayNode", "getTypeFactory",
                        "canSerialize", "canDeserialize").contains(name);
                case GSON, DATE_TIME_FORMATTER -> true; // immutable: every method leaves it as it was
                case JAXB_CONTEXT -> Set.of("createMarshaller", "createUnmarshaller", "createJAXBIntrospector",
                        "createBinder").contains(name);
                case XML_FACTORY -> (name.startsWith("new") || name.startsWith("create")) && !name.equals("newInstance");
                case MESSAGE_DIGEST -> Set.of("update", "digest", "reset", "getAlgorithm", "getDigestLength").contains(name);
                case SECURE_RANDOM, RANDOM -> name.startsWith("next") || Set.of("ints", "longs", "doubles",
                        "generateSeed", "getAlgorithm", "getParameters").contains(name);
                case HTTP_CLIENT -> Set.of("send", "sendAsync", "newWebSocketBuilder", "version", "followRedirects",
                        "connectTimeout", "proxy", "sslContext", "sslParameters", "authenticator", "cookieHandler",
                        "executor").contains(name);
            };
        };
    }

    /**
     * Null when creating the object earlier (once before a loop that might not run, or once per
     * class) cannot throw where the original would not have, nor build a different object;
     * otherwise the reason.
     */
    static String whyNotEarly(Creation creation) {
        if (creation.builderChain()) {
            return "it is built by a builder chain; create it once before the loop yourself";
        }
        List<Expression> arguments = creation.arguments();
        String notConstant = "the pattern is not a compile-time constant: created before the loop, an invalid pattern"
                + " would throw even when the loop does not run";
        return switch (creation.kind()) {
            case SIMPLE_DATE_FORMAT -> {
                String pattern = constantString(arguments.isEmpty() ? null : arguments.get(0));
                if (pattern == null || arguments.size() > 2 || (arguments.size() == 2 && !isLocaleConstant(arguments.get(1)))) {
                    yield notConstant;
                }
                yield parses(() -> new SimpleDateFormat(pattern, Locale.ROOT)) ? null : "the pattern is invalid";
            }
            case DECIMAL_FORMAT -> {
                if (arguments.isEmpty()) {
                    yield null;
                }
                String pattern = constantString(arguments.get(0));
                if (pattern == null || arguments.size() > 1) {
                    yield notConstant;
                }
                yield parses(() -> new DecimalFormat(pattern)) ? null : "the pattern is invalid";
            }
            case DATE_TIME_FORMATTER -> {
                String pattern = constantString(arguments.isEmpty() ? null : arguments.get(0));
                if (pattern == null || (arguments.size() == 2 && !isLocaleConstant(arguments.get(1)))) {
                    yield notConstant;
                }
                yield parses(() -> DateTimeFormatter.ofPattern(pattern)) ? null : "the pattern is invalid";
            }
            case OBJECT_MAPPER, GSON, XML_FACTORY, HTTP_CLIENT, RANDOM -> arguments.isEmpty() ? null
                    : "it is created with arguments, which Perflens cannot prove safe to evaluate early";
            case SECURE_RANDOM -> creation.expression() instanceof ClassInstanceCreation ? null
                    : "SecureRandom.getInstance may throw NoSuchAlgorithmException, which would then be thrown even"
                    + " when the loop does not run";
            case MESSAGE_DIGEST -> arguments.size() == 1 && REQUIRED_DIGESTS.contains(constantString(arguments.get(0)))
                    ? null : "the algorithm is not one every Java platform must provide (SHA-1, SHA-256), so"
                    + " getInstance may throw NoSuchAlgorithmException, then even when the loop does not run";
            case JAXB_CONTEXT -> "JAXBContext.newInstance throws JAXBException when a class cannot be bound; created"
                    + " earlier it would throw where the original code did not run";
        };
    }

    private static boolean parses(Runnable create) {
        try {
            create.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A SimpleDateFormat whose constant pattern has no zone field (z, Z, X) outside quotes. */
    private static boolean patternHasNoZone(Creation creation) {
        String pattern = creation.arguments().isEmpty() ? null : constantString(creation.arguments().get(0));
        if (pattern == null) {
            return false;
        }
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == 'z' || c == 'Z' || c == 'X')) {
                return false;
            }
        }
        return true;
    }

    static String constantString(Expression expression) {
        return expression != null && expression.resolveConstantExpressionValue() instanceof String value ? value : null;
    }

    /** A static final field of java.util.Locale, such as Locale.US. */
    static boolean isLocaleConstant(Expression expression) {
        IVariableBinding variable = Bindings.variable(expression);
        return variable != null && variable.isField() && Modifier.isStatic(variable.getModifiers())
                && Modifier.isFinal(variable.getModifiers()) && Bindings.is(variable.getDeclaringClass(), "java.util.Locale");
    }

    /** The same value in every pass of {@code loop}: loop-invariant variables and constants, class literals, Duration.ofX of those. */
    static boolean isInvariant(Expression expression, org.eclipse.jdt.core.dom.ASTNode loop) {
        Expression e = Bindings.unwrap(expression);
        if (e instanceof TypeLiteral || Bindings.isLoopInvariant(e, loop)) {
            return true;
        }
        return e instanceof MethodInvocation call && isDurationFactory(call)
                && call.arguments().stream().allMatch(argument -> isInvariant((Expression) argument, loop));
    }

    private static boolean isDurationFactory(MethodInvocation call) {
        IMethodBinding binding = call.resolveMethodBinding();
        return binding != null && Modifier.isStatic(binding.getModifiers())
                && Bindings.is(binding.getDeclaringClass(), "java.time.Duration") && binding.getName().startsWith("of");
    }

    /**
     * Source text for {@code expression} that means the same anywhere in the file (in a static
     * field initializer, say): literals and class literals as written, other compile-time
     * constants as literals, Type.CONSTANT names as written, Duration.ofX of such; null otherwise.
     */
    static String constantText(Expression expression, String source) {
        Expression e = Bindings.unwrap(expression);
        if (e instanceof StringLiteral || e instanceof NumberLiteral || e instanceof BooleanLiteral
                || e instanceof CharacterLiteral || e instanceof TypeLiteral) {
            return Hoisting.text(source, e);
        }
        Object constant = e.resolveConstantExpressionValue();
        if (constant != null) {
            return literal(e, constant);
        }
        if (e instanceof QualifiedName name && name.getQualifier().resolveBinding() instanceof ITypeBinding) {
            IBinding binding = name.resolveBinding();
            if (binding instanceof IVariableBinding field && field.isField() && Modifier.isStatic(field.getModifiers())
                    && Modifier.isFinal(field.getModifiers())) {
                return Hoisting.text(source, e);
            }
            return null;
        }
        if (e instanceof MethodInvocation call && isDurationFactory(call) && call.getExpression() instanceof Name owner
                && owner.resolveBinding() instanceof ITypeBinding) {
            StringBuilder text = new StringBuilder(Hoisting.text(source, owner)).append('.')
                    .append(call.getName().getIdentifier()).append('(');
            for (int i = 0; i < call.arguments().size(); i++) {
                String argument = constantText((Expression) call.arguments().get(i), source);
                if (argument == null) {
                    return null;
                }
                text.append(i > 0 ? ", " : "").append(argument);
            }
            return text.append(')').toString();
        }
        return null;
    }

    private static String literal(Expression e, Object constant) {
        if (constant instanceof String value) {
            StringLiteral literal = e.getAST().newStringLiteral();
            literal.setLiteralValue(value);
            return literal.getEscapedValue();
        }
        if (constant instanceof Character value) {
            CharacterLiteral literal = e.getAST().newCharacterLiteral();
            literal.setCharValue(value);
            return literal.getEscapedValue();
        }
        if (constant instanceof Long value) {
            return value + "L";
        }
        if (constant instanceof Integer || constant instanceof Boolean) {
            return String.valueOf(constant);
        }
        return null; // byte, short, float and double constants would need casts or exact spelling: no fix
    }
}
