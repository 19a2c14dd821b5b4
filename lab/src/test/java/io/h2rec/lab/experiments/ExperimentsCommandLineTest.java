package io.h2rec.lab.experiments;

import io.h2rec.lab.Lab;
import io.h2rec.testing.CommandLineContract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lab's experiments (reproduce, search, speed, ledger-export, ledger-import) as a new user meets them, each in a JVM
 * of its own: help and every kind of mistake answer with exit code 0 or 2 and one line, before the
 * database or Quarkus would start.
 */
class ExperimentsCommandLineTest extends CommandLineContract {
    @Override
    protected Class<?> main() {
        return Lab.class;
    }

    static Stream<String> commands() {
        return Stream.of("reproduce", "speed", "search", "ledger-export", "ledger-import");
    }

    static Stream<List<String>> mistakes() throws IOException {
        String ds = data.toString();
        // LETTER JSON: each user's order only, no time.
        Path letter = Files.createDirectories(tmp.resolve("letter"));
        Files.writeString(letter.resolve("Toy.inter.json"), "{\"0\": [0, 1, 2]}");
        Path okPlan = Files.writeString(tmp.resolve("ok.yaml"), "name: t\nseeds: {s: [42]}\n"
                + "entries:\n  - {label: a, model: sasrec, seeds: s}\n");
        Path plan = Files.writeString(tmp.resolve("plan.yaml"), "name: t\nseeds: {s: [42]}\n"
                + "entries:\n  - {label: a, model: sasrec, seeds: s, params: {nope: 1}}\n");
        Path twice = Files.writeString(tmp.resolve("twice.yaml"), "name: t\nseeds: {s: [42, 42]}\n"
                + "entries:\n  - {label: a, model: sasrec, seeds: s}\n");
        Path huge = Files.writeString(tmp.resolve("huge.yaml"), "name: t\nseeds: {s: [99999999999999999999]}\n"
                + "entries:\n  - {label: a, model: sasrec, seeds: s}\n");
        Path duplicateKey = Files.writeString(tmp.resolve("dup.yaml"), "name: t\nseeds: {s: [42]}\n"
                + "entries:\n  - {label: a, model: sasrec, seeds: s}\nentries: []\n");
        Path malformed = Files.writeString(tmp.resolve("bad.yaml"), "name: t\nseeds: {s: [42}\n");
        // Each value passes alone; together (hidden 36, 8 heads) they do not: refused before the database starts.
        Path together = Files.writeString(tmp.resolve("together.yaml"), "name: t\nseeds: {s: [42]}\nentries:\n"
                + "  - {label: a, model: sasrec, seeds: s, tuned: {hidden: 36}, params: {heads: 8}}\n");
        Path aFile = Files.writeString(tmp.resolve("a-file"), "x");
        return Stream.of(
                // expected fragment of the one line, then the arguments
                List.of("reproduce: --split: a temporal split needs t1 < t2", "reproduce", "--dataset", ds, "--split",
                        "temporal:0.9,0.8"),
                List.of("entry 'a': unknown parameter 'nope'", "reproduce", "--dataset", ds, "--plan", plan.toString()),
                List.of("entry 'a', its values together {heads=8, hidden=36}: ", "reproduce", "--dataset", ds, "--plan",
                        together.toString()),
                List.of("entry 'a', its values together {heads=8, hidden=36}: ", "search", "--dataset", ds, "--plan",
                        together.toString()),
                List.of("--only: no entry named [nope]", "search", "--dataset", ds, "--plan", okPlan.toString(), "--only", "nope"),
                List.of("seed group 's' must list distinct seeds", "reproduce", "--dataset", ds, "--plan", twice.toString()),
                List.of("seed group 'main' must list distinct seeds", "reproduce", "--dataset", ds, "--seeds", "42,42"),
                List.of("is not a whole number (64-bit)", "search", "--dataset", ds, "--plan", huge.toString()),
                List.of("Duplicate field 'entries'", "reproduce", "--dataset", ds, "--plan", duplicateKey.toString()),
                List.of(malformed + " line 2 column 15: expected ',' or ']'", "search", "--dataset", ds, "--plan", malformed.toString()),
                List.of("--out: " + aFile + " is a file", "reproduce", "--dataset", ds, "--out", aFile.toString()),
                List.of("--param epochs: speed times exactly --epochs epochs", "speed", "--dataset", ds, "--param", "epochs=0"),
                List.of("--models: popular counts items", "speed", "--dataset", ds, "--models", "sasrec,popular"),
                List.of("--results: " + tmp + " is a directory", "speed", "--dataset", ds, "--results", tmp.toString()),
                List.of("--table: " + tmp + " is a directory", "search", "--dataset", ds, "--plan", okPlan.toString(),
                        "--table", tmp.toString()),
                List.of("--split temporal:0.8,0.9: " + letter + " has no timestamps", "search", "--dataset",
                        letter.toString(), "--plan", okPlan.toString(), "--split", "temporal"),
                List.of("--report: a file name stem", "reproduce", "--dataset", ds, "--report", "../x"),
                List.of("--only: no entry named [nope]", "reproduce", "--dataset", ds, "--only", "nope"),
                List.of("unknown parameter 'nope'", "reproduce", "--dataset", ds, "--param", "nope=1"),
                List.of("unknown model 'nope'", "speed", "--dataset", ds, "--models", "sasrec,nope"),
                List.of("Missing required option: '--plan=FILE'", "search", "--dataset", ds),
                List.of("plan file " + tmp.resolve("nope.yaml") + " not found", "search", "--dataset", ds, "--plan",
                        tmp.resolve("nope.yaml").toString()),
                List.of("unknown parameter 'nope' for model sasrec", "search", "--dataset", ds, "--plan", plan.toString()),
                List.of("Unknown option: '--bogus'", "ledger-export", "--bogus"),
                List.of("--split temporal:0.8,0.9: " + letter + " has no timestamps", "ledger-import", "--dataset",
                        letter.toString(), "--split", "temporal"));
    }
}
