"""Alembic environment: always driven from code (``docmanager.db.schema``).

The connection to migrate is handed in through ``config.attributes["connection"]``;
there is no alembic.ini and no URL here, so migrations run on exactly the
connection DocManager opened and checked.
"""
from alembic import context

from docmanager.db.models import Base

config = context.config
connection = config.attributes["connection"]


def include_object(obj, name, type_, reflected, compare_to):
    """Leave out the search index (``search_*`` tables, migration 0005): it is not in the models."""
    return not (type_ == "table" and name.startswith("search_"))


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
