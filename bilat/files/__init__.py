"""Files: data files (YAML and JSON Lines) read safely, atomic output, the formats offered, and
where the bundled data lives."""
