"""Reads whose SQL the ORM builds once per process and database (issue 18).

Building a read's SQL (joins, columns, ordering, converters) costs the ORM several times what
the database spends answering a read by key: about 0.7 ms against 0.1 ms. A `Prebuilt` read is
a queryset compiled once with placeholders for its values; each call runs that SQL with the
values given and turns the rows into instances, those of `select_related` and annotations
included, with the compiler that built it, as the ORM would (a `values_list()` read: tuples).

Such reads run again and again with other values, so on PostgreSQL they are prepared
statements (`repeated_statement_cursor`): the server plans each once per connection instead of
per request, about 0.13 ms of its CPU a read by key.
"""

from datetime import UTC, datetime, timedelta
from functools import cache as once
from functools import cached_property

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

ANY_ID = -(2**62)  # a key no row has: a placeholder for a primary or foreign key
ANY_SLUG = "\0slug\0"  # no address has a NUL: a placeholder for a slug
ANY_MOMENT = datetime(1, 1, 1, tzinfo=UTC)  # a moment no row has: for a DateTimeField


def another(placeholder, n):
    """Return the `n`th placeholder of the kind of `placeholder`, for reads that need several."""
    return placeholder + (timedelta(days=n) if isinstance(placeholder, datetime) else n)


class Prebuilt:
    """A read built by `make_queryset(**placeholders)`; called with real values, it returns
    the list of instances that queryset would with them.

    A placeholder is a value no call ever passes (a negative key, a string with a NUL, a
    moment in the year 1), found again among the compiled parameters: the ORM must pass it on
    unchanged, as it does for exact lookups and comparisons, or adapted as a DateTimeField's
    value (SQLite's text), as the values given are then.
    """

    def __init__(self, make_queryset, **placeholders):
        self.make_queryset = make_queryset
        self.placeholders = placeholders
        self.built = {}  # database alias → (compiler, sql, params, {position: name}, converters)

    @cached_property
    def model(self):
        return self.make_queryset(**self.placeholders).model

    def __call__(self, **values):
        database = router.db_for_read(self.model)
        compiler, sql, params, names, converters = self.build(database)
        connection = connections[database]
        params = [
            adapted(connection, values[names[i]]) if i in names else param
            for i, param in enumerate(params)
        ]
        rows = fetch_repeated(connection, sql, params)
        if converters:
            rows = compiler.apply_converters(rows, converters)
        if compiler.klass_info is None:  # values_list(): tuples
            return [tuple(row) for row in rows]
        return list(instances(compiler, rows, database))

    def build(self, database):
        if database not in self.built:
            queryset = self.make_queryset(**self.placeholders).using(database)
            compiler = queryset.query.get_compiler(database)
            sql, params = compiler.as_sql()  # fills compiler.select and klass_info too
            connection = connections[database]
            by_value = {adapted(connection, v): name for name, v in self.placeholders.items()}
            names = {i: by_value[p] for i, p in enumerate(params) if is_placeholder(p, by_value)}
            if set(names.values()) != set(self.placeholders):
                raise ValueError(f"The ORM did not pass on the placeholders of {queryset!r}.")
            # The database's converters of each column, found once (results_iter() asks on
            # every call); no model here has a composite key, which would need more.
            columns = [column[0] for column in compiler.select[: compiler.col_count]]
            converters = compiler.get_converters(columns)
            self.built[database] = (compiler, sql, params, names, converters)
        return self.built[database]


