package dev.perflens.protocol;

/** Which hotspots to list: how many, and of which metric. */
public class HotspotsParams {
    /** How many methods to return, heaviest first; default 10. */
    private Integer limit;
    /** "cpu" (default), "allocation" or "lock". */
    private String metric;

    public HotspotsParams() {
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }
}
