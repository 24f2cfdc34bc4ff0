"""Back up and restore the database and the media files, while the site keeps running.

A backup is a folder with two files: the database (`database.sqlite3`, made with SQLite's
online backup API, or `database.pgdump`, pg_dump's custom format) and `media.tar` (every file
of the media storage, disk or S3). Both database formats copy everything, not only Django's
models: the search index, the cache table and the sequences come back as they were, from one
consistent snapshot taken while readers and editors keep working. `dumpdata` would miss the
tables that are not models and reload far slower; its one advantage, portability between
database engines, is not what a restore after a loss needs.
"""

import os
import sqlite3
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
MEDIA_FILE = "media.tar"


class BackupError(Exception):
    """A backup or restore that could not be made; the message says why, in German."""


def backup(folder, using="default"):
    """Write the database and the media files into `folder`; return the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_FILE)
        with target:
            connection.connection.backup(target)
        target.close()
        database_file = folder / SQLITE_FILE
    elif connection.vendor == "postgresql":
        database_file = folder / POSTGRES_FILE
        _run_postgres("pg_dump", connection, "--format=custom", f"--file={database_file}")
    else:
        raise BackupError(f"Datenbank „{connection.vendor}“ wird nicht unterstützt.")
    media_file = folder / MEDIA_FILE
    with tarfile.open(media_file, "w") as archive:
        for name in _stored_files():
            with default_storage.open(name, "rb") as stored:
                info = tarfile.TarInfo(name)
                info.size = default_storage.size(name)
                archive.addfile(info, stored)
    return [database_file, media_file]


def restore(folder, using="default"):
    """Replace the database and add the media files with what `backup` wrote into `folder`."""
    folder = Path(folder)
    connection = connections[using]
    if connection.vendor == "sqlite":
        _require(folder / SQLITE_FILE)
        connection.ensure_connection()
        source = sqlite3.connect(folder / SQLITE_FILE)
        source.backup(connection.connection)
        source.close()
    elif connection.vendor == "postgresql":
        _require(folder / POSTGRES_FILE)
        connection.close()  # pg_restore replaces tables this connection may hold locks on
        _run_postgres(
            "pg_restore",
            connection,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            str(folder / POSTGRES_FILE),
        )
    else:
        raise BackupError(f"Datenbank „{connection.vendor}“ wird nicht unterstützt.")
    _require(folder / MEDIA_FILE)
    with tarfile.open(folder / MEDIA_FILE) as archive:
        for member in archive:
            name = PurePosixPath(member.name)
            if not member.isfile() or name.is_absolute() or ".." in name.parts:
                continue  # only plain files inside the media folder
            if default_storage.exists(member.name):
                default_storage.delete(member.name)
            default_storage.save(member.name, ContentFile(archive.extractfile(member).read()))
    cache.clear()  # cached pages and PDFs show the database that was just replaced


def _stored_files(folder=""):
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:  # no upload yet, so no media folder
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from _stored_files(f"{folder}/{directory}" if folder else directory)


def _require(path):
    if not path.is_file():
        raise BackupError(f"Im Sicherungsordner fehlt {path.name}.")


def _run_postgres(program, connection, *arguments):
    """Run pg_dump or pg_restore against the connection's database, with its credentials."""
    params = connection.settings_dict
    environment = os.environ | {
        "PGHOST": params.get("HOST") or "",
        "PGPORT": str(params.get("PORT") or ""),
        "PGUSER": params.get("USER") or "",
        "PGPASSWORD": params.get("PASSWORD") or "",
        "PGDATABASE": params["NAME"],
    }
    environment = {key: value for key, value in environment.items() if value}
    result = subprocess.run(
        [program, *arguments, f"--dbname={params['NAME']}"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise BackupError(f"{program} ist fehlgeschlagen: {result.stderr.strip()[-2000:]}")
