/* Slugs pre-filled in the admin spell German out as news/text.py does on the server:
   "Geschäftsleitung" → "geschaeftsleitung", "KL.digital" → "kl-digital". Django's own
   URLify would drop the umlaut's dots ("geschaftsleitung"). */
(function () {
    "use strict";
    const GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", ".": "-"};
    const djangoURLify = window.URLify;
    window.URLify = function (text, maxLength, allowUnicode) {
        return djangoURLify(text.replace(/[äöüÄÖÜß.]/g, (c) => GERMAN[c]), maxLength, allowUnicode);
    };
})();
