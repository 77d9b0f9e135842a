"""`make run` and `make serve` start the job workers beside the server, and Ctrl-C
stops them all."""

import os
import signal
import subprocess
import time

import pytest

from tests.base import PROJECT, free_port, wait_until_answering


def job_workers(session):
    """The db_worker processes of a process group."""
    listing = subprocess.run(
        ["ps", "-o", "pgid=,args=", "-e"], capture_output=True, text=True
    ).stdout
    return [
        line
        for line in listing.splitlines()
        if line.split(maxsplit=1)[0] == str(session)
        and "manage.py db_worker" in line
        and not line.split(maxsplit=1)[1].startswith("/bin/sh")
    ]


@pytest.mark.parametrize(
    ("target", "environ", "workers"),
    [
        ("run", {}, 1),
        (
            "serve",
            {"DEBUG": "0", "SECRET_KEY": "make-serve-test", "JOB_WORKERS": "2"},
            2,
        ),
    ],
)
def test_the_server_starts_with_its_job_workers_and_stops_with_them(
    target, environ, workers, tmp_path
):
    port = free_port()
    # Not `make pytest`'s own command-line variables (DATABASE_URL=…), which make
    # hands down to the make it runs.
    outer_make = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    env = (
        {name: value for name, value in os.environ.items() if name not in outer_make}
        | environ
        | {
            "PORT": str(port),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "ALLOWED_HOSTS": "127.0.0.1",
            "HTTPS": "0",
        }
    )
    make = subprocess.Popen(
        ["make", target],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # As a terminal's Ctrl-C finds them: not ignoring SIGINT.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        wait_until_answering(
            f"http://127.0.0.1:{port}/",
            make,
            f"make {target}",
            make.stderr.read,
            seconds=180,
        )
        assert len(job_workers(make.pid)) == workers

        os.killpg(make.pid, signal.SIGINT)  # Ctrl-C
        make.wait(timeout=30)
        deadline = time.monotonic() + 15
        while job_workers(make.pid):
            assert time.monotonic() < deadline, "a job worker outlived the server"
            time.sleep(0.2)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
