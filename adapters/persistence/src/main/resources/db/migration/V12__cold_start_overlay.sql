-- Cold-start items move out of item_sid into an overlay of their codebook version: the committed
-- codes stay immutable (item_sid's trigger), and an operator can remove an overlay item. Overlay
-- rows keep item_sid's sequence, so serving's incremental polling (seq > last seen) carries on.
CREATE TABLE cold_start_item (
    codebook_id BIGINT      NOT NULL REFERENCES codebook (id),
    external_id TEXT        NOT NULL,
    codes       INT[]       NOT NULL,
    fields      JSONB       NOT NULL,
    seq         BIGINT      NOT NULL DEFAULT nextval('item_sid_seq_seq'),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (codebook_id, external_id)
);
CREATE INDEX cold_start_item_seq ON cold_start_item (codebook_id, seq);

INSERT INTO cold_start_item (codebook_id, external_id, codes, fields, seq, created_at)
    SELECT codebook_id, external_id, codes, COALESCE(fields, '{}'::jsonb), seq, created_at
    FROM item_sid WHERE cold_start;
-- The one change to committed rows ever made: the cold-start rows leave (they are in the overlay now).
ALTER TABLE item_sid DISABLE TRIGGER item_sid_immutable;
DELETE FROM item_sid WHERE cold_start;
ALTER TABLE item_sid ENABLE TRIGGER item_sid_immutable;
