package dev.perflens.bench.runtime;

import static dev.perflens.bench.runtime.Inputs.NESTED_SIZE;
import static dev.perflens.bench.runtime.Inputs.PROVIDER_CLASS;
import static dev.perflens.bench.runtime.Inputs.PROVIDER_METHOD;
import static dev.perflens.bench.runtime.Inputs.providerHint;

import dev.perflens.bench.runtime.Inputs.InputException;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds one value of a (generic) type for {@link Inputs}: providers first, then the built-in
 * rules the README's Benchmarks section lists. Runs inside the benchmark JVM; JDK only.
 */
final class ValueGenerator {
    private static final int MAX_DEPTH = 6;
    private static final int TOKEN_LENGTH = 8;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Class<?> owner;
    private final int size;
    private final Inputs.Shape shape;
    private Random random;
    private final Class<?> providers;

    ValueGenerator(Class<?> owner, int size, Random random) {
        this(owner, size, random, Inputs.Shape.RANDOM);
    }

    ValueGenerator(Class<?> owner, int size, Random random, Inputs.Shape shape) {
        this.owner = owner;
        this.size = size;
        this.random = random;
        this.shape = shape;
        this.providers = providerClass(owner);
    }

    /** Continues from a new random state (equal seeds give equal values). */
    void reseed(long seed) {
        this.random = new Random(seed);
    }

    /** How many distinct words and numbers there are: two for the duplicates shape. */
    private int vocabulary() {
        return shape == Inputs.Shape.DUPLICATES ? 2 : Math.max(2, 2 * size);
    }

    /**
     * The {@code index}th element of a collection: null for every third one in the null-elements
     * shape (where {@code nullable}), and in the twins shape the odd ones repeat the random state
     * of the even ones before them, so they are equal values in distinct objects.
     */
    private Object element(Type type, int index, int count, boolean top, boolean nullable, int depth)
            throws InputException {
        Class<?> raw = erasure(type);
        if (shape == Inputs.Shape.NULL_ELEMENTS && nullable && index % 3 == 1 && raw != null && !raw.isPrimitive()) {
            return null;
        }
        if (shape == Inputs.Shape.TWINS && top) {
            if (index % 2 == 0) {
                twinSeed = random.nextLong();
            }
            Random outer = random;
            random = new Random(twinSeed);
            try {
                return value(type, null, false, depth + 1);
            } finally {
                random = outer;
            }
        }
        return value(type, null, false, depth + 1);
    }

    private long twinSeed;

