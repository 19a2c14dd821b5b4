package io.h2rec.adapter.out.persistence;

import jakarta.persistence.EntityManager;

import java.util.Optional;
import java.util.function.Function;

/** The two row idioms every store repeats, inside the caller's transaction. */
final class Rows {
    private Rows() {
    }

    /** Inserts the row and reads it back, so the id and the database's defaults (created_at, ...) are set. */
    static <E> E inserted(EntityManager em, E row) {
        em.persist(row);
        em.flush();
        em.refresh(row);
        return row;
    }

    /** The row with this id as a domain record, if there is one. */
    static <E, T> Optional<T> byId(EntityManager em, Class<E> entity, long id, Function<E, T> toDomain) {
        return Optional.ofNullable(em.find(entity, id)).map(toDomain);
    }
}
