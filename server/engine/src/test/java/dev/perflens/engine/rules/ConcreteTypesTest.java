package dev.perflens.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perflens.engine.workspace.ParseEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jdt.core.dom.ASTParser;
import org.eclipse.jdt.core.dom.ASTVisitor;
import org.eclipse.jdt.core.dom.CompilationUnit;
import org.eclipse.jdt.core.dom.Expression;
import org.eclipse.jdt.core.dom.ITypeBinding;
import org.eclipse.jdt.core.dom.MethodInvocation;
import org.junit.jupiter.api.Test;

class ConcreteTypesTest {
    /** The concrete class of each argument of a {@code probe(x)} call, by the argument's source text. */
    private static Map<String, String> probe(String source) {
        ASTParser parser = ParseEnvironment.jdkOnly().newParser();
        parser.setSource(source.toCharArray());
        parser.setUnitName("/inline/Holder.java");
        CompilationUnit unit = (CompilationUnit) parser.createAST(null);
        Map<String, String> found = new LinkedHashMap<>();
        unit.accept(new ASTVisitor() {
            @Override
            public boolean visit(MethodInvocation node) {
                if (node.getName().getIdentifier().equals("probe")) {
                    Expression argument = (Expression) node.arguments().get(0);
                    ITypeBinding type = ConcreteTypes.concreteClass(argument, unit);
                    found.put(argument.toString(), type == null ? "unknown" : type.getName());
                }
                return true;
            }
        });
        return found;
    }

    @Test
    void settlesPrivateOrFinalFieldsAndLocalsFromEveryValueTheyGet() {
        Map<String, String> types = probe("""
                import java.util.*;
                import java.util.concurrent.*;

                class Holder {
                    enum Key { A }
                    private final Map<Key, String> byEnum = new EnumMap<>(Key.class);
                    private Map<String, String> either;
                    private Map<String, String> fromOutside = new HashMap<>();
                    Map<String, String> visible = new TreeMap<>();
                    private Map<String, String> never;
                    private List<String> listeners = new CopyOnWriteArrayList<>();

                    Holder(boolean ordered, Map<String, String> given) {
                        either = ordered ? null : new HashMap<>();
                        either = new LinkedHashMap<>();
                        fromOutside = given;
                        listeners = null;
                    }

                    void probe(Object o) {
                    }

                    void run(Map<String, String> parameter) {
                        Map<String, String> local = new ConcurrentHashMap<>();
                        Collection<String> list = new ArrayList<>();
                        list = new LinkedList<>();
                        Map<String, String> anonymous = new HashMap<>() {
                        };
                        probe(byEnum);
                        probe(either);
                        probe(fromOutside);
                        probe(visible);
                        probe(never);
                        probe(listeners);
                        probe(parameter);
                        probe(local);
                        probe(list);
                        probe(anonymous);
                    }
                }
                """);
        assertEquals(Map.of("byEnum", "EnumMap", "either", "unknown", "fromOutside", "unknown", "visible", "unknown",
                "never", "unknown", "listeners", "CopyOnWriteArrayList", "parameter", "unknown",
                "local", "ConcurrentHashMap", "list", "AbstractList", "anonymous", "unknown"), types);
    }
}
