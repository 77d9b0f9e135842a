from django.db import models


class ChangeMark(models.Model):
    """
    One row counting the changes the page cache was told of, moved in the same
    transaction as each change (articles/replica.py). A replica that holds the
    primary's count holds every row the pages made stale by those changes show.
    """

    count = models.BigIntegerField(default=0)

    def __str__(self):
        return f"Change {self.count}"
