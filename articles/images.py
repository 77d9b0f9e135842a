"""
Photos as files: every upload is checked, decoded and re-encoded before anything is
stored, and each stored photo gets resized renditions for reader pages.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format name -> file extension. Decided by the file's content, never its name.
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}

RENDITION_WIDTHS = (480, 960, 1600)
# A photo of another shape would make renditions a few pixels high or wide, or none.
MIN_SIDE = 32
MAX_ASPECT_RATIO = 10
# Teasers, lead photos and cards are cropped to one shape around the focal point.
CROP_RATIO = 3 / 2
# What Pillow raises when an image it opened cannot be decoded or resized after all.
PROCESSING_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    Image.DecompressionBombError,
)
PROCESSING_FAILED = (
    "The image could not be processed; export it again as a JPEG and re-upload it."
)
# Bump when the renditions change, so `regenerate_renditions` redoes them all.
RENDITIONS_VERSION = 1


def clean_upload(upload):
    """
    Return `upload` decoded and re-encoded without metadata, as a ContentFile named
    for its real format, or raise ValidationError saying why it cannot be a photo.
    """
    if upload.size == 0:
        raise ValidationError("The file is empty.", code="empty")
    max_bytes = settings.PHOTO_MAX_UPLOAD_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            "The file is %(size)s; the limit is %(limit)s.",
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_bytes),
            },
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            frames = getattr(image, "n_frames", 1)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "The file is not a JPEG, PNG, WebP or GIF image.", code="not_an_image"
        ) from None
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            "%(format)s images are not accepted; use JPEG, PNG, WebP or GIF.",
            code="unsupported_format",
            params={"format": image.format},
        )
    width, height = image.size
    if width * height * frames > settings.PHOTO_MAX_PIXELS:
        raise _too_many_pixels(width, height, frames)
    _check_shape(width, height)

    try:
        for frame in range(frames):
            image.seek(frame)
            image.load()
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            "The image is damaged or incomplete; export it again and re-upload.",
            code="damaged",
        ) from None

    return _reencode(image, frames)


def _check_shape(width, height):
    shorter, longer = sorted((width, height))
    params = {"width": width, "height": height}
    if shorter < MIN_SIDE:
        raise ValidationError(
            "The image is %(width)d×%(height)d pixels; each side must be at least "
            "%(min_side)d pixels.",
            code="too_small",
            params=params | {"min_side": MIN_SIDE},
        )
    if longer / shorter > MAX_ASPECT_RATIO:
        raise ValidationError(
            "The image is %(width)d×%(height)d pixels, %(ratio)s times as %(long)s as "
            "it is %(short)s; at most %(max_ratio)d times is accepted. Crop it and "
            "upload it again.",
            code="too_thin",
            params=params
            | {
                "ratio": f"{longer / shorter:,.0f}",
                "long": "wide" if width > height else "high",
                "short": "high" if width > height else "wide",
                "max_ratio": MAX_ASPECT_RATIO,
            },
        )


def _too_many_pixels(width=None, height=None, frames=1):
    limit = settings.PHOTO_MAX_PIXELS / 1_000_000
    if width is None:
        return ValidationError(
            "The image is far larger than the limit of %(limit)g megapixels.",
            code="too_many_pixels",
            params={"limit": limit},
        )
    return ValidationError(
        "The image is %(width)d×%(height)d pixels%(frames)s, %(total).1f megapixels in "
        "all; the limit is %(limit)g megapixels.",
        code="too_many_pixels",
        params={
            "width": width,
            "height": height,
            "frames": f" in {frames} frames" if frames > 1 else "",
            "total": width * height * frames / 1_000_000,
            "limit": limit,
        },
    )


def _reencode(image, frames):
    """Save the pixels alone (no EXIF, GPS, XMP or comments) under a new name."""
    image_format = image.format
    buffer = io.BytesIO()
    if frames > 1:
        image.seek(0)
        image.save(
            buffer,
            format=image_format,
            save_all=True,
            duration=image.info.get("duration", 100),
            loop=image.info.get("loop", 0),
            comment=b"",
        )
    else:
        # In place: a copy would hold every pixel twice (150 MB more at 50 MP).
        clean = image
        ImageOps.exif_transpose(clean, in_place=True)
        clean.info = {}
        if image_format == "JPEG" and clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(buffer, format=image_format, **_ENCODER_OPTIONS[image_format])
    name = f"{uuid.uuid4().hex}.{ACCEPTED_FORMATS[image_format]}"
    return ContentFile(buffer.getvalue(), name=name)


_ENCODER_OPTIONS = {
    # No optimize=True: it keeps the whole image's coefficients to encode it twice
    # (140 MB more at 50 MP), for a few per cent off a file readers never fetch.
    "JPEG": {"quality": 90},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
    "GIF": {},
}


def crop_box(width, height, focal_x=0.5, focal_y=0.5, ratio=CROP_RATIO):
    """The largest `ratio`-shaped box inside the image, centred on the focal point."""
    if width / height > ratio:
        crop_width = round(height * ratio)
        left = _clamp(round(focal_x * width - crop_width / 2), 0, width - crop_width)
        return (left, 0, left + crop_width, height)
    crop_height = round(width / ratio)
    top = _clamp(round(focal_y * height - crop_height / 2), 0, height - crop_height)
    return (0, top, width, top + crop_height)


def _clamp(value, lowest, highest):
    return max(lowest, min(value, highest))


def render_renditions(file, stem, focal_x=None, focal_y=None):
    """
    Yield (kind, format, width, height, ContentFile) for each rendition of the image
    in `file`: "crop" ones cut to CROP_RATIO around the focal point, "full" ones
    whole; each at RENDITION_WIDTHS no wider than the original, in WebP and JPEG.
    """
    largest = max(RENDITION_WIDTHS)
    with Image.open(file) as original:
        original.seek(0)
        # A JPEG decodes at 1/2, 1/4 or 1/8 scale for a fraction of the cost; ask
        # for no less than the largest rendition needs.
        height = round(largest / original.width * original.height)
        original.draft("RGB", (largest, height))
        image = original.convert("RGBA" if _has_alpha(original) else "RGB")
    box = crop_box(*image.size, focal_x or 0.5, focal_y or 0.5)
    for kind, source in {"crop": image.crop(box), "full": image}.items():
        widths = [w for w in RENDITION_WIDTHS if w < source.width]
        if len(widths) < len(RENDITION_WIDTHS):
            widths.append(source.width)
        # Largest first, each made from the one before: far fewer pixels to read.
        for width in sorted(widths, reverse=True):
            height = max(1, round(source.height * width / source.width))
            source = source.resize(
                (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0
            )
            for image_format, options in _RENDITION_FORMATS.items():
                encoded = source
                if image_format == "JPEG" and source.mode != "RGB":
                    encoded = _flatten(source)
                buffer = io.BytesIO()
                encoded.save(buffer, format=image_format, **options)
                extension = ACCEPTED_FORMATS[image_format]
                content = ContentFile(
                    buffer.getvalue(), f"{stem}-{kind}-{width}.{extension}"
                )
                yield kind, extension, width, height, content


_RENDITION_FORMATS = {
    "WEBP": {"quality": 80, "method": 3},
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
}


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _flatten(image):
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A"))
    return background
