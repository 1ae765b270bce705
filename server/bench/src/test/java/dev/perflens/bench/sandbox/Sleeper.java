package dev.perflens.bench.sandbox;

import java.nio.file.Path;

/** A child JVM that never ends by itself; with "spawn" it first starts a grandchild like itself. */
public final class Sleeper {
    private Sleeper() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("spawn")) {
            new ProcessBuilder(ForkedJvm.javaExecutable().toString(), "-cp", System.getProperty("java.class.path"),
                    Sleeper.class.getName()).inheritIO().start();
        }
        System.out.println("sleeping in " + Path.of("").toAbsolutePath());
        Thread.sleep(Long.MAX_VALUE);
    }
}
