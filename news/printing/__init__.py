"""Print an article: the print view ("Druckversion") and its PDF. The PDF is rendered from
the same template by WeasyPrint with a fetcher that reads only the portal's own files
(pdf.py), in the task worker and a child process under CPU, memory, time and page limits
(tasks.py, sandbox.py), stored in the default media storage under a name that carries
the article's version (services.py, models.py), and served from there (views.py); a
reader never waits for a render."""
