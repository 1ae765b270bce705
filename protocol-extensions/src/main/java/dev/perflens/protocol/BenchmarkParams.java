package dev.perflens.protocol;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * What to benchmark and how: a finding, a method (uri and position) or a saved benchmark, plus
 * optional settings that override .perflens.json for this run. Exactly one target is needed;
 * the finding wins over uri/position, which win over benchmarkId.
 */
public class BenchmarkParams {
    /** The finding whose fix to benchmark (a diagnostic's or code action's data); or null. */
    private FindingRef finding;
    /** With position: the document of a method to benchmark (with its fixes, or as it is when it has none). */
    private String uri;
    /** With uri: a position inside the method. */
    private Position position;
    /** The id of a saved benchmark (.perflens/benchmarks/ID.json) to run again. */
    private String benchmarkId;
    /** "quick" (default) or "thorough". */
    private String mode;
    /** Forked JVMs per variant. */
    private Integer forks;
    /** JMH warm-up iterations per size and fork. */
    private Integer warmupIterations;
    /** Length of one warm-up iteration. */
    private Integer warmupMillis;
    /** JMH measurement iterations per size and fork. */
    private Integer measurementIterations;
    /** Length of one measurement iteration. */
    private Integer iterationMillis;
    /** Input sizes; larger ones are dropped when one call takes longer than maxCallMillis. */
    private List<Integer> sizes;
    /** The longest one call may take at a size for that size to be measured. */
    private Integer maxCallMillis;
    /** Wall-clock limit of the whole benchmark. */
    private Integer timeoutSeconds;
    /** A progress token the client created; without one the server creates its own. */
    private Either<String, Integer> workDoneToken;

    public BenchmarkParams() {
    }

    public BenchmarkParams(FindingRef finding) {
        this.finding = finding;
    }

    public FindingRef getFinding() {
        return finding;
    }

    public void setFinding(FindingRef finding) {
        this.finding = finding;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public Position getPosition() {
        return position;
    }

    public void setPosition(Position position) {
        this.position = position;
    }

    public String getBenchmarkId() {
        return benchmarkId;
    }

    public void setBenchmarkId(String benchmarkId) {
        this.benchmarkId = benchmarkId;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public Integer getForks() {
        return forks;
    }

    public void setForks(Integer forks) {
        this.forks = forks;
    }

    public Integer getWarmupIterations() {
        return warmupIterations;
    }

    public void setWarmupIterations(Integer warmupIterations) {
        this.warmupIterations = warmupIterations;
    }

    public Integer getWarmupMillis() {
        return warmupMillis;
    }

    public void setWarmupMillis(Integer warmupMillis) {
        this.warmupMillis = warmupMillis;
    }

    public Integer getMeasurementIterations() {
        return measurementIterations;
    }

    public void setMeasurementIterations(Integer measurementIterations) {
        this.measurementIterations = measurementIterations;
    }

    public Integer getIterationMillis() {
        return iterationMillis;
    }

    public void setIterationMillis(Integer iterationMillis) {
        this.iterationMillis = iterationMillis;
    }

    public List<Integer> getSizes() {
        return sizes;
    }

    public void setSizes(List<Integer> sizes) {
        this.sizes = sizes;
    }

    public Integer getMaxCallMillis() {
        return maxCallMillis;
    }

    public void setMaxCallMillis(Integer maxCallMillis) {
        this.maxCallMillis = maxCallMillis;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public Either<String, Integer> getWorkDoneToken() {
        return workDoneToken;
    }

    public void setWorkDoneToken(Either<String, Integer> workDoneToken) {
        this.workDoneToken = workDoneToken;
    }
}
