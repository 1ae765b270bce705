package dev.perflens.engine.rules;

import dev.perflens.engine.testing.RuleTester;
import org.junit.jupiter.api.Test;

class StringConcatInLoopRuleTest {
    private final RuleTester tester = RuleTester.of(new StringConcatInLoopRule());

    @Test
    void noFindingForAFieldOfAnObjectLookedUpAfreshInEachPass() {
        tester.expectMarkedFindings("""
                import java.util.*;

                class Ddl {
                    static final class Stmts {
                        String drop = "";
                    }

                    static final class Table {
                        final Stmts stmts = new Stmts();
                        String create = "";
                    }

                    void collect(List<String> lines, Map<String, Table> tables, Table shared) {
                        for (String line : lines) {
                            Table table = tables.get(line);
                            table.stmts.drop += line;
                            table.create += line;
                            // PERF: string-concat-in-loop
                            shared.create += line;
                        }
                    }
                }
                """);
    }

    @Test
    void noFindingForAFieldOfAnObjectAssignedAfreshInEachPassToAVariableDeclaredOutside() {
        tester.expectMarkedFindings("""
                import java.io.*;
                import java.util.*;

                class Ddl {
                    static final class Stmts {
                        String drop = "";
                        String index = "";
                    }

                    static final class Table {
                        final Stmts stmts = new Stmts();
                    }

                    void collect(BufferedReader in, Map<String, Object> tables) throws IOException {
                        String line;
                        String token = "";
                        Table table = null;
                        Table first = new Table();
                        while ((line = in.readLine()) != null) {
                            token = line.trim();
                            if ((table = (Table) tables.get(token)) == null) {
                                continue;
                            }
                            table.stmts.index += line;
                            table.stmts.drop = "DROP " + token + ";" + table.stmts.drop;
                            // PERF: string-concat-in-loop
                            first.stmts.drop += line;
                        }
                    }

                    void sameObject(BufferedReader in, Map<String, Table> tables) throws IOException {
                        String line;
                        Table table = null;
                        while ((line = in.readLine()) != null) {
                            table = tables.get("fixed");
                            // PERF: string-concat-in-loop
                            table.stmts.index += line;
                        }
                    }
                }
                """);
    }

    @Test
    void flagsLocalsAndFieldsGrownInLoopsButNotLookAlikes() {
        tester.expectMarkedFindings("""
                import java.util.List;

                class Report {
                    private String summary = "";
                    private int count;

                    String join(List<String> items) {
                        String out = "";
                        for (String item : items) {
                            // PERF: string-concat-in-loop
                            out += item;
                        }
                        int i = 0;
                        while (i < items.size()) {
                            // PERF: string-concat-in-loop
                            out = out + items.get(i) + ",";
                            i++;
                        }
                        do {
                            // PERF: string-concat-in-loop
                            this.summary += out;
                        } while (summary.length() < 10);
                        items.forEach(item -> {
                            // PERF: string-concat-in-loop
                            summary += item;
                        });
                        for (int k = 0; k < 3; k++) {
                            String fresh = "";
                            fresh += k;
                            count += k;
                            int n = 0;
                            n += k;
                            String other = out;
                            other = out + "x";
                        }
                        out += "once";
                        StringBuilder sb = new StringBuilder();
                        for (String item : items) {
                            sb.append(item);
                        }
                        items.stream().map(s -> { String t = ""; t += s; return t; }).count();
                        return out + sb;
                    }

                    String item(int k) {
                        return "" + k;
                    }
                }
                """);
    }

    @Test
    void numericCompoundAssignmentIsNotConcatenation() {
        tester.expectMarkedFindings("""
                class Totals {
                    double sum(double[] values) {
                        double total = 0;
                        long count = 0;
                        Integer boxed = 0;
                        for (double v : values) {
                            total += v;
                            count += 1;
                            boxed += 1;
                        }
                        return total + count + boxed;
                    }
                }
                """);
    }

    @Test
    void fixIntroducesBuilderBeforeLoopAndAssignsAfter() {
        tester.expectFix("""
                import java.util.List;

                class Report {
                    String join(List<String> items) {
                        String out = "";
                        for (String item : items) {
                            out += item + ";";
                        }
                        return out;
                    }
                }
                """, """
                import java.util.List;

                class Report {
                    String join(List<String> items) {
                        String out = "";
                        StringBuilder outBuilder = new StringBuilder();
                        for (String item : items) {
                            outBuilder.append(item).append(";");
                        }
                        out = outBuilder.toString();
                        return out;
                    }
                }
                """);
    }

