package dev.perflens.lsp;

import dev.perflens.lsp.cli.BenchCommand;
import dev.perflens.lsp.cli.CheckCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code perflens lsp | check | hotspots | bench | calibrate | version | help}. */
public final class Main {
    static final String USAGE = """
            usage: perflens <command> [options]

            commands:
              lsp                 run the language server on stdin/stdout (what editors start)
              check PATH          analyse a folder or a .java file and print the findings
              hotspots PROFILE... print a profile's hottest methods, mapped onto a project's sources
              traces FILE...      print the N+1 queries and chatty calls OpenTelemetry traces show
              bench PATH          benchmark a method against its proposed fix with JMH (runs the project's code)
              calibrate           measure the rules' calibration pairs on this JDK and machine
              version             print the version
              help [COMMAND]      print this help, or a command's help with every option

            perflens COMMAND --help (or perflens help COMMAND) lists the command's options.
            Started without a command on a terminal, perflens prints this help; with its input and
            output connected to an editor, it runs the language server.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 && System.console() != null) {
            // a person typed "perflens": a server waiting on the terminal's input would look hung
            System.out.print(USAGE);
            System.exit(2);
        }
        String command = args.length == 0 ? "lsp" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "lsp" -> {
                if (dev.perflens.lsp.cli.Help.asked(rest)) {
                    System.out.print(LSP_HELP);
                } else {
                    runServer();
                }
            }
            case "check" -> System.exit(new CheckCommand(System.out, System.err).run(rest));
            case "hotspots" -> System.exit(new dev.perflens.lsp.cli.HotspotsCommand(System.out, System.err).run(rest));
            case "traces" -> System.exit(new dev.perflens.lsp.cli.TracesCommand(System.out, System.err).run(rest));
            case "bench" -> System.exit(new BenchCommand(System.out, System.err).run(rest));
            case "calibrate" -> System.exit(new dev.perflens.lsp.cli.CalibrateCommand(System.out, System.err).run(rest));
            case "version", "--version" -> System.out.println("perflens " + PerflensLanguageServer.VERSION);
            case "help", "--help", "-h" -> System.exit(help(rest, System.out, System.err));
            default -> {
                System.err.println("perflens: unknown command '" + command + "'\n");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
    }

    static final String LSP_HELP = """
            usage: perflens lsp

            Runs the language server over stdin/stdout (LSP with the perflens/* extensions). Editors start
            it; settings come from initializationOptions {"perflens": {...}} (see the README's Server
            settings). The log goes to stderr and to $XDG_STATE_HOME/perflens/logs/.
            """;

    /** {@code perflens help [COMMAND]}: the overview, or the command's own help. */
    public static int help(String[] rest, PrintStream out, PrintStream err) {
        if (rest.length == 0) {
            out.print(USAGE);
            return 0;
        }
        String[] asked = {"--help"};
        return switch (rest[0]) {
            case "check" -> new CheckCommand(out, err).run(asked);
            case "hotspots" -> new dev.perflens.lsp.cli.HotspotsCommand(out, err).run(asked);
            case "traces" -> new dev.perflens.lsp.cli.TracesCommand(out, err).run(asked);
            case "bench" -> new BenchCommand(out, err).run(asked);
            case "calibrate" -> new dev.perflens.lsp.cli.CalibrateCommand(out, err).run(asked);
            case "lsp" -> {
                out.print(LSP_HELP);
                yield 0;
            }
            case "version", "help" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> {
                err.println("perflens help: unknown command '" + rest[0] + "'\n");
                err.print(USAGE);
                yield 2;
            }
        };
    }

    /** stdout carries the protocol only: everything printed elsewhere goes to stderr. */
    private static void runServer() {
        InputStream in = System.in;
        PrintStream out = System.out;
        System.setOut(System.err);
        dev.perflens.lsp.logging.ServerLog.install();
        ServerLauncher launcher = ServerLauncher.create(in, out);
        try {
            launcher.startListening().get();
            Logger.getLogger(Main.class.getName()).info("input closed, exiting");
            System.exit(launcher.server().shutdownRequested() ? 0 : 1);
        } catch (ExecutionException e) {
            Logger.getLogger(Main.class.getName()).log(Level.SEVERE, "connection failed", e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }
}
