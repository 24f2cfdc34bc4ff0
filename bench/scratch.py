"""Scratch PostgreSQL databases for the benchmarks, made beside the one a URL names."""

from urllib.parse import urlsplit, urlunsplit


def scratch_postgres(url, suffix):
    """Create an empty database "<name><suffix>" on the server in `url`.

    Returns its URL, the URL of the server's `postgres` database (to drop it later) and its name.
    """
    import psycopg

    parts = urlsplit(url)
    name = (parts.path.lstrip("/") or "postgres") + suffix
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), admin, name


def drop_postgres(admin, name):
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
