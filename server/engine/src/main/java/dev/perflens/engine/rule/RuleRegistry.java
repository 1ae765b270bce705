package dev.perflens.engine.rule;

import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** All registered rules, by id, in id order. Filled by the Guice multibinder in {@code EngineModule}. */
@jakarta.inject.Singleton
public final class RuleRegistry {
    private final Map<String, Rule> rulesById = new LinkedHashMap<>();

    @Inject
    public RuleRegistry(Set<Rule> rules) {
        rules.stream()
                .sorted(Comparator.comparing(rule -> rule.metadata().id()))
                .forEach(rule -> {
                    Rule previous = rulesById.putIfAbsent(rule.metadata().id(), rule);
                    if (previous != null) {
                        throw new IllegalStateException("two rules with id " + rule.metadata().id());
                    }
                });
    }

    public List<Rule> rules() {
        return List.copyOf(rulesById.values());
    }

    public List<RuleMetadata> metadata() {
        return rulesById.values().stream().map(Rule::metadata).toList();
    }

    public Optional<Rule> rule(String id) {
        return Optional.ofNullable(rulesById.get(id));
    }
}
