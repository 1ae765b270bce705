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
              lsp                 run the language server on stdin/stdout (the default)
              check PATH [options]
                                  analyse a folder or a .java file and print the findings
                  --format text|json|sarif   output format (default text)
                  --output FILE              write the report to FILE instead of stdout
                  --fail-on error|warning|info|none
                                             exit 1 when a finding is at least this severe (default warning)
                  --profile FILE             rank findings by a JFR recording or collapsed stacks (repeatable)
                  --top N                    show only the N findings with the largest expected saving
                  --threads N                files are parsed in up to N parallel batches (default: the cores)
                  --classpath A:B            jars or class folders the code needs (':'-separated, repeatable)
                  --no-resolve               do not run Maven to resolve a pom.xml project's dependencies
                  --traces FILE              confirm and add N+1 findings from OpenTelemetry traces (OTLP JSON, repeatable)
                  --since REF                only the files changed since a git revision, each finding new,
                                             unchanged, updated or absent; --fail-on counts new and updated ones
                  --baseline FILE.sarif      the same against a SARIF an earlier check wrote
              hotspots PROFILE... [--project DIR] [--top N] [--metric cpu|allocation|lock]
                                  import profiles (.jfr, .collapsed), map them onto the project's sources
                                  and print the hottest methods; import time and heap on stderr
              traces FILE... [--project DIR] [--top N]
                                  import OpenTelemetry traces (OTLP JSON) and print the N+1 queries and
                                  chatty HTTP calls under one parent span, with the method they happen
                                  in, and the slowest methods; import time and heap on stderr
              bench PATH [options]
                                  benchmark a method against its proposed fix with JMH, in a sandbox;
                                  without --method/--at, run the project's saved benchmarks again
                  --method CLASS#METHOD      the method (CLASS#METHOD(Type,Type) when overloaded)
                  --at FILE:LINE             the method around a line (FILE relative to PATH)
                  --mode quick|thorough      preset (default quick, about a minute); .perflens.json
                                             "benchmark" settings apply, these options override them:
                  --forks N  --warmup N  --warmup-ms N  --iterations N  --iteration-ms N
                  --sizes N,N,...  --max-call-ms N  --timeout-s N
                  --save-baseline            store the results of the code as it is in .perflens/baselines.json
                  --compare                  measure again and compare with the baselines; exit 1 on a regression
                  --threshold FRACTION       slow-down that counts as a regression (default 0.1 = 10%)
                  --format text|json         output format (default text)
              calibrate [options] run the rules' calibration pairs (JMH, before/after) on this JDK and
                                  machine; writes WORKSPACE/.perflens/calibration.json (used instead of
                                  the shipped calibration) and names advice that does not pay off here
                  --mode quick|full          quick (default, a few minutes) or full (about 15 minutes)
                  --rules ID,ID,...          only these rules
                  --workspace DIR            where .perflens/ goes (default: the current folder)
                  --benchmarks-jar PATH      the pairs (default: next to the perflens jar, or built in
                                             the Perflens checkout's fixtures/calibration)
                  --out FILE                 write there instead
              version             print the version
              help                print this help

            exit status of check: 0 no finding at or above --fail-on, 1 such findings, 2 usage or I/O error
            exit status of bench: 0 done, 1 a regression (--compare), 2 usage error or a benchmark that failed
            exit status of calibrate: 0 written, 2 usage error or a pair that failed
            """;

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "lsp" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "lsp" -> runServer();
            case "check" -> System.exit(new CheckCommand(System.out, System.err).run(rest));
            case "hotspots" -> System.exit(new dev.perflens.lsp.cli.HotspotsCommand(System.out, System.err).run(rest));
            case "traces" -> System.exit(new dev.perflens.lsp.cli.TracesCommand(System.out, System.err).run(rest));
            case "bench" -> System.exit(new BenchCommand(System.out, System.err).run(rest));
            case "calibrate" -> System.exit(new dev.perflens.lsp.cli.CalibrateCommand(System.out, System.err).run(rest));
            case "version", "--version" -> System.out.println("perflens " + PerflensLanguageServer.VERSION);
            case "help", "--help", "-h" -> System.out.print(USAGE);
            default -> {
                System.err.println("perflens: unknown command '" + command + "'\n");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
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
