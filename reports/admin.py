"""Nothing to administer in reports yet."""
