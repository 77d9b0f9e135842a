from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from articles.models import search_index
        from articles.models.touches import TOUCHES
        from articles.pagecache import invalidate, keys
        from articles.pagecache.writes import track

        track(TOUCHES)
        # Which models a story's revisions hold.
        import articles.revisions  # noqa: F401

        # Every deployment migrates: nothing the previous release cached (pages,
        # or stories pickled with its models) is served after it.
        post_migrate.connect(
            lambda **kwargs: invalidate({keys.ALL}), sender=self, weak=False
        )
        connection_created.connect(search_index.add_plain_text_function)
        post_migrate.connect(search_index.restore_sqlite_triggers, sender=self)
        post_migrate.connect(update_sqlite_statistics, sender=self)
        post_migrate.connect(queue_daily_jobs, sender=self)


def update_sqlite_statistics(using, **kwargs):
    """
    SQLite's query planner statistics, which SQLite gathers only when asked (on
    PostgreSQL autovacuum keeps them). Without them it reads a story's topics
    through the wrong index: the related stories took 20 ms instead of 3 with
    10,000 stories. Gathered at each deployment's migrate; a bulk load runs it too.
    """
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def queue_daily_jobs(using, **kwargs):
    """Every deployment migrates: the daily jobs are queued from the first one."""
    from articles import tasks

    if using == DEFAULT_DB_ALIAS:
        tasks.queue_daily_jobs()
