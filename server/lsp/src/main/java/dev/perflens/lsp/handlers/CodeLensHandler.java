package dev.perflens.lsp.handlers;

import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.MethodHotness;
import dev.perflens.evidence.source.Declaration;
import dev.perflens.evidence.source.SourceOutline;
import dev.perflens.lsp.Converters;
import dev.perflens.lsp.PerflensWorkspaceService;
import dev.perflens.lsp.document.DocumentStore;
import dev.perflens.lsp.document.OpenDocument;
import dev.perflens.lsp.profiles.ProfileService;
import dev.perflens.lsp.profiles.ProfileViews;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;

/**
 * {@code textDocument/codeLens}: one lens on every method the loaded profiles sampled, e.g.
 * "85% CPU (self 80%) · 12% alloc · 115 samples · orders.jfr". Methods are matched by type,
 * name and overload position, so lenses stay on their method while the text is edited.
 */
public final class CodeLensHandler {
    private final DocumentStore documents;
    private final ProfileService profiles;

    @Inject
    public CodeLensHandler(DocumentStore documents, ProfileService profiles) {
        this.documents = documents;
        this.profiles = profiles;
    }

    public List<CodeLens> handle(CodeLensParams params) {
        Optional<OpenDocument> open = documents.get(params.getTextDocument().getUri());
        if (open.isEmpty() || !open.get().isJava()) {
            return List.of();
        }
        OpenDocument document = open.get();
        Optional<HotnessIndex> index = profiles.indexFor(document.path());
        if (index.isEmpty()) {
            return List.of();
        }
        SourceOutline outline = SourceOutline.parse(document.path(), document.text());
        List<CodeLens> lenses = new ArrayList<>();
        for (Declaration declaration : outline.declarations()) {
            Optional<MethodHotness> method = index.get().method(document.path(), declaration.key());
            if (method.isPresent() && !method.get().weights().isEmpty()) {
                Command show = new Command(ProfileViews.lensTitle(method.get(), index.get()),
                        PerflensWorkspaceService.HOTSPOTS, List.of());
                lenses.add(new CodeLens(Converters.range(declaration.nameRange()), show, null));
            }
        }
        return lenses;
    }
}
