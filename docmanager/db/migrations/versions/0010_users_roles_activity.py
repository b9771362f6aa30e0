"""People and roles, and the activity log.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24

``users``: the crew, each with a role (editor, translator, director, admin);
while the table is empty nobody is refused anything (one person on a
laptop).  ``activity_log``: who changed what and when, with old and new
values.  On PostgreSQL the new tables get the change-notification trigger
of 0008.
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

NEW_TABLES = ("users", "activity_log")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("role IN ('editor', 'translator', 'director', 'admin')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "activity_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=True),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_log")),
    )
    op.create_index(op.f("ix_activity_log_at"), "activity_log", ["at"], unique=False)
    op.create_index(op.f("ix_activity_log_user"), "activity_log", ["user"], unique=False)
    op.create_index("ix_activity_log_table_row", "activity_log", ["table_name", "row_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for table in NEW_TABLES:
            op.execute(f'CREATE TRIGGER "{table}_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                       "FOR EACH STATEMENT EXECUTE FUNCTION docmanager_notify()")


def downgrade() -> None:
    op.drop_index("ix_activity_log_table_row", table_name="activity_log")
    op.drop_index(op.f("ix_activity_log_user"), table_name="activity_log")
    op.drop_index(op.f("ix_activity_log_at"), table_name="activity_log")
    op.drop_table("activity_log")
    op.drop_table("users")
