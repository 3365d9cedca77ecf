"""The user's annotations for later review, and their exports."""
