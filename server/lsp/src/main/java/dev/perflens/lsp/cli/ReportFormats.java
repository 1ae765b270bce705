package dev.perflens.lsp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perflens.engine.FileAnalysis;
import dev.perflens.engine.Estimate;
import dev.perflens.engine.Finding;
import dev.perflens.engine.calibration.CalibrationData;
import dev.perflens.engine.Problem;
import dev.perflens.engine.ProfileWeight;
import dev.perflens.evidence.Metric;
import dev.perflens.evidence.Profile;
import dev.perflens.evidence.rank.ProfileRanker;
import dev.perflens.engine.Severity;
import dev.perflens.engine.rule.RuleMetadata;
import dev.perflens.engine.text.TextRange;
import dev.perflens.lsp.PerflensLanguageServer;
import java.util.HashMap;
import java.util.Map;

/** Text, JSON and SARIF 2.1.0 renderings of a {@link Report}. */
final class ReportFormats {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The SARIF partial fingerprint that carries a finding's identity (rule, member, flagged code). */
    static final String FINGERPRINT = "perflensFindingKey/v2";

    private ReportFormats() {
    }

    private static String identity(Report report, Finding finding) {
        return finding.identity() != null ? finding.identity()
                : finding.ruleId() + ":" + report.displayPath(finding.file()) + ":" + (finding.range().startLine() + 1);
    }

