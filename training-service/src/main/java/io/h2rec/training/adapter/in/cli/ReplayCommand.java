package io.h2rec.training.adapter.in.cli;

import io.h2rec.adapter.in.cli.Checked;
import io.h2rec.adapter.out.dataset.DatasetInputs;
import io.h2rec.domain.model.EvalTarget;
import io.h2rec.domain.model.MetricValue;
import io.h2rec.domain.model.ModelAlias;
import io.h2rec.domain.model.Protocol;
import io.h2rec.domain.model.ReplayReport;
import io.h2rec.domain.port.in.ReplayVariantsQuery;
import io.h2rec.domain.port.in.ReplayVariantsUseCase;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The offline replay of a traffic split: each variant (alias -> model version) scored on the test split
 * of the data it was trained on, printed side by side, so a split can be judged before it takes traffic.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Score each variant of a deployment's traffic split on its dataset's test split; "
                + "print HR/NDCG@10 overall/head/tail side by side.")
@Dependent
@Unremovable
public class ReplayCommand implements Callable<Integer>, Checked {
    @Option(names = "--deployment", paramLabel = "NAME", description = "The deployment whose routes are compared "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "default")
    String deployment;

    @Option(names = "--alias", paramLabel = "NAME", description = "Compare these aliases instead of a deployment's "
            + "routes (repeatable; 'active' is the active version).")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--dataset", paramLabel = "PATH", description = "Read the variants' dataset here (it must be the "
            + "same data); default: where it was registered.")
    String dataset;

    /** The groups compared (the popularity buckets stay in the runs' own tables). */
    static final Set<String> GROUPS = Set.of("overall", "head", "tail", "cold");

    @Inject
    ReplayVariantsUseCase replay;

    PrintStream out = System.out;

    @Override
    public void check() {
        ModelAlias.checkName("--deployment", deployment);
        for (String alias : aliases) {
            if (!alias.equals(ModelAlias.ACTIVE)) {
                ModelAlias.checkName("--alias", alias);
            }
        }
        new ReplayVariantsQuery(deployment, aliases, dataset);
        if (dataset != null) {
            DatasetInputs.dataset(dataset);
        }
    }

    @Override
    public Integer call() {
        check();
        ReplayReport report = replay.replay(new ReplayVariantsQuery(deployment, aliases, dataset),
                line -> out.println("      " + line));
        out.println();
        out.print(format(report));
        return 0;
    }

    /** Rows: protocol x group (overall, head, tail; cold on a temporal split); columns: HR@10 and NDCG@10 of each variant. */
    static String format(ReplayReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "replay of %s on %s (%,d test cases), test split, pessimistic ties%n",
                r.deployment() == null ? "aliases" : "deployment '" + r.deployment() + "'", r.datasetName(), r.testCases()));
        double total = r.variants().stream().mapToInt(ReplayReport.Variant::weight).sum();
        StringBuilder names = new StringBuilder(String.format("%-20s %7s", "", ""));
        StringBuilder versions = new StringBuilder(String.format("%-20s %7s", "", ""));
        StringBuilder header = new StringBuilder(String.format("%-11s %-8s %7s", "protocol", "group", "cases"));
        for (ReplayReport.Variant v : r.variants()) {
            names.append(String.format(" | %-17s", v.alias()));
            String share = total == 0 ? "" : String.format(Locale.ROOT, " %.0f%%", 100 * v.weight() / total);
            versions.append(String.format(" | %-17s", "v" + v.version().id() + " " + v.version().modelType() + share));
            header.append(String.format(" | %8s %8s", "HR@10", "NDCG@10"));
        }
        sb.append(names).append('\n').append(versions).append('\n').append(header).append('\n');
        ReplayReport.Variant first = r.variants().get(0);
        for (Protocol p : new Protocol[] {Protocol.FULL, Protocol.SAMPLED100}) {
            Set<String> groups = new LinkedHashSet<>();
            first.result().values().stream().filter(m -> m.protocol() == p && GROUPS.contains(m.group()))
                    .forEach(m -> groups.add(m.group()));
            for (String g : ResultTable.order(groups)) {
                sb.append(String.format(Locale.ROOT, "%-11s %-8s %7.0f", p.label(), g,
                        first.result().get(EvalTarget.TEST, p, g, MetricValue.SUPPORT, 0)));
                for (ReplayReport.Variant v : r.variants()) {
                    sb.append(String.format(" | %8s %8s", ResultTable.fmt(v.result().get(EvalTarget.TEST, p, g, MetricValue.HR, 10)),
                            ResultTable.fmt(v.result().get(EvalTarget.TEST, p, g, MetricValue.NDCG, 10))));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

}
