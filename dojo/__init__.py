"""``dojo``: practise a kata alone, step by step, from the command line."""
