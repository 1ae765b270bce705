package dev.perflens.protocol;

import java.util.Objects;

/**
 * Identifies one finding in one version of a document. It is the {@code data} of every
 * Perflens diagnostic and code action, so requests that follow stay stateless.
 */
public class FindingRef {
    /** The document's URI. */
    private String uri;
    /** The document version the finding was computed on. */
    private Integer version;
    /** The rule id, also the diagnostic's code. */
    private String ruleId;
    /** The finding's key within that version: rule id and span. */
    private String key;

    public FindingRef() {
    }

    public FindingRef(String uri, Integer version, String ruleId, String key) {
        this.uri = uri;
        this.version = version;
        this.ruleId = ruleId;
        this.key = key;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public Integer getVersion() {
        return version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }

    public String getRuleId() {
        return ruleId;
    }

    public void setRuleId(String ruleId) {
        this.ruleId = ruleId;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FindingRef other && Objects.equals(uri, other.uri) && Objects.equals(version, other.version)
                && Objects.equals(ruleId, other.ruleId) && Objects.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, version, ruleId, key);
    }

    @Override
    public String toString() {
        return "FindingRef[" + uri + " v" + version + " " + key + "]";
    }
}
