-- Text embeddings cached by encoder and text hash: re-running a quantization does not re-encode.
CREATE TABLE text_embedding (
    encoder_id  TEXT        NOT NULL,
    text_sha256 CHAR(64)    NOT NULL,
    dim         INT         NOT NULL,
    vector      BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (encoder_id, text_sha256)
);

-- Codebook versions: written whole in one transaction, never updated afterwards.
CREATE TABLE codebook (
    id                   BIGSERIAL PRIMARY KEY,
    dataset_id           BIGINT           NOT NULL REFERENCES dataset (id),
    dataset_fingerprint  CHAR(64)         NOT NULL,
    quantizer            TEXT             NOT NULL,
    levels               INT              NOT NULL CHECK (levels >= 1),
    codebook_size        INT              NOT NULL CHECK (codebook_size >= 2),
    seed                 BIGINT           NOT NULL,
    options              JSONB            NOT NULL,
    encoder_id           TEXT             NOT NULL,
    text_template        TEXT             NOT NULL,
    code_dim             INT              NOT NULL,
    items                INT              NOT NULL,
    utilisation          JSONB            NOT NULL,
    collisions           INT              NOT NULL,
    distinct_tuples      INT              NOT NULL,
    reconstruction_error DOUBLE PRECISION,
    encode_seconds       DOUBLE PRECISION NOT NULL,
    quantize_seconds     DOUBLE PRECISION NOT NULL,
    wall_seconds         DOUBLE PRECISION NOT NULL,
    device               TEXT             NOT NULL,
    -- CodebookModel: code vectors (+ encoder layers), little-endian floats (see CodebookModelCodec)
    model                BYTEA            NOT NULL,
    created_at           TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX codebook_dataset ON codebook (dataset_id);

-- Codes of every item of a version; cold-start items are added later with their text fields.
CREATE TABLE item_sid (
    codebook_id BIGINT      NOT NULL REFERENCES codebook (id),
    external_id TEXT        NOT NULL,
    codes       INT[]       NOT NULL,
    cold_start  BOOLEAN     NOT NULL DEFAULT FALSE,
    fields      JSONB,
    seq         BIGSERIAL   NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (codebook_id, external_id)
);
CREATE INDEX item_sid_cold_start ON item_sid (codebook_id, seq) WHERE cold_start;

CREATE FUNCTION refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is immutable once committed (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER codebook_immutable BEFORE UPDATE OR DELETE ON codebook
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER item_sid_immutable BEFORE UPDATE OR DELETE ON item_sid
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

ALTER TABLE experiment ADD CONSTRAINT experiment_codebook FOREIGN KEY (codebook_id) REFERENCES codebook (id);
