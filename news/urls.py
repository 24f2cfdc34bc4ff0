from django.urls import path

from . import feeds, search, sharing, views
from .accessibility import views as accessibility
from .newsletter import views as newsletter
from .printing import views as printing

app_name = "news"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("suche/", search.ArticleSearchView.as_view(), name="search"),
    # The statement keeps the standing page's address; its text is the statement's intro.
    path(
        "seite/barrierefreiheit/",
        accessibility.AccessibilityStatementView.as_view(),
        name="accessibility-statement",
    ),
    path("seite/<slug:slug>/", views.PageDetailView.as_view(), name="page"),
    path("barriere-melden/", accessibility.BarrierReportView.as_view(), name="barrier-report"),
    path(
        "barriere-melden/eingegangen/",
        accessibility.BarrierReportReceivedView.as_view(),
        name="barrier-report-received",
    ),
    path("korrekturen/", views.CorrectionListView.as_view(), name="corrections"),
    path("newsletter/", newsletter.NewsletterView.as_view(), name="newsletter"),
    path(
        "newsletter/angefordert/",
        newsletter.NewsletterRequestedView.as_view(),
        name="newsletter-requested",
    ),
    path(
        "newsletter/kuendigen/", newsletter.NewsletterCancelView.as_view(), name="newsletter-cancel"
    ),
    path(
        "newsletter/kuendigen/angefordert/",
        newsletter.NewsletterRequestedView.as_view(extra_context={"cancel": True}),
        name="newsletter-cancel-requested",
    ),
    path(
        "newsletter/bestaetigen/<str:token>/",
        newsletter.NewsletterConfirmView.as_view(),
        name="newsletter-confirm",
    ),
    path(
        "newsletter/abo/<str:token>/",
        newsletter.NewsletterManageView.as_view(),
        name="newsletter-manage",
    ),
    path(
        "newsletter/abmelden/<str:token>/",
        newsletter.NewsletterUnsubscribeView.as_view(),
        name="newsletter-unsubscribe",
    ),
    path("meldung/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path(
        "meldung/<slug:slug>/leichte-sprache/",
        views.EasyReadDetailView.as_view(),
        name="easy-read",
    ),
    path(
        "meldung/<slug:slug>/leichte-sprache/druck/",
        printing.EasyReadPrintView.as_view(),
        name="easy-read-print",
    ),
    path(
        "meldung/<slug:slug>/leichte-sprache/pdf/",
        printing.EasyReadPdfView.as_view(),
        name="easy-read-pdf",
    ),
    path("meldung/<slug:slug>/druck/", printing.ArticlePrintView.as_view(), name="print"),
    path("meldung/<slug:slug>/pdf/", printing.ArticlePdfView.as_view(), name="pdf"),
    path("meldung/<slug:slug>/mailen/", sharing.ArticleShareView.as_view(), name="share"),
    path("rubrik/<slug:slug>/", views.SectionArticleListView.as_view(), name="section"),
    path("stichwort/<slug:slug>/", views.TagArticleListView.as_view(), name="tag"),
    path("archiv/<int:year>/", views.ArticleYearArchiveView.as_view(), name="archive-year"),
    path(
        "archiv/<int:year>/<int:month>/",
        views.ArticleMonthArchiveView.as_view(),
        name="archive-month",
    ),
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("rubrik/<slug:slug>/rss/", feeds.SectionArticlesFeed(), name="section-feed-rss"),
    path("rubrik/<slug:slug>/atom/", feeds.SectionArticlesAtomFeed(), name="section-feed-atom"),
    path("stichwort/<slug:slug>/rss/", feeds.TagArticlesFeed(), name="tag-feed-rss"),
    path("stichwort/<slug:slug>/atom/", feeds.TagArticlesAtomFeed(), name="tag-feed-atom"),
]
