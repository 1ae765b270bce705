package dev.perflens.lsp.workspace;

import dev.perflens.engine.workspace.BuildToolPolicy;
import dev.perflens.lsp.ClientSession;
import dev.perflens.lsp.ServerSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Whether a workspace folder is trusted: its build tool, wrapper script and benchmarks execute
 * code the folder chooses, so they run only in a trusted folder. A folder is trusted when the
 * client says the workspace is ({@code perflens.workspace.trusted}, VS Code's Workspace Trust, the
 * Neovim plugin's remembered roots) or when the user answered "Trust" to the server's question for
 * this session. Nothing the folder itself contains (its {@code .perflens.json}) can trust it.
 */
@Singleton
public final class WorkspaceTrust {
    private static final Logger LOG = Logger.getLogger(WorkspaceTrust.class.getName());
    public static final String TRUST = "Trust this folder";
    public static final String NOT_NOW = "Not now";

    private final ServerSettings settings;
    private final ClientSession session;
    private final Set<Path> grantedThisSession = ConcurrentHashMap.newKeySet();
    private final Set<Path> asked = ConcurrentHashMap.newKeySet();

    @Inject
    public WorkspaceTrust(ServerSettings settings, ClientSession session) {
        this.settings = settings;
        this.session = session;
    }

    public boolean isTrusted(Path root) {
        return settings.workspaceTrusted() || grantedThisSession.contains(root);
    }

    /** The client said the workspace is not trusted (any more): what the user granted in this session is withdrawn too. */
    public void revokeSessionGrants() {
        grantedThisSession.clear();
    }

    /** What may run to resolve the folder's classpath: its wrapper when trusted, nothing otherwise. */
    public BuildToolPolicy buildTools(Path root) {
        return isTrusted(root) ? BuildToolPolicy.WRAPPER : BuildToolPolicy.NONE;
    }

    /**
     * Says once per folder (by {@code window/showMessageRequest}) what was not run and offers to trust
     * the folder; completes with true when the user trusts it. Completes with false without asking
     * when the folder is trusted, was asked about before, or the client asks the user itself
     * ({@code perflens.workspace.trustPrompt: false}).
     */
    public CompletableFuture<Boolean> offerOnce(Path root, String message) {
        LanguageClient client = session.client();
        if (client == null || isTrusted(root) || !settings.trustPrompt() || !asked.add(root)) {
            return CompletableFuture.completedFuture(false);
        }
        return ask(client, root, message, TRUST, NOT_NOW);
    }

    /** Asks now (for a benchmark in an untrusted folder); true when the user chose {@code yes}, which trusts the folder. */
    public CompletableFuture<Boolean> ask(Path root, String message, String yes, String no) {
        LanguageClient client = session.client();
        if (client == null) {
            return CompletableFuture.completedFuture(false);
        }
        return ask(client, root, message, yes, no);
    }

    private CompletableFuture<Boolean> ask(LanguageClient client, Path root, String message, String yes, String no) {
        ShowMessageRequestParams params = new ShowMessageRequestParams(List.of(new MessageActionItem(yes),
                new MessageActionItem(no)));
        params.setType(MessageType.Warning);
        params.setMessage(message);
        return client.showMessageRequest(params).handle((answer, error) -> {
            boolean granted = error == null && answer != null && yes.equals(answer.getTitle());
            if (granted) {
                grantedThisSession.add(root);
                LOG.info(root + " trusted for this session");
            }
            return granted;
        });
    }
}
