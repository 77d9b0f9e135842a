"""
BENCH_MODE=uploads of bench/run.py: an editor uploads one photo through the admin's
"Add photo" form, in a process of its own for each size (Django's test client, no
server in between), as a gunicorn worker would take it: how long the request takes
and how far the process's peak memory rises during it. The request checks the file
and re-encodes it; then a worker, in another process, makes its renditions: that
job's time and peak memory are measured the same way.
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
# Then this many of the largest, for one worker to make the renditions of in a row.
BATCH = 20


def run_uploads():
    print(
        "\nUploading one photo through the admin's Add photo form, each in a "
        "process of its own:"
    )
    print(
        f"{'photo':<22} {'file MB':>8} {'request ms':>11} {'peak MB':>11} "
        f"{'job ms':>7} {'peak MB':>11}"
    )
    in_own_process("Clearing up", "--job")  # what a run cut short left
    with tempfile.TemporaryDirectory() as folder:
        for width, height in SIZES:
            path = Path(folder) / f"{width}x{height}.jpg"
            path.write_bytes(photo_jpeg(width, height))
            request_ms, *request_mb = in_own_process(path.name, str(path))
            job_ms, *job_mb = in_own_process(path.name, "--job")
            megapixels = width * height / 1e6
            print(
                f"{width}x{height} ({megapixels:.0f} MP){'':<4} "
                f"{path.stat().st_size / 2**20:>8.1f} {request_ms:>11.0f} "
                f"{'{:.0f} -> {:.0f}'.format(*request_mb):>11} {job_ms:>7.0f} "
                f"{'{:.0f} -> {:.0f}'.format(*job_mb):>11}"
            )
        for _ in range(BATCH):
            in_own_process(path.name, str(path))
        batch_ms, *batch_mb = in_own_process(path.name, "--job")
        print(
            f"One worker, the renditions of {BATCH} of the {width}x{height} in a row: "
            f"{batch_ms / BATCH:.0f} ms a photo, peak memory "
            "{:.0f} -> {:.0f} MB, resident at the end {:.0f} MB".format(*batch_mb)
        )


def in_own_process(name, argument):
    """Run this file with `argument`: (ms, peak MB before, peak MB after[, ...])."""
    result = subprocess.run(
        [sys.executable, __file__, argument],
        env=os.environ,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"{name} failed ({argument}): {result.stderr}")
    return tuple(map(float, result.stdout.split()))


def photo_jpeg(width, height):
    """A JPEG about as large as a camera's: smooth light with grain over it."""
    light = Image.linear_gradient("L").resize((width, height))
    grain = Image.effect_noise((width, height), 12)
    picture = Image.merge("RGB", [light, grain, Image.eval(light, lambda v: 255 - v)])
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def peak_mb(field="VmHWM"):
    """This process's peak resident memory (VmHWM: since its exec, unlike ru_maxrss,
    which starts from its parent's), or another field of its status (VmRSS)."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M)[1]) / 1024


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
    print(f"{elapsed * 1000:.1f} {before:.1f} {after:.1f}")


def make_renditions():
    """In a process of its own, as the worker: time the rendition jobs of the
    uploads waiting; print ms, peak MB before and after, and resident MB after."""
    import django

    django.setup()
    from articles import images, tasks
    from articles.models import Photo

    # What a worker has loaded by then: the decoders and encoders.
    list(images.render_renditions(io.BytesIO(photo_jpeg(64, 48)), "warm-up"))
    photos = Photo.objects.filter(uploaded_by__username="bench-uploads")
    before = peak_mb()
    started = time.perf_counter()
    tasks.run_queued_jobs()
    elapsed = time.perf_counter() - started
    after = peak_mb()
    if photos.exclude(status=Photo.Status.READY).exists():
        sys.exit("A rendition job did not leave its photo ready")
    for photo in photos:
        photo.delete()
    print(f"{elapsed * 1000:.1f} {before:.1f} {after:.1f} {peak_mb('VmRSS'):.1f}")


if __name__ == "__main__":
    if sys.argv[1] == "--job":
        make_renditions()
    else:
        upload(sys.argv[1])
