"""The inbox's filters and search: per-filter ordered indexes, full-text index, listening terms.

Revision ID: 0003_inbox_search
Revises: 0002_default_rules
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from app.storage import search

revision = "0003_inbox_search"
down_revision = "0002_default_rules"
branch_labels = None
depends_on = None

_ORDER = [sa.text("is_complaint DESC"), "created_at", "id"]


def upgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("listen", sa.JSON(), nullable=False,
                                      server_default=sa.text("'{}'")))
    op.create_index("ix_mention_account", "mention", ["account_id", "state", *_ORDER])
    op.create_index("ix_mention_kind", "mention", ["kind", "state", *_ORDER])
    op.create_index("ix_mention_question", "mention", ["state", *_ORDER],
                    sqlite_where=sa.text("is_question = 1"),
                    postgresql_where=sa.text("is_question"))
    op.create_index("ix_mention_praise", "mention", ["state", *_ORDER],
                    sqlite_where=sa.text("is_praise = 1"),
                    postgresql_where=sa.text("is_praise"))
    bind = op.get_bind()
    if search.supported(bind):
        for statement in search.CREATE_SQL:
            op.execute(statement)
        search.rebuild(bind)


def downgrade() -> None:
    if search.supported(op.get_bind()):
        for statement in search.DROP_SQL:
            op.execute(statement)
    for name in ("ix_mention_praise", "ix_mention_question", "ix_mention_kind",
                 "ix_mention_account"):
        op.drop_index(name, table_name="mention")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("listen")
