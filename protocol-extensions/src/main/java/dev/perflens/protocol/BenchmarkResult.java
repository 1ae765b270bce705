package dev.perflens.protocol;

import java.util.List;

/**
 * The outcome of a benchmark: the verdict, the numbers behind it, and where the report is.
 * Every figure is computed from the JMH data in the rows.
 */
public class BenchmarkResult {
    /** The benchmark's id; its report is .perflens/benchmarks/ID.json. */
    private String id;
    /** The method, e.g. "OrderMatcher.matchOrders(List<Order>, List<String>)". */
    private String method;
    /** The document the method is in. */
    private String uri;
    /** The finding whose fix was measured, when the benchmark was started for one. */
    private FindingRef finding;
    /** The rule whose fix was measured; null when the method was measured as it is. */
    private String ruleId;
    /** The fix that was measured; null when the method was measured as it is. */
    private String fixTitle;
    /**
     * At the largest size: "faster", "equivalent", "no significant difference", "slower", "measured";
     * or "rejected" when the fix changes behaviour (it is then not timed).
     */
    private String verdict;
    /** One line with the numbers, e.g. "measured 14.2x ± 1.1 faster at n=1000". */
    private String summary;
    /** One row per measured size, ascending. */
    private List<BenchmarkRow> rows;
    /** Dropped sizes, other sizes' differing verdicts, result mismatches between the variants. */
    private List<String> notes;
    /** The result as a Markdown table (the same as in the report). */
    private String table;
    /** The JMH settings, e.g. "quick: 2 forks per variant x 10 x 100 ms (warm-up 3 x 100 ms), -Xmx512m". */
    private String settings;
    /** JDK and VM the forks ran on. */
    private String jdk;
    /** The JMH version. */
    private String jmhVersion;
    /** How long the whole run took. */
    private long wallMillis;
    /** The JSON report under .perflens/benchmarks/; null when there is no workspace folder to write it to. */
    private String reportUri;
    /** The Markdown report beside it. */
    private String markdownUri;
    /** Whether the fix keeps behaviour (tests and outputs); null when the method was measured as it is. */
    private BenchmarkBehaviour behaviour;

    public BenchmarkBehaviour getBehaviour() {
        return behaviour;
    }

    public void setBehaviour(BenchmarkBehaviour behaviour) {
        this.behaviour = behaviour;
    }

    public BenchmarkResult() {
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public FindingRef getFinding() {
        return finding;
    }

    public void setFinding(FindingRef finding) {
        this.finding = finding;
    }

    public String getRuleId() {
        return ruleId;
    }

    public void setRuleId(String ruleId) {
        this.ruleId = ruleId;
    }

    public String getFixTitle() {
        return fixTitle;
    }

    public void setFixTitle(String fixTitle) {
        this.fixTitle = fixTitle;
    }

    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }

    public List<BenchmarkRow> getRows() {
        return rows;
    }

    public void setRows(List<BenchmarkRow> rows) {
        this.rows = rows;
    }

    public List<String> getNotes() {
        return notes;
    }

    public void setNotes(List<String> notes) {
        this.notes = notes;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getSettings() {
        return settings;
    }

    public void setSettings(String settings) {
        this.settings = settings;
    }

    public String getJdk() {
        return jdk;
    }

    public void setJdk(String jdk) {
        this.jdk = jdk;
    }

    public String getJmhVersion() {
        return jmhVersion;
    }

    public void setJmhVersion(String jmhVersion) {
        this.jmhVersion = jmhVersion;
    }

    public long getWallMillis() {
        return wallMillis;
    }

    public void setWallMillis(long wallMillis) {
        this.wallMillis = wallMillis;
    }

    public String getReportUri() {
        return reportUri;
    }

    public void setReportUri(String reportUri) {
        this.reportUri = reportUri;
    }

    public String getMarkdownUri() {
        return markdownUri;
    }

    public void setMarkdownUri(String markdownUri) {
        this.markdownUri = markdownUri;
    }
}