    /** One line per finding: {@code path:line:col: severity rule-id message}, 1-based positions. */
    static String text(Report report) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : report.findings()) {
            out.append(report.displayPath(finding.file())).append(':')
                    .append(finding.range().startLine() + 1).append(':').append(finding.range().startColumn() + 1)
                    .append(": ").append(finding.severity().lowerCase()).append(' ').append(finding.ruleId())
                    .append(' ').append(finding.message())
                    .append(" [").append(report.stateOf(finding) == null ? "" : report.stateOf(finding).sarif() + "; ")
                    .append("impact ").append(finding.impact().shortText())
                    .append(finding.impact().estimate() == null ? "" : "; estimate confidence "
                            + finding.impact().estimate().confidence().level().name().toLowerCase())
                    .append("; detection confidence ").append(finding.confidence().level().name().toLowerCase())
                    .append(finding.fix().available() ? "; fix available" : "").append("]\n");
        }
        if (report.comparison() != null) {
            for (ChangeGate.Baseline gone : report.comparison().absent()) {
                out.append(gone.file()).append(':').append(gone.line()).append(": absent ").append(gone.ruleId())
                        .append(" (fixed since ").append(report.comparison().against()).append(") ").append(gone.message())
                        .append('\n');
            }
        }
        return out.toString();
    }

    static String json(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", "perflens");
        root.put("version", PerflensLanguageServer.VERSION);
        root.put("root", report.root().toString());
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("ruleId", finding.ruleId());
            node.put("severity", finding.severity().lowerCase());
            node.put("file", report.displayPath(finding.file()));
            putRange(node, finding.range());
            node.put("message", finding.message());
            node.set("detectionConfidence", confidence(finding));
            node.set("impact", impact(finding));
            ObjectNode fix = node.putObject("fix");
            fix.put("available", finding.fix().available());
            if (finding.fix().title() != null) {
                fix.put("title", finding.fix().title());
            }
            if (finding.fix().unavailableReason() != null) {
                fix.put("reason", finding.fix().unavailableReason());
            }
            node.put("key", finding.key());
            node.put("fingerprint", identity(report, finding));
            if (report.stateOf(finding) != null) {
                node.put("baselineState", report.stateOf(finding).sarif());
            }
        }
        if (report.comparison() != null) {
            ObjectNode baseline = root.putObject("baseline");
            baseline.put("against", report.comparison().against());
            baseline.put("summary", report.comparisonSummary());
            ArrayNode absent = baseline.putArray("absent");
            for (ChangeGate.Baseline gone : report.comparison().absent()) {
                ObjectNode node = absent.addObject();
                node.put("ruleId", gone.ruleId());
                node.put("file", gone.file());
                node.put("startLine", gone.line());
                node.put("message", gone.message());
                node.put("fingerprint", gone.identity());
                node.put("baselineState", ChangeGate.State.ABSENT.sarif());
            }
        }
        ArrayNode problems = root.putArray("problems");
        for (FileAnalysis analysis : report.analyses()) {
            for (Problem problem : analysis.problems()) {
                ObjectNode node = problems.addObject();
                node.put("kind", Report.describe(problem.kind()));
                node.put("file", report.displayPath(analysis.file()));
                putRange(node, problem.range());
                node.put("message", problem.message());
            }
        }
        if (!report.profiles().isEmpty()) {
            root.set("profiles", profiles(report));
        }
        ArrayNode warnings = root.putArray("warnings");
        report.warnings().forEach(warnings::add);
        ObjectNode summary = root.putObject("summary");
        summary.put("files", report.analyses().size());
        summary.put("filesWithFindings", report.filesWithFindings());
        summary.put("findings", report.findings().size());
        return write(root);
    }

    private static void putRange(ObjectNode node, TextRange range) {
        node.put("startLine", range.startLine() + 1);
        node.put("startColumn", range.startColumn() + 1);
        node.put("endLine", range.endLine() + 1);
        node.put("endColumn", range.endColumn() + 1);
    }

    private static ObjectNode confidence(Finding finding) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("level", finding.confidence().level().name().toLowerCase());
        node.put("reason", finding.confidence().reason());
        return node;
    }

    private static ObjectNode impact(Finding finding) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("before", finding.impact().before());
        node.put("after", finding.impact().after());
        node.put("summary", finding.impact().summary());
        node.put("provenance", finding.impact().provenance());
        node.put("text", finding.impact().text());
        ProfileWeight weight = finding.impact().profile();
        if (weight != null) {
            node.set("profile", profileWeight(weight));
        }
        if (finding.impact().estimate() != null) {
            node.set("estimate", estimate(finding.impact().estimate()));
        }
        finding.impact().programSaving().ifPresent(saving -> node.put("expectedProgramSaving", saving));
        return node;
    }

    /** The measured speed-up as numbers: the size used, its interval, every measured size, and the source. */
    private static ObjectNode estimate(Estimate estimate) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("param", estimate.param());
        node.put("sizeMeaning", estimate.sizeMeaning());
        if (estimate.bound() != null) {
            node.put("statedSize", estimate.bound());
        }
        node.set("atSize", point(estimate.reference()));
        ArrayNode sizes = node.putArray("sizes");
        estimate.points().forEach(p -> sizes.add(point(p)));
        node.put("basis", estimate.basis());
        node.put("verdict", estimate.verdict().label());
        node.put("paysOff", estimate.paysOff());
        node.put("intervalLevel", estimate.level());
        ObjectNode confidence = node.putObject("estimateConfidence");
        confidence.put("level", estimate.confidence().level().name().toLowerCase());
        confidence.put("reason", estimate.confidence().reason());
        node.put("source", estimate.source());
        node.put("text", estimate.text());
        return node;
    }

    private static ObjectNode point(CalibrationData.Point point) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("n", point.n());
        node.put("speedup", point.speedup());
        node.put("speedupLow", point.speedupLow());
        node.put("speedupHigh", point.speedupHigh());
        node.put("verdict", point.verdict().label());
        if (point.pairs() > 0) {
            node.put("pairs", point.pairs());
        }
        if (point.before().allocBytesPerOp() != null && point.after().allocBytesPerOp() != null) {
            node.put("allocBytesBefore", point.before().allocBytesPerOp());
            node.put("allocBytesAfter", point.after().allocBytesPerOp());
        }
        return node;
    }

    /** What a loaded profile observed at a finding; shares are 0..1, NaN ones are left out. */
    private static ObjectNode profileWeight(ProfileWeight weight) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("metric", weight.metric());
        node.put("method", weight.method());
        node.put("methodShare", weight.methodShare());
        if (!Double.isNaN(weight.lineShare())) {
            node.put("lineShare", weight.lineShare());
        }
        if (!Double.isNaN(weight.loopShare())) {
            node.put("loopShare", weight.loopShare());
        }
        node.put("methodSamples", weight.methodSamples());
        node.put("totalSamples", weight.totalSamples());
        node.put("profiles", weight.profiles());
        if (weight.rankingNote() != null) {
            node.put("rankingNote", weight.rankingNote());
        }
        node.put("text", weight.text());
        return node;
    }

    private static ArrayNode profiles(Report report) {
        ArrayNode profiles = MAPPER.createArrayNode();
        for (Profile profile : report.profiles()) {
            ObjectNode node = profiles.addObject();
            node.put("name", profile.name());
            node.put("path", profile.source().toString());
            node.put("format", profile.format().name().toLowerCase());
            node.put("cpuSamples", profile.totalEvents(Metric.CPU));
            node.put("allocationSamples", profile.totalEvents(Metric.ALLOCATION));
            node.put("allocationBytes", profile.totalWeight(Metric.ALLOCATION));
            node.put("lockEvents", profile.totalEvents(Metric.LOCK));
            if (profile.start() != null) {
                node.put("start", profile.start().toString());
                node.put("end", profile.end().toString());
            }
            if (profile.origin() != null) {
                node.put("origin", profile.origin());
            }
            ArrayNode notes = node.putArray("notes");
            profile.notes().forEach(notes::add);
        }
        return profiles;
    }

    /**
     * SARIF rank (0-100): the share of samples that drove the ranking, the flagged line's for
     * rule findings and the method's own for hot-method; absent without a profile.
     */
    private static Double rank(Finding finding) {
        ProfileWeight weight = finding.impact().profile();
        if (weight == null) {
            return null;
        }
        double share = Double.isNaN(weight.lineShare()) ? weight.methodShare() : weight.lineShare();
        return Math.round(share * 1000) / 10.0;
    }

    /** SARIF 2.1.0: one run, the rules in tool.driver.rules, results relative to SRCROOT. */
    static String sarif(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "perflens");
        driver.put("semanticVersion", PerflensLanguageServer.VERSION.equals("dev") ? "0.0.0" : PerflensLanguageServer.VERSION.replace("-SNAPSHOT", ""));
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        boolean hotMethods = report.findings().stream().anyMatch(f -> f.ruleId().equals(ProfileRanker.HOT_METHOD));
        if (hotMethods) {
            ruleIndex.put(ProfileRanker.HOT_METHOD, rules.size());
            ObjectNode node = rules.addObject();
            node.put("id", ProfileRanker.HOT_METHOD);
            node.put("name", "HotMethod");
            node.putObject("shortDescription").put("text",
                    "A method whose own share of CPU samples in the loaded profile reaches the hot-code threshold");
            node.putObject("defaultConfiguration").put("level", "note");
            node.putObject("properties").putArray("tags").add("performance").add("profile");
        }
        String nPlusOne = dev.perflens.evidence.trace.TraceRanker.N_PLUS_ONE;
        if (report.findings().stream().anyMatch(f -> f.ruleId().equals(nPlusOne))) {
            ruleIndex.put(nPlusOne, rules.size());
            ObjectNode node = rules.addObject();
            node.put("id", nPlusOne);
            node.put("name", "NPlusOneQueries");
            node.putObject("shortDescription").put("text",
                    "Traces show the same database statement run once per item under one parent span: the N+1 query problem");
            node.putObject("defaultConfiguration").put("level", "warning");
            node.putObject("properties").putArray("tags").add("performance").add("traces");
        }
        for (RuleMetadata rule : report.rules()) {
            ruleIndex.put(rule.id(), rules.size());
            ObjectNode node = rules.addObject();
            node.put("id", rule.id());
            node.put("name", pascalCase(rule.id()));
            node.putObject("shortDescription").put("text", rule.summary());
            node.putObject("defaultConfiguration").put("level", level(rule.severity()));
            ObjectNode properties = node.putObject("properties");
            properties.put("category", rule.category().name().toLowerCase());
            properties.put("complexity", rule.complexityBefore() + " -> " + rule.complexityAfter());
            properties.put("hasFix", rule.hasFix());
            properties.putArray("tags").add("performance");
        }
        String base = report.root().toUri().toString();
        ObjectNode srcRoot = run.putObject("originalUriBaseIds").putObject("SRCROOT");
        srcRoot.put("uri", base.endsWith("/") ? base : base.substring(0, base.lastIndexOf('/') + 1));
        run.put("columnKind", "utf16CodeUnits");
        ArrayNode results = run.putArray("results");
        for (Finding finding : report.findings()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", finding.ruleId());
            if (ruleIndex.containsKey(finding.ruleId())) {
                result.put("ruleIndex", ruleIndex.get(finding.ruleId()));
            }
            result.put("level", level(finding.severity()));
            Double rank = rank(finding);
            if (rank != null) {
                result.put("rank", rank);
            }
            result.putObject("message").put("text", finding.message());
            ArrayNode locations = result.putArray("locations");
            locations.addObject().set("physicalLocation", physicalLocation(report, finding.file(), finding.range()));
            result.putObject("partialFingerprints").put(FINGERPRINT, identity(report, finding));
            if (report.stateOf(finding) != null) {
                result.put("baselineState", report.stateOf(finding).sarif());
            }
            ObjectNode properties = result.putObject("properties");
            properties.set("detectionConfidence", confidence(finding));
            properties.set("impact", impact(finding));
            if (finding.impact().profile() != null) {
                properties.set("profile", profileWeight(finding.impact().profile()));
            }
            properties.put("fixAvailable", finding.fix().available());
            if (finding.fix().unavailableReason() != null) {
                properties.put("fixUnavailableReason", finding.fix().unavailableReason());
            }
        }
        if (report.comparison() != null) {
            for (ChangeGate.Baseline gone : report.comparison().absent()) {
                ObjectNode result = results.addObject();
                result.put("ruleId", gone.ruleId());
                if (ruleIndex.containsKey(gone.ruleId())) {
                    result.put("ruleIndex", ruleIndex.get(gone.ruleId()));
                }
                result.put("level", gone.severity().equals("warning") || gone.severity().equals("error") ? gone.severity()
                        : "note");
                result.putObject("message").put("text", gone.message());
                ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
                location.putObject("artifactLocation").put("uri", gone.file()).put("uriBaseId", "SRCROOT");
                location.putObject("region").put("startLine", Math.max(1, gone.line()));
                result.putObject("partialFingerprints").put(FINGERPRINT, gone.identity());
                result.put("baselineState", ChangeGate.State.ABSENT.sarif());
            }
        }
        if (!report.profiles().isEmpty()) {
            run.putObject("properties").set("profiles", profiles(report));
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (String warning : report.warnings()) {
            ObjectNode notification = notifications.addObject();
            notification.put("level", "warning");
            notification.putObject("message").put("text", warning);
        }
        for (FileAnalysis analysis : report.analyses()) {
            for (Problem problem : analysis.problems()) {
                ObjectNode notification = notifications.addObject();
                notification.put("level", "warning");
                notification.putObject("message").put("text", Report.describe(problem.kind()) + ": " + problem.message());
                notification.putArray("locations").addObject()
                        .set("physicalLocation", physicalLocation(report, analysis.file(), problem.range()));
            }
        }
        return write(root);
    }

    private static ObjectNode physicalLocation(Report report, java.nio.file.Path file, TextRange range) {
        ObjectNode location = MAPPER.createObjectNode();
        ObjectNode artifact = location.putObject("artifactLocation");
        artifact.put("uri", report.displayPath(file));
        artifact.put("uriBaseId", "SRCROOT");
        ObjectNode region = location.putObject("region");
        region.put("startLine", range.startLine() + 1);
        region.put("startColumn", range.startColumn() + 1);
        region.put("endLine", range.endLine() + 1);
        region.put("endColumn", range.endColumn() + 1);
        return location;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO, HINT -> "note";
        };
    }

    private static String pascalCase(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render report", e);
        }
    }
}
