"""The translation catalogues: every public msgid translated in every language, none fuzzy,
placeholders kept, and the committed .po files up to date with the code and templates."""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SOURCES = ["kldigital", "news", "people", "templates"]
# The editors' admin stays German (README, Languages).
NOT_PUBLIC = ["templates/admin/*"]
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def catalogue(root, language):
    return polib.pofile(str(Path(root) / "locale" / language / "LC_MESSAGES" / "django.po"))


def problems(po):
    """Return the msgids of `po` that are untranslated, fuzzy or lose a placeholder."""
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        if "fuzzy" in entry.flags or not all(texts):
            found.append(("untranslated or fuzzy", entry.msgid))
        elif entry.msgid_plural:
            if not all(set(PLACEHOLDER.findall(text)) <= wanted for text in texts):
                found.append(("placeholders", entry.msgid))
        elif set(PLACEHOLDER.findall(entry.msgstr)) != wanted:
            found.append(("placeholders", entry.msgid))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_catalogue_is_complete(language):
    po = catalogue(settings.BASE_DIR, language)
    assert len(po) > 300
    assert po.metadata["Language"] == language
    assert not po.metadata_is_fuzzy
    assert problems(po) == []


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """Run makemessages over a copy of the sources, merged with the committed catalogues.

    New wrapped strings show up untranslated there, changed ones fuzzy.
    """
    root = tmp_path_factory.mktemp("messages")
    for name in SOURCES:
        (root / name).symlink_to(settings.BASE_DIR / name)
    shutil.copytree(settings.BASE_DIR / "locale", root / "locale")
    previous = os.getcwd()
    os.chdir(root)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(settings, "LOCALE_PATHS", [root / "locale"])
            call_command(
                "makemessages",
                locale=LANGUAGES,
                symlinks=True,
                ignore_patterns=NOT_PUBLIC,
                no_obsolete=True,
                verbosity=0,
            )
    finally:
        os.chdir(previous)
    return root


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_string_in_the_code_is_translated(fresh_catalogues, language):
    """Fails when a template or module wraps a string the .po files do not translate yet."""
    fresh = catalogue(fresh_catalogues, language)
    committed = {entry.msgid for entry in catalogue(settings.BASE_DIR, language)}
    assert problems(fresh) == []
    assert {entry.msgid for entry in fresh} == committed


def test_admin_templates_stay_out_of_the_catalogue():
    references = {
        path for entry in catalogue(settings.BASE_DIR, "en") for path, _ in entry.occurrences
    }
    assert references
    assert not [path for path in references if path.startswith("templates/admin/")]
