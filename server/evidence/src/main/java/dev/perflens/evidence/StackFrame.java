package dev.perflens.evidence;

/**
 * One frame of a sampled stack, as the profiler recorded it.
 *
 * @param className  binary class name with dots ("com.example.Outer$Inner"); null for native,
 *                   kernel and pseudo frames (thread names, "[unknown]")
 * @param methodName the JVM method name ("match", "&lt;init&gt;", "lambda$run$0"), or the
 *                   native symbol when className is null
 * @param descriptor the JVM method descriptor ("(Ljava/util/List;)V"); null when the profile has none
 * @param line       source line number, 1-based; 0 when the profile has none
 * @param type       how the frame ran as the profiler says it ("JIT compiled", "Inlined",
 *                   "Interpreted", "Native", "Kernel"); null when unknown
 */
public record StackFrame(String className, String methodName, String descriptor, int line, String type) {

    public boolean isJava() {
        return className != null;
    }

    /** "com.example.Outer.method:42" for messages and reports. */
    public String display() {
        String name = className == null ? methodName : className + "." + methodName;
        return line > 0 ? name + ":" + line : name;
    }
}
