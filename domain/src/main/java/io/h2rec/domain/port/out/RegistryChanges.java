package io.h2rec.domain.port.out;

/**
 * Word that something serving reads has changed in the registry (a model version activated, a
 * cold-start item added), pushed as it commits so serving need not wait for its next poll. Best
 * effort: a listener that loses its connection reconnects, and polling stays the fallback.
 */
public interface RegistryChanges {
    /**
     * Calls {@code onChange} on a background thread after each change, and once on every (re)connect
     * (changes made while disconnected are not replayed), until the returned handle is closed.
     *
     * @param onChange receives how late the word arrived, in milliseconds after the change committed
     *                 (-1 when unknown, e.g. on a reconnect)
     */
    AutoCloseable listen(java.util.function.LongConsumer onChange);
}
