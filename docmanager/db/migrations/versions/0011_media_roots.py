"""Named media roots: file paths relative to "Archive A", wherever each machine mounts it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27

``media_roots`` names the places the footage archive lives (one row per
name, versioned like every row people edit).  ``media_files.root_id`` says
which root a file is under; its ``path`` (and ``path_bytes`` for a name that
is not UTF-8) is then relative to the root, with ``/`` between folders.
Existing files keep their absolute paths and ``root_id`` NULL, so they are
found exactly as before.

A root cannot be deleted while files are under it: a relative path means
nothing without its root, and SET NULL would leave paths that silently point
nowhere.  The foreign key has SQL's default action (NO ACTION), which
refuses the delete as RESTRICT does, only checked at the end of the
statement; it is the default rather than a spelled-out ``ON DELETE
RESTRICT`` because SQLite adds the column with a column constraint, whose
action SQLite does not report back, and the models must match the
catalogue on both back ends.

Where a root is on disk is each machine's own business (a JSON file in the
user's config folder, see ``docmanager.catalogue.roots``), keyed by the
catalogue's identity: the ``project_id`` setting, written here for an
existing catalogue that has none.

On SQLite the column is added with ``ALTER TABLE … ADD COLUMN … REFERENCES``
rather than a batch copy of ``media_files``: with foreign keys on, dropping
the old copy would cascade to ``clip_files``.  On PostgreSQL the new table
gets the change-notification trigger of 0008, and the group roles of 0010,
where they exist, their privileges on it (everyone reads it; editors and
admins write it), as ``docmanager.access.pg_grant_roles`` gives them.
"""
import uuid

from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

READERS = ("editor", "translator", "director", "admin")
WRITERS = ("editor", "admin")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "media_roots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_roots")),
        sa.UniqueConstraint("name", name=op.f("uq_media_roots_name")),
    )
    if bind.dialect.name == "sqlite":
        op.execute("ALTER TABLE media_files ADD COLUMN root_id INTEGER "
                   "CONSTRAINT fk_media_files_root_id_media_roots REFERENCES media_roots (id)")
    else:
        op.add_column("media_files", sa.Column("root_id", sa.Integer(), nullable=True))
        op.create_foreign_key(op.f("fk_media_files_root_id_media_roots"), "media_files", "media_roots",
                              ["root_id"], ["id"], ondelete="RESTRICT")
    op.create_index(op.f("ix_media_files_root_id"), "media_files", ["root_id"], unique=False)

    # An existing catalogue without an identity gets one; a new one (settings still empty) gets
    # its own from the code that creates the project, right after the migrations.
    settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.Text))
    keys = set(bind.execute(sa.select(settings.c.key)).scalars())
    if keys and "project_id" not in keys:
        bind.execute(settings.insert().values(key="project_id", value=str(uuid.uuid4())))

    if bind.dialect.name == "postgresql":
        op.execute('CREATE TRIGGER "media_roots_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                   'ON "media_roots" FOR EACH STATEMENT EXECUTE FUNCTION docmanager_notify()')
        database = bind.exec_driver_sql("SELECT current_database()").scalar()
        for role in READERS:
            group = f"{database}_{role}"
            if bind.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": group}).scalar() is None:
                continue
            op.execute(f"GRANT SELECT ON media_roots TO {_quote(group)}")
            if role in WRITERS:
                op.execute(f"GRANT INSERT, UPDATE, DELETE ON media_roots TO {_quote(group)}")
                op.execute(f"GRANT USAGE, SELECT ON SEQUENCE media_roots_id_seq TO {_quote(group)}")


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_index(op.f("ix_media_files_root_id"), table_name="media_files")
    if bind.dialect.name == "sqlite":
        op.execute("ALTER TABLE media_files DROP COLUMN root_id")
    else:
        op.drop_constraint(op.f("fk_media_files_root_id_media_roots"), "media_files", type_="foreignkey")
        op.drop_column("media_files", "root_id")
    op.drop_table("media_roots")
