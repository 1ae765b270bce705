package dev.perflens.bench.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What the calibration pairs declare besides their timings, from the checked-in
 * {@code fixtures/calibration/src/main/resources/dev/perflens/calibration/rules.json} (also packed into
 * benchmarks.jar): per measured rule what its size parameter means, and per unmeasured rule why it
 * has no pair.
 */
public record PairCatalogue(Map<String, String> sizeMeaning, Map<String, String> unmeasured) {
    /** Where the catalogue sits inside benchmarks.jar. */
    public static final String RESOURCE = "dev/perflens/calibration/rules.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public PairCatalogue {
        sizeMeaning = Map.copyOf(sizeMeaning);
        unmeasured = Map.copyOf(unmeasured);
        for (String rule : sizeMeaning.keySet()) {
            if (unmeasured.containsKey(rule)) {
                throw new IllegalArgumentException(rule + " is declared both measured and unmeasured");
            }
        }
    }

    /** Reads the catalogue from a rules.json file, or from inside benchmarks.jar when given a .jar. */
    public static PairCatalogue read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no calibration catalogue at " + file);
        }
        if (file.getFileName().toString().endsWith(".jar")) {
            try (ZipFile jar = new ZipFile(file.toFile())) {
                ZipEntry entry = jar.getEntry(RESOURCE);
                if (entry == null) {
                    throw new IOException(file + " has no " + RESOURCE + ": is it Perflens' benchmarks.jar?");
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return parse(JSON.readTree(in), file + "!/" + RESOURCE);
                }
            }
        }
        return parse(JSON.readTree(file.toFile()), file.toString());
    }

    private static PairCatalogue parse(JsonNode root, String where) throws IOException {
        if (root == null || !root.path("sizeMeaning").isObject() || !root.path("unmeasured").isObject()) {
            throw new IOException(where + ": expected an object with \"sizeMeaning\" and \"unmeasured\"");
        }
        return new PairCatalogue(texts(root.path("sizeMeaning")), texts(root.path("unmeasured")));
    }

    private static Map<String, String> texts(JsonNode object) {
        Map<String, String> texts = new TreeMap<>();
        object.fields().forEachRemaining(e -> texts.put(e.getKey(), e.getValue().asText()));
        return texts;
    }

    /** The rule id of a pair class: {@code ListMembershipInLoop} is list-membership-in-loop. */
    public static String ruleId(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < simple.length(); i++) {
            char c = simple.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                id.append('-');
            }
            id.append(Character.toLowerCase(c));
        }
        return id.toString();
    }

    /** The pair class of a rule id: list-membership-in-loop is {@code dev.perflens.calibration.ListMembershipInLoop}. */
    public static String className(String ruleId) {
        StringBuilder name = new StringBuilder("dev.perflens.calibration.");
        for (String part : ruleId.split("-")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }
}
