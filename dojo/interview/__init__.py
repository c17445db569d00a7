"""``dojo interview``: the timed design round, its session, the design signals and the report."""
