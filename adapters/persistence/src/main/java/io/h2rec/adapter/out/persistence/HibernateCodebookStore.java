package io.h2rec.adapter.out.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.h2rec.domain.error.InvalidInputException;
import io.h2rec.domain.error.NotFoundException;
import io.h2rec.domain.model.Codebook;
import io.h2rec.domain.model.CodebookModel;
import io.h2rec.domain.model.CodebookStats;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.QuantizerConfig;
import io.h2rec.domain.model.SemanticId;
import io.h2rec.domain.port.out.CodebookStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Codebook versions. {@link #commit} writes the version, its model and all item codes in one
 * transaction; database triggers refuse any later UPDATE or DELETE (V2 migration). Cold-start items
 * live in the version's overlay, {@code cold_start_item} (V12), which can shrink.
 */
@ApplicationScoped
public class HibernateCodebookStore implements CodebookStore {
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Override
    @Transactional
    public Codebook commit(Codebook d, CodebookModel model, Map<ItemId, SemanticId> codes) {
        CodebookEntity e = new CodebookEntity();
        e.datasetId = d.datasetId();
        e.datasetFingerprint = d.datasetFingerprint();
        QuantizerConfig q = d.config();
        e.quantizer = q.quantizer();
        e.levels = q.levels();
        e.codebookSize = q.codebookSize();
        e.seed = q.seed();
        e.options = Json.write(q.options());
        e.encoderId = d.encoderId();
        e.textTemplate = d.textTemplate();
        e.codeDim = d.codeDim();
        e.items = d.items();
        CodebookStats s = d.stats();
        e.utilisation = Json.write(s.utilisation());
        e.collisions = s.collisions();
        e.distinctTuples = s.distinctTuples();
        e.reconstructionError = Double.isNaN(s.reconstructionError()) ? null : s.reconstructionError();
        e.encodeSeconds = s.encodeSeconds();
        e.quantizeSeconds = s.quantizeSeconds();
        e.wallSeconds = s.wallSeconds();
        e.device = s.device();
        e.model = CodebookModelCodec.encode(model);
        em.persist(e);
        em.flush();
        long id = e.id;
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO item_sid (codebook_id, external_id, codes) VALUES (?, ?, ?)")) {
                int n = 0;
                for (Map.Entry<ItemId, SemanticId> entry : codes.entrySet()) {
                    ps.setLong(1, id);
                    ps.setString(2, entry.getKey().value());
                    ps.setArray(3, intArray(c, entry.getValue()));
                    ps.addBatch();
                    if (++n % 2000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        });
        em.refresh(e);
        return toDomain(e);
    }

    @Override
    @Transactional
    public Optional<Codebook> find(long codebookId) {
        return Rows.byId(em, CodebookEntity.class, codebookId, HibernateCodebookStore::toDomain);
    }

    @Override
    @Transactional
    public List<Codebook> list(Long datasetId) {
        String q = datasetId == null ? "from CodebookEntity order by id desc"
                : "from CodebookEntity where datasetId = :d order by id desc";
        var query = em.createQuery(q, CodebookEntity.class);
        if (datasetId != null) {
            query.setParameter("d", datasetId);
        }
        return query.getResultStream().map(HibernateCodebookStore::toDomain).toList();
    }

    @Override
    @Transactional
    public CodebookModel model(long codebookId) {
        CodebookEntity e = em.find(CodebookEntity.class, codebookId);
        if (e == null) {
            throw new NotFoundException("codebook", codebookId);
        }
        return CodebookModelCodec.decode(e.model);
    }

    @Override
    @Transactional
    public Map<ItemId, SemanticId> codes(long codebookId) {
        Map<ItemId, SemanticId> out = new LinkedHashMap<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT external_id, codes, seq FROM item_sid WHERE codebook_id = ? UNION ALL "
                            + "SELECT external_id, codes, seq FROM cold_start_item WHERE codebook_id = ? ORDER BY 3")) {
                ps.setLong(1, codebookId);
                ps.setLong(2, codebookId);
                ps.setFetchSize(5000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(new ItemId(rs.getString(1)), toSemanticId(rs.getArray(2)));
                    }
                }
            }
        });
        return out;
    }

    @Override
    @Transactional
    public Map<ItemId, SemanticId> builtCodes(long codebookId) {
        Map<ItemId, SemanticId> out = new LinkedHashMap<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT external_id, codes FROM item_sid WHERE codebook_id = ?")) {
                ps.setLong(1, codebookId);
                ps.setFetchSize(5000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(new ItemId(rs.getString(1)), toSemanticId(rs.getArray(2)));
                    }
                }
            }
        });
        return out;
    }

    @Override
    @Transactional
    public Optional<SemanticId> code(long codebookId, ItemId item) {
        List<SemanticId> found = new ArrayList<>(1);
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT codes FROM item_sid WHERE codebook_id = ? AND external_id = ? UNION ALL "
                            + "SELECT codes FROM cold_start_item WHERE codebook_id = ? AND external_id = ?")) {
                ps.setLong(1, codebookId);
                ps.setString(2, item.value());
                ps.setLong(3, codebookId);
                ps.setString(4, item.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found.add(toSemanticId(rs.getArray(1)));
                    }
                }
            }
        });
        return found.stream().findFirst();
    }

    @Override
    @Transactional
    public void addColdStartItem(long codebookId, ItemId item, Map<String, String> fields, SemanticId code) {
        int[] inserted = new int[1];
        em.unwrap(Session.class).doWork(c -> {
            // Into the overlay, unless the committed version already codes the item.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cold_start_item (codebook_id, external_id, "
                    + "codes, fields) SELECT ?, ?, ?, ?::jsonb WHERE NOT EXISTS (SELECT 1 FROM item_sid "
                    + "WHERE codebook_id = ? AND external_id = ?) ON CONFLICT DO NOTHING")) {
                ps.setLong(1, codebookId);
                ps.setString(2, item.value());
                ps.setArray(3, intArray(c, code));
                ps.setString(4, Json.write(fields));
                ps.setLong(5, codebookId);
                ps.setString(6, item.value());
                inserted[0] = ps.executeUpdate();
            }
        });
        if (inserted[0] == 0) {
            throw new InvalidInputException("item", "item " + item + " already has a semantic ID in codebook " + codebookId);
        }
    }

    @Override
    @Transactional
    public List<ColdStartItem> coldStartItems(long codebookId, long afterSequence) {
        List<ColdStartItem> out = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, external_id, codes FROM cold_start_item "
                    + "WHERE codebook_id = ? AND seq > ? ORDER BY seq")) {
                ps.setLong(1, codebookId);
                ps.setLong(2, afterSequence);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ColdStartItem(rs.getLong(1), new ItemId(rs.getString(2)),
                                toSemanticId(rs.getArray(3))));
                    }
                }
            }
        });
        return out;
    }

    @Override
    @Transactional
    public boolean removeColdStartItem(long codebookId, ItemId item) {
        return em.createNativeQuery("DELETE FROM cold_start_item WHERE codebook_id = ?1 AND external_id = ?2")
                .setParameter(1, codebookId).setParameter(2, item.value()).executeUpdate() > 0;
    }

    @Override
    @Transactional
    public int coldStartCount(long codebookId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM cold_start_item WHERE codebook_id = ?1")
                .setParameter(1, codebookId).getSingleResult()).intValue();
    }

    private static Array intArray(Connection c, SemanticId id) throws SQLException {
        int[] codes = id.codes();
        Integer[] boxed = new Integer[codes.length];
        for (int i = 0; i < codes.length; i++) {
            boxed[i] = codes[i];
        }
        return c.createArrayOf("int4", boxed);
    }

    private static SemanticId toSemanticId(Array array) throws SQLException {
        Object raw = array.getArray();
        if (raw instanceof Integer[] boxed) {
            int[] codes = new int[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                codes[i] = boxed[i];
            }
            return new SemanticId(codes);
        }
        if (raw instanceof int[] codes) {
            return new SemanticId(codes);
        }
        throw new IllegalStateException("unexpected codes array " + raw.getClass());
    }

    static Codebook toDomain(CodebookEntity e) {
        double[] util = Json.read(e.utilisation, double[].class);
        CodebookStats stats = new CodebookStats(util, e.collisions, e.distinctTuples,
                e.reconstructionError == null ? Double.NaN : e.reconstructionError, e.encodeSeconds, e.quantizeSeconds,
                e.wallSeconds, e.device);
        QuantizerConfig config = new QuantizerConfig(e.quantizer, e.levels, e.codebookSize, e.seed,
                Json.read(e.options, OPTIONS));
        return new Codebook(e.id, e.datasetId, e.datasetFingerprint, config, e.encoderId, e.textTemplate, e.codeDim,
                e.items, stats, e.createdAt);
    }
}