    private static Class<?> providerClass(Class<?> owner) {
        String pkg = owner.getPackageName();
        try {
            return Class.forName(pkg.isEmpty() ? PROVIDER_CLASS : pkg + "." + PROVIDER_CLASS, true,
                    owner.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    Object top(Type type, String name, String what) throws InputException {
        try {
            return value(type, name, true, 0);
        } catch (InputException e) {
            String typeName = typeName(type);
            throw new InputException("Perflens cannot generate " + what + " of type " + typeName + ": "
                    + e.getMessage() + ". " + providerHint(owner.getPackageName(), typeName, name));
        }
    }

    private Object value(Type type, String name, boolean top, int depth) throws InputException {
        Object provided = provided(type, top ? name : null);
        if (provided != NONE) {
            return provided;
        }
        if (depth > MAX_DEPTH) {
            if (type instanceof Class<?> c && c.isPrimitive()) {
                return primitive(c, false);
            }
            return null;
        }
        if (type instanceof Class<?> c) {
            return classValue(c, top, depth);
        }
        if (type instanceof ParameterizedType p) {
            return parameterized(p, top, depth);
        }
        if (type instanceof GenericArrayType g) {
            Type component = g.getGenericComponentType();
            Class<?> raw = erasure(component);
            int count = top ? size : nested();
            Object array = java.lang.reflect.Array.newInstance(raw, count);
            for (int i = 0; i < count; i++) {
                java.lang.reflect.Array.set(array, i, element(component, i, count, top, true, depth));
            }
            return array;
        }
        if (type instanceof WildcardType w) {
            return value(w.getUpperBounds()[0], name, top, depth);
        }
        if (type instanceof TypeVariable<?> v) {
            Type bound = v.getBounds()[0];
            if (bound == Object.class || erasure(bound) == Comparable.class || erasure(bound) == CharSequence.class) {
                return token(); // a String satisfies Object, Comparable<T> and CharSequence bounds
            }
            return value(bound, name, top, depth);
        }
        throw new InputException("unsupported type");
    }

    private static final Object NONE = new Object();

    /** A value from a project-supplied provider, or NONE. */
    private Object provided(Type type, String parameterName) throws InputException {
        List<Method> candidates = new ArrayList<>();
        if (providers != null) {
            Method[] methods = providers.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            if (parameterName != null) {
                for (Method m : methods) {
                    if (m.getName().equals(parameterName) && isProvider(m, type)) {
                        candidates.add(m);
                    }
                }
            }
            for (Method m : methods) {
                if (m.getName().startsWith(PROVIDER_METHOD) && m.getGenericReturnType().equals(type)
                        && isProvider(m, type)) {
                    candidates.add(m);
                }
            }
        }
        Class<?> raw = erasure(type);
        if (raw != null && !raw.isPrimitive() && !raw.getName().startsWith("java.")) {
            try {
                Method own = raw.getDeclaredMethod(PROVIDER_METHOD, int.class, Random.class);
                if (isProvider(own, type)) {
                    candidates.add(own);
                }
            } catch (NoSuchMethodException | LinkageError e) {
                // no provider on the type itself
            }
        }
        if (candidates.isEmpty()) {
            return NONE;
        }
        Method provider = candidates.get(0);
        try {
            provider.setAccessible(true);
            return provider.invoke(null, size, random);
        } catch (InvocationTargetException e) {
            throw new InputException("the provider " + provider.getDeclaringClass().getName() + "."
                    + provider.getName() + " threw " + e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InputException("the provider " + provider + " cannot be called: " + e);
        }
    }

    private static boolean isProvider(Method m, Type wanted) {
        Class<?>[] p = m.getParameterTypes();
        return Modifier.isStatic(m.getModifiers()) && p.length == 2 && p[0] == int.class && p[1] == Random.class
                && erasure(wanted) != null && boxed(erasure(wanted)).isAssignableFrom(boxed(m.getReturnType()));
    }

    private int nested() {
        return Math.min(size, NESTED_SIZE);
    }

    private Object classValue(Class<?> c, boolean top, int depth) throws InputException {
        if (c.isPrimitive() || isBox(c)) {
            return primitive(c.isPrimitive() ? c : unbox(c), top);
        }
        if (c == String.class || c == CharSequence.class || c == Object.class) {
            return top && c != Object.class ? text(size) : token();
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            if (constants.length == 0) {
                throw new InputException("the enum " + c.getName() + " has no constants");
            }
            return constants[random.nextInt(constants.length)];
        }
        if (c.isArray()) {
            int count = top ? size : nested();
            Object array = java.lang.reflect.Array.newInstance(c.getComponentType(), count);
            for (int i = 0; i < count; i++) {
                java.lang.reflect.Array.set(array, i, element(c.getComponentType(), i, count, top, true, depth));
            }
            return array;
        }
        if (c == BigInteger.class) {
            return BigInteger.valueOf(random.nextLong());
        }
        if (c == BigDecimal.class) {
            return BigDecimal.valueOf(random.nextInt(1_000_000), 2);
        }
        if (c == Random.class) {
            return new Random(random.nextLong());
        }
        if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c) || c == Iterable.class
                || c == Optional.class) {
            return parameterized(raw(c), top, depth); // a raw collection holds Strings
        }
        if (c.isRecord()) {
            RecordComponent[] components = c.getRecordComponents();
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                Constructor<?> canonical = c.getDeclaredConstructor(types);
                Type[] generic = Arrays.stream(components).map(RecordComponent::getGenericType).toArray(Type[]::new);
                return construct(canonical, generic, depth);
            } catch (NoSuchMethodException e) {
                throw new InputException("the record " + c.getName() + " has no canonical constructor");
            }
        }
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            throw new InputException(c.getName() + " is " + (c.isInterface() ? "an interface" : "abstract")
                    + " that Perflens has no built-in values for");
        }
        if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) {
            throw new InputException(c.getName() + " is an inner class that needs an enclosing instance");
        }
        return viaConstructor(c, depth);
    }

    /** The constructor with the most parameters that can all be generated (a POJO's canonical one). */
    private Object viaConstructor(Class<?> c, int depth) throws InputException {
        Constructor<?>[] constructors = c.getDeclaredConstructors();
        Arrays.sort(constructors, Comparator.<Constructor<?>>comparingInt(k -> -k.getParameterCount())
                .thenComparing(k -> !Modifier.isPublic(k.getModifiers()))
                .thenComparing(Constructor::toString));
        List<String> failures = new ArrayList<>();
        for (Constructor<?> constructor : constructors) {
            if (Modifier.isPrivate(constructor.getModifiers()) || constructor.isSynthetic()) {
                continue;
            }
            try {
                return construct(constructor, constructor.getGenericParameterTypes(), depth);
            } catch (InputException e) {
                failures.add(constructor.toGenericString() + ": " + e.getMessage());
            }
        }
        throw new InputException(failures.isEmpty() ? c.getName() + " has no usable constructor"
                : "no constructor of " + c.getName() + " could be called (" + String.join("; ", failures) + ")");
    }

    private Object construct(Constructor<?> constructor, Type[] types, int depth) throws InputException {
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = value(types[i], null, false, depth + 1);
        }
        try {
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new InputException(constructor.getDeclaringClass().getName() + "'s constructor threw "
                    + e.getCause() + " for generated arguments");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InputException("cannot call " + constructor + ": " + e);
        }
    }

    private static ParameterizedType raw(Class<?> c) {
        int arity = c.getTypeParameters().length;
        Type[] arguments = new Type[arity];
        Arrays.fill(arguments, String.class);
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return arguments;
            }

            @Override
            public Type getRawType() {
                return c;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object parameterized(ParameterizedType p, boolean top, int depth) throws InputException {
        Class<?> raw = (Class<?>) p.getRawType();
        Type[] args = p.getActualTypeArguments();
        int count = top ? size : nested();
        if (raw == Optional.class) {
            return Optional.ofNullable(value(args[0], null, false, depth + 1));
        }
        if (Map.class.isAssignableFrom(raw)) {
            Map map = newMap(raw);
            boolean nullValues = map instanceof HashMap || map instanceof TreeMap;
            for (int i = 0; i < count; i++) {
                map.put(element(args[0], i, count, top, false, depth), element(args[1], i, count, top, nullValues, depth));
            }
            return map;
        }
        if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
            Collection collection = newCollection(raw);
            Type element = args.length == 1 ? args[0] : String.class;
            // ArrayDeque and the sorted collections reject null elements
            boolean nullable = collection instanceof ArrayList || collection instanceof HashSet;
            for (int i = 0; i < count; i++) {
                collection.add(element(element, i, count, top, nullable, depth));
            }
            return collection;
        }
        if (raw == Iterator.class) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(element(args[0], i, count, top, true, depth));
            }
            return list.iterator();
        }
        return classValue(raw, top, depth); // e.g. a generic record: its components are resolved by bound
    }

    @SuppressWarnings("rawtypes")
    private static Map newMap(Class<?> raw) throws InputException {
        if (raw == Map.class || raw == HashMap.class) {
            return new HashMap<>();
        }
        if (raw == SortedMap.class || raw == NavigableMap.class || raw == TreeMap.class) {
            return new TreeMap<>();
        }
        if (raw == LinkedHashMap.class) {
            return new LinkedHashMap<>();
        }
        return (Map) instantiate(raw);
    }

    @SuppressWarnings("rawtypes")
    private static Collection newCollection(Class<?> raw) throws InputException {
        if (raw == List.class || raw == Collection.class || raw == Iterable.class || raw == ArrayList.class) {
            return new ArrayList<>();
        }
        if (raw == Set.class || raw == HashSet.class) {
            return new HashSet<>();
        }
        if (raw == LinkedHashSet.class) {
            return new LinkedHashSet<>();
        }
        if (raw == SortedSet.class || raw == NavigableSet.class || raw == TreeSet.class) {
            return new TreeSet<>();
        }
        if (raw == Queue.class || raw == Deque.class || raw == ArrayDeque.class) {
            return new ArrayDeque<>();
        }
        return (Collection) instantiate(raw);
    }

    private static Object instantiate(Class<?> raw) throws InputException {
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            throw new InputException(raw.getName() + " is an interface or abstract collection type Perflens"
                    + " does not know");
        }
        try {
            Constructor<?> constructor = raw.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InputException(raw.getName() + " has no usable no-argument constructor");
        }
    }

    private Object primitive(Class<?> c, boolean top) {
        int bound = vocabulary();
        if (c == int.class) {
            return top ? size : random.nextInt(bound);
        }
        if (c == long.class) {
            return top ? (long) size : (long) random.nextInt(bound);
        }
        if (c == short.class) {
            return (short) (top ? Math.min(size, Short.MAX_VALUE) : random.nextInt(Math.min(bound, Short.MAX_VALUE)));
        }
        if (c == byte.class) {
            return (byte) random.nextInt(128);
        }
        if (c == boolean.class) {
            return random.nextBoolean();
        }
        if (c == char.class) {
            return ALPHABET[random.nextInt(26)];
        }
        if (c == double.class) {
            return random.nextDouble() * bound;
        }
        return (float) (random.nextDouble() * bound);
    }

    /** A word of the vocabulary: the same index gives the same word in every JVM. */
    private String token() {
        long index = random.nextInt(vocabulary());
        long h = index * 0x9e3779b97f4a7c15L + 0x632be59bd9b4e019L;
        char[] chars = new char[TOKEN_LENGTH];
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            h ^= h >>> 29;
            h *= 0xbf58476d1ce4e5b9L;
            chars[i] = ALPHABET[(int) Long.remainderUnsigned(h, ALPHABET.length)];
        }
        return new String(chars);
    }

    private String text(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    private static boolean isBox(Class<?> c) {
        return c == Integer.class || c == Long.class || c == Short.class || c == Byte.class || c == Boolean.class
                || c == Character.class || c == Double.class || c == Float.class;
    }

    private static Class<?> unbox(Class<?> c) {
        return c == Integer.class ? int.class : c == Long.class ? long.class : c == Short.class ? short.class
                : c == Byte.class ? byte.class : c == Boolean.class ? boolean.class : c == Character.class ? char.class
                : c == Double.class ? double.class : float.class;
    }

    private static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == int.class ? Integer.class : c == long.class ? Long.class : c == short.class ? Short.class
                : c == byte.class ? Byte.class : c == boolean.class ? Boolean.class : c == char.class ? Character.class
                : c == double.class ? Double.class : c == float.class ? Float.class : Void.class;
    }

    static Class<?> erasure(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            Class<?> component = erasure(g.getGenericComponentType());
            return component == null ? null : java.lang.reflect.Array.newInstance(component, 0).getClass();
        }
        if (type instanceof WildcardType w) {
            return erasure(w.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> v) {
            return erasure(v.getBounds()[0]);
        }
        return null;
    }

    static String typeName(Type type) {
        return type instanceof Class<?> c ? c.getCanonicalName() != null ? c.getCanonicalName() : c.getName()
                : type.getTypeName();
    }
}
