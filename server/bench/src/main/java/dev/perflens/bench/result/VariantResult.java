package dev.perflens.bench.result;

import java.util.List;

/**
 * One variant at one size, over all its forks.
 *
 * @param score            mean time per call (JMH's score), in {@code unit}
 * @param scoreError       half-width of the 99.9% interval (JMH's scoreError); NaN with one iteration
 * @param unit             "ns/op"
 * @param samples          measurement iterations behind the score
 * @param forks            forked JVMs behind the score
 * @param allocBytesPerOp  bytes allocated per call (JMH -prof gc gc.alloc.rate.norm), null when not profiled
 * @param allocError       the allocation's 99.9% half-width
 * @param rawData          the iteration scores, one list per fork, in the order the forks ran
 */
public record VariantResult(double score, double scoreError, String unit, int samples, int forks,
                            Double allocBytesPerOp, Double allocError, List<List<Double>> rawData) {
    public VariantResult {
        rawData = rawData.stream().map(List::copyOf).toList();
    }

    public double low() {
        return score - scoreError;
    }

    public double high() {
        return score + scoreError;
    }

    public Statistics.Summary summary() {
        return Statistics.summarize(rawData.stream().flatMap(List::stream).toList());
    }

    public boolean hasInterval() {
        return samples >= 2 && !Double.isNaN(scoreError);
    }
}
