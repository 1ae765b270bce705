package dev.perflens.bench.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A structural hash of a value that is the same in two JVMs for equal values: it lets the probe
 * check that the original and the fixed variant return the same result for the same inputs,
 * and that a call leaves its arguments unchanged. A project class that keeps Object's hashCode is
 * hashed by its fields; values whose hash would still depend on object identity or on state
 * Perflens cannot read (a JDK class it does not know, a cycle) are "unhashable": no claim is made.
 */
public final class DeepHash {
    /** Returned when no identity-independent hash exists. */
    public static final String UNHASHABLE = "unhashable";
    private static final int MAX_ELEMENTS = 1_000_000;

    private DeepHash() {
    }

    /** A hex hash, or {@link #UNHASHABLE}. */
    public static String of(Object value) {
        try {
            return Long.toHexString(hash(value, new IdentityHashMap<>(), 0));
        } catch (Unhashable e) {
            return UNHASHABLE;
        }
    }

    private static final class Unhashable extends Exception {
        Unhashable() {
            super(null, null, false, false);
        }
    }

    private static long hash(Object value, IdentityHashMap<Object, Boolean> seen, int depth) throws Unhashable {
        if (value == null) {
            return 0x9e3779b97f4a7c15L;
        }
        if (depth > 32) {
            throw new Unhashable();
        }
        Class<?> type = value.getClass();
        if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character) {
            return mix(value.hashCode() * 31L + type.getName().hashCode());
        }
        if (value instanceof Enum<?> e) {
            return mix(e.name().hashCode());
        }
        if (value instanceof CharSequence text) { // StringBuilder and the like: their text
            return mix(text.toString().hashCode() * 31L + 0xc5L);
        }
        if (seen.put(value, Boolean.TRUE) != null) {
            throw new Unhashable(); // a cycle
        }
        try {
            if (type.isArray()) {
                long h = 17;
                int length = Math.min(Array.getLength(value), MAX_ELEMENTS);
                for (int i = 0; i < length; i++) {
                    h = h * 31 + hash(Array.get(value, i), seen, depth + 1);
                }
                return mix(h);
            }
            if (value instanceof Set<?> set) {
                long h = 0;
                for (Object element : set) {
                    h += hash(element, seen, depth + 1); // order-independent, as Set.hashCode
                }
                return mix(h ^ 0x5e7L);
            }
            if (value instanceof Map<?, ?> map) {
                long h = 0;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    h += hash(entry.getKey(), seen, depth + 1) ^ (hash(entry.getValue(), seen, depth + 1) * 7);
                }
                return mix(h ^ 0x3a9L);
            }
            if (value instanceof List<?> || value instanceof Collection<?>) {
                long h = value instanceof List<?> ? 1 : 3;
                for (Object element : (Collection<?>) value) {
                    h = h * 31 + hash(element, seen, depth + 1);
                }
                return mix(h);
            }
            if (type.isRecord()) {
                long h = type.getName().hashCode();
                for (RecordComponent component : type.getRecordComponents()) {
                    try {
                        component.getAccessor().setAccessible(true);
                        h = h * 31 + hash(component.getAccessor().invoke(value), seen, depth + 1);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new Unhashable();
                    }
                }
                return mix(h);
            }
            if (overridesHashCode(type)) {
                return mix(value.hashCode() * 31L + type.getName().hashCode());
            }
            return fields(value, type, seen, depth);
        } finally {
            seen.remove(value);
        }
    }

    /**
     * A class of the project that keeps Object's identity hashCode: the hash of its fields
     * (instance fields of it and its superclasses), which is the same for equal states in any JVM.
     * JDK classes are not opened (their fields are not accessible, and their state is not the
     * project's): they stay unhashable.
     */
    private static long fields(Object value, Class<?> type, IdentityHashMap<Object, Boolean> seen, int depth)
            throws Unhashable {
        if (isJdk(type)) {
            throw new Unhashable(); // Object itself, or a JDK class whose state is not readable
        }
        long h = type.getName().hashCode();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            if (isJdk(c) || c.isSynthetic() || c.isHidden()) {
                throw new Unhashable(); // a JDK superclass (its state is not readable), or a lambda
            }
            Field[] declared = c.getDeclaredFields();
            java.util.Arrays.sort(declared, java.util.Comparator.comparing(Field::getName));
            for (Field field : declared) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    h = h * 31 + field.getName().hashCode();
                    h = h * 31 + hash(field.get(value), seen, depth + 1);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new Unhashable();
                }
            }
        }
        return mix(h);
    }

    static boolean isJdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    private static boolean overridesHashCode(Class<?> type) {
        try {
            return type.getMethod("hashCode").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
