"""Alembic migrations. A new database is created by migrating from nothing to head."""
