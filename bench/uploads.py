"""
BENCH_MODE=uploads of bench/run.py: an editor uploads one photo through the admin's
"Add photo" form, in a process of its own for each size (Django's test client, no
server in between), as a gunicorn worker would take it: how long the request takes
and how far the process's peak memory rises during it. Today the
request checks the file, re-encodes it and makes all its renditions itself.
"""

import io
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

# The photos uploaded: 3, 12 and 24 megapixels, and just under PHOTO_MAX_PIXELS (50).
SIZES = [(2000, 1500), (4000, 3000), (6000, 4000), (8660, 5773)]


def run_uploads():
    print(
        "\nUploading one photo through the admin's Add photo form, each in a "
        "process of its own:"
    )
    print(
        f"{'photo':<22} {'file MB':>8} {'request ms':>11} {'peak MB before':>15} "
        f"{'peak MB after':>14}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for width, height in SIZES:
            path = Path(folder) / f"{width}x{height}.jpg"
            path.write_bytes(photo_jpeg(width, height))
            result = subprocess.run(
                [sys.executable, __file__, str(path)],
                env=os.environ,
                capture_output=True,
                text=True,
            )
            if result.returncode:
                sys.exit(f"The upload of {path.name} failed: {result.stderr}")
            elapsed_ms, before_mb, after_mb = map(float, result.stdout.split())
            megapixels = width * height / 1e6
            print(
                f"{width}x{height} ({megapixels:.0f} MP){'':<4} "
                f"{path.stat().st_size / 2**20:>8.1f} {elapsed_ms:>11.0f} "
                f"{before_mb:>15.0f} {after_mb:>14.0f}"
            )


def photo_jpeg(width, height):
    """A JPEG about as large as a camera's: smooth light with grain over it."""
    light = Image.linear_gradient("L").resize((width, height))
    grain = Image.effect_noise((width, height), 12)
    picture = Image.merge("RGB", [light, grain, Image.eval(light, lambda v: 255 - v)])
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def peak_mb():
    """This process's peak resident memory (VmHWM: since its exec, unlike ru_maxrss,
    which starts from its parent's)."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)[1]) / 1024


def upload(path):
    """In a process of its own: time the upload of `path`; print ms and peak MB."""
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from articles.models import Photo

    editor, _ = User.objects.update_or_create(
        username="bench-uploads", defaults={"is_staff": True}
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(editor)
    client.get("/admin/articles/photo/add/")  # what a worker has loaded by then
    content = Path(path).read_bytes()
    before = peak_mb()
    started = time.perf_counter()
    response = client.post(
        "/admin/articles/photo/add/",
        {
            "image": SimpleUploadedFile("photo.jpg", content, "image/jpeg"),
            "alt_text": "Benchmark photo",
            "caption": "",
            "credit": "Benchmark",
        },
    )
    elapsed = time.perf_counter() - started
    after = peak_mb()
    if response.status_code != 302 or not Photo.objects.filter(uploaded_by=editor):
        location = response.get("Location")
        sys.exit(f"The upload answered {response.status_code}: {location}")
    Photo.objects.filter(uploaded_by=editor).delete()
    print(f"{elapsed * 1000:.1f} {before:.1f} {after:.1f}")


if __name__ == "__main__":
    upload(sys.argv[1])
