package dev.perflens.engine;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rules.ListMembershipInLoopRule;
import dev.perflens.engine.rules.RegexInLoopRule;
import dev.perflens.engine.rules.StringConcatInLoopRule;

/** The rule registry: every rule is bound here, once. */
public final class EngineModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder<Rule> rules = Multibinder.newSetBinder(binder(), Rule.class);
        rules.addBinding().to(StringConcatInLoopRule.class);
        rules.addBinding().to(ListMembershipInLoopRule.class);
        rules.addBinding().to(RegexInLoopRule.class);
    }
}
