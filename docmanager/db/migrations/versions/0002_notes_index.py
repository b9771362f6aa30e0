"""Partial index on clip notes, so a text filter reads only clips that have notes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_clips_notes_present", "clips", ["notes"],
                    sqlite_where=sa.text("notes IS NOT NULL"), postgresql_where=sa.text("notes IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_clips_notes_present", table_name="clips")
