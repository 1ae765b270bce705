package dev.perflens.evidence.source;

import dev.perflens.engine.text.TextRange;

/**
 * Code that a stack frame can stand for: a method, constructor or initializer block, or a type
 * itself for the code javac puts into its implicit constructor and static initializer (field
 * initializers). Lambdas and loops are not declarations: their lines belong to the enclosing one.
 *
 * @param kind          what the declaration is
 * @param typeName      binary name of the declaring type, "com.example.Outer$Inner", "com.example.Outer$1"
 * @param methodName    JVM method name: "match", "&lt;init&gt;", "&lt;clinit&gt;"; for TYPE both apply
 * @param displayName   as people write it: "Outer.Inner.match", "Outer$1.run", "Outer.&lt;init&gt;"
 * @param parameterCount number of declared parameters (for matching JVM descriptors); -1 for TYPE
 * @param startLine     first line, 1-based, as JVM line numbers count
 * @param endLine       last line, 1-based
 * @param range         the whole declaration
 * @param nameRange     the name (where a code lens or a hot-method diagnostic goes)
 * @param overloadIndex 0 for the first declaration with this type and method name, 1 for the next, ...
 */
public record Declaration(Kind kind, String typeName, String methodName, String displayName, int parameterCount,
                          int startLine, int endLine, TextRange range, TextRange nameRange, int overloadIndex) {

    public enum Kind { METHOD, CONSTRUCTOR, INITIALIZER, TYPE }

    /**
     * Identifies the declaration across edits that move it: type, method name and overload
     * position, not lines. Profiles keep their figures under this key.
     */
    public String key() {
        return typeName + "#" + (kind == Kind.TYPE ? "<type>" : methodName) + "#" + overloadIndex;
    }

    public boolean containsLine(int line) {
        return line >= startLine && line <= endLine;
    }

    public int lineSpan() {
        return endLine - startLine;
    }
}
