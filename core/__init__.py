"""Small helpers every app may use (the bottom layer: imports nothing of the project)."""
