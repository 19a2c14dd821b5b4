package io.h2rec.adapter.out.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.h2rec.domain.model.Created;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.FilterStats;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RegisteredDataset;
import io.h2rec.domain.model.SplitProtocol;
import io.h2rec.domain.port.out.ItemCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Datasets and items in PostgreSQL. Registration is idempotent by fingerprint. */
@ApplicationScoped
public class HibernateItemCatalog implements ItemCatalog {
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Override
    @Transactional
    public Created<RegisteredDataset> registerIfAbsent(DatasetSplit split, String format, String location) {
        // ON CONFLICT: of concurrent registrations of the same data one inserts, the others wait
        // for its commit and read its row (never a duplicate-key error).
        FilterStats s = split.stats();
        List<?> inserted = em.createNativeQuery("""
                        INSERT INTO dataset (name, format, location, fingerprint, k_core, min_user_interactions,
                            users_before, items_before, interactions_before, users, items, interactions, filter_iterations,
                            split)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, NULLIF(?14, ''))
                        ON CONFLICT (fingerprint) DO NOTHING RETURNING id""")
                .setParameter(1, split.name()).setParameter(2, format).setParameter(3, location)
                .setParameter(4, split.fingerprint()).setParameter(5, split.params().kCore())
                .setParameter(6, split.params().minUserInteractions()).setParameter(7, s.usersBefore())
                .setParameter(8, s.itemsBefore()).setParameter(9, s.interactionsBefore())
                .setParameter(10, s.usersAfter()).setParameter(11, s.itemsAfter())
                .setParameter(12, s.interactionsAfter()).setParameter(13, s.iterations())
                .setParameter(14, split.protocol().temporalSplit() ? split.protocol().canonical() : "").getResultList();
        if (inserted.isEmpty()) {
            DatasetEntity existing = em.createQuery("from DatasetEntity where fingerprint = :f", DatasetEntity.class)
                    .setParameter("f", split.fingerprint()).getSingleResult();
            return new Created<>(toDomain(existing), false);
        }
        DatasetEntity d = em.find(DatasetEntity.class, ((Number) inserted.get(0)).longValue());
        List<Item> items = split.items();
        for (int i = 0; i < items.size(); i++) {
            ItemEntity e = new ItemEntity();
            e.datasetId = d.id;
            e.idx = i + 1;
            e.externalId = items.get(i).id().value();
            e.fields = Json.write(items.get(i).fields());
            em.persist(e);
            if (i % 1000 == 999) {
                em.flush();
                em.clear();
            }
        }
        em.flush();
        return new Created<>(toDomain(em.find(DatasetEntity.class, d.id)), true);
    }

    @Override
    @Transactional
    public Optional<RegisteredDataset> find(long datasetId) {
        return Rows.byId(em, DatasetEntity.class, datasetId, HibernateItemCatalog::toDomain);
    }

    @Override
    @Transactional
    public Optional<RegisteredDataset> findByName(String name) {
        return em.createQuery("from DatasetEntity where name = :n order by id desc", DatasetEntity.class)
                .setParameter("n", name).setMaxResults(1).getResultStream().findFirst()
                .map(HibernateItemCatalog::toDomain);
    }

    @Override
    @Transactional
    public List<RegisteredDataset> list() {
        return em.createQuery("from DatasetEntity order by id", DatasetEntity.class).getResultStream()
                .map(HibernateItemCatalog::toDomain).toList();
    }

    @Override
    @Transactional
    public List<Item> items(long datasetId) {
        return em.createQuery("from ItemEntity where datasetId = :d order by idx", ItemEntity.class)
                .setParameter("d", datasetId).getResultStream()
                .map(e -> new Item(new ItemId(e.externalId), Json.read(e.fields, FIELDS))).toList();
    }

    static RegisteredDataset toDomain(DatasetEntity d) {
        return new RegisteredDataset(d.id, d.name, d.format, d.location, d.fingerprint,
                new PreparationParams(d.kCore, d.minUserInteractions,
                        d.split == null ? SplitProtocol.LEAVE_ONE_OUT : SplitProtocol.parse(d.split)),
                new FilterStats(d.usersBefore, d.itemsBefore, d.interactionsBefore, d.users, d.items,
                        d.interactions, d.filterIterations));
    }
}
