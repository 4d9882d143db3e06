"""From news to graph: reading articles and finding what they say about pairs of countries."""
