from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared building blocks. Its only start-up work: the database wrapper of the
    page cache (core/pagecache.py), which notes every write to a table."""

    name = "core"

    def ready(self):
        from . import pagecache

        pagecache.install()
