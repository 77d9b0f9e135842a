class UnicodeSlugConverter:
    """Like Django's `slug`, but also letters of any script (Hebrew slugs)."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class MonthConverter:
    """Three-letter English month in the story URL: /2026/nov/25/."""

    regex = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
