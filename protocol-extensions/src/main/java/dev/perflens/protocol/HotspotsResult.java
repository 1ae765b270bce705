package dev.perflens.protocol;

import java.util.List;

/** The hottest workspace methods of the loaded profiles, and the profiles they come from. */
public class HotspotsResult {
    /** The metric the shares are of: "cpu", "allocation" or "lock". */
    private String metric;
    /** Events of this metric in the loaded profiles: the denominator of the shares. */
    private Long totalSamples;
    /** The loaded profiles; empty when none is loaded. */
    private List<ProfileSummary> profiles;
    /** The methods, heaviest self share first. */
    private List<Hotspot> hotspots;

    public HotspotsResult() {
    }

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public Long getTotalSamples() {
        return totalSamples;
    }

    public void setTotalSamples(Long totalSamples) {
        this.totalSamples = totalSamples;
    }

    public List<ProfileSummary> getProfiles() {
        return profiles;
    }

    public void setProfiles(List<ProfileSummary> profiles) {
        this.profiles = profiles;
    }

    public List<Hotspot> getHotspots() {
        return hotspots;
    }

    public void setHotspots(List<Hotspot> hotspots) {
        this.hotspots = hotspots;
    }
}
