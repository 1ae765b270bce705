package dev.perflens.engine.rule;

/**
 * A performance rule. A rule implements one or more of the matcher interfaces in this
 * package; the engine visits each file once and hands every rule only the node kinds it
 * asked for. Metadata comes from the {@link PerfRule} annotation on the class.
 */
public interface Rule {
    default RuleMetadata metadata() {
        return RuleMetadata.of(getClass());
    }
}
