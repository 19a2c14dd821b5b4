-- Cold-start items live in their codebook version's overlay since V12 (issue 18), so V20's trigger on
-- item_sid never fires: serving hears of an overlay item added or removed at once (V20's channel and
-- payload) instead of at its next poll. A removal makes serving rebuild the model from its artifact.
DROP TRIGGER item_sid_cold_start ON item_sid;
CREATE TRIGGER cold_start_item_change AFTER INSERT OR DELETE ON cold_start_item
    FOR EACH STATEMENT EXECUTE FUNCTION notify_serving();
