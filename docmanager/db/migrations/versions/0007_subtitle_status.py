"""Subtitle status: a state per (clip, language) and per (cut, language), with its history.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24

``subtitle_status`` holds the current state, who set it and when, a note,
the cut's subtitle lines as they were approved (``snapshot``) and the lines
named by the last drop-back (``affected``).  ``subtitle_history`` keeps every
move, by hand or by the work (``auto``).  Both go with their clip or cut.
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subtitle_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clip_id", sa.Integer(), nullable=True),
        sa.Column("cut_id", sa.Integer(), nullable=True),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.Column("snapshot", sa.JSON(), nullable=True),
        sa.Column("affected", sa.JSON(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("(clip_id IS NULL) <> (cut_id IS NULL)", name=op.f("ck_subtitle_status_one_target")),
        sa.ForeignKeyConstraint(["clip_id"], ["clips.id"], name=op.f("fk_subtitle_status_clip_id_clips"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cut_id"], ["cuts.id"], name=op.f("fk_subtitle_status_cut_id_cuts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subtitle_status")),
    )
    op.create_index("uq_subtitle_status_clip_lang", "subtitle_status", ["clip_id", "lang"], unique=True)
    op.create_index("uq_subtitle_status_cut_lang", "subtitle_status", ["cut_id", "lang"], unique=True)
    op.create_table(
        "subtitle_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=True),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("auto", sa.Boolean(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["status_id"], ["subtitle_status.id"],
                                name=op.f("fk_subtitle_history_status_id_subtitle_status"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subtitle_history")),
    )
    op.create_index(op.f("ix_subtitle_history_status_id"), "subtitle_history", ["status_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_subtitle_history_status_id"), table_name="subtitle_history")
    op.drop_table("subtitle_history")
    op.drop_index("uq_subtitle_status_cut_lang", table_name="subtitle_status")
    op.drop_index("uq_subtitle_status_clip_lang", table_name="subtitle_status")
    op.drop_table("subtitle_status")
