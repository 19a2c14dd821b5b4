-- The audit trail (issue 18, docs/security.md): every write to a service API — who, what, when,
-- from where, outcome — appended by the service that answered it; nothing updates or deletes a row.
CREATE TABLE audit_log (
    id      BIGSERIAL   PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    service TEXT        NOT NULL,
    actor   TEXT        NOT NULL,
    roles   TEXT        NOT NULL,
    action  TEXT        NOT NULL,
    remote  TEXT        NOT NULL,
    status  INT         NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
