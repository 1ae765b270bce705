package dev.perflens.engine;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rules.ConcurrentQueueSizeRule;
import dev.perflens.engine.rules.EnumKeyedMapRule;
import dev.perflens.engine.rules.KeysetGetRule;
import dev.perflens.engine.rules.LinkedListIndexedAccessRule;
import dev.perflens.engine.rules.ListMembershipInLoopRule;
import dev.perflens.engine.rules.ListRemoveFirstInLoopRule;
import dev.perflens.engine.rules.MapDoubleLookupRule;
import dev.perflens.engine.rules.NestedLoopLookupRule;
import dev.perflens.engine.rules.RegexInLoopRule;
import dev.perflens.engine.rules.RemoveAllWithListRule;
import dev.perflens.engine.rules.SortToFindExtremeRule;
import dev.perflens.engine.rules.StringConcatInLoopRule;

/** The rule registry: every rule is bound here, once. */
public final class EngineModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder<Rule> rules = Multibinder.newSetBinder(binder(), Rule.class);
        rules.addBinding().to(StringConcatInLoopRule.class);
        rules.addBinding().to(ListMembershipInLoopRule.class);
        rules.addBinding().to(RegexInLoopRule.class);
        rules.addBinding().to(NestedLoopLookupRule.class);
        rules.addBinding().to(LinkedListIndexedAccessRule.class);
        rules.addBinding().to(ListRemoveFirstInLoopRule.class);
        rules.addBinding().to(RemoveAllWithListRule.class);
        rules.addBinding().to(SortToFindExtremeRule.class);
        rules.addBinding().to(MapDoubleLookupRule.class);
        rules.addBinding().to(KeysetGetRule.class);
        rules.addBinding().to(EnumKeyedMapRule.class);
        rules.addBinding().to(ConcurrentQueueSizeRule.class);
    }
}
