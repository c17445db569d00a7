"""What ``dojo compare`` measures and matches: findings, size, roles, and the paired diff."""
