"""The outbox for replies: what is answered, direct messages, language, and when to send.

Revision ID: 0004_outbox_replies
Revises: 0003_inbox_search
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_outbox_replies"
down_revision = "0003_inbox_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("in_reply_to_external_id", sa.String(length=512),
                                      nullable=False, server_default=""))
        batch_op.add_column(sa.Column("direct", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("language", sa.String(length=16), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("due_at", sa.DateTime(), nullable=True))
        batch_op.create_index("ix_outbox_item_mention", ["in_reply_to_mention_id", "state"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox_item", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_item_mention")
        batch_op.drop_column("due_at")
        batch_op.drop_column("language")
        batch_op.drop_column("direct")
        batch_op.drop_column("in_reply_to_external_id")
