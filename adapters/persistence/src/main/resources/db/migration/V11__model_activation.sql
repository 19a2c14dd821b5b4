-- Which model version was made active, when and by whom, written in the activation's own transaction.
-- The version in production at time t is the latest activation at or before t (docs/security.md).
CREATE TABLE model_activation (
    id               BIGSERIAL   PRIMARY KEY,
    model_version_id BIGINT      NOT NULL REFERENCES model_version (id),
    activated_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    activated_by     TEXT        NOT NULL
);
CREATE INDEX model_activation_at ON model_activation (activated_at);

-- The version active before this history existed: since when and by whom is not known.
INSERT INTO model_activation (model_version_id, activated_at, activated_by)
    SELECT id, created_at, 'unknown (active before V11)' FROM model_version WHERE active;

CREATE TRIGGER model_activation_append_only BEFORE UPDATE OR DELETE ON model_activation
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
