"""On PostgreSQL, refuse more simultaneous terms in a post than it has seats, in the database.

Term.clean() says the same in German for editors; this guard also holds for writes that skip
validation (bulk operations, scripts, two editors saving at once). A plain exclusion
constraint cannot do it: the number of seats lives on the post, and a term's "sure" span
depends on the precision of its dates. So two constraint triggers, deferred to the end of
the transaction (a formset may swap two terms' dates), lock the post row and count.

The SQL mirrors Term.certain_span and Post.holders_beside; change them together. SQLite
gets no trigger: Django rebuilds SQLite tables on most schema changes, which would drop it
silently, and SQLite serves only local development, where Term.clean() guards the data.
"""

from django.db import migrations

INSTALL = r"""
CREATE OR REPLACE FUNCTION people_partial_first_day(day date, day_precision varchar) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE day_precision
        WHEN 'year' THEN make_date(extract(year FROM day)::int, 1, 1)
        WHEN 'month' THEN make_date(extract(year FROM day)::int, extract(month FROM day)::int, 1)
        ELSE day END
$$;

CREATE OR REPLACE FUNCTION people_partial_last_day(day date, day_precision varchar) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE day_precision
        WHEN 'year' THEN make_date(extract(year FROM day)::int, 12, 31)
        WHEN 'month' THEN (people_partial_first_day(day, 'month') + interval '1 month' - interval '1 day')::date
        ELSE day END
$$;

-- The most terms of one post that surely run on the same day.
CREATE OR REPLACE FUNCTION people_post_busiest(p_post_id bigint) RETURNS integer
LANGUAGE sql STABLE AS $$
    WITH spans AS (
        SELECT low, high FROM (
            SELECT
                CASE
                    WHEN start_date IS NOT NULL THEN people_partial_last_day(start_date, start_precision)
                    WHEN end_date IS NOT NULL THEN people_partial_last_day(end_date, end_precision)
                    WHEN NOT is_end_unknown THEN 'infinity'::date
                END AS low,
                CASE
                    WHEN end_date IS NOT NULL THEN people_partial_first_day(end_date, end_precision)
                    WHEN NOT is_end_unknown THEN 'infinity'::date
                    WHEN start_date IS NOT NULL THEN people_partial_first_day(start_date, start_precision)
                END AS high
            FROM people_term WHERE post_id = p_post_id
        ) AS bounds
        WHERE low IS NOT NULL AND high IS NOT NULL AND low <= high
    )
    SELECT coalesce(max(holders), 0)::integer FROM (
        SELECT count(*) AS holders
        FROM (SELECT DISTINCT low AS day FROM spans) AS days
        JOIN spans ON spans.low <= days.day AND days.day <= spans.high
        GROUP BY days.day
    ) AS per_day
$$;

CREATE OR REPLACE FUNCTION people_post_check_seats(p_post_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    post_seats integer;
    post_label text;
    busiest integer;
BEGIN
    -- NO KEY UPDATE serialises concurrent checks of one post without blocking foreign keys.
    SELECT seats, label INTO post_seats, post_label FROM people_post WHERE id = p_post_id FOR NO KEY UPDATE;
    IF post_seats IS NULL THEN
        RETURN;
    END IF;
    busiest := people_post_busiest(p_post_id);
    IF busiest > post_seats THEN
        RAISE EXCEPTION 'Das Amt „%“ hat % Sitz(e), aber % Amtszeiten laufen gleichzeitig.',
            post_label, post_seats, busiest
            USING ERRCODE = 'exclusion_violation';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION people_term_guard_seats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM people_post_check_seats(NEW.post_id);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION people_post_guard_seats() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM people_post_check_seats(NEW.id);
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER people_term_seats
    AFTER INSERT OR UPDATE ON people_term
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION people_term_guard_seats();

CREATE CONSTRAINT TRIGGER people_post_seats
    AFTER UPDATE OF seats ON people_post
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION people_post_guard_seats();
"""

UNINSTALL = """
DROP TRIGGER IF EXISTS people_post_seats ON people_post;
DROP TRIGGER IF EXISTS people_term_seats ON people_term;
DROP FUNCTION IF EXISTS people_post_guard_seats();
DROP FUNCTION IF EXISTS people_term_guard_seats();
DROP FUNCTION IF EXISTS people_post_check_seats(bigint);
DROP FUNCTION IF EXISTS people_post_busiest(bigint);
DROP FUNCTION IF EXISTS people_partial_last_day(date, varchar);
DROP FUNCTION IF EXISTS people_partial_first_day(date, varchar);
"""


def run_on_postgresql(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # A cursor without parameters, so that the "%" of RAISE stays as it is.
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return operation


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0002_organizations_posts_terms"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(INSTALL), run_on_postgresql(UNINSTALL)),
    ]
