"""The moderation desk's dashboard: queue, waits and decisions, drawn on the server."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format

from articles.models.moderation import PERIODS, Desk, queue_now

CHART_WIDTH = 720
CHART_HEIGHT = 120
HOUR_FORMAT = "j M H:i"


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass
class Chart:
    """Bars for hourly values, scaled to the largest; None draws no bar."""

    title: str
    bars: list
    top: str
    first_hour: str
    last_hour: str
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT


def chart(title, hours, value, text):
    """A Chart of `value(hour)` for each hour; `text` formats a value."""
    values = [value(hour) for hour in hours]
    largest = max((v for v in values if v is not None), default=None)
    width = CHART_WIDTH / len(hours)
    bars = []
    for index, (hour, amount) in enumerate(zip(hours, values, strict=True)):
        if amount is None:
            continue
        height = CHART_HEIGHT * (amount / largest) if largest else 0
        when = date_format(timezone.localtime(hour.start), HOUR_FORMAT)
        label = f"{when}: {text(amount)}"
        bars.append(
            Bar(index * width, CHART_HEIGHT - height, max(width - 1, 1), height, label)
        )
    return Chart(
        title,
        bars,
        text(largest),
        date_format(timezone.localtime(hours[0].start), HOUR_FORMAT),
        date_format(timezone.localtime(hours[-1].start), HOUR_FORMAT),
    )


def duration(value):
    """A wait as a moderator reads it: 2 days 3 h, 2 h 5 min, 7 min, 40 s."""
    if value is None:
        return "—"
    seconds = int(value.total_seconds())
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    if days:
        return f"{days} day{'s' if days > 1 else ''} {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min"
    return f"{seconds} s"


def dashboard_view(model_admin, request):
    """The desk's figures over today, 7 or 30 days (?period=)."""
    if not model_admin.has_moderate_permission(request):
        raise PermissionDenied
    period = request.GET.get("period")
    if period not in PERIODS:
        period = "today"
    desk = Desk(period)
    hours = desk.hours()
    pending, oldest = queue_now()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "Moderation dashboard",
        "period": period,
        "periods": PERIODS,
        "desk": desk,
        "pending": pending,
        "oldest": oldest,
        "waited": len(desk.waits),
        "median_wait": duration(desk.median_wait()),
        "p90_wait": duration(desk.p90_wait()),
        "moderators": desk.by_moderator,
        "rates": desk.rates(),
        "stories": desk.busiest_stories(),
        "charts": [
            chart("Queue length", hours, lambda h: h.queue_length, str),
            chart("Median time to decision", hours, lambda h: h.median_wait, duration),
        ],
    }
    return TemplateResponse(request, "admin/articles/comment/dashboard.html", context)
