package dev.perflens.engine.rule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.eclipse.jdt.core.dom.ASTNode;

/**
 * The node kinds each rule asked to see, collected once per pass. A rule registers a handler
 * per concrete node class (JDT node classes are final, so lookup by exact class is complete).
 */
public final class NodeHandlers {
    record Handler(RuleMetadata rule, BiConsumer<ASTNode, RuleContext> match) {
    }

    private final Map<Class<?>, List<Handler>> byType = new HashMap<>();
    private RuleMetadata registering;

    void startRule(RuleMetadata rule) {
        this.registering = rule;
    }

    @SuppressWarnings("unchecked")
    public <T extends ASTNode> void on(Class<T> type, BiConsumer<T, RuleContext> handler) {
        byType.computeIfAbsent(type, key -> new ArrayList<>())
                .add(new Handler(registering, (node, context) -> handler.accept((T) node, context)));
    }

    List<Handler> handlersFor(Class<?> type) {
        return byType.getOrDefault(type, List.of());
    }
}
