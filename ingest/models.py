"""Imports keep a record of each file taken in (added with the importer)."""
