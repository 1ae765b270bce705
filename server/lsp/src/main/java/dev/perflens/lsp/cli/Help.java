package dev.perflens.lsp.cli;

import java.util.List;

/** {@code COMMAND --help}: every command prints its usage (on stdout, exit 0) when asked. */
public final class Help {
    private Help() {
    }

    /** Whether the arguments ask for help: {@code -h} or {@code --help} anywhere before a lone {@code --}. */
    public static boolean asked(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (List.of("-h", "--help", "-help").contains(arg)) {
                return true;
            }
        }
        return false;
    }
}
