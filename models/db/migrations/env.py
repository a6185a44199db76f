"""Alembic environment: migrations run on a connection handed in by models.db.engine."""

from alembic import context

from models.db.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI
    raise RuntimeError("run migrations through `seatwatch db upgrade`")



def include_object(obj: object, name: str | None, type_: str, reflected: bool,
                   compare_to: object) -> bool:
    """APScheduler's job store creates and owns apscheduler_jobs (console.scheduler):
    autogenerate must neither drop it nor take it over."""
    return not (type_ == "table" and name == "apscheduler_jobs")


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=include_object,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
