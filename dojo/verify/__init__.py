"""``dojo verify``: a kata's implementation against the real thing (kernel, chmod, croniter)."""
