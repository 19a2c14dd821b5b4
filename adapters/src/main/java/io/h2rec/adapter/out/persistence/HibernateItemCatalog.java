package io.h2rec.adapter.out.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import io.h2rec.domain.model.DatasetSplit;
import io.h2rec.domain.model.FilterStats;
import io.h2rec.domain.model.Item;
import io.h2rec.domain.model.ItemId;
import io.h2rec.domain.model.PreparationParams;
import io.h2rec.domain.model.RegisteredDataset;
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
    public RegisteredDataset register(DatasetSplit split, String format, String location) {
        Optional<DatasetEntity> existing = em.createQuery(
                        "from DatasetEntity where fingerprint = :f", DatasetEntity.class)
                .setParameter("f", split.fingerprint()).getResultStream().findFirst();
        if (existing.isPresent()) {
            return toDomain(existing.get());
        }
        DatasetEntity d = new DatasetEntity();
        d.name = split.name();
        d.format = format;
        d.location = location;
        d.fingerprint = split.fingerprint();
        d.kCore = split.params().kCore();
        d.minUserInteractions = split.params().minUserInteractions();
        FilterStats s = split.stats();
        d.usersBefore = s.usersBefore();
        d.itemsBefore = s.itemsBefore();
        d.interactionsBefore = s.interactionsBefore();
        d.users = s.usersAfter();
        d.items = s.itemsAfter();
        d.interactions = s.interactionsAfter();
        d.filterIterations = s.iterations();
        em.persist(d);
        em.flush();
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
        return toDomain(em.find(DatasetEntity.class, d.id));
    }

    @Override
    @Transactional
    public Optional<RegisteredDataset> find(long datasetId) {
        return Optional.ofNullable(em.find(DatasetEntity.class, datasetId)).map(HibernateItemCatalog::toDomain);
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
                new PreparationParams(d.kCore, d.minUserInteractions),
                new FilterStats(d.usersBefore, d.itemsBefore, d.interactionsBefore, d.users, d.items,
                        d.interactions, d.filterIterations));
    }
}
