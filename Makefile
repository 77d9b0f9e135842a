# Everything a developer or CI needs, from an empty clone: `make run`, `make test`.
PYTHON_VERSION := $(shell cat .python-version)
PYTHON ?= python$(PYTHON_VERSION)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

# Tests run with production-like settings (DEBUG off) over plain HTTP, with a cache
# of their own unless CACHE_URL is given (`make pytest CACHE_URL=redis://...`).
TEST_ENV := DEBUG=0 SECRET_KEY=test-only-not-secret HTTPS=0 \
	ALLOWED_HOSTS=localhost,127.0.0.1,testserver \
	CACHE_URL='$(or $(CACHE_URL),locmemcache://)'
# What `check --deploy` sees: the variables a production server sets.
DEPLOY_ENV := DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=news.example.com SITE_URL=https://news.example.com

.PHONY: install run serve test lint pytest browser varnish redis bench format translations clean

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python $(PYTHON_VERSION) is needed ($(PYTHON) not found)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --group dev --editable .
	rm -f $(VENV)/.installed-*
	touch $@

# `make run PORT=8001` (or PORT in the environment) serves on another port. Exported,
# so the settings see the port served, not one from .env: SITE_URL follows it.
export PORT ?= 8000

# The job worker (photo renditions, scheduled stories' CDN purges, the daily erasure
# of comment data) runs beside the server, and stops with it: a background command
# ignores Ctrl-C until it sets its own handler, so the shell stops it on its way out.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo --served-at http://127.0.0.1:$(PORT)
	DEBUG=1 $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production-like: gunicorn (WEB_CONCURRENCY workers, default 2) on PORT (8000) and
# JOB_WORKERS job workers (default 1; see "Background jobs" in the README),
# collected static files, DEBUG off. Reads SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL
# and the rest from the environment or .env, as production does.
serve: install
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py migrate --noinput
	workers=""; for n in $$(seq $${JOB_WORKERS:-1}); do \
		$(BIN)/python manage.py db_worker --no-reload & workers="$$workers $$!"; done; \
	trap 'kill $$workers 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(BIN)/gunicorn newsroom.wsgi:application --bind 127.0.0.1:$${PORT:-8000} \
		--workers $${WEB_CONCURRENCY:-2} --access-logfile -

test: lint pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/python manage.py check --fail-level WARNING
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

pytest: install browser varnish redis
	$(TEST_ENV) $(BIN)/pytest $(ARGS)

# Browser tests drive Debian's Chromium through Playwright (no browser download).
browser:
	@command -v chromium >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# redis-server, which the cache-failure tests start and stop on ports of their own.
redis:
	@command -v redis-server >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; }

# Varnish with vmod xkey, in front of the live server in tests/test_varnish.py. The
# tests start their own varnishd on a free port, whether or not the package's
# service is running on 6081.
varnish:
	@command -v varnishd >/dev/null && dpkg -s varnish-modules >/dev/null 2>&1 || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq varnish varnish-modules; }

# Reader pages under load (wrk against gunicorn), with and without a cache, in a
# database of their own; bench/run.py says which variables it reads.
bench: install
	@command -v wrk >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py

# Brings the Hebrew catalogue (articles/locale/he/LC_MESSAGES/django.po) in step with
# the reader pages: new strings come in empty, to be translated, then django.mo is
# compiled; both are committed. The admin stays in English.
translations: install
	$(TEST_ENV) $(BIN)/python manage.py makemessages --locale he --no-location \
		--no-obsolete --ignore 'templates/admin' --ignore 'articles/admin' \
		--ignore tests --ignore bench --ignore media --ignore staticfiles
	$(TEST_ENV) $(BIN)/python manage.py compilemessages --locale he --ignore '.venv'

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
