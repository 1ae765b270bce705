package dev.perflens.bench.harness;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A method a benchmark calls, as found in its source: where it is, how to name it from the
 * same package, and its parameters' types as written (for the harness's fields) and erased
 * (for class literals).
 *
 * @param packageName  the file's package, "" for the default package
 * @param typeNames    the declaring type and its enclosing types, outermost first
 * @param name         the method's name
 * @param parameters   the parameters in order
 * @param isStatic     whether the method is static
 * @param returnsVoid  whether the method returns nothing
 * @param startOffset  offset of the declaration in the source
 * @param endOffset    offset after the declaration's last character
 * @param imports      the file's single-type and on-demand imports, as written ("java.util.List", "java.util.*")
 */
public record MethodUnderTest(String packageName, List<String> typeNames, String name, List<Parameter> parameters,
                              boolean isStatic, boolean returnsVoid, int startOffset, int endOffset,
                              List<String> imports) {
    public MethodUnderTest {
        typeNames = List.copyOf(typeNames);
        parameters = List.copyOf(parameters);
        imports = List.copyOf(imports);
    }

    /**
     * @param name    the parameter's name
     * @param type    its type as written, without annotations; varargs as an array
     * @param erasure its type without type arguments ("List", "int[]", "Map.Entry")
     */
    public record Parameter(String name, String type, String erasure) {
    }

    /** The declaring type as named from its own package: "OrderMatcher", "Outer.Inner". */
    public String ownerName() {
        return String.join(".", typeNames);
    }

    public String qualifiedOwner() {
        return packageName.isEmpty() ? ownerName() : packageName + "." + ownerName();
    }

    /** Identifies the method across edits: "com.example.OrderMatcher#matchOrders(List,List)". */
    public String signature() {
        return qualifiedOwner() + "#" + name + "("
                + parameters.stream().map(Parameter::erasure).collect(Collectors.joining(",")) + ")";
    }

    /** For people: "OrderMatcher.matchOrders(List<Order>, List<String>)". */
    public String displayName() {
        return ownerName() + "." + name + "("
                + parameters.stream().map(Parameter::type).collect(Collectors.joining(", ")) + ")";
    }

    /** A file-name-safe id: "com.example.OrderMatcher.matchOrders(List,List)" with unsafe characters replaced. */
    public String id() {
        String raw = qualifiedOwner() + "." + name + "("
                + parameters.stream().map(Parameter::erasure).collect(Collectors.joining(",")) + ")";
        return raw.replace("[]", "Array").replaceAll("[^A-Za-z0-9._,()-]", "_");
    }
}