    @Test
    void fixOfSelfConcatenationChainsAppendsAndKeepsPossiblyNullStart() {
        tester.expectFix("""
                class Header {
                    String build(String start, int[] widths) {
                        String header = start;
                        for (int i = 0; i < widths.length; i++) {
                            header = header + " " + widths[i];
                        }
                        return header;
                    }
                }
                """, """
                class Header {
                    String build(String start, int[] widths) {
                        String header = start;
                        StringBuilder headerBuilder = new StringBuilder(String.valueOf(header));
                        for (int i = 0; i < widths.length; i++) {
                            headerBuilder.append(" ").append(widths[i]);
                        }
                        header = headerBuilder.toString();
                        return header;
                    }
                }
                """);
    }

    @Test
    void fixHoistsToTheOutermostLoopThatDoesNotDeclareTheVariable() {
        tester.expectFix("""
                class Grid {
                    String render(int rows, int cols) {
                        String out = "grid:";
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                out += r * c;
                            }
                        }
                        return out;
                    }
                }
                """, """
                class Grid {
                    String render(int rows, int cols) {
                        String out = "grid:";
                        StringBuilder outBuilder = new StringBuilder();
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                outBuilder.append(r * c);
                            }
                        }
                        out = outBuilder.toString();
                        return out;
                    }
                }
                """.replace("new StringBuilder()", "new StringBuilder(out)"));
    }

    @Test
    void fixKeepsAConcatenatedOperandWholeWhereSplittingItWouldChangeTheText() {
        tester.expectFix("""
                import java.util.List;

                class Totals {
                    String sums(int[] a, int[] b, List<String> seen) {
                        String out = "";
                        for (int i = 0; i < a.length; i++) {
                            out += a[i] + b[i] + ";";
                            out += seen + "/" + seen.add("x");
                        }
                        return out;
                    }
                }
                """, """
                import java.util.List;

                class Totals {
                    String sums(int[] a, int[] b, List<String> seen) {
                        String out = "";
                        StringBuilder outBuilder = new StringBuilder();
                        for (int i = 0; i < a.length; i++) {
                            outBuilder.append(a[i] + b[i] + ";");
                            outBuilder.append(seen + "/" + seen.add("x"));
                        }
                        out = outBuilder.toString();
                        return out;
                    }
                }
                """);
    }

    @Test
    void noFixWhenTheStringIsReadInsideTheLoop() {
        tester.expectNoFix("""
                class Reader {
                    String read(String[] parts) {
                        String out = "";
                        for (String p : parts) {
                            out += p;
                            if (out.length() > 80) {
                                break;
                            }
                        }
                        return out;
                    }
                }
                """, "also read inside the loop");
    }

    @Test
    void noFixForFieldsOrInsideTryWithCatch() {
        tester.expectNoFix("""
                class Log {
                    private String text = "";

                    void add(String[] parts) {
                        for (String p : parts) {
                            text += p;
                        }
                    }
                }
                """, "is a field");
        tester.expectNoFix("""
                class Log {
                    String add(String[] parts) {
                        String text = "";
                        try {
                            for (String p : parts) {
                                text += p.trim();
                            }
                        } catch (RuntimeException e) {
                            return text;
                        }
                        return text;
                    }
                }
                """, "try statement");
    }

    @Test
    void noFixForCharArrayOperandsWhoseAppendDiffers() {
        tester.expectNoFix("""
                class Chars {
                    String join(char[][] rows) {
                        String out = "";
                        for (char[] row : rows) {
                            out += row;
                        }
                        return out;
                    }
                }
                """, "char[]");
    }

    @Test
    void noFixAcrossLabeledBreakOutOfTheLoop() {
        tester.expectNoFix("""
                class Labels {
                    String scan(String[][] rows) {
                        String out = "";
                        outer:
                        for (String[] row : rows) {
                            String acc = "";
                            for (String cell : row) {
                                if (cell.isEmpty()) {
                                    break outer;
                                }
                                acc += cell;
                            }
                            out = acc;
                        }
                        return out;
                    }
                }
                """, "labeled break");
    }

