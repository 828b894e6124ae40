"""Input and output at the edges: reading articles as text, writing results as tables, JSON and CSV."""
