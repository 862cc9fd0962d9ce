"""Alembic environment: the engine comes from socialbot (settings), never from an ini file."""

from __future__ import annotations

from alembic import context

from socialbot.store.tables import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic` run by hand: use socialbot's settings
    from socialbot.settings import load_settings
    from socialbot.store.db import make_engine

    engine = make_engine(load_settings().database_url)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
