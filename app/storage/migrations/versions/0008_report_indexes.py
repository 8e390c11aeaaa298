"""Indexes for the weekly summary, so a week's report on a large workspace reads index ranges.

Per account and hour (account_id, created_at); response times without touching the table
(first_response_at, created_at, replacing the single-column index); complaints of a week and
whether they were answered (first_response_at added to the end of the inbox's ix_mention_order);
the most frequent authors (account_id, author, created_at).

Revision ID: 0008_report_indexes
Revises: 0007_handled_at
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_report_indexes"
down_revision = "0007_handled_at"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_mention_responded", table_name="mention")
    op.create_index("ix_mention_responded", "mention", ["first_response_at", "created_at"])
    op.create_index("ix_mention_account_created", "mention", ["account_id", "created_at"])
    op.drop_index("ix_mention_order", table_name="mention")
    op.create_index("ix_mention_order", "mention",
                    [sa.text("is_complaint DESC"), "created_at", "id", "first_response_at"])
    op.create_index("ix_mention_author", "mention",
                    ["account_id", sa.text("coalesce(nullif(author_handle, ''), author_name)"),
                     "created_at"])


def downgrade() -> None:
    op.drop_index("ix_mention_author", table_name="mention")
    op.drop_index("ix_mention_order", table_name="mention")
    op.create_index("ix_mention_order", "mention",
                    [sa.text("is_complaint DESC"), "created_at", "id"])
    op.drop_index("ix_mention_account_created", table_name="mention")
    op.drop_index("ix_mention_responded", table_name="mention")
    op.create_index("ix_mention_responded", "mention", ["first_response_at"])
