package dev.perflens.engine;

import dev.perflens.engine.rules.StringConcatInLoopRule;
import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
    private final RuleTester tester = RuleTester.of(new StringConcatInLoopRule());

    @Test
    void annotationsAndIgnoreCommentsSilenceOnlyWhatTheyName() {
        tester.expectMarkedFindings("""
                class Quiet {
                    @SuppressWarnings("perflens:string-concat-in-loop")
                    String byId(String[] parts) {
                        String out = "";
                        for (String p : parts) {
                            out += p;
                        }
                        return out;
                    }

                    @SuppressWarnings({"unchecked", "perflens"})
                    String all(String[] parts) {
                        String out = "";
                        for (String p : parts) {
                            out += p;
                        }
                        return out;
                    }

                    @SuppressWarnings("perflens:regex-in-loop")
                    String otherRule(String[] parts) {
                        String out = "";
                        for (String p : parts) {
                            // PERF: string-concat-in-loop
                            out += p;
                        }
                        return out;
                    }

                    String comments(String[] parts) {
                        @SuppressWarnings("perflens:string-concat-in-loop")
                        String local = "";
                        String out = "";
                        for (String p : parts) {
                            // the annotation covers the declaration only, as javac's does
                            // PERF: string-concat-in-loop
                            local += p;
                            out += p; // perflens:ignore string-concat-in-loop
                            // perflens:ignore
                            out += p;
                            // perflens:ignore regex-in-loop, list-membership-in-loop
                            // PERF: string-concat-in-loop
                            out += p;
                        }
                        return out + local;
                    }
                }
                """);
    }
}
