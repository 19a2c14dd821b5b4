package io.h2rec.training.adapter.in.rest;

import io.h2rec.adapter.in.security.Roles;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.CodebookStats;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.CodebookStore;
import io.h2rec.domain.port.out.ItemCatalog;
import io.h2rec.testing.BadInput;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.SyntheticData;
import io.h2rec.testing.TestTokens;
import io.h2rec.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.h2rec.testing.BadInput.get;
import static io.h2rec.testing.BadInput.longText;
import static io.h2rec.testing.BadInput.manyEntries;
import static io.h2rec.testing.BadInput.manyNumbers;
import static io.h2rec.testing.BadInput.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client mistakes against the training API: each is a 4xx whose RFC 9457 problem names the
 * offending field, never a 500 and never a stack trace (the quantizer API has its own table).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class BadInputTest {
    /** Every call here carries a token of the role these calls need (issue 18). */
    private static RequestSpecification given() {
        return TestTokens.as(Roles.EXPERIMENTER);
    }

    static Map<String, String> fixtures;

    @Inject
    ItemCatalog catalog;
    @Inject
    CodebookStore codebooks;

    static Stream<BadInput> cases() {
        String ok = "\"name\":\"bad-{n}\",\"datasetId\":{datasetId},\"model\":\"sasrec\"";
        return Stream.of(
                post("dataset without a body", "/api/v1/datasets", "", 400, "body"),
                post("dataset: not JSON", "/api/v1/datasets", "{location: nope", 400, "body"),
                post("dataset: a list, not an object", "/api/v1/datasets", "[1, 2]", 400, "body"),
                post("dataset: no location", "/api/v1/datasets", "{}", 400, "location"),
                post("dataset: blank location", "/api/v1/datasets", "{\"location\": \" \"}", 400, "location"),
                post("dataset: missing folder", "/api/v1/datasets", "{\"location\": \"/no/such/dir\"}", 400, "location"),
                post("dataset: NUL in location", "/api/v1/datasets", "{\"location\": \"a\\u0000b\"}", 400, "location"),
                post("dataset: 5000-char location", "/api/v1/datasets",
                        "{\"location\": \"" + longText(5000) + "\"}", 400, "location"),
                post("dataset: kCore 0", "/api/v1/datasets", "{\"location\": \"{folder}\", \"kCore\": 0}", 400, "kCore"),
                post("dataset: kCore 1.5", "/api/v1/datasets", "{\"location\": \"{folder}\", \"kCore\": 1.5}", 400,
                        "kCore"),
                post("dataset: kCore as text", "/api/v1/datasets", "{\"location\": \"{folder}\", \"kCore\": \"5\"}",
                        400, "kCore"),
                post("dataset: unknown split", "/api/v1/datasets", "{\"location\": \"{folder}\", \"split\": \"random\"}",
                        400, "split"),
                post("dataset: cut points out of order", "/api/v1/datasets",
                        "{\"location\": \"{folder}\", \"split\": \"temporal:0.9,0.8\"}", 400, "split"),
                post("dataset: quantile and epoch seconds mixed", "/api/v1/datasets",
                        "{\"location\": \"{folder}\", \"split\": \"temporal:0.5,889000000\"}", 400, "split"),
                post("dataset: cut points after every event", "/api/v1/datasets",
                        "{\"location\": \"{folder}\", \"split\": \"temporal:2000000000,2100000000\"}", 400, "split"),
                post("dataset: 5000-char split", "/api/v1/datasets",
                        "{\"location\": \"{folder}\", \"split\": \"" + longText(5000) + "\"}", 400, "split"),
                post("dataset: temporal split of data without time", "/api/v1/datasets",
                        "{\"location\": \"{letterFolder}\", \"split\": \"temporal\"}", 400, "split"),
                post("dataset: unknown field", "/api/v1/datasets", "{\"location\": \"{folder}\", \"kcore\": 5}", 400,
                        "kcore"),
                post("experiment: no name", "/api/v1/experiments", "{\"datasetId\": {datasetId}, \"model\": \"sasrec\"}",
                        400, "name"),
                post("experiment: blank name", "/api/v1/experiments",
                        "{\"name\": \"\", \"datasetId\": {datasetId}, \"model\": \"sasrec\"}", 400, "name"),
                post("experiment: ~1 MB name", "/api/v1/experiments", "{\"name\": \"" + longText(1_000_000)
                        + "\", \"datasetId\": {datasetId}, \"model\": \"sasrec\"}", 400, "name"),
                post("experiment: NUL in name", "/api/v1/experiments",
                        "{\"name\": \"a\\u0000\", \"datasetId\": {datasetId}, \"model\": \"sasrec\"}", 400, "name"),
                post("experiment: name is null", "/api/v1/experiments",
                        "{\"name\": null, \"datasetId\": {datasetId}, \"model\": \"sasrec\"}", 400, "name"),
                post("experiment: datasetId 1.5", "/api/v1/experiments",
                        "{\"name\": \"x\", \"datasetId\": 1.5, \"model\": \"sasrec\"}", 400, "datasetId"),
                post("experiment: datasetId as text", "/api/v1/experiments",
                        "{\"name\": \"x\", \"datasetId\": \"1\", \"model\": \"sasrec\"}", 400, "datasetId"),
                post("experiment: datasetId -1", "/api/v1/experiments",
                        "{\"name\": \"x\", \"datasetId\": -1, \"model\": \"sasrec\"}", 400, "datasetId"),
                post("experiment: unknown dataset", "/api/v1/experiments",
                        "{\"name\": \"x\", \"datasetId\": 424242, \"model\": \"sasrec\"}", 400, "datasetId"),
                post("experiment: datasetId beyond a long", "/api/v1/experiments",
                        "{\"name\": \"x\", \"datasetId\": 99999999999999999999999, \"model\": \"sasrec\"}", 400,
                        "datasetId"),
                post("experiment: no model", "/api/v1/experiments", "{\"name\": \"x\", \"datasetId\": {datasetId}}", 400,
                        "model"),
                post("experiment: unknown model", "/api/v1/experiments",
                        "{\"name\": \"x\", \"datasetId\": {datasetId}, \"model\": \"nope\"}", 400, "model"),
                post("experiment: null parameter", "/api/v1/experiments", "{" + ok + ", \"params\": {\"epochs\": null}}",
                        400, "params.epochs"),
                post("experiment: epochs 1.5", "/api/v1/experiments", "{" + ok + ", \"params\": {\"epochs\": \"1.5\"}}",
                        400, "params.epochs"),
                post("experiment: hidden out of range", "/api/v1/experiments",
                        "{" + ok + ", \"params\": {\"hidden\": \"5000\"}}", 400, "params.hidden"),
                post("experiment: unknown parameter", "/api/v1/experiments",
                        "{" + ok + ", \"params\": {\"hiden\": \"16\"}}", 400, "params.hiden"),
                post("experiment: 65 parameters", "/api/v1/experiments", "{" + ok + ", \"params\": " + manyEntries(65)
                        + "}", 400, "params"),
                post("experiment: params not an object", "/api/v1/experiments", "{" + ok + ", \"params\": [1]}", 400,
                        "params"),
                post("experiment: null seed", "/api/v1/experiments", "{" + ok + ", \"seeds\": [42, null]}", 400,
                        "seeds[1]"),
                post("experiment: seed 1.5", "/api/v1/experiments", "{" + ok + ", \"seeds\": [1.5]}", 400, "seeds[0]"),
                post("experiment: 65 seeds", "/api/v1/experiments", "{" + ok + ", \"seeds\": " + manyNumbers(65) + "}",
                        400, "seeds"),
                post("experiment: unknown codebook", "/api/v1/experiments", "{\"name\": \"x\", \"datasetId\": "
                        + "{datasetId}, \"model\": \"sid_only\", \"codebookId\": 424242}", 400, "codebookId"),
                post("experiment: SID model without a codebook", "/api/v1/experiments",
                        "{\"name\": \"x\", \"datasetId\": {datasetId}, \"model\": \"sid_only\"}", 400, "codebookId"),
                post("experiment: codebook of another dataset", "/api/v1/experiments",
                        "{\"name\": \"x\", \"datasetId\": {datasetId}, \"model\": \"sid_only\", \"codebookId\": "
                                + "{otherCodebook}}", 400, "codebookId"),
                post("runs: null seed", "/api/v1/experiments/{experimentId}/runs", "{\"seeds\": [null]}", 400,
                        "seeds[0]"),
                post("runs: force as text", "/api/v1/experiments/{experimentId}/runs", "{\"force\": \"yes\"}", 400,
                        "force"),
                post("runs: unknown field", "/api/v1/experiments/{experimentId}/runs", "{\"seed\": [1]}", 400, "seed"),
                post("runs: 65 seeds", "/api/v1/experiments/{experimentId}/runs",
                        "{\"seeds\": " + manyNumbers(65) + "}", 400, "seeds"),
                post("experiment: over the memory budget", "/api/v1/experiments", "{" + ok + ", \"params\": "
                        + "{\"hidden\": \"1024\", \"max_len\": \"1000\", \"batch\": \"8192\", \"blocks\": \"12\"}}",
                        400, "params"),
                get("compare: no ids", "/api/v1/runs/compare", 400, "ids"),
                get("compare: an id that is no number", "/api/v1/runs/compare?ids=1,abc", 400, "ids"),
                get("compare: unknown split", "/api/v1/runs/compare?ids=1&split=train", 400, "split"),
                get("run: an id that is no number", "/api/v1/runs/abc", 400, "id"),
                get("run: an id beyond a long", "/api/v1/runs/99999999999999999999/epochs", 400, "id"),
                get("experiment: an id that is no number", "/api/v1/experiments/1e3/runs", 400, "id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aClientMistakeIsA4xxNamingTheField(BadInput input) throws Exception {
        Map<String, String> values = new LinkedHashMap<>(fixtures());
        values.put("n", String.valueOf(System.nanoTime()));
        input.check(values);
    }

    /** The config inside every single bound: refused up front with the estimate and the budget. */
    @Test
    void anOverBudgetConfigIsRefusedWithItsEstimate() throws Exception {
        var r = given().contentType("application/json").body(Map.of("name", "too-big", "datasetId",
                        Long.parseLong(fixtures().get("datasetId")), "model", "sasrec", "params",
                        Map.of("hidden", "1024", "max_len", "1000", "batch", "8192", "blocks", "12")))
                .post("/api/v1/experiments");
        assertEquals(400, r.statusCode(), r.asString());
        long estimate = ((Number) r.path("estimateMb")).longValue();
        long budget = ((Number) r.path("budgetMb")).longValue();
        assertTrue(estimate > budget, r.asString());
        assertTrue(r.<String>path("detail").contains("MiB"), r.asString());
        // The default config of the same model on the same data fits.
        given().contentType("application/json").body(Map.of("name", "fits", "datasetId",
                Long.parseLong(fixtures().get("datasetId")), "model", "h2rec_no_item_align", "codebookId",
                Long.parseLong(fixtures().get("ownCodebook")))).post("/api/v1/experiments").then().statusCode(201);
    }

    private synchronized Map<String, String> fixtures() throws Exception {
        if (fixtures == null) {
            Path a = SyntheticData.write(TempDirs.create("bad-a"), 200, 80, 4, 31);
            Path b = SyntheticData.write(TempDirs.create("bad-b"), 200, 80, 4, 32);
            int datasetA = RegistryWalkthroughTest.registerDataset(a);
            int datasetB = RegistryWalkthroughTest.registerDataset(b);
            int experiment = given().contentType("application/json").body(Map.of("name", "bad-input-fixture",
                            "datasetId", datasetA, "model", "popular"))
                    .post("/api/v1/experiments").then().statusCode(201).extract().path("id");
            Map<String, String> f = new LinkedHashMap<>();
            f.put("folder", a.toString());
            // LETTER JSON: each user's order only, no time.
            Path letter = TempDirs.create("bad-letter");
            Files.writeString(letter.resolve("Toy.inter.json"), "{\"0\": [0, 1, 2, 3], \"1\": [1, 2, 3, 0]}");
            f.put("letterFolder", letter.toString());
            f.put("datasetId", String.valueOf(datasetA));
            f.put("experimentId", String.valueOf(experiment));
            f.put("otherCodebook", String.valueOf(codebookOf(datasetB)));
            f.put("ownCodebook", String.valueOf(codebookOf(datasetA)));
            fixtures = f;
        }
        return fixtures;
    }

    /** A codebook version of a dataset, committed directly (no encoder needed): two levels of four codes. */
    private long codebookOf(long datasetId) {
        var ds = catalog.find(datasetId).orElseThrow();
        List<Item> items = catalog.items(datasetId);
        Map<ItemId, SemanticId> codes = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            codes.put(items.get(i).id(), new SemanticId(new int[] {i % 4, (i / 4) % 4}));
        }
        QuantizerConfig config = new QuantizerConfig("import", 2, 4, 1, Map.of());
        CodebookStats stats = new CodebookStats(new double[] {1, 1}, 0, codes.size(), Double.NaN, 0, 0, 0, "none");
        Codebook draft = new Codebook(0, datasetId, ds.fingerprint(), config, "none", "", 0, items.size(), stats, null);
        return codebooks.commit(draft, CodebookModel.learned(2, 4), codes).id();
    }
}
