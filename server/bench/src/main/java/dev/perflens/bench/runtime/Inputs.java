package dev.perflens.bench.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Random;

/**
 * The receiver and arguments of a method under test for one size, built by reflection inside
 * the benchmark JVM. Both variants build them from the same seed, so they see identical inputs.
 *
 * <p>Sizes: a top-level collection, array, map or String parameter has {@code size} elements
 * (characters); a top-level int, long or short is {@code size} itself (it is usually a count or
 * limit). Collections nested in other values (a record's list field, a list of lists) have at
 * most {@value #NESTED_SIZE} elements so that inputs stay linear in {@code size}. Strings and
 * numbers inside values are drawn from a vocabulary of {@code 2 * size} values, so two
 * collections of the same element type share about 40% of their elements: a membership test
 * finds some and misses some, as it would on real data.
 *
 * <p>Providers let a project supply what cannot be generated (or should be realistic). Every
 * provider is a static method taking {@code (int size, java.util.Random random)}. In the class
 * {@code PerflensInputs} of the method's package (often under src/test/java): a method named
 * like a parameter supplies that parameter ({@code receiver} supplies the instance of an
 * instance method); a method whose name starts with {@code perflensInput} supplies every value
 * of its exact (generic) return type, nested ones included. Last, a static
 * {@code perflensInput} method of a type itself supplies every value of that type.
 *
 * <p>No dependencies beyond the JDK: this class runs on the benchmark's class path.
 */
public final class Inputs {
    public static final String PROVIDER_CLASS = "PerflensInputs";
    public static final String PROVIDER_METHOD = "perflensInput";
    static final int NESTED_SIZE = 8;

    /** Why a value could not be generated, with a hint on how to supply it. */
    public static final class InputException extends Exception {
        public InputException(String message) {
            super(message);
        }
    }

    /**
     * What kind of input to build. The behaviour check gives both variants the same inputs of
     * every shape, so that the edge cases a fix may break are among them.
     */
    public enum Shape {
        /** Elements drawn from a vocabulary of {@code 2 * size} values (the benchmark's inputs). */
        RANDOM,
        /** Elements drawn from two values: every collection is full of duplicates. */
        DUPLICATES,
        /** Every third element of a collection, array or map value that allows null is null. */
        NULL_ELEMENTS,
        /**
         * Equal but not identical objects: a top-level collection's elements come in pairs built
         * from the same random state (equal fields, two instances), and parameters of the same type
         * get equal contents, so a lookup of one parameter's elements in the other's finds equal
         * objects that are not the same objects (what a hashCode that disagrees with equals breaks).
         */
        TWINS
    }

    private final Method method;
    private final Object receiver;
    private final Object[] arguments;
    private final String[] names;

    private Inputs(Method method, Object receiver, Object[] arguments, String[] names) {
        this.method = method;
        this.receiver = receiver;
        this.arguments = arguments;
        this.names = names;
    }

    /**
     * Builds receiver (for an instance method) and arguments of {@code owner.name(parameterTypes)}
     * for {@code size}, deterministically from {@code seed}.
     */
    public static Inputs forMethod(Class<?> owner, String name, Class<?>[] parameterTypes, String[] parameterNames,
                                   int size, long seed) throws InputException {
        return forMethod(owner, name, parameterTypes, parameterNames, size, seed, Shape.RANDOM, -1);
    }

    /**
     * As {@link #forMethod(Class, String, Class[], String[], int, long)}, of the given shape; the
     * parameter at {@code nullArgument} (when 0 or more, and of a reference type) is null.
     */
    public static Inputs forMethod(Class<?> owner, String name, Class<?>[] parameterTypes, String[] parameterNames,
                                   int size, long seed, Shape shape, int nullArgument) throws InputException {
        Method method;
        try {
            method = owner.getDeclaredMethod(name, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new InputException("no method " + name + Arrays.toString(parameterTypes) + " in " + owner.getName());
        }
        method.setAccessible(true);
        ValueGenerator generator = new ValueGenerator(owner, size, new Random(seed), shape);
        Object receiver = null;
        if (!Modifier.isStatic(method.getModifiers())) {
            receiver = generator.top(owner, "receiver", "the instance of " + owner.getSimpleName() + " to call "
                    + name + " on");
        }
        Type[] types = method.getGenericParameterTypes();
        Object[] arguments = new Object[types.length];
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            String parameter = i < parameterNames.length ? parameterNames[i] : "arg" + i;
            names[i] = parameter;
            if (i == nullArgument && !parameterTypes[i].isPrimitive()) {
                continue;
            }
            if (shape == Shape.TWINS) {
                // the same random state for every parameter of this type: equal contents, distinct objects
                generator.reseed(seed ^ types[i].getTypeName().hashCode());
            }
            arguments[i] = generator.top(types[i], parameter, "parameter '" + parameter + "'");
        }
        return new Inputs(method, receiver, arguments, names);
    }

    public Method method() {
        return method;
    }

    @SuppressWarnings("unchecked")
    public <T> T receiver() {
        return (T) receiver;
    }

    @SuppressWarnings("unchecked")
    public <T> T argument(int index) {
        return (T) arguments[index];
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    /** The parameters' names, as the harness gave them. */
    public String[] parameterNames() {
        return names.clone();
    }

    /** Whether the method is an instance method (its receiver is part of the state a call may change). */
    public boolean hasReceiver() {
        return !Modifier.isStatic(method.getModifiers());
    }

    /** Calls the method reflectively (used by the probe; the benchmark calls it directly). */
    public Object invoke() throws Throwable {
        try {
            return method.invoke(receiver, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The advice every failure message ends with. */
    public static String providerHint(String packageName, String typeName, String parameterName) {
        String pkg = packageName.isEmpty() ? "the default package" : "package " + packageName;
        return "Supply it with a provider: add a class " + PROVIDER_CLASS + " to " + pkg
                + " (src/test/java is fine) with a method `static " + typeName + " " + parameterName
                + "(int size, java.util.Random random)` for this parameter, or give " + typeName
                + " a method `static " + typeName + " " + PROVIDER_METHOD
                + "(int size, java.util.Random random)` for every value of the type.";
    }

}
