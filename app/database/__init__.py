"""Storage: typed SQLAlchemy models, the engine, the change log, migrations and repositories."""
