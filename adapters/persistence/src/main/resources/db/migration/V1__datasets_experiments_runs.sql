-- Datasets, their items, experiments, runs, metrics and model versions.
-- JSON documents (fields, params, provenance, progress) are JSONB so they can be queried.

CREATE TABLE dataset (
    id                    BIGSERIAL PRIMARY KEY,
    name                  TEXT        NOT NULL,
    format                TEXT        NOT NULL,
    location              TEXT        NOT NULL,
    fingerprint           CHAR(64)    NOT NULL UNIQUE,
    k_core                INT         NOT NULL,
    min_user_interactions INT         NOT NULL,
    users_before          INT         NOT NULL,
    items_before          INT         NOT NULL,
    interactions_before   INT         NOT NULL,
    users                 INT         NOT NULL,
    items                 INT         NOT NULL,
    interactions          INT         NOT NULL,
    filter_iterations     INT         NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX dataset_name ON dataset (name);

-- idx is the dense index 1..N the models use; external_id the source's id.
CREATE TABLE item (
    dataset_id  BIGINT NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    idx         INT    NOT NULL CHECK (idx >= 1),
    external_id TEXT   NOT NULL,
    fields      JSONB  NOT NULL,
    PRIMARY KEY (dataset_id, idx),
    UNIQUE (dataset_id, external_id)
);

CREATE TABLE experiment (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    dataset_id  BIGINT      NOT NULL REFERENCES dataset (id),
    codebook_id BIGINT,
    model       TEXT        NOT NULL,
    params      JSONB       NOT NULL,
    seeds       JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE run (
    id            BIGSERIAL PRIMARY KEY,
    experiment_id BIGINT      NOT NULL REFERENCES experiment (id),
    seed          BIGINT      NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    config_hash   CHAR(64)    NOT NULL,
    provenance    JSONB,
    progress      JSONB,
    error         TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ
);
CREATE INDEX run_experiment ON run (experiment_id);
CREATE INDEX run_config_hash ON run (config_hash);
CREATE INDEX run_status ON run (status);

-- One row per number: split (valid/test), protocol (sampled100/full), group, metric, K.
CREATE TABLE metric (
    run_id   BIGINT           NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    split    TEXT             NOT NULL,
    protocol TEXT             NOT NULL,
    grp      TEXT             NOT NULL,
    metric   TEXT             NOT NULL,
    k        INT              NOT NULL,
    value    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (run_id, split, protocol, grp, metric, k)
);

CREATE TABLE model_version (
    id           BIGSERIAL PRIMARY KEY,
    run_id       BIGINT      NOT NULL REFERENCES run (id),
    model_type   TEXT        NOT NULL,
    artifact_uri TEXT        NOT NULL,
    checksum     CHAR(64)    NOT NULL,
    provenance   JSONB       NOT NULL,
    active       BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- At most one active model version: serving loads it.
CREATE UNIQUE INDEX model_version_one_active ON model_version (active) WHERE active;
