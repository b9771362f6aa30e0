"""Team catalogues tell every open DocManager when something changed (PostgreSQL ``NOTIFY``).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24

On PostgreSQL every table gets a statement-level trigger that sends
``NOTIFY docmanager_changes, '<table>'`` when a statement changes it; the
notification is delivered to listeners when the transaction commits (and
not at all if it rolls back).  Each open project listens
(``Project.data_token``) and its views refresh what changed, without a
restart and without polling the tables.  SQLite needs nothing: its
``PRAGMA data_version`` already changes with every commit of another
connection.  A table added by a later migration gets its trigger with
:func:`notify_trigger_sql`.
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CHANNEL = "docmanager_changes"

FUNCTION = f"""
CREATE OR REPLACE FUNCTION docmanager_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
    RETURN NULL;
END
$$
"""


def notify_trigger_sql(table: str) -> str:
    return (f'CREATE TRIGGER "{table}_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION docmanager_notify()")


def _tables(bind) -> list[str]:
    return [t for t in sa.inspect(bind).get_table_names() if t != "alembic_version"]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    for table in _tables(bind):
        op.execute(notify_trigger_sql(table))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in _tables(bind):
        op.execute(f'DROP TRIGGER IF EXISTS "{table}_notify" ON "{table}"')
    op.execute("DROP FUNCTION IF EXISTS docmanager_notify()")
