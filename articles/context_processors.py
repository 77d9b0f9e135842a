from django.conf import settings

from articles.models import Section


def site(request):
    """The site's name, address, social accounts and section menu, for every page."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "follow_us": settings.FOLLOW_US,
        "menu_sections": Section.objects.all(),
    }
