package dev.perflens.protocol;

import java.util.List;

/** One loaded profile: where it comes from and what it holds. */
public class ProfileSummary {
    /** The file name, as messages cite it. */
    private String name;
    /** The absolute path. */
    private String path;
    /** "jfr" or "collapsed". */
    private String format;
    /** Number of CPU (execution) samples. */
    private Long cpuSamples;
    /** Number of allocation samples. */
    private Long allocationSamples;
    /** Bytes those allocation samples stand for. */
    private Long allocationBytes;
    /** Number of contended monitor enters. */
    private Long lockEvents;
    /** Start of the recording (ISO-8601); null when the format does not say. */
    private String start;
    /** End of the recording (ISO-8601); null when the format does not say. */
    private String end;
    /** What produced it, e.g. the JVM and main class of a JFR recording; null when unknown. */
    private String origin;
    /** Facts about the import a user should know. */
    private List<String> notes;
    /** One line for people, e.g. "orders.jfr: 41,200 CPU samples over 60.0 s". */
    private String summary;

    public ProfileSummary() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public Long getCpuSamples() {
        return cpuSamples;
    }

    public void setCpuSamples(Long cpuSamples) {
        this.cpuSamples = cpuSamples;
    }

    public Long getAllocationSamples() {
        return allocationSamples;
    }

    public void setAllocationSamples(Long allocationSamples) {
        this.allocationSamples = allocationSamples;
    }

    public Long getAllocationBytes() {
        return allocationBytes;
    }

    public void setAllocationBytes(Long allocationBytes) {
        this.allocationBytes = allocationBytes;
    }

    public Long getLockEvents() {
        return lockEvents;
    }

    public void setLockEvents(Long lockEvents) {
        this.lockEvents = lockEvents;
    }

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public String getEnd() {
        return end;
    }

    public void setEnd(String end) {
        this.end = end;
    }

    public String getOrigin() {
        return origin;
    }

    public void setOrigin(String origin) {
        this.origin = origin;
    }

    public List<String> getNotes() {
        return notes;
    }

    public void setNotes(List<String> notes) {
        this.notes = notes;
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }
}
