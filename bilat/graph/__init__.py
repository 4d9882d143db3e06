"""The graph in a store: writing records (load), reading them back, the event index, upgrades,
export and validation."""
