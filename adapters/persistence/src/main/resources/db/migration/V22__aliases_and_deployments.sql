-- Aliases and traffic splits (issue 22): an alias names a model version (champion, challenger); a
-- deployment splits serving's traffic among aliases by weight. A write replaces a whole row set in one
-- transaction and appends its deployment_change row there too; serving hears of it at commit (V20's
-- channel and payload) and swaps to the new routing at once.
CREATE TABLE model_alias (
    name             TEXT        PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_-]{0,62}$'),
    model_version_id BIGINT      NOT NULL REFERENCES model_version (id),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_by       TEXT        NOT NULL
);

CREATE TABLE deployment (
    name       TEXT        PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_-]{0,62}$'),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_by TEXT        NOT NULL
);

-- An alias that a deployment routes to cannot be deleted (the store says which deployment first).
CREATE TABLE deployment_route (
    deployment TEXT NOT NULL REFERENCES deployment (name) ON DELETE CASCADE,
    alias      TEXT NOT NULL REFERENCES model_alias (name),
    weight     INT  NOT NULL CHECK (weight BETWEEN 0 AND 10000),
    PRIMARY KEY (deployment, alias)
);

-- Who changed which alias or split, when, to what; the state at time t is the latest row per subject.
CREATE TABLE deployment_change (
    id      BIGSERIAL   PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    actor   TEXT        NOT NULL,
    subject TEXT        NOT NULL,
    change  TEXT        NOT NULL
);
CREATE INDEX deployment_change_at ON deployment_change (at);

CREATE TRIGGER deployment_change_append_only BEFORE UPDATE OR DELETE ON deployment_change
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TRIGGER model_alias_change AFTER INSERT OR UPDATE OR DELETE ON model_alias
    FOR EACH STATEMENT EXECUTE FUNCTION notify_serving();
CREATE TRIGGER deployment_route_change AFTER INSERT OR UPDATE OR DELETE ON deployment_route
    FOR EACH STATEMENT EXECUTE FUNCTION notify_serving();
