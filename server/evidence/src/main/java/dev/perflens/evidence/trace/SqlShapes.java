package dev.perflens.evidence.trace;

import java.util.regex.Pattern;

/**
 * The shape of a SQL statement: string and number literals become {@code ?}, an {@code IN}
 * list becomes {@code IN (?)}, whitespace collapses and keywords are upper-cased, so that
 * {@code select * from t where id = 7} and {@code SELECT * FROM t WHERE id = 8} are one query
 * run twice, which is what an N+1 looks like in a trace.
 */
public final class SqlShapes {
    private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w.])");
    private static final Pattern IN_LIST = Pattern.compile("(?i)\\bIN\\s*\\(\\s*\\?(?:\\s*,\\s*\\?)*\\s*\\)");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private SqlShapes() {
    }

    public static String shape(String statement) {
        if (statement == null) {
            return null;
        }
        String s = STRING.matcher(statement).replaceAll("?");
        s = NUMBER.matcher(s).replaceAll("?");
        s = IN_LIST.matcher(s).replaceAll("IN (?)");
        return SPACE.matcher(s).replaceAll(" ").trim();
    }
}
