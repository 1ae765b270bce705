package dev.perflens.engine.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.perflens.engine.Cancellation;
import dev.perflens.engine.Engine;
import dev.perflens.engine.EngineModule;
import dev.perflens.engine.Finding;
import dev.perflens.engine.policy.Policy;
import dev.perflens.engine.workspace.ParseEnvironment;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jdt.core.JavaCore;
import org.junit.jupiter.api.Test;

/** A finding's identity survives edits elsewhere in the file and changes with the flagged code. */
class FindingIdentityTest {
    private static final Engine ENGINE = com.google.inject.Guice.createInjector(new EngineModule()).getInstance(Engine.class);
    private static final ParseEnvironment JDK = new ParseEnvironment(List.of(), List.of(), JavaCore.latestSupportedJavaVersion());
    private static final Path FILE = Path.of("/work/app/src/main/java/app/Matcher.java");

    private static final String ORIGINAL = """
            package app;

            import java.util.*;

            class Matcher {
                List<String> match(List<String> orders, List<String> wanted) {
                    List<String> out = new ArrayList<>();
                    for (String o : orders) {
                        if (wanted.contains(o)) {
                            out.add(o);
                        }
                    }
                    return out;
                }
            }
            """;

    @Test
    void movingCodeAndEditingOtherMembersKeepsTheIdentity() {
        String moved = ORIGINAL.replace("class Matcher {", """
                /** Matches orders. */
                class Matcher {
                    private int calls;

                    int calls() {
                        return calls;
                    }

                """).replace("if (wanted.contains(o)) {", "if (wanted.contains(o)) { // kept\n");
        Finding before = only(ORIGINAL);
        Finding after = only(moved);
        assertNotEquals(before.range().startLine(), after.range().startLine(), "the finding moved");
        assertEquals(before.identity(), after.identity());
        assertEquals("list-membership-in-loop:app.Matcher#match(List,List):" + FindingIdentity.hash("wanted.contains(o)"),
                before.identity());
    }

    @Test
    void editingTheFlaggedCodeOrItsMemberMakesANewIdentityAndRepeatsGetOrdinals() {
        Finding before = only(ORIGINAL);
        assertNotEquals(before.identity(), only(ORIGINAL.replace("wanted.contains(o)", "wanted.contains(o.trim())")).identity());
        assertNotEquals(before.identity(), only(ORIGINAL.replace("match(List<String> orders", "pick(List<String> orders"))
                .identity());
        String twice = ORIGINAL.replace("out.add(o);", "out.add(o);\n}\nif (wanted.contains(o)) {\nout.add(o);");
        List<Finding> findings = analyze(twice);
        assertEquals(2, findings.size(), findings.toString());
        assertEquals(before.identity(), findings.get(0).identity());
        assertEquals(before.identity() + ":1", findings.get(1).identity());
    }

    private static Finding only(String source) {
        List<Finding> findings = analyze(source);
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    private static List<Finding> analyze(String source) {
        return ENGINE.analyze(FILE, source, JDK, Policy.defaults(null), Cancellation.NONE).findings().stream()
                .filter(f -> f.ruleId().equals("list-membership-in-loop")).toList();
    }
}
