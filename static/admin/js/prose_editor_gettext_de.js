/* German for the body editor's dialogs. django-prose-editor asks window.gettext (Django's
   JavaScript catalogue) for them, and the admin's catalogue lacks these strings; like
   urlify_de.js, this wraps the global before the editor's module reads it (a classic script
   runs before any module). */
(function () {
    "use strict";
    const GERMAN = {
        "Edit Link": "Link einfügen oder bearbeiten",
        "URL": "Adresse (https://…, mailto:…)",
        "Title": "Titel (optional, erscheint beim Überfahren)",
        "Open in new window": "In neuem Fenster öffnen",
        "Update": "Übernehmen",
        "Cancel": "Abbrechen",
    };
    const djangoGettext = window.gettext || ((msgid) => msgid);
    window.gettext = (msgid) => GERMAN[msgid] || djangoGettext(msgid);
})();
