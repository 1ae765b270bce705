package dev.perflens.protocol;

import java.util.List;
import org.eclipse.lsp4j.Range;

/** One hot workspace method. */
public class Hotspot {
    /** The method as people write it, e.g. "OrderMatcher.matchOrders". */
    private String name;
    /** The source file. */
    private String uri;
    /** The method's name in the source, where an editor jumps to. */
    private Range range;
    /** The whole method declaration: a client lists the findings inside it with the method. */
    private Range methodRange;
    /** Zero-based line with the most self samples in the method; null when none. */
    private Integer hottestLine;
    /** Share (0..1) of samples in its own code and the JDK/library code it calls. */
    private Double selfShare;
    /** Share (0..1) of samples in stacks that pass through it, workspace callees included. */
    private Double totalShare;
    /** Number of samples behind selfShare. */
    private Long selfSamples;
    /** Number of samples behind totalShare. */
    private Long totalSamples;
    /** The profile file name(s) the numbers come from. */
    private String profiles;
    /** Perflens findings inside the method, largest expected saving first. */
    private List<HotspotFinding> findings = List.of();

    public Hotspot() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public Range getRange() {
        return range;
    }

    public void setRange(Range range) {
        this.range = range;
    }

    public Range getMethodRange() {
        return methodRange;
    }

    public void setMethodRange(Range methodRange) {
        this.methodRange = methodRange;
    }

    public Integer getHottestLine() {
        return hottestLine;
    }

    public void setHottestLine(Integer hottestLine) {
        this.hottestLine = hottestLine;
    }

    public Double getSelfShare() {
        return selfShare;
    }

    public void setSelfShare(Double selfShare) {
        this.selfShare = selfShare;
    }

    public Double getTotalShare() {
        return totalShare;
    }

    public void setTotalShare(Double totalShare) {
        this.totalShare = totalShare;
    }

    public Long getSelfSamples() {
        return selfSamples;
    }

    public void setSelfSamples(Long selfSamples) {
        this.selfSamples = selfSamples;
    }

    public Long getTotalSamples() {
        return totalSamples;
    }

    public void setTotalSamples(Long totalSamples) {
        this.totalSamples = totalSamples;
    }

    public String getProfiles() {
        return profiles;
    }

    public void setProfiles(String profiles) {
        this.profiles = profiles;
    }

    public List<HotspotFinding> getFindings() {
        return findings;
    }

    public void setFindings(List<HotspotFinding> findings) {
        this.findings = findings;
    }
}
