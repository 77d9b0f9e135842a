from django.conf import settings

from articles.models import Section


def site(request):
    """The site's name, address and section menu, shown on every page."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "menu_sections": Section.objects.all(),
    }
