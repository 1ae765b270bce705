package dev.perflens.lsp;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** The executor that runs request handlers, apart from the analysis thread. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
public @interface RequestExecutor {
}
