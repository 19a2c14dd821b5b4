package io.h2rec.adapter.out.persistence;

import io.h2rec.domain.port.out.EmbeddingCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The text_embedding table, read and written in JDBC batches (thousands of rows per job). */
@ApplicationScoped
public class HibernateEmbeddingCache implements EmbeddingCache {
    private static final int CHUNK = 1000;

    @Inject
    EntityManager em;

    @Override
    @Transactional
    public Map<String, float[]> find(String encoderId, Collection<String> textHashes) {
        Map<String, float[]> out = new HashMap<>();
        List<String> all = new ArrayList<>(textHashes);
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT text_sha256, vector FROM text_embedding WHERE encoder_id = ? AND text_sha256 = ANY (?)")) {
                for (int start = 0; start < all.size(); start += CHUNK) {
                    List<String> chunk = all.subList(start, Math.min(all.size(), start + CHUNK));
                    ps.setString(1, encoderId);
                    ps.setArray(2, c.createArrayOf("bpchar", chunk.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), Floats.fromBytes(rs.getBytes(2)));
                        }
                    }
                }
            }
        });
        return out;
    }

    @Override
    @Transactional
    public void save(String encoderId, Map<String, float[]> embeddingsByHash) {
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO text_embedding (encoder_id, text_sha256, dim, vector) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Map.Entry<String, float[]> e : embeddingsByHash.entrySet()) {
                    ps.setString(1, encoderId);
                    ps.setString(2, e.getKey());
                    ps.setInt(3, e.getValue().length);
                    ps.setBytes(4, Floats.toBytes(e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }
}
