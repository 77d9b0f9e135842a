from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.models import Comment


class Command(BaseCommand):
    help = (
        "Erase the IP address and browser description of comments older than "
        "COMMENT_DATA_RETENTION_DAYS. Run it daily (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.COMMENT_DATA_RETENTION_DAYS)
        erased = (
            Comment.objects.filter(created_at__lt=cutoff)
            .exclude(ip_address=None, user_agent="")
            .update(ip_address=None, user_agent="")
        )
        self.stdout.write(
            self.style.SUCCESS(f"Erased the address and browser of {erased} comments.")
        )
