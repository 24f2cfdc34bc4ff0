"""Scratch PostgreSQL databases for the benchmarks, made beside the one a URL names."""

from urllib.parse import urlsplit, urlunsplit


def scratch_postgres(url, suffix, keep=False):
    """Create an empty database "<name><suffix>" on the server in `url` (with `keep`, reuse it).

    Returns its URL, the URL of the server's `postgres` database (to drop it later) and its name.
    """
    import psycopg

    parts = urlsplit(url)
    name = (parts.path.lstrip("/") or "postgres") + suffix
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        if not (keep and connection.execute(query, [name]).fetchone()):
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), admin, name


def drop_postgres(admin, name):
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
