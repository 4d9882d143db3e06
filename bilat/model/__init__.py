"""The domain model: dates, field types, code lists, records (entities and facts), the dataset root
and the time window. Pure pydantic; nothing here knows RDF, stores or files."""
