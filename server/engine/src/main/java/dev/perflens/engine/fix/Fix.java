package dev.perflens.engine.fix;

/**
 * A fix a rule offers for one finding. The rule has already checked, when reporting, that
 * the edit is safe at this spot; {@link #apply} only records the edit and runs only when a
 * user asks for the fix, so analysis never pays for building rewrites.
 */
public interface Fix {
    String title();

    /** What kind of change it makes (a team policy can deny kinds). */
    FixKind kind();

    void apply(FixRewrite rewrite);

    static Fix of(FixKind kind, String title, java.util.function.Consumer<FixRewrite> edit) {
        return new Fix() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public FixKind kind() {
                return kind;
            }

            @Override
            public void apply(FixRewrite rewrite) {
                edit.accept(rewrite);
            }
        };
    }
}
