"""The article admin's editorial aids: checks before publishing, version comparison with a
restore that asks first, and the lead image's focal point with a preview of its renditions.

The rules live in plain modules (`news.checks`, `news.images`); these mixins only show them to
editors in `ArticleAdmin`.
"""
