"""The network of countries: projection from the store, analytics, graph files, an HTML view."""
