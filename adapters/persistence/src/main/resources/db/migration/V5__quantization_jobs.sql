-- Quantization jobs (issue 17): kept in PostgreSQL, so a restart loses none. The lease columns are
-- those of run (V4): the executing process renews heartbeat_at; any process marks a RUNNING job
-- whose lease expired INTERRUPTED; INTERRUPTED and FAILED jobs can be restarted (attempt + 1).
-- progress is {"stage": ..., "done": n, "total": n}; request the job's parameters as submitted.
CREATE TABLE quantization_job (
    id               BIGSERIAL PRIMARY KEY,
    status           TEXT        NOT NULL
        CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'INTERRUPTED')),
    request          JSONB       NOT NULL,
    dataset_id       BIGINT      REFERENCES dataset (id),
    codebook_id      BIGINT      REFERENCES codebook (id),
    progress         JSONB,
    error            TEXT,
    owner            TEXT,
    heartbeat_at     TIMESTAMPTZ,
    cancel_requested BOOLEAN     NOT NULL DEFAULT FALSE,
    attempt          INT         NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ
);
CREATE INDEX quantization_job_status ON quantization_job (status);
