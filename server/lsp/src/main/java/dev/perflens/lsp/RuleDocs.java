package dev.perflens.lsp;

import dev.perflens.engine.rule.RuleMetadata;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Where a rule's documentation page can be opened from the editor. The pages ship inside the
 * server jar and are copied once to a cache folder, so the link works offline and outside a
 * checkout: {@code $XDG_CACHE_HOME/perflens/docs} (or {@code ~/.cache/perflens/docs}).
 */
@Singleton
public final class RuleDocs {
    private static final Logger LOG = Logger.getLogger(RuleDocs.class.getName());
    static final String RESOURCE_ROOT = "/perflens-docs/rules/";
    private final Path folder;
    private final Map<String, Optional<String>> uris = new ConcurrentHashMap<>();

    @Inject
    public RuleDocs() {
        this(defaultFolder());
    }

    RuleDocs(Path folder) {
        this.folder = folder;
    }

    static Path defaultFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("perflens").resolve("docs");
    }

    /** A file URI of the rule's page, or empty when the page is missing or cannot be written. */
    public Optional<String> uri(String ruleId) {
        return uris.computeIfAbsent(ruleId, this::materialize);
    }

    public Optional<String> uri(RuleMetadata rule) {
        return uri(rule.id());
    }

    private Optional<String> materialize(String ruleId) {
        try (InputStream page = RuleDocs.class.getResourceAsStream(RESOURCE_ROOT + ruleId + ".md")) {
            if (page == null) {
                LOG.warning("no documentation page bundled for rule " + ruleId);
                return Optional.empty();
            }
            byte[] content = page.readAllBytes();
            Path target = folder.resolve(ruleId + ".md");
            if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), content)) {
                Files.createDirectories(folder);
                Path temporary = Files.createTempFile(folder, ruleId, ".tmp");
                Files.write(temporary, content);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return Optional.of(target.toUri().toString());
        } catch (IOException | RuntimeException e) {
            LOG.warning("cannot provide the documentation page of " + ruleId + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
