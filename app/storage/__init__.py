"""SQLAlchemy models, the engine and session factory, migrations, backups and queries."""
