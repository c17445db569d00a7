"""Team coding dojos: team workspaces, their run logs, the board and the rotation timer."""
