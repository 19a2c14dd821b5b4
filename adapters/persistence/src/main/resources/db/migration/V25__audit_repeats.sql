-- Anonymous refusals folded (docs/security.md): a flood of 401s/403s without a valid token used to add a row per
-- request to this append-only table. The first refusal of one action from one address is still a row at once;
-- its repeats within the window become one more row, whose repeats column says how many it stands for.
ALTER TABLE audit_log ADD COLUMN repeats INT NOT NULL DEFAULT 1 CHECK (repeats >= 1);
