from django.core.management.base import BaseCommand

from articles.models import Comment


class Command(BaseCommand):
    help = (
        "Erase the IP address and browser description of comments older than "
        "COMMENT_DATA_RETENTION_DAYS. The worker does it daily; this is for cron "
        "or for doing it now."
    )

    def handle(self, *args, **options):
        erased = Comment.objects.erase_expired_personal_data()
        self.stdout.write(
            self.style.SUCCESS(f"Erased the address and browser of {erased} comments.")
        )
