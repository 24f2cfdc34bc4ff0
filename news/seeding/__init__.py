"""Many realistic articles for benchmarks and load tests (`manage.py seedarticles`).

Article number n (1, 2, 3, …) is always the same article: its text, tags, people and slug
come from a random generator seeded with n, and its slug ends in "-n". A run writes only the
numbers whose slug is not in the database yet, so running it twice adds nothing and a larger
count adds the difference. Article n appears 25 minutes (plus up to 20) before article n - 1,
counted back from the moment of the run: 100,000 articles reach back about five years.

The rows go in with bulk_create, which sends no signals; each batch is indexed for the search
in the same transaction, so an interrupted run leaves only complete, findable articles.
"""

from .articles import make_article, seed_articles, seed_people, seed_sections, seed_tags

__all__ = ["make_article", "seed_articles", "seed_people", "seed_sections", "seed_tags"]