class PrebuiltIn:
    """A read of the rows among a few keys, `make_queryset(keys, **placeholders)`, built once
    per number of keys rounded up to a power of two: the keys are padded with the last one
    (IN-list padding, as Hibernate's `in_clause_parameter_padding`), so that a handful of
    statements serve every call. The keys' placeholders are `another(ANY_ID, 100 + i)`.
    """

    def __init__(self, make_queryset, **placeholders):
        self.make_queryset, self.placeholders = make_queryset, placeholders
        self.reads = {}  # padded number of keys → Prebuilt

    def __call__(self, keys, **values):
        keys = list(keys)
        if not keys:
            return []
        size = 1 << (len(keys) - 1).bit_length()
        padded = keys + keys[-1:] * (size - len(keys))
        return self.read(size)(**values, **{f"key{i}": key for i, key in enumerate(padded)})

    def read(self, size):
        if size not in self.reads:
            names = [f"key{i}" for i in range(size)]

            def make_queryset(**values):
                return self.make_queryset([values.pop(name) for name in names], **values)

            slots = {name: another(ANY_ID, 100 + i) for i, name in enumerate(names)}
            self.reads[size] = Prebuilt(make_queryset, **self.placeholders, **slots)
        return self.reads[size]


def repeated_statement_cursor(connection):
    """Return a cursor for a statement run again and again with other values.

    On PostgreSQL, where the connection prepares statements (`prepare_threshold`, set by
    kldigital.services), it binds on the server, so that psycopg prepares the statement on
    its first run and the server plans it once per connection. Django's own cursors bind on
    the client and prepare nothing: the ORM's other statements vary too much to gain.
    Elsewhere, or with preparing off (PgBouncer before 1.21), it is the usual cursor.
    """
    # While queries are logged (DEBUG, a test counting them) Django's own cursor, whose log
    # shows each statement with its values.
    if connection.vendor != "postgresql" or connection.queries_logged:
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor  # needs psycopg

    connection.validate_thread_sharing()  # as Django does for its own cursors
    with connection.wrap_database_errors:
        return connection.make_cursor(ServerBindingCursor(connection.connection))


def fetch_repeated(connection, sql, params):
    """Return the rows of `sql` run with `params` as a repeated statement."""
    with repeated_statement_cursor(connection) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def read_instances(model, database, sql, params, names):
    """Return instances of `model` from the rows of `sql` (SQL of one's own, run as a repeated
    statement), which selects the model's fields `names` in the order `fields_of()` gives,
    converted as the ORM converts them."""
    connection = connections[database]
    fields, converters = fields_of(model, database, names)
    attnames = [field.attname for field in fields]
    instances = []
    for row in fetch_repeated(connection, sql, params):
        row = list(row)
        for position, functions, column in converters:
            for function in functions:
                row[position] = function(row[position], column, connection)
        instances.append(model.from_db(database, attnames, row))
    return instances


@once
def fields_of(model, database, names):
    """Return the fields `names` in the model's order (`from_db()` takes them so), and
    [(position, converters, column)] of those whose values the database's or the field's
    converters change, as a compiler finds them."""
    connection = connections[database]
    fields = [field for field in model._meta.concrete_fields if field.name in names]
    converters = []
    for position, field in enumerate(fields):
        column = field.get_col(model._meta.db_table)
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if functions:
            converters.append((position, functions, column))
    return fields, converters


def adapted(connection, value):
    """Return `value` as the ORM passes it to the database: a moment as a DateTimeField's."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def is_placeholder(param, by_value):
    try:
        return param in by_value
    except TypeError:  # an unhashable parameter (a list) is none of them
        return False


def instances(compiler, rows, database):
    """Yield the instances of `rows` (converted), read with what `compiler` learnt building
    their SQL."""
    select, klass_info = compiler.select, compiler.klass_info
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    names = [column[0].target.attname for column in select[start:end]]
    populators = get_related_populators(klass_info, select, database)
    annotations = compiler.annotation_col_map.items()
    for row in rows:
        instance = klass_info["model"].from_db(database, names, row[start:end])
        for populator in populators:
            populator.populate(row, instance)
        for name, position in annotations:
            setattr(instance, name, row[position])
        yield instance


def mark_read(instance, relation, model, objects):
    """Put `objects` (of `model`) in Django's prefetch cache of `instance.<relation>`, as
    prefetch_related does: the relation's manager then answers `all()` without a query."""
    read = QuerySet(model)
    read._result_cache, read._prefetch_done = list(objects), True
    vars(instance).setdefault("_prefetched_objects_cache", {})[relation] = read
