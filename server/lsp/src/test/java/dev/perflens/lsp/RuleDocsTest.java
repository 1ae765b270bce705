package dev.perflens.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.perflens.engine.Engine;
import dev.perflens.engine.EngineModule;
import dev.perflens.engine.rule.RuleMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every registered rule has a page whose header repeats its metadata, and the jar links to it. */
class RuleDocsTest {
    private static final List<String> REQUIRED_SECTIONS = List.of(
            "## What it detects", "## Why it is slow", "## Avoid", "## Prefer", "## When it is a false positive",
            "## Severity", "## How to suppress");

    @Test
    void everyRuleHasAPageThatMatchesItsMetadata() throws IOException {
        for (RuleMetadata rule : rules()) {
            Path page = Path.of("../..").resolve(rule.docPath());
            assertTrue(Files.exists(page), "missing " + rule.docPath());
            String text = Files.readString(page);
            assertTrue(text.startsWith("# " + rule.id() + "\n"), rule.id() + ": title must be the id");
            assertTrue(text.contains("**Summary:** " + rule.summary() + "\n"), rule.id() + ": summary differs from @PerfRule");
            assertTrue(text.contains("Severity: " + rule.severity().lowerCase() + " · Category: "
                    + rule.category().name().toLowerCase() + " · Complexity: " + rule.complexityBefore() + " -> "
                    + rule.complexityAfter() + " · Fix: " + (rule.hasFix() ? "yes" : "no")), rule.id() + ": header line");
            for (String section : REQUIRED_SECTIONS) {
                assertTrue(text.contains(section + "\n"), rule.id() + ": missing section " + section);
            }
            assertTrue(text.contains("## The fix") == rule.hasFix(), rule.id() + ": a fix section exactly when hasFix");
        }
    }

    @Test
    void readmeRuleTableListsEveryRuleAsItsMetadataSays() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../../README.md")).stream()
                .filter(line -> line.startsWith("| [")).toList();
        List<String> expected = rules().stream().map(rule -> "| [" + rule.id() + "](" + rule.docPath() + ") | "
                + rule.severity().lowerCase() + " | " + rule.summary() + " | " + (rule.hasFix() ? "yes" : "no") + " |")
                .toList();
        assertEquals(expected, rows, "README's rule table must list the registered rules, in id order");
    }

    @Test
    void pagesAreBundledAndLinkedAsFiles(@TempDir Path cache) {
        RuleDocs docs = new RuleDocs(cache);
        for (RuleMetadata rule : rules()) {
            String uri = docs.uri(rule.id()).orElseThrow(() -> new AssertionError("no page for " + rule.id()));
            assertTrue(uri.startsWith("file:") && Files.exists(Path.of(java.net.URI.create(uri))), uri);
        }
    }

    private static List<RuleMetadata> rules() {
        return Guice.createInjector(new EngineModule()).getInstance(Engine.class).registry().metadata();
    }
}
