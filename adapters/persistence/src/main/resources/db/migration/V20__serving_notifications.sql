-- Serving listens on channel h2rec_serving (PostgresRegistryChanges): a model version activated or a
-- cold-start item added reaches it at once instead of at its next poll (polling stays the fallback).
-- NOTIFY is delivered at commit and folds duplicates within a transaction; the payload is the
-- commit-side clock in epoch milliseconds, so a listener can tell how late it heard.
CREATE FUNCTION notify_serving() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('h2rec_serving', TG_TABLE_NAME || ' ' || (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER model_version_activation AFTER UPDATE OF active ON model_version
    FOR EACH STATEMENT EXECUTE FUNCTION notify_serving();
CREATE TRIGGER item_sid_cold_start AFTER INSERT ON item_sid
    FOR EACH ROW WHEN (NEW.cold_start) EXECUTE FUNCTION notify_serving();
