package dev.perflens.engine.fix;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What kind of change a fix makes, so a team can say which kinds it does not accept
 * ({@code "fixes": {"deny": ["introduce-static-field"]}} in {@code .perflens.json}).
 */
public enum FixKind {
    /** One expression or call replaced by an equivalent one ({@code new Integer(x)} -> {@code Integer.valueOf(x)}). */
    REPLACE_EXPRESSION,
    /** A new local variable, usually built once before a loop (a HashSet, a StringBuilder). */
    INTRODUCE_LOCAL,
    /** A new static final field in the class (a compiled Pattern, a shared formatter or mapper). */
    INTRODUCE_STATIC_FIELD,
    /** A collection's implementation class changed (HashMap -> EnumMap, Vector -> ArrayList). */
    CHANGE_COLLECTION_TYPE,
    /** A local's declared type changed (StringBuffer -> StringBuilder, Integer -> int). */
    CHANGE_LOCAL_TYPE,
    /** A statement moved to another place (a creation hoisted out of a loop). */
    REORDER_STATEMENTS,
    /** A loop rewritten (an index loop into an iterator, a copy loop into System.arraycopy). */
    REWRITE_LOOP,
    /** A stream wrapped in a buffered one where it is created. */
    WRAP_STREAM;

    /** The name policies use: {@code introduce-static-field}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<FixKind> byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id().equals(id)).findFirst();
    }
}
