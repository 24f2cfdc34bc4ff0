from django.contrib.sitemaps import Sitemap

from .models import Organization, Person, Post


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Person.objects.only("slug", "updated_at")

    def lastmod(self, person):
        return person.updated_at


class PostSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Post.objects.only("slug", "updated_at")

    def lastmod(self, post):
        return post.updated_at


class OrganizationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Organization.objects.only("slug", "updated_at")

    def lastmod(self, organization):
        return organization.updated_at
