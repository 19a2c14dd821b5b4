-- Which process executes a RUNNING run ("host:pid"), so a restarted service can tell its own
-- interrupted runs from runs another live process is executing.
ALTER TABLE run ADD COLUMN owner TEXT;