    @Test
    void noFindingWhenTheStringIsResetAtTheTopOfEveryPass() {
        tester.expectMarkedFindings("""
                import java.util.List;

                class Lines {
                    static final String INDENT = "  ";
                    String last;

                    void print(List<String> words, String prefix) {
                        String line = "";
                        for (String w : words) {
                            line = "";
                            line += w;
                            line += ";";
                            last = line;
                        }
                        for (String w : words) {
                            line = INDENT;
                            if (!w.isEmpty()) {
                                line = line + w;
                            }
                            last = line;
                        }
                        for (String w : words) {
                            line = prefix;
                            for (int i = 0; i < 3; i++) {
                                // PERF: string-concat-in-loop
                                line += w;
                            }
                            last = line;
                        }
                        for (String w : words) {
                            if (w.isEmpty()) {
                                line = "";
                            }
                            // PERF: string-concat-in-loop
                            line += w;
                        }
                        for (String w : words) {
                            // PERF: string-concat-in-loop
                            line += w;
                            line = line.trim();
                        }
                        for (String w : words) {
                            line = line.substring(1);
                            // PERF: string-concat-in-loop
                            line += w;
                        }
                        last = line;
                    }
                }
                """);
    }

    @Test
    void noFindingWhenTheGrowthIsFollowedByAnExitFromTheLoop() {
        tester.expectMarkedFindings("""
                import java.util.List;

                class Search {
                    String find(List<String> words, String[][] grid) {
                        String out = "";
                        for (String w : words) {
                            if (w.startsWith("a")) {
                                out += w;
                                break;
                            }
                        }
                        for (String w : words) {
                            if (w.startsWith("b")) {
                                out = out + w;
                                return out;
                            }
                        }
                        for (String[] row : grid) {
                            for (String cell : row) {
                                if (cell.isEmpty()) {
                                    // PERF: string-concat-in-loop
                                    out += cell;
                                    break;
                                }
                            }
                        }
                        for (String w : words) {
                            if (w.isEmpty()) {
                                break;
                            }
                            // PERF: string-concat-in-loop
                            out += w;
                        }
                        return out;
                    }
                }
                """);
    }

    @Test
    void noFindingForAFieldOfAnObjectCreatedInTheSamePass() {
        tester.expectMarkedFindings("""
                import java.util.ArrayList;
                import java.util.List;

                class Items {
                    static class Item {
                        String name = "";
                    }

                    List<Item> build(List<String> words) {
                        List<Item> out = new ArrayList<>();
                        Item shared = new Item();
                        for (String w : words) {
                            Item it = new Item();
                            it.name += w;
                            it.name = it.name + "!";
                            out.add(it);
                            Item first = out.get(0);
                            // PERF: string-concat-in-loop
                            first.name += w;
                            // PERF: string-concat-in-loop
                            shared.name += w;
                            first.name = shared.name + w;
                        }
                        return out;
                    }
                }
                """);
    }

    @Test
    void flagsFieldsGrownThroughThisInParentheses() {
        tester.expectMarkedFindings("""
                class Log {
                    private String text = "";

                    void add(String[] parts) {
                        for (String p : parts) {
                            // PERF: string-concat-in-loop
                            (this).text += p;
                        }
                        for (String p : parts) {
                            // PERF: string-concat-in-loop
                            this.text = (this).text + p;
                        }
                    }
                }
                """);
    }

    @Test
    void flagsPrependingWithoutAFixBecauseABuilderWouldInsertAtTheFront() {
        tester.expectMarkedFindings("""
                import java.util.List;

                class Path {
                    String reversed(List<String> parts, String sep) {
                        String out = "";
                        for (String p : parts) {
                            // PERF: string-concat-in-loop
                            out = p + out;
                        }
                        for (String p : parts) {
                            // PERF: string-concat-in-loop
                            out = p + sep + out;
                        }
                        for (String p : parts) {
                            String fresh = p + out;
                            out = fresh;
                        }
                        return out;
                    }
                }
                """);
        tester.expectNoFix("""
                import java.util.List;

                class Path {
                    String reversed(List<String> parts, String sep) {
                        String out = "";
                        for (String p : parts) {
                            out = p + sep + out;
                        }
                        return out;
                    }
                }
                """, "prepend");
    }
}
