-- A run's learning curve (2026-11-30): one row per finished epoch, written as the epoch ends, so an
-- interrupted run keeps the epochs it finished; a resumed run rewrites the epochs after its checkpoint.
-- valid_ndcg is NULL for an epoch that was not evaluated (eval_every > 1).
CREATE TABLE run_epoch (
    run_id     BIGINT           NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    epoch      INT              NOT NULL CHECK (epoch >= 1),
    loss       DOUBLE PRECISION NOT NULL,
    valid_ndcg DOUBLE PRECISION,
    PRIMARY KEY (run_id, epoch)
);
