package dev.perflens.engine.workspace;

/**
 * Which programs may run to learn a folder's classpath. A build tool runs code the folder chooses
 * (a wrapper script is the folder's own file; plugins and extensions are fetched by its build
 * files), so what may run follows from whether the user trusts the folder.
 */
public enum BuildToolPolicy {
    /** Nothing runs: the declared coordinates are looked up in the local repositories (an untrusted folder). */
    NONE,
    /** The Maven installed on the machine ({@code mvn} on the PATH), never a script of the folder. */
    SYSTEM,
    /** The folder's own wrapper ({@code ./mvnw}) first, else the installed Maven (a trusted folder). */
    WRAPPER
}
