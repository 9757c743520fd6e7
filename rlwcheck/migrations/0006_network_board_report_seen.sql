-- Which stage changes a recorded board report had seen (the newest network_stage_change id when
-- it was written), so the next report can list as late entries the changes recorded after it
-- but dated before its period. Clock times cannot tell a change made in the same second.
-- Older reports: every change recorded up to the second the report was recorded.

ALTER TABLE network_board_report ADD COLUMN stage_changes_seen INTEGER NOT NULL DEFAULT 0;

UPDATE network_board_report SET stage_changes_seen = (
    SELECT COALESCE(MAX(c.id), 0) FROM network_stage_change c
    WHERE c.recorded_at <= network_board_report.recorded_at
)
