package dev.perflens.lsp.cli;

import dev.perflens.engine.ProfileWeight;
import dev.perflens.engine.workspace.ProjectLayout;
import dev.perflens.evidence.HotnessIndex;
import dev.perflens.evidence.MethodHotness;
import dev.perflens.evidence.Metric;
import dev.perflens.evidence.Profile;
import dev.perflens.evidence.ProfileLoadException;
import dev.perflens.evidence.ProfileReader;
import dev.perflens.evidence.source.WorkspaceSources;
import dev.perflens.lsp.profiles.ProfileViews;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code perflens hotspots PROFILE... [--project DIR] [--top N] [--metric cpu|allocation|lock]}:
 * imports profiles, maps them onto a project's sources and prints the hottest methods, with the
 * import time and the heap it took on stderr. It doubles as the harness for measuring imports
 * of large recordings (run it with a small -Xmx to show the import streams).
 */
public final class HotspotsCommand {
    private final PrintStream out;
    private final PrintStream err;

    public HotspotsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static final String USAGE = """
            usage: perflens hotspots PROFILE... [options]

            Imports profiles (.jfr recordings, .collapsed/.folded stacks), maps them onto a project's
            sources and prints the hottest methods; import time and heap go to stderr. Runs nothing.

            options:
              --project DIR              the project whose sources the frames map onto (default: .)
              --top N                    how many methods (default 10)
              --metric cpu|allocation|lock
                                         what "hot" means (default cpu)
              -h, --help                 print this help

            exit status: 0 printed, 2 usage error or a profile that cannot be read
            """;

    public int run(String[] args) {
        if (Help.asked(args)) {
            out.print(USAGE);
            return 0;
        }
        List<Path> files = new ArrayList<>();
        Path project = Path.of(".");
        int top = 10;
        Metric metric = Metric.CPU;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--project" -> project = Path.of(value(args, ++i, "--project"));
                    case "--top" -> top = Integer.parseInt(value(args, ++i, "--top"));
                    case "--metric" -> {
                        String name = value(args, ++i, "--metric");
                        metric = ProfileViews.metric(name).orElseThrow(() ->
                                new IllegalArgumentException("--metric must be cpu, allocation or lock, not '" + name + "'"));
                    }
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        files.add(Path.of(args[i]));
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("missing PROFILE (a .jfr or .collapsed file)");
            }
            if (!Files.isDirectory(project)) {
                throw new IllegalArgumentException("--project is not a folder: " + project);
            }
        } catch (IllegalArgumentException e) {
            err.println("perflens hotspots: " + e.getMessage());
            err.println("usage: perflens hotspots PROFILE... [--project DIR] [--top N] [--metric cpu|allocation|lock]"
                    + "  (perflens hotspots --help)");
            return 2;
        }

        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        long baseline = usedHeap(heap);
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            long start = System.nanoTime();
            List<Profile> profiles = new ArrayList<>();
            for (Path file : files) {
                long began = System.nanoTime();
                Profile profile = ProfileReader.read(file.toAbsolutePath().normalize());
                long millis = (System.nanoTime() - began) / 1_000_000;
                long size = Files.size(file);
                err.printf(Locale.ROOT, "imported %s (%.1f MB) in %,d ms: %s; %,d distinct stacks, %,d distinct frames%n",
                        file, size / 1e6, millis, profile.summary(), profile.stackCount(), profile.frames().size());
                profiles.add(profile);
            }
            long imported = System.nanoTime();
            long peakDuringImport = peakHeap(heap);
            ProjectLayout layout = ProjectLayout.discover(project);
            HotnessIndex index = HotnessIndex.build(profiles, WorkspaceSources.of(layout.sourceRoots()));
            long indexed = System.nanoTime();
            System.gc();
            long retained = usedHeap(heap) - baseline;
            err.printf(Locale.ROOT, "import %,d ms, mapping onto %s %,d ms; peak heap during import %.1f MB "
                            + "(max heap %.0f MB), retained after import %.1f MB%n",
                    (imported - start) / 1_000_000, layout.root(), (indexed - imported) / 1_000_000, peakDuringImport / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6, retained / 1e6);
            if (index.totals().weight(metric) == 0) {
                err.println("the profiles have no " + metric.label() + " samples");
                return 0;
            }
            out.printf(Locale.ROOT, "top %d methods by own share of %s (profile %s, %,d samples; own = the method's code "
                    + "and the JDK/library code it calls):%n", top, metric.label(), index.profileNames(),
                    index.totals().events(metric));
            int rank = 1;
            for (MethodHotness method : index.hotspots(metric, top)) {
                Path file = layout.root().relativize(method.file());
                out.printf(Locale.ROOT, "%2d. %6s own, %6s total  %-40s %s:%d%n", rank++,
                        ProfileWeight.percent(method.selfShare(metric)), ProfileWeight.percent(method.totalShare(metric)),
                        method.name(), file.toString().replace('\\', '/'),
                        method.hottestLine() > 0 ? method.hottestLine() : method.declaration().startLine());
            }
            long outside = index.unattributedWeight(metric);
            if (outside > 0) {
                out.printf(Locale.ROOT, "    %6s in stacks without any workspace frame (JVM threads, pure library work)%n",
                        ProfileWeight.percent(index.share(metric, outside)));
            }
            return 0;
        } catch (ProfileLoadException e) {
            err.println("perflens hotspots: cannot use the profile " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            err.println("perflens hotspots: " + e.getMessage());
            return 2;
        }
    }

    private static long usedHeap(List<MemoryPoolMXBean> heap) {
        return heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one moment. */
    private static long peakHeap(List<MemoryPoolMXBean> heap) {
        return heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
