"""Nothing to administer in ingest yet."""
