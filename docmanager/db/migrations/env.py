"""Alembic environment: always driven from code (``docmanager.db.schema``).

The connection to migrate is handed in through ``config.attributes["connection"]``;
there is no alembic.ini and no URL here, so migrations run on exactly the
connection DocManager opened and checked.
"""
from alembic import context

from docmanager.db.models import Base
from docmanager.db.schema import include_object

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
