package dev.perflens.lsp;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.perflens.engine.EngineModule;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Wiring of the language server: the engine's rules plus the server's services. */
public final class ServerModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new EngineModule());
    }

    @Provides
    @Singleton
    @RequestExecutor
    ExecutorService requestExecutor() {
        return Executors.newFixedThreadPool(2, dev.perflens.lsp.DaemonThreads.named("perflens-request"));
    }
}
