package dev.perflens.evidence;

import dev.perflens.evidence.source.Declaration;
import java.nio.file.Path;

/**
 * What the loaded profiles observed in one workspace method (or constructor, initializer).
 * <em>Self</em> counts the stacks whose innermost workspace frame is in this method: its own
 * code and the JDK and library code it calls directly. <em>Total</em> counts every stack that
 * passes through it, callees in the workspace included. Each stack counts once, however often
 * the method recurses.
 *
 * @param file        the source file
 * @param declaration the method as declared in the file when the index was built
 * @param weights     self and total per metric
 * @param hottestLine the line (1-based) with the most self CPU (or, without CPU samples, any
 *                    metric); 0 when none
 * @param totals      the profiles' totals the shares are taken against
 */
public record MethodHotness(Path file, Declaration declaration, Weights weights, int hottestLine, Totals totals) {

    public String name() {
        return declaration.displayName();
    }

    public double selfShare(Metric metric) {
        return totals.share(metric, weights.selfWeight(metric));
    }

    public double totalShare(Metric metric) {
        return totals.share(metric, weights.totalWeight(metric));
    }
}
