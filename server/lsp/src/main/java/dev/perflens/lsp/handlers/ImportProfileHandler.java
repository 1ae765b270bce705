package dev.perflens.lsp.handlers;

import com.google.gson.JsonElement;
import dev.perflens.evidence.Profile;
import dev.perflens.evidence.ProfileLoadException;
import dev.perflens.lsp.analysis.WorkspaceRoots;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.profiles.ProfileReloader;
import dev.perflens.lsp.profiles.ProfileService;
import dev.perflens.lsp.profiles.ProfileViews;
import dev.perflens.protocol.ProfileSummary;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * The {@code perflens.importProfile} command: loads one profile (a path, absolute or relative to
 * the first workspace folder, or a file URI), re-ranks the open documents, and returns what was
 * loaded. A file that cannot be read is the command's error, naming the file and the problem.
 */
public final class ImportProfileHandler {
    private static final Logger LOG = Logger.getLogger(ImportProfileHandler.class.getName());
    private final ProfileService profiles;
    private final ProfileReloader reloader;
    private final WorkspaceRoots roots;

    @Inject
    public ImportProfileHandler(ProfileService profiles, ProfileReloader reloader, WorkspaceRoots roots) {
        this.profiles = profiles;
        this.reloader = reloader;
        this.roots = roots;
    }

    public ProfileSummary handle(List<Object> arguments) {
        Path file = resolve(argument(arguments));
        try {
            Profile profile = profiles.importProfile(file);
            LOG.info("imported " + profile.summary());
            reloader.refreshEditors();
            return ProfileViews.summary(profile);
        } catch (ProfileLoadException e) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "cannot import profile " + e.getMessage(), null));
        }
    }

    private static String argument(List<Object> arguments) {
        Object first = arguments == null || arguments.isEmpty() ? null : arguments.get(0);
        String value = first instanceof JsonElement json && json.isJsonPrimitive() ? json.getAsString()
                : first instanceof String text ? text : null;
        if (value == null || value.isBlank()) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "perflens.importProfile needs one argument: the path of a .jfr or .collapsed file", null));
        }
        return value;
    }

    private Path resolve(String value) {
        if (value.startsWith("file:")) {
            return DocumentStore.toPath(value);
        }
        Path path = Path.of(value);
        if (path.isAbsolute()) {
            return path.normalize();
        }
        return roots.all().stream().sorted().findFirst().map(root -> root.resolve(path)).orElse(path)
                .toAbsolutePath().normalize();
    }
}
