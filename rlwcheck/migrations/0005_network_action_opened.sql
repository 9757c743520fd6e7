-- The date each action was opened, in the tracker's own timeline (the day it was added), so a
-- report or action list as of a past date leaves out actions that did not exist yet.
-- Actions stored before this have only the clock time they were recorded at. The day of that
-- is the best record of when they were opened, except that an action cannot have been opened
-- after it was due (entries back-filled from an older tracker), so the earlier of the two is used.

ALTER TABLE network_action ADD COLUMN opened_on TEXT NOT NULL DEFAULT '';

UPDATE network_action SET opened_on = MIN(substr(recorded_at, 1, 10), due_on)
