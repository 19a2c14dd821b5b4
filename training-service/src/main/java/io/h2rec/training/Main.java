package io.h2rec.training;

import io.h2rec.adapter.out.persistence.DatabaseBootstrap;
import io.h2rec.training.adapter.in.cli.RootCommand;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * {@code java -jar quarkus-run.jar [serve]} runs the registry service; other sub-commands
 * ({@code pipeline}, ...) run a job and exit. The database is configured before Quarkus starts.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    public static void main(String... args) {
        boolean serve = args.length == 0 || "serve".equals(args[0]);
        boolean help = args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"));
        if (!serve) {
            // A job must not take the service's HTTP port, and its console is for progress.
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("h2rec.training.scheduler", "false");
            System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
        }
        if (!help) {
            System.err.println("[h2rec] database: " + DatabaseBootstrap.configure());
        }
        Quarkus.run(Main.class, args);
    }

    @Override
    public int run(String... args) {
        return new CommandLine(RootCommand.class, Main::create).execute(args);
    }

    /** picocli commands are CDI beans, so they get the use cases injected. */
    static <K> K create(Class<K> type) throws Exception {
        var bean = Arc.container().instance(type);
        return bean.isAvailable() ? bean.get() : CommandLine.defaultFactory().create(type);
    }
}
