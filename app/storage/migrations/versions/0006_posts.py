"""Planned posts: the post (one text, per-network variants, time and zone) and its outbox items.

A post has one outbox item (kind "post") per target account; deleting the post deletes them.

Revision ID: 0006_posts
Revises: 0005_default_templates
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_posts"
down_revision = "0005_default_templates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(), nullable=True),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post")),
    )
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_post_scheduled_at"), ["scheduled_at"], unique=False)

    with op.batch_alter_table("outbox_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("post_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_outbox_item_post_id"), ["post_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_outbox_item_post_id_post"), "post",
                                    ["post_id"], ["id"], ondelete="CASCADE")


def downgrade() -> None:
    # An older app knows no posts: their items would be rows it cannot place.
    op.execute("DELETE FROM outbox_item WHERE post_id IS NOT NULL")
    with op.batch_alter_table("outbox_item", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_outbox_item_post_id_post"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_outbox_item_post_id"))
        batch_op.drop_column("post_id")

    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_post_scheduled_at"))
    op.drop_table("post")
