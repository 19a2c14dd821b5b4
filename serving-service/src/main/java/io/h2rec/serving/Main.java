package io.h2rec.serving;

import io.h2rec.adapter.out.persistence.DatabaseBootstrap;
import io.h2rec.serving.adapter.in.cli.RootCommand;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * {@code java -jar quarkus-run.jar [serve]} serves rankings. The database is configured before
 * Quarkus starts.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    public static void main(String... args) {
        boolean serve = args.length == 0 || "serve".equals(args[0]);
        if (!serve) {
            System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
        }
        if (!(args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")))) {
            System.err.println("[h2rec] database: " + DatabaseBootstrap.configure());
        }
        Quarkus.run(Main.class, args);
    }

    @Override
    public int run(String... args) {
        return new CommandLine(RootCommand.class, Main::create).execute(args);
    }

    static <K> K create(Class<K> type) throws Exception {
        var bean = Arc.container().instance(type);
        return bean.isAvailable() ? bean.get() : CommandLine.defaultFactory().create(type);
    }
}
