from django.core.management.base import BaseCommand

from articles.models import Photo


class Command(BaseCommand):
    help = (
        "Make the resized renditions of every photo again. Photos whose renditions "
        "are current are skipped unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Redo current renditions too."
        )

    def handle(self, *args, force=False, **options):
        photos = Photo.objects.order_by("pk")
        total = photos.count()
        created = skipped = failed = 0
        for done, photo in enumerate(photos.iterator(), start=1):
            if photo.has_current_renditions() and not force:
                skipped += 1
            else:
                try:
                    photo.make_renditions()
                except (OSError, ValueError) as error:
                    failed += 1
                    self.stderr.write(f"\n{photo}: {error}")
                else:
                    created += 1
            self.show_progress(done, total)
        self.stdout.write("")
        style = self.style.ERROR if failed else self.style.SUCCESS
        self.stdout.write(
            style(f"Created {created}, skipped {skipped}, failed {failed}.")
        )

    def show_progress(self, done, total, width=30):
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stdout.flush()
