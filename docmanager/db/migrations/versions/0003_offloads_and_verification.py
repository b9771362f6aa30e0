"""Offloads (verified copies of cards), file provenance and verification results, joined span files.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offloads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("volume_id", sa.Integer(), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("destinations", sa.JSON(), nullable=False),
        sa.Column("mhl_paths", sa.JSON(), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("user", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(["volume_id"], ["volumes.id"], name=op.f("fk_offloads_volume_id_volumes"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offloads")),
    )
    op.create_index(op.f("ix_offloads_volume_id"), "offloads", ["volume_id"], unique=False)
    with op.batch_alter_table("clips") as batch_op:
        batch_op.add_column(sa.Column("filmstrip_path", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("joined_file_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_clips_joined_file_id_media_files"), "media_files",
                                    ["joined_file_id"], ["id"], ondelete="SET NULL")
    with op.batch_alter_table("media_files") as batch_op:
        batch_op.add_column(sa.Column("checked_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("check_ok", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("offload_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("source_path", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_media_files_offload_id"), ["offload_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_media_files_offload_id_offloads"), "offloads",
                                    ["offload_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("media_files") as batch_op:
        batch_op.drop_index(batch_op.f("ix_media_files_offload_id"))
        batch_op.drop_constraint(batch_op.f("fk_media_files_offload_id_offloads"), type_="foreignkey")
        batch_op.drop_column("source_path")
        batch_op.drop_column("offload_id")
        batch_op.drop_column("check_ok")
        batch_op.drop_column("checked_at")
    with op.batch_alter_table("clips") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_clips_joined_file_id_media_files"), type_="foreignkey")
        batch_op.drop_column("joined_file_id")
        batch_op.drop_column("filmstrip_path")
    op.drop_index(op.f("ix_offloads_volume_id"), table_name="offloads")
    op.drop_table("offloads")
