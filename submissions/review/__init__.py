"""Review: the queue, comments, decisions and the diff between versions."""
