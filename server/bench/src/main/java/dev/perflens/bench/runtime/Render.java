package dev.perflens.bench.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A short, readable text of a value for a report: strings quoted, collections and arrays with
 * their first elements and their size, records and project classes with their fields. Bounded in
 * length and depth, so a 100,000-element input prints as one line. Runs in the benchmark JVM; JDK only.
 */
public final class Render {
    private static final int MAX_ELEMENTS = 4;
    private static final int MAX_DEPTH = 4;
    private static final int MAX_STRING = 40;
    /** The whole text is cut here. */
    public static final int MAX_LENGTH = 400;

    private Render() {
    }

    public static String of(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0, new IdentityHashMap<>());
        return cut(out.toString());
    }

    /** "orders=[...], wantedIds=[...]" for a call's receiver and arguments. */
    public static String call(Inputs inputs) {
        StringBuilder out = new StringBuilder();
        if (inputs.hasReceiver()) {
            out.append("receiver=");
            append(out, inputs.receiver(), 0, new IdentityHashMap<>());
        }
        Object[] arguments = inputs.arguments();
        String[] names = inputs.parameterNames();
        for (int i = 0; i < arguments.length; i++) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(names[i]).append('=');
            append(out, arguments[i], 0, new IdentityHashMap<>());
        }
        return cut(out.toString());
    }

    private static String cut(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static void append(StringBuilder out, Object value, int depth, IdentityHashMap<Object, Boolean> seen) {
        if (out.length() > MAX_LENGTH) {
            return;
        }
        if (value == null) {
            out.append("null");
            return;
        }
        if (value instanceof CharSequence text) {
            String s = text.toString();
            out.append('"').append(escape(s.length() <= MAX_STRING ? s : s.substring(0, MAX_STRING) + "…"))
                    .append('"');
            if (s.length() > MAX_STRING) {
                out.append(" (").append(s.length()).append(" chars)");
            }
            return;
        }
        if (value instanceof Character c) {
            out.append('\'').append(escape(c.toString())).append('\'');
            return;
        }
        if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
            return;
        }
        if (value instanceof Enum<?> e) {
            out.append(e.name());
            return;
        }
        if (depth >= MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
            out.append("…");
            return;
        }
        try {
            Class<?> type = value.getClass();
            if (type.isArray()) {
                int length = Array.getLength(value);
                out.append('[');
                for (int i = 0; i < Math.min(length, MAX_ELEMENTS); i++) {
                    out.append(i == 0 ? "" : ", ");
                    append(out, Array.get(value, i), depth + 1, seen);
                }
                more(out, length);
                out.append(']');
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                int i = 0;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (i == MAX_ELEMENTS) {
                        break;
                    }
                    out.append(i++ == 0 ? "" : ", ");
                    append(out, entry.getKey(), depth + 1, seen);
                    out.append('=');
                    append(out, entry.getValue(), depth + 1, seen);
                }
                more(out, map.size());
                out.append('}');
            } else if (value instanceof Collection<?> collection) {
                out.append('[');
                Iterator<?> it = collection.iterator();
                for (int i = 0; i < MAX_ELEMENTS && it.hasNext(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    append(out, it.next(), depth + 1, seen);
                }
                more(out, collection.size());
                out.append(']');
            } else if (type.isRecord()) {
                out.append(type.getSimpleName()).append('[');
                RecordComponent[] components = type.getRecordComponents();
                for (int i = 0; i < components.length; i++) {
                    out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
                    components[i].getAccessor().setAccessible(true);
                    append(out, components[i].getAccessor().invoke(value), depth + 1, seen);
                }
                out.append(']');
            } else if (!DeepHash.isJdk(type) && !type.isSynthetic() && !type.isHidden()) {
                fields(out, value, type, depth, seen);
            } else {
                out.append(String.valueOf(value));
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            out.append(value.getClass().getSimpleName()).append("@?");
        } finally {
            seen.remove(value);
        }
    }

    /** A project class by its fields (its own toString may hide what differs, or be the identity default). */
    private static void fields(StringBuilder out, Object value, Class<?> type, int depth,
                               IdentityHashMap<Object, Boolean> seen) throws IllegalAccessException {
        out.append(type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName()).append('{');
        boolean first = true;
        for (Class<?> c = type; c != null && c != Object.class && !DeepHash.isJdk(c); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                field.setAccessible(true);
                out.append(first ? "" : ", ").append(field.getName()).append('=');
                first = false;
                append(out, field.get(value), depth + 1, seen);
            }
        }
        out.append('}');
    }

    private static void more(StringBuilder out, int size) {
        if (size > MAX_ELEMENTS) {
            out.append(", … (").append(size).append(" elements)");
        }
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
