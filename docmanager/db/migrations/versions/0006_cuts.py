"""Rough cuts: cuts (name, version, rate, tracks, handles) and their items.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

A cut item holds a clip's range in frames at the clip's rate (out exclusive)
and the transcript segments it was made from; where it plays in the cut is
derived from its track and position, not stored.  ``cut_version`` numbers the
versions of one cut (v1, v2 ...) and ``parent_id`` names the cut a version
was duplicated from.  A clip used in a cut cannot be deleted while the item
exists (``RESTRICT``).
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cuts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("cut_version", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("rate_num", sa.Integer(), nullable=False),
        sa.Column("rate_den", sa.Integer(), nullable=False),
        sa.Column("tracks", sa.JSON(), nullable=False),
        sa.Column("handles_ms", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("cut_version >= 1", name=op.f("ck_cuts_cut_version")),
        sa.CheckConstraint("handles_ms >= 0", name=op.f("ck_cuts_handles")),
        sa.CheckConstraint("rate_num > 0 AND rate_den > 0", name=op.f("ck_cuts_rate")),
        sa.ForeignKeyConstraint(["parent_id"], ["cuts.id"], name=op.f("fk_cuts_parent_id_cuts"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cuts")),
        sa.UniqueConstraint("name", "cut_version", name="uq_cuts_name_cut_version"),
    )
    op.create_index(op.f("ix_cuts_parent_id"), "cuts", ["parent_id"], unique=False)

    op.create_table(
        "cut_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cut_id", sa.Integer(), nullable=False),
        sa.Column("track", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("clip_id", sa.Integer(), nullable=False),
        sa.Column("subclip_id", sa.Integer(), nullable=True),
        sa.Column("source_in", sa.Integer(), nullable=False),
        sa.Column("source_out", sa.Integer(), nullable=False),
        sa.Column("segment_ids", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("source_in >= 0 AND source_out > source_in", name=op.f("ck_cut_items_range")),
        sa.ForeignKeyConstraint(["clip_id"], ["clips.id"], name=op.f("fk_cut_items_clip_id_clips"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["cut_id"], ["cuts.id"], name=op.f("fk_cut_items_cut_id_cuts"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subclip_id"], ["subclips.id"], name=op.f("fk_cut_items_subclip_id_subclips"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cut_items")),
    )
    op.create_index(op.f("ix_cut_items_clip_id"), "cut_items", ["clip_id"], unique=False)
    op.create_index("ix_cut_items_cut_track_position", "cut_items", ["cut_id", "track", "position"], unique=False)
    op.create_index(op.f("ix_cut_items_subclip_id"), "cut_items", ["subclip_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_cut_items_subclip_id"), table_name="cut_items")
    op.drop_index("ix_cut_items_cut_track_position", table_name="cut_items")
    op.drop_index(op.f("ix_cut_items_clip_id"), table_name="cut_items")
    op.drop_table("cut_items")
    op.drop_index(op.f("ix_cuts_parent_id"), table_name="cuts")
    op.drop_table("cuts")
