from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from articles.caching import release_changed

        # Every deployment migrates: nothing the previous release cached (pages,
        # or stories pickled with its models) is served after it.
        post_migrate.connect(
            lambda **kwargs: release_changed(), sender=self, weak=False
        )
