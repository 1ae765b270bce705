package dev.perflens.engine.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The calibration data that applies to a workspace: the user's own run
 * ({@code .perflens/calibration.json}, written by {@code perflens calibrate}) rule by rule, else
 * the data shipped with Perflens. The user's file is re-read when it changes on disk; a broken
 * one is reported once and the shipped data is used.
 */
@jakarta.inject.Singleton
public final class Calibrations {
    public static final String BUNDLED_RESOURCE = "/dev/perflens/engine/calibration.json";
    public static final Path WORKSPACE_FILE = Path.of(".perflens", "calibration.json");
    private static final Logger LOG = Logger.getLogger(Calibrations.class.getName());

    private final CalibrationData bundled;
    private final Map<Path, Loaded> workspace = new ConcurrentHashMap<>();

    /** A workspace file as last read: its time stamp, the data, or why it could not be used. */
    private record Loaded(FileTime modified, CalibrationData data, String error) {
    }

    public Calibrations() {
        this(readBundled());
    }

    public Calibrations(CalibrationData bundled) {
        this.bundled = bundled;
    }

    public CalibrationData bundled() {
        return bundled;
    }

    /** The calibration of one rule for files under {@code root} (null root: the shipped data only). */
    public Optional<RuleEntry> forRule(Path root, String ruleId) {
        CalibrationData own = own(root);
        if (own != null && own.rules().containsKey(ruleId)) {
            return Optional.of(new RuleEntry(own.rules().get(ruleId), own, true));
        }
        CalibrationData.RuleCalibration shipped = bundled.rules().get(ruleId);
        return shipped == null ? Optional.empty() : Optional.of(new RuleEntry(shipped, bundled, false));
    }

    /** The problem with the workspace's own calibration file, if it exists and cannot be used. */
    public Optional<String> problem(Path root) {
        own(root);
        Loaded loaded = root == null ? null : workspace.get(root);
        return loaded == null ? Optional.empty() : Optional.ofNullable(loaded.error());
    }

    /** One rule's pair with the run it came from; {@code ownMachine} when it is the workspace's own calibration. */
    public record RuleEntry(CalibrationData.RuleCalibration rule, CalibrationData data, boolean ownMachine) {
    }

    private CalibrationData own(Path root) {
        if (root == null) {
            return null;
        }
        Path file = root.resolve(WORKSPACE_FILE);
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            workspace.remove(root);
            return null;
        }
        Loaded loaded = workspace.get(root);
        if (loaded == null || !loaded.modified().equals(modified)) {
            loaded = load(file, modified);
            workspace.put(root, loaded);
        }
        return loaded.data();
    }

    private static Loaded load(Path file, FileTime modified) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new Loaded(modified, CalibrationReader.read(text, WORKSPACE_FILE.toString()), null);
        } catch (IOException | IllegalArgumentException e) {
            String error = "cannot use " + file + ": " + e.getMessage() + "; the calibration shipped with Perflens applies";
            LOG.log(Level.WARNING, error);
            return new Loaded(modified, null, error);
        }
    }

    private static CalibrationData readBundled() {
        try (InputStream in = Calibrations.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                LOG.warning("no calibration data in the class path (" + BUNDLED_RESOURCE + "); estimates use complexity models only");
                return CalibrationData.EMPTY;
            }
            return CalibrationReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "calibration shipped with Perflens");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
