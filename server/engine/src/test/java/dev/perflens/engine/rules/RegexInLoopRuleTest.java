package dev.perflens.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexInLoopRuleTest {
    private final RuleTester tester = RuleTester.of(new RegexInLoopRule());

    @Test
    void flagsInvariantRegexesCompiledInLoops() {
        tester.expectMarkedFindings("""
                import java.util.*;
                import java.util.regex.*;

                class Parser {
                    private static final String SEP = ";\\\\s*";

                    int parse(List<String> lines, String userRegex) {
                        int n = 0;
                        for (String line : lines) {
                            // PERF: regex-in-loop
                            String[] parts = line.split(",\\\\s*");
                            // PERF: regex-in-loop
                            String[] more = line.split(SEP, 3);
                            // PERF: regex-in-loop
                            if (line.matches("[A-Z]{3}-\\\\d+")) {
                                n++;
                            }
                            // PERF: regex-in-loop
                            String clean = line.replaceAll("\\\\s+", " ");
                            // PERF: regex-in-loop
                            clean = clean.replaceFirst(userRegex, "");
                            // PERF: regex-in-loop
                            Matcher m = Pattern.compile("(\\\\d+)", Pattern.CASE_INSENSITIVE).matcher(line);
                            // PERF: regex-in-loop
                            if (Pattern.matches("x+", line)) {
                                n++;
                            }
                            n += parts.length + more.length + clean.length();
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void leavesFastPathSplitsNonRegexMethodsVaryingPatternsAndHoistedPatternsAlone() {
        tester.expectMarkedFindings("""
                import java.util.*;
                import java.util.regex.*;

                class Clean {
                    private static final Pattern ID = Pattern.compile("[A-Z]+");

                    int parse(List<String> lines, String separator) {
                        int n = 0;
                        Pattern once = Pattern.compile("\\\\d+");
                        for (String line : lines) {
                            n += line.split(",").length + line.split("\\\\|").length + line.split(separator).length;
                            n += line.replace("a", "b").length();
                            if (ID.matcher(line).matches() || once.matcher(line).find()) {
                                n++;
                            }
                            String perLine = line.substring(0, 1) + "+";
                            if (line.matches(perLine)) {
                                n++;
                            }
                            Matcher m = ID.matcher(line);
                            if (m.matches()) {
                                n++;
                            }
                        }
                        if (lines.get(0).matches("[a-z]+")) {
                            n++;
                        }
                        return n;
                    }
                }
                """);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            ",;true", "'|';false", "\\\\|;true", "\\\\.;true", ".;false", "'*';false", "ab;false",
            "\\\\d;false", "\\\\s*;false"})
    void splitFastPathMatchesTheJdk(String regex, boolean fastPath) {
        assertEquals(fastPath, RegexInLoopRule.isSplitFastPath(regex.replace("\\\\", "\\")), regex);
    }

    @Test
    void fixHoistsStringMethodRegexIntoStaticFinalPatternAndImportsIt() {
        tester.expectFix("""
                import java.util.List;

                class Csv {
                    private static final int LIMIT = 10;

                    int parseLines(List<String> lines) {
                        int n = 0;
                        for (String line : lines) {
                            n += line.split(",\\\\s*").length;
                        }
                        return n;
                    }
                }
                """, """
                import java.util.List;
                import java.util.regex.Pattern;

                class Csv {
                    private static final int LIMIT = 10;
                    private static final Pattern PARSE_LINES_PATTERN = Pattern.compile(",\\\\s*");

                    int parseLines(List<String> lines) {
                        int n = 0;
                        for (String line : lines) {
                            n += PARSE_LINES_PATTERN.split(line).length;
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void fixRewritesMatchesAndReplaceAllThroughAMatcher() {
        tester.expectFix("""
                class Ids {
                    int valid(String[] ids) {
                        int n = 0;
                        for (String id : ids) {
                            if ((id.trim()).matches("[A-Z]{3}-\\\\d+")) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """, """
                import java.util.regex.Pattern;

                class Ids {
                    private static final Pattern VALID_PATTERN = Pattern.compile("[A-Z]{3}-\\\\d+");

                    int valid(String[] ids) {
                        int n = 0;
                        for (String id : ids) {
                            if (VALID_PATTERN.matcher((id.trim())).matches()) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """);
        tester.expectFix("""
                import java.util.regex.*;

                class Squash {
                    String squash(String[] texts) {
                        String last = null;
                        for (String text : texts) {
                            last = text.replaceAll("\\\\s+", " ");
                        }
                        return last;
                    }
                }
                """, """
                import java.util.regex.*;

                class Squash {
                    private static final Pattern SQUASH_PATTERN = Pattern.compile("\\\\s+");

                    String squash(String[] texts) {
                        String last = null;
                        for (String text : texts) {
                            last = SQUASH_PATTERN.matcher(text).replaceAll(" ");
                        }
                        return last;
                    }
                }
                """);
    }

    @Test
    void fixReplacesPatternCompileWithTheFieldAndQualifiesOnNameClash() {
        tester.expectFix("""
                import java.util.regex.Matcher;

                class Skus {
                    static class Pattern {
                    }

                    int count(String[] raws) {
                        int n = 0;
                        for (String raw : raws) {
                            Matcher m = java.util.regex.Pattern.compile("sku(\\\\d+)", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(raw);
                            if (m.find()) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """, """
                import java.util.regex.Matcher;

                class Skus {
                    private static final java.util.regex.Pattern COUNT_PATTERN = java.util.regex.Pattern.compile("sku(\\\\d+)", java.util.regex.Pattern.CASE_INSENSITIVE);

                    static class Pattern {
                    }

                    int count(String[] raws) {
                        int n = 0;
                        for (String raw : raws) {
                            Matcher m = COUNT_PATTERN.matcher(raw);
                            if (m.find()) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """);
    }

    @Test
    void noFixWhenRegexIsInvariantButNotConstant() {
        tester.expectNoFix("""
                class Dyn {
                    int count(String[] lines, String userRegex) {
                        int n = 0;
                        for (String line : lines) {
                            if (line.matches(userRegex)) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """, "not a compile-time constant");
    }

    @Test
    void flagsARegexBuiltFromConstantsAndLoopInvariantVariables() {
        tester.expectMarkedFindings("""
                import java.util.*;
                import java.util.regex.*;

                class Fields {
                    private static final String PREFIX = "key";
                    private final String quote;

                    Fields(String quote) {
                        this.quote = quote;
                    }

                    int parse(List<String> lines, String sep, String other) {
                        final String tail = sep + "$";
                        int n = 0;
                        for (String line : lines) {
                            // PERF: regex-in-loop
                            Matcher m = Pattern.compile(PREFIX + sep).matcher(line);
                            // PERF: regex-in-loop
                            String[] parts = line.split("\\\\s*" + sep);
                            // PERF: regex-in-loop
                            String clean = line.replaceAll(quote + "+" + tail, "");
                            String[] maybeFast = line.split(sep + other);
                            String[] shortOne = line.split("\\\\" + sep);
                            String varying = line + "x";
                            String[] perLine = line.split("\\\\s*" + varying);
                            n += parts.length + clean.length() + maybeFast.length + shortOne.length + perLine.length;
                        }
                        return n;
                    }
                }
                """);
        tester.expectNoFix("""
                import java.util.regex.Pattern;

                class Fields {
                    private static final String PREFIX = "key";

                    int count(String[] lines, String sep) {
                        int n = 0;
                        for (String line : lines) {
                            if (Pattern.compile(PREFIX + sep).matcher(line).find()) {
                                n++;
                            }
                        }
                        return n;
                    }
                }
                """, "PatternSyntaxException");
    }
}
