package dev.perflens.lsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code COMMAND --help} prints the command's usage on stdout and exits 0, and every option the
 * help lists is one the command accepts (the parser does not call it unknown), so the help cannot
 * fall behind the parser silently.
 */
class HelpTest {
    private record Run(int status, String out, String err) {
    }

    private static Run run(String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = switch (command) {
            case "check" -> new CheckCommand(o, e).run(args);
            case "hotspots" -> new HotspotsCommand(o, e).run(args);
            case "traces" -> new TracesCommand(o, e).run(args);
            case "bench" -> new BenchCommand(o, e).run(args);
            case "calibrate" -> new CalibrateCommand(o, e).run(args);
            default -> throw new IllegalArgumentException(command);
        };
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "hotspots", "traces", "bench", "calibrate"})
    void helpListsOnlyOptionsTheCommandAccepts(String command) {
        for (String flag : List.of("--help", "-h")) {
            Run help = run(command, flag);
            assertEquals(0, help.status(), help.err());
            assertTrue(help.out().startsWith("usage: perflens " + command), help.out());
            assertEquals("", help.err());
        }
        Run help = run(command, "--help");
        List<String> options = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s+(?:-h, )?(--[a-z-]+)").matcher(help.out());
        while (m.find()) {
            options.add(m.group(1));
        }
        assertTrue(options.size() >= 3, "the help lists the options: " + help.out());
        for (String option : options) {
            if (option.equals("--help")) {
                continue;
            }
            // a value that is wrong for most options, and a folder that does not exist: nothing runs
            Run parsed = run(command, option, "0", "--workspace", "/nonexistent/perflens-help-test");
            assertFalse(parsed.err().contains("unknown option " + option), command + " " + option + ": " + parsed.err());
            assertEquals(2, parsed.status(), command + " " + option + ": " + parsed.err());
        }
        Run unknown = run(command, "--no-such-option");
        assertTrue(unknown.err().contains("unknown option --no-such-option"), unknown.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "hotspots", "traces", "bench", "calibrate", "lsp"})
    void helpCommandPrintsTheCommandsHelp(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = dev.perflens.lsp.Main.help(new String[] {command}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: perflens " + command),
                out.toString(StandardCharsets.UTF_8));
    }
}
