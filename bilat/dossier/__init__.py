"""The dossier of a pair of countries: building it from the store, rendering it, its timeline."""
