package io.h2rec.quantizer.adapter.in.rest;

import io.h2rec.testing.BadInput;
import io.h2rec.testing.EmbeddedPostgresResource;
import io.h2rec.testing.SyntheticData;
import io.h2rec.testing.TestTokens;
import io.h2rec.testing.TempDirs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static io.h2rec.testing.BadInput.get;
import static io.h2rec.testing.BadInput.longText;
import static io.h2rec.testing.BadInput.manyEntries;
import static io.h2rec.testing.BadInput.post;

/**
 * Client mistakes against the quantizer API, the option abuse of issue 17 included (code_dim 0
 * once aborted the JVM, batch 0 looped forever, lr NaN and iterations 0 committed useless
 * codebooks): each is a 400 naming the field, before any job starts. With BadInputTest of the
 * training service: the REST APIs' bad-input table.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(TestTokens.Keys.class)
class QuantizerBadInputTest {
    static Path folder;

    static Stream<BadInput> cases() {
        String q = "/api/v1/quantizations";
        String rqvae = "{\"dataset\": \"{folder}\", \"quantizer\": \"rqvae\", \"options\": {\"%s\": %s}}";
        String rqkmeans = "{\"dataset\": \"{folder}\", \"quantizer\": \"rqkmeans\", \"options\": {\"%s\": %s}}";
        String item = "/api/v1/codebooks/1/items";
        return Stream.of(
                post("job without a body", q, "", 400, "body"),
                post("job: not JSON", q, "{\"dataset\": ", 400, "body"),
                post("job: neither dataset nor datasetId", q, "{}", 400, "dataset"),
                post("job: both dataset and datasetId", q, "{\"dataset\": \"{folder}\", \"datasetId\": 1}", 400,
                        "datasetId"),
                post("job: unknown dataset id", q, "{\"datasetId\": 424242}", 400, "datasetId"),
                post("job: missing folder", q, "{\"dataset\": \"/no/such/place\"}", 400, "dataset"),
                post("job: NUL in the folder", q, "{\"dataset\": \"/tmp\\u0000x\"}", 400, "dataset"),
                post("job: levels 0", q, "{\"dataset\": \"{folder}\", \"levels\": 0}", 400, "levels"),
                post("job: levels 1.5", q, "{\"dataset\": \"{folder}\", \"levels\": 1.5}", 400, "levels"),
                post("job: levels as text", q, "{\"dataset\": \"{folder}\", \"levels\": \"4\"}", 400, "levels"),
                post("job: codebook size 100000", q, "{\"dataset\": \"{folder}\", \"codebookSize\": 100000}", 400,
                        "codebookSize"),
                post("job: unknown quantizer", q, "{\"dataset\": \"{folder}\", \"quantizer\": \"vq\"}", 400,
                        "quantizer"),
                post("job: seed 1.5", q, "{\"dataset\": \"{folder}\", \"seed\": 1.5}", 400, "seed"),
                post("job: kCore 0", q, "{\"dataset\": \"{folder}\", \"kCore\": 0}", 400, "kCore"),
                post("job: misspelled field", q, "{\"dataset\": \"{folder}\", \"levls\": 2}", 400, "levls"),
                post("job: template without fields", q, "{\"dataset\": \"{folder}\", \"template\": \"plain\"}", 400,
                        "template"),
                post("job: 2000-char template", q, "{\"dataset\": \"{folder}\", \"template\": \"{title}"
                        + longText(2000) + "\"}", 400, "template"),
                post("job: timeoutSeconds 0", q, "{\"dataset\": \"{folder}\", \"timeoutSeconds\": 0}", 400,
                        "timeoutSeconds"),
                post("job: minDistinctFraction 2", q, "{\"dataset\": \"{folder}\", \"minDistinctFraction\": 2}", 400,
                        "minDistinctFraction"),
                post("rqvae: code_dim 0 (aborted the JVM)", q, String.format(rqvae, "code_dim", "\"0\""), 400,
                        "options.code_dim"),
                post("rqvae: batch 0 (looped forever)", q, String.format(rqvae, "batch", "\"0\""), 400,
                        "options.batch"),
                post("rqvae: lr NaN (a 1-tuple codebook)", q, String.format(rqvae, "lr", "\"NaN\""), 400,
                        "options.lr"),
                post("rqvae: lr Infinity", q, String.format(rqvae, "lr", "\"Infinity\""), 400, "options.lr"),
                post("rqvae: lr 0", q, String.format(rqvae, "lr", "\"0\""), 400, "options.lr"),
                post("rqvae: epochs -1", q, String.format(rqvae, "epochs", "\"-1\""), 400, "options.epochs"),
                post("rqvae: beta as a word", q, String.format(rqvae, "beta", "\"high\""), 400, "options.beta"),
                post("rqvae: null option", q, String.format(rqvae, "lr", "null"), 400, "options.lr"),
                post("rqvae: unknown option", q, String.format(rqvae, "iterations", "\"3\""), 400,
                        "options.iterations"),
                post("rqkmeans: iterations 0 (committed untrained codes)", q,
                        String.format(rqkmeans, "iterations", "\"0\""), 400, "options.iterations"),
                post("rqkmeans: 17 options", q, "{\"dataset\": \"{folder}\", \"options\": " + manyEntries(17) + "}",
                        400, "options"),
                post("cold start: no item", item, "{\"fields\": {\"title\": \"x\"}}", 400, "item"),
                post("cold start: NUL in the item id", item, "{\"item\": \"a\\u0000\", \"fields\": {}}", 400, "item"),
                post("cold start: 300-char item id", item, "{\"item\": \"" + longText(300) + "\"}", 400, "item"),
                post("cold start: null field value", item, "{\"item\": \"x\", \"fields\": {\"title\": null}}", 400,
                        "fields.title"),
                post("cold start: 65 fields", item, "{\"item\": \"x\", \"fields\": " + manyEntries(65) + "}", 400,
                        "fields"),
                get("codebooks of a dataset id that is no number", "/api/v1/codebooks?datasetId=abc", 400,
                        "datasetId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aClientMistakeIsA4xxNamingTheField(BadInput input) throws Exception {
        synchronized (QuantizerBadInputTest.class) {
            if (folder == null) {
                folder = SyntheticData.write(TempDirs.create("quantizer-bad"), 100, 40, 3, 7);
            }
        }
        input.check(Map.of("folder", folder.toString()));
    }
}
