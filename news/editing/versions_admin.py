"""Compare two versions of an article in its history, and restore only after asking."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from .diff import article_changes


class ArticleVersionsAdminMixin:
    """Adds "Änderungen" to a VersionAdmin's history and a German confirmation to restore."""

    object_history_template = "admin/news/article/object_history.html"
    revision_form_template = "admin/news/article/revision_form.html"

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        return [compare, *super().get_urls()]

    def _url(self, name, *args):
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}", args=args
        )

    def _versions(self, request, object_id):
        """Return the object and its versions, newest first, or refuse."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Diesen Artikel gibt es nicht.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj, list(Version.objects.get_for_object(obj).select_related("revision__user"))

    def history_view(self, request, object_id, extra_context=None):
        obj, versions = self._versions(request, object_id)
        rows = [
            {
                "version": version,
                "restore_url": self._url("revision", obj.pk, version.pk),
                "compare_url": (
                    f"{self._url('compare', obj.pk)}?von={older.pk}&bis={version.pk}"
                    if older
                    else None
                ),
            }
            for version, older in zip(versions, [*versions[1:], None], strict=True)
        ]
        context = {"version_rows": rows, "compare_url": self._url("compare", obj.pk)}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def compare_view(self, request, object_id):
        obj, versions = self._versions(request, object_id)
        by_id = {str(version.pk): version for version in versions}
        if len(versions) < 2:
            raise Http404("Es gibt noch keine zwei Fassungen zum Vergleichen.")
        older = by_id.get(request.GET.get("von", str(versions[1].pk)))
        newer = by_id.get(request.GET.get("bis", str(versions[0].pk)))
        if older is None or newer is None:
            raise Http404("Diese Fassung gehört nicht zu diesem Artikel.")
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "original": obj,
            "title": f"Änderungen an „{obj}“",
            "older": older,
            "newer": newer,
            "changes": article_changes(older.field_dict, newer.field_dict),
            "restore_url": self._url("revision", obj.pk, older.pk),
            "history_url": self._url("history", obj.pk),
        }
        return TemplateResponse(request, "admin/news/article/compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        context = {
            "restore_version": Version.objects.filter(pk=version_id)
            .select_related("revision__user")
            .first(),
            "compare_current_url": f"{self._url('compare', unquote(object_id))}?von={version_id}",
        }
        return super().revision_view(
            request, object_id, version_id, {**context, **(extra_context or {})}
        )
