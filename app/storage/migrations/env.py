"""Alembic environment: run with the connection app.storage.migrate hands over."""

from alembic import context

from app.storage.models import Base, include_in_autogenerate

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds tables the safe way.
    render_as_batch=True,
    compare_type=True,
    include_object=include_in_autogenerate,
)
with context.begin_transaction():
    context.run_migrations()
