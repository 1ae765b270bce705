package dev.perflens.engine;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.perflens.engine.rule.Rule;
import dev.perflens.engine.rules.AppendConcatRule;
import dev.perflens.engine.rules.BoxedAccumulatorRule;
import dev.perflens.engine.rules.BoxedConstructorRule;
import dev.perflens.engine.rules.ConcurrentQueueSizeRule;
import dev.perflens.engine.rules.EnumKeyedMapRule;
import dev.perflens.engine.rules.ExpensiveObjectInLoopRule;
import dev.perflens.engine.rules.ExpensiveObjectPerCallRule;
import dev.perflens.engine.rules.ExplicitGcRule;
import dev.perflens.engine.rules.KeysetGetRule;
import dev.perflens.engine.rules.LinkedListIndexedAccessRule;
import dev.perflens.engine.rules.ListMembershipInLoopRule;
import dev.perflens.engine.rules.ListRemoveFirstInLoopRule;
import dev.perflens.engine.rules.LoggingConcatRule;
import dev.perflens.engine.rules.ManualArrayCopyRule;
import dev.perflens.engine.rules.MapDoubleLookupRule;
import dev.perflens.engine.rules.NestedLoopLookupRule;
import dev.perflens.engine.rules.QueryInLoopRule;
import dev.perflens.engine.rules.ReflectionInLoopRule;
import dev.perflens.engine.rules.RegexInLoopRule;
import dev.perflens.engine.rules.RemoveAllWithListRule;
import dev.perflens.engine.rules.SortToFindExtremeRule;
import dev.perflens.engine.rules.StreamMissingBulkReadRule;
import dev.perflens.engine.rules.StringBufferLocalRule;
import dev.perflens.engine.rules.StringConcatInLoopRule;
import dev.perflens.engine.rules.SynchronizedCollectionLocalRule;
import dev.perflens.engine.rules.ToarrayPresizedRule;
import dev.perflens.engine.rules.UnbufferedIoRule;
import dev.perflens.engine.rules.UrlInCollectionRule;

/** The rule registry: every rule is bound here, once. */
public final class EngineModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder<Rule> rules = Multibinder.newSetBinder(binder(), Rule.class);
        rules.addBinding().to(StringConcatInLoopRule.class);
        rules.addBinding().to(ListMembershipInLoopRule.class);
        rules.addBinding().to(RegexInLoopRule.class);
        rules.addBinding().to(QueryInLoopRule.class);
        rules.addBinding().to(ExpensiveObjectInLoopRule.class);
        rules.addBinding().to(ExpensiveObjectPerCallRule.class);
        rules.addBinding().to(ReflectionInLoopRule.class);
        rules.addBinding().to(UnbufferedIoRule.class);
        rules.addBinding().to(StreamMissingBulkReadRule.class);
        rules.addBinding().to(UrlInCollectionRule.class);
        rules.addBinding().to(ExplicitGcRule.class);
        rules.addBinding().to(AppendConcatRule.class);
        rules.addBinding().to(BoxedAccumulatorRule.class);
        rules.addBinding().to(BoxedConstructorRule.class);
        rules.addBinding().to(LoggingConcatRule.class);
        rules.addBinding().to(ManualArrayCopyRule.class);
        rules.addBinding().to(StringBufferLocalRule.class);
        rules.addBinding().to(SynchronizedCollectionLocalRule.class);
        rules.addBinding().to(ToarrayPresizedRule.class);
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
