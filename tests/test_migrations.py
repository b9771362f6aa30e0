"""The Alembic migrations and the models describe the same schema."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from docmanager.db.models import Base
from docmanager.db import schema


def test_migrated_catalogue_matches_the_models(project):
    with project.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True,
                                                     "include_object": schema.include_object})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_revisions_are_numbered_in_order():
    revs = sorted(schema.known_revisions())
    assert revs == [f"{i:04d}" for i in range(1, len(revs) + 1)]
    assert schema.head_version() == len(revs)


def test_older_catalogue_is_upgraded_on_open(tmp_path):
    """A catalogue at revision 0001 opens and comes out at the head, data kept."""
    import sqlite3

    from alembic import command

    from docmanager.project import CATALOGUE_FILE, Project

    p = Project.create(tmp_path / "P")
    p.set_setting("marker", "kept")
    with p.engine.begin() as conn:
        cfg = schema.alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
        conn.exec_driver_sql("PRAGMA user_version = 1")
    p.close()
    again = Project.open(tmp_path / "P")
    assert again.get_setting("marker") == "kept"
    again.close()
    con = sqlite3.connect(tmp_path / "P" / CATALOGUE_FILE)
    assert con.execute("PRAGMA user_version").fetchone()[0] == schema.head_version()
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == schema.head_revision()
