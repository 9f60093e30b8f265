-- The decision queue reads the cases sent for decision at one level, oldest
-- first (hosho.guarantee_decision_queue). On (state, section_code) it read
-- every submitted case of the book and kept a level's: at national scale
-- 21,000 heap rows for head office's 172, 104 ms p50. Indexed by level and
-- in the queue's order it reads only the level's rows.
CREATE INDEX guarantee_decision_queue_idx ON hosho.guarantee (required_level, submitted_at, guarantee_id)
	WHERE state = 'submitted';
