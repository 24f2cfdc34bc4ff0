# kldigital: `make run` serves the demo portal, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
FONTS := static/fonts/.installed
NPM_DIR := .assets
# Latin, Latin Extended and Cyrillic from Source Sans/Serif; Arabic from IBM Plex Sans Arabic and
# Amiri, whose glyphs map back to text in PDFs (static/css/fonts.css).
FONT_PACKAGES := @fontsource/source-sans-3@5.2 @fontsource/source-serif-4@5.2 \
	@fontsource/ibm-plex-sans-arabic@5.2 @fontsource/amiri@5.2
FONT_SUBSETS := latin latin-ext cyrillic
TEST_PACKAGES := axe-core@4.14 vnu-jar@26.9
export DJANGO_SETTINGS_MODULE := kldigital.settings

# Local runs: debug on, plain http. Tests: debug off (as in production), plain http.
RUN_ENV := DJANGO_DEBUG=1
TEST_ENV := DJANGO_SECRET_KEY=insecure-test-key DJANGO_SECURE_SSL_REDIRECT=0 \
	DJANGO_PASSWORD_HASHERS=django.contrib.auth.hashers.MD5PasswordHasher

DEMO_VIDEO := .demo-media/dgs-demo.mp4

.PHONY: run worker test assets messages install migrate demo demo-video collectstatic lint clean backup restore

# The task worker (PDFs) runs beside the development server and stops with it.
run: install assets messages demo-video
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py loaddemo
	$(RUN_ENV) $(BIN)/python manage.py taskworker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# The task worker alone, in the foreground, with the web server's environment (production:
# under the process manager, beside gunicorn).
worker: install
	$(BIN)/python manage.py taskworker

test: install assets messages collectstatic
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# Third-party assets come from registries at set-up time; none are committed. nginx-light:
# tests/test_nginx.py runs the shipped deploy/nginx configuration (its own port, never :80).
assets: $(FONTS)

$(FONTS): Makefile
	@ldconfig -p | grep -q libpangoft2 && command -v chromium >/dev/null && command -v java >/dev/null \
	  && command -v ffmpeg >/dev/null && command -v msgfmt >/dev/null && test -x /usr/sbin/nginx || { \
	  apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 chromium \
	    $$(command -v java >/dev/null || echo default-jre-headless) \
	    $$(command -v ffmpeg >/dev/null || echo ffmpeg) \
	    $$(command -v msgfmt >/dev/null || echo gettext) \
	    $$(test -x /usr/sbin/nginx || echo nginx-light); }
	mkdir -p $(NPM_DIR) static/fonts
	npm install --prefix $(NPM_DIR) --no-save --no-audit --no-fund --loglevel=error $(FONT_PACKAGES) $(TEST_PACKAGES)
	for family in source-sans-3 source-serif-4; do \
	  for subset in $(FONT_SUBSETS); do \
	    for style in 400-normal 400-italic 700-normal 700-italic; do \
	      cp $(NPM_DIR)/node_modules/@fontsource/$$family/files/$$family-$$subset-$$style.woff* static/fonts/; \
	    done; \
	  done; \
	  cp $(NPM_DIR)/node_modules/@fontsource/$$family/LICENSE static/fonts/$$family-LICENSE.txt; \
	done
	for family in ibm-plex-sans-arabic amiri; do \
	  for style in 400-normal 700-normal; do \
	    cp $(NPM_DIR)/node_modules/@fontsource/$$family/files/$$family-arabic-$$style.woff* static/fonts/; \
	  done; \
	  cp $(NPM_DIR)/node_modules/@fontsource/$$family/LICENSE static/fonts/$$family-LICENSE.txt; \
	done
	touch $@

# The demo's sign-language slot: an 8-second test picture (no real sign language) made by
# Debian's ffmpeg; `loaddemo` attaches it with captions and a poster. Without ffmpeg the slot
# says that there is no video yet.
demo-video: $(DEMO_VIDEO)

$(DEMO_VIDEO): | $(FONTS)
	mkdir -p $(@D)
	ffmpeg -loglevel error -y -f lavfi -i testsrc=size=640x360:rate=25:duration=8 \
	  -c:v libx264 -pix_fmt yuv420p -movflags +faststart $@ \
	  || { rm -f $@; echo "ffmpeg fehlt oder schlug fehl: die Demo hat kein Video in Gebärdensprache."; }

# Compiled translations (.mo) are build artefacts, made from the committed .po files.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)

messages: $(PO_FILES:.po=.mo)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(INSTALLED) $(FONTS)
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --locale $* --ignore=$(VENV) --ignore=$(NPM_DIR)

collectstatic: install assets
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0

# Backups read the same environment as the web server (DATABASE_URL, DJANGO_MEDIA_ROOT, …).
BACKUP_DIR ?= backups/$(shell date +%Y-%m-%d-%H%M%S)

backup:
	$(BIN)/python manage.py backup $(BACKUP_DIR)

restore:
	@test "$(origin BACKUP_DIR)" != file || { echo "Usage: make restore BACKUP_DIR=backups/…"; exit 2; }
	$(BIN)/python manage.py restore $(BACKUP_DIR)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) $(NPM_DIR) static/fonts staticfiles media db.sqlite3 .demo-media locale/*/LC_MESSAGES/*.mo
