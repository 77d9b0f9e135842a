"""
Jobs that run outside readers' and editors' requests. They wait in the database
(TASKS in settings) until a worker, `manage.py db_worker`, takes them.
"""

from datetime import timedelta

from django.core.management import call_command
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

# When the daily jobs run, in the site's time zone: the quietest hour.
DAILY_AT_HOUR = 3
# A rendition job that fails is tried again after each of these many seconds, then
# given up: a file that decoded at upload most likely met a passing failure (the
# object store did not answer, say).
RETRY_AFTER_SECONDS = (10, 60, 300)


@task
def make_renditions(photo_id, attempt=1):
    """The renditions of a photo whose file is new, or whose focal point moved."""
    from articles.models import Photo

    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return  # deleted before its turn
    try:
        photo.make_renditions()
    except Exception:
        if attempt <= len(RETRY_AFTER_SECONDS):
            retry_at = timezone.now() + timedelta(
                seconds=RETRY_AFTER_SECONDS[attempt - 1]
            )
            make_renditions.using(run_after=retry_at).enqueue(
                photo_id, attempt=attempt + 1
            )
        else:
            photo.has_file(photo.image.name).update(status=Photo.Status.FAILED)
        raise  # this run is recorded as failed, with the error


@task
def put_scheduled_stories_live(due_at=None):
    """
    Make stale, at its publication time `due_at` (a timestamp), what a scheduled
    story enters, and purge it from a CDN: the CDN may not ask this site for a
    page until long after.
    """
    from articles.pagecache import schedule

    schedule.go_live_if_due(due_at)
    schedule.plan()


@task
def erase_old_comment_data():
    """Erase comments' addresses and browsers once they are kept long enough."""
    from articles.models import Comment

    erased = Comment.objects.erase_expired_personal_data()
    queue_daily_jobs()
    return erased


@task
def prune_finished_jobs():
    """Delete the rows of jobs finished 14 days ago or more (failed ones: 30)."""
    call_command(
        "prune_db_task_results", min_age_days=14, failed_min_age_days=30, verbosity=0
    )
    queue_daily_jobs()


DAILY_JOBS = [erase_old_comment_data, prune_finished_jobs]


def waiting(job):
    """The runs of `job` queued and not yet started."""
    return DBTaskResult.objects.filter(
        task_path=job.module_path, status=TaskResultStatus.READY
    )


def queue_go_live(at):
    """Have scheduled stories put live at `at`, unless that run is queued."""
    if not waiting(put_scheduled_stories_live).filter(run_after=at).exists():
        put_scheduled_stories_live.using(run_after=at).enqueue(at.timestamp())


def queue_daily_jobs():
    """Have each daily job run at the next DAILY_AT_HOUR, unless it is queued."""
    now = timezone.localtime()
    next_run = now.replace(hour=DAILY_AT_HOUR, minute=0, second=0, microsecond=0)
    if next_run <= now:
        next_run += timedelta(days=1)
    for job in DAILY_JOBS:
        if not waiting(job).exists():
            job.using(run_after=next_run).enqueue()


def run_queued_jobs():
    """
    Run every job due now in this process, then return: for the demo, the benchmark
    data and tests. As the worker does, but in the caller's connection (the worker
    closes its connection between jobs if a transaction is open, as in a test).
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id="in-process",
        excluded_queue_names=[],
    )
    ready = DBTaskResult.objects.ready().filter(backend_name=worker.backend_name)
    while True:
        with exclusive_transaction():
            job = ready.get_locked()
            if job is None:
                return
            job.claim(worker.worker_id)
        worker.run_task(job)
