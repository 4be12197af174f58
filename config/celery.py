"""The Celery application. Without CELERY_BROKER_URL tasks run eagerly."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("regio_mbo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="config.ping")
def ping() -> str:
    """A no-op task: used by the health check, the worker test and the benchmark."""
    return "pong"


@task_prerun.connect
@task_postrun.connect
def close_old_database_connections(task=None, **kwargs) -> None:
    """Around each task in a worker, do what Django does around a request: close
    the database connection only when it is broken or older than CONN_MAX_AGE.

    Celery itself would close it before and after every task (settings set
    CELERY_DB_REUSE_MAX to stop that): opening a PostgreSQL connection costs
    more than validating a document. Tasks run eagerly keep the caller's
    connection."""
    if task is None or getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
