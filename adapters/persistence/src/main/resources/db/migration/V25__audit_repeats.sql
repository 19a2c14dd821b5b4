-- Anonymous failed writes folded (docs/security.md): a flood of 401s/403s/404s without a valid token used to add a
-- row per request to this append-only table. The first one of an action from a peer address is still a row at
-- once; its repeats within the window become one more row, whose repeats column says how many it stands for.
-- Existing rows take the default 1, so the check need not scan them (NOT VALID; it binds every new row).
ALTER TABLE audit_log ADD COLUMN repeats INT NOT NULL DEFAULT 1,
    ADD CONSTRAINT audit_log_repeats_positive CHECK (repeats >= 1) NOT VALID;
