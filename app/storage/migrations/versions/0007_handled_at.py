"""When a mention stopped waiting (handled_at), for the weekly summary's "still waiting".

Set when a mention leaves "new" (answered, done or archived) and cleared when it is reopened.
Rows already handled get the best time known: the first response, else when it was received.

Revision ID: 0007_handled_at
Revises: 0006_posts
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_handled_at"
down_revision = "0006_posts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handled_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE mention SET handled_at = COALESCE(first_response_at, received_at, created_at)"
        " WHERE state != 'new'"
    )
    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.create_index("ix_mention_handled", ["handled_at"], unique=False)
        batch_op.create_index("ix_mention_responded", ["first_response_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.drop_index("ix_mention_responded")
        batch_op.drop_index("ix_mention_handled")
        batch_op.drop_column("handled_at")
