package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One table of parameters: parsing, the recorded form (run hashes depend on it) and strict reading back. */
class ModelCatalogTest {
    /** The recorded config of SASRec under BCE, as the ledger holds it (docs/results/runs): must not move. */
    static final Map<String, String> SASREC_BCE = Map.ofEntries(Map.entry("backbone", "sasrec"),
            Map.entry("batch", "128"), Map.entry("blocks", "2"), Map.entry("ca_heads", "4"),
            Map.entry("ca_residual", "true"), Map.entry("cooccurrence_window", "3"), Map.entry("cross_attention", "true"),
            Map.entry("dropout", "0.5"), Map.entry("engine", "3"), Map.entry("epochs", "200"), Map.entry("eval_every", "1"),
            Map.entry("freeze_codebooks", "true"), Map.entry("gate", "learned"), Map.entry("heads", "1"),
            Map.entry("hidden", "64"), Map.entry("hot_start", "true"), Map.entry("item_align_batch", "256"),
            Map.entry("lambda_item", "0.1"), Map.entry("lambda_user", "0.1"), Map.entry("loss", "bce"),
            Map.entry("lr", "0.001"), Map.entry("max_len", "50"), Map.entry("negatives", "256"),
            Map.entry("patience", "20"), Map.entry("positives_cap", "50"), Map.entry("shared_encoder", "true"),
            Map.entry("sid_pool", "mean"), Map.entry("tau", "0.5"));

    /** The paper's profile: BCE, which was the default objective until the validation search chose ce. */
    static final Map<String, String> PAPER = ModelCatalog.PROFILES.get("paper");

    @Test
    void theRecordedFormIsTheLedgersSoRunHashesDoNotMove() {
        assertEquals(SASREC_BCE, ModelCatalog.parse("sasrec", PAPER).asMap());
        Map<String, String> h2rec = new TreeMap<>(SASREC_BCE);
        h2rec.put("engine", "5");
        h2rec.put("ca_dropout", "0.5");
        assertEquals(h2rec, ModelCatalog.parse("h2rec", PAPER).asMap());
        Map<String, String> noCa = new TreeMap<>(SASREC_BCE);
        noCa.put("engine", "5");
        noCa.put("cross_attention", "false");
        assertEquals(noCa, ModelCatalog.parse("h2rec_no_cross_attention", PAPER).asMap());
        // The default objective is the full softmax; its configs are those the ledger's ce runs recorded.
        Map<String, String> ce = new TreeMap<>(SASREC_BCE);
        ce.put("engine", "6");
        ce.put("loss", "ce");
        assertEquals(ce, ModelCatalog.parse("sasrec", Map.of()).asMap());
        assertEquals(ce, ModelCatalog.parse("sasrec", Map.of("loss", "ce")).asMap());
        Map<String, String> gbce = new TreeMap<>(SASREC_BCE);
        gbce.put("engine", "7");
        gbce.put("loss", "gbce");
        gbce.put("gbce_t", "0.75");
        assertEquals(gbce, ModelCatalog.parse("sasrec", Map.of("loss", "gbce")).asMap());
        assertEquals("6", ModelCatalog.parse("sasrec", Map.of("loss", "ce")).asMap().get("engine"));
        assertEquals("4", ModelCatalog.parse("sasrec", Map.of("loss", "sampled_softmax")).asMap().get("engine"));
    }

    @Test
    void parsingIsTypedAndStrict() {
        ModelSpec s = ModelCatalog.parse("h2rec_gru4rec", Map.of("hidden", "32", "loss", "ce", "sid_dropout", "0.2"));
        assertEquals(ModelSpec.Family.H2REC, s.family());
        assertEquals(ModelSpec.Backbone.GRU4REC, s.backbone());
        assertEquals(ModelSpec.Loss.CE, s.loss());
        assertEquals(32, s.hidden());
        assertEquals("0.2", s.asMap().get("sid_dropout"));
        assertFalse(ModelCatalog.parse("sasrec", Map.of("sid_dropout", "0.2")).asMap().containsKey("sid_dropout"));
        assertEquals(ModelSpec.Family.HID, ModelCatalog.parse("gru4rec", Map.of()).family());
        assertTrue(ModelCatalog.parse("naive_fusion", Map.of()).usesSemanticIds());
        for (Map<String, String> bad : java.util.List.of(Map.of("hiden", "8"), Map.of("dropout", "1.5"),
                Map.of("hidden", "abc"), Map.of("hidden", "1.5"), Map.of("lr", "NaN"), Map.of("loss", "xent"),
                Map.of("hot_start", "yes"), Map.of("hidden", "30", "heads", "4"), Map.of("loss", "ce", "engine", "3"))) {
            assertThrows(InvalidInputException.class, () -> ModelCatalog.parse("sasrec", bad), bad.toString());
        }
        assertThrows(InvalidInputException.class, () -> ModelCatalog.parse("nope", Map.of()));
        // A resolved config resolves again to itself.
        Map<String, String> once = ModelCatalog.parse("h2rec", Map.of("loss", "gbce")).asMap();
        assertEquals(once, ModelCatalog.parse("h2rec", once).asMap());
    }

    @Test
    void anAblationCannotBeUndoneByAParameter() {
        // A plan's tuned lambda_item given to h2rec_no_item_align would have trained plain H2Rec under its name.
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ModelCatalog.parse("h2rec_no_item_align", Map.of("lambda_item", "1.0")));
        assertEquals("params.lambda_item", e.field());
        assertThrows(InvalidInputException.class, () -> ModelCatalog.parse("h2rec_gru4rec", Map.of("backbone", "sasrec")));
        // Its own value (a recorded config says 0.0 where the table says 0) and any other parameter are fine.
        assertEquals(0.0, ModelCatalog.parse("h2rec_no_item_align", Map.of("lambda_item", "0.0", "lambda_user", "1.0"))
                .lambdaItem());
        assertEquals(ModelSpec.Backbone.GRU4REC, ModelCatalog.parse("gru4rec", Map.of("backbone", "gru4rec")).backbone());
    }

    @Test
    void aRecordedConfigIsReadBackOrRefusedNeverGuessed() {
        Map<String, String> h2rec = ModelCatalog.parse("h2rec", Map.of()).asMap();
        assertEquals(ModelCatalog.parse("h2rec", Map.of()), ModelCatalog.recorded("h2rec", h2rec));
        // An old H2Rec without ca_dropout recorded had none.
        Map<String, String> old = new TreeMap<>(h2rec);
        old.remove("ca_dropout");
        assertEquals(0.0, ModelCatalog.recorded("h2rec", old).caDropout());
        // A key every config records cannot be missing: no silent default picks another model.
        Map<String, String> broken = new TreeMap<>(h2rec);
        broken.remove("cross_attention");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.recorded("h2rec", broken));
        assertTrue(e.getMessage().contains("cross_attention"), e.getMessage());
    }
}
