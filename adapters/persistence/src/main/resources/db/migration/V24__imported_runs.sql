-- Runs imported from the run ledger (2026-12-01, issue 20 item 7): a run trained on another machine, put into this
-- registry from its committed ledger line (metrics, learning curve, provenance; no weights, so no model version).
-- imported_from is the line's key; NULL for a run this registry trained. One import per key.
ALTER TABLE run ADD COLUMN imported_from TEXT;
CREATE UNIQUE INDEX run_imported_from ON run (imported_from) WHERE imported_from IS NOT NULL;
