package io.h2rec.quantizer;

import io.h2rec.adapter.out.persistence.DatabaseBootstrap;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the quantizer service; the database is configured before Quarkus starts. */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        System.err.println("[h2rec] database: " + DatabaseBootstrap.configure());
        Quarkus.run(args);
    }
}
