-- The split protocol a dataset was prepared with (issue 20 item 6): NULL is leave-one-out (every dataset
-- registered before), else SplitProtocol's canonical text, e.g. 'temporal:0.8,0.9'. Re-preparing a
-- registered dataset reads it back, so its fingerprint (which covers the split) matches again.
ALTER TABLE dataset ADD COLUMN split TEXT CHECK (split IS NULL OR length(split) <= 200);
