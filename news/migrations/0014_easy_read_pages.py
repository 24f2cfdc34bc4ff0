"""The four explanations in Leichte Sprache that BITV 2.0 §4 asks for on the start page.

A first draft for this portal; editors keep them in the admin ("Seiten").
"""

from django.db import migrations

INHALT = """<p>Diese Internet-Seite heißt KL.digital Nachrichten.</p>
<p>Hier stehen Nachrichten.</p>
<p>Die Nachrichten sind über die Stadt Kaiserslautern.</p>
<p>Und über andere Städte in Deutschland.</p>
<h2>Worum geht es in den Nachrichten?</h2>
<p>Es geht um Computer und Internet in der Stadt.</p>
<p>Zum Beispiel:</p>
<ul>
<li>Wie die Stadt-Verwaltung digital arbeitet.</li>
<li>Wie Technik den Verkehr sicherer macht.</li>
<li>Wer in der Stadt für diese Arbeit zuständig ist.</li>
</ul>
<p>Digital heißt: mit Computern und Internet.</p>
<h2>Wer schreibt die Nachrichten?</h2>
<p>Die Nachrichten schreibt die Firma KL.digital.</p>
<p>Die Firma gehört der Stadt Kaiserslautern.</p>
<h2>Was gibt es noch auf dieser Internet-Seite?</h2>
<p>Es gibt eine Liste mit Personen.</p>
<p>Dort steht: Wer hat welche Aufgabe in der Stadt?</p>
<p>Und seit wann?</p>
<p>Sie können Nachrichten ausdrucken.</p>
<p>Sie können Nachrichten per E-Mail an andere Menschen schicken.</p>
<p>Sie können einen Newsletter bestellen.</p>
<p>Ein Newsletter ist eine E-Mail mit neuen Nachrichten.</p>"""

NAVIGATION = """<p>Hier steht: So finden Sie sich auf dieser Internet-Seite zurecht.</p>
<h2>Oben auf jeder Seite</h2>
<p>Oben links steht: KL.digital Nachrichten.</p>
<p>Wenn Sie darauf klicken, kommen Sie zur Start-Seite.</p>
<p>Oben gibt es ein Such-Feld.</p>
<p>Dort können Sie ein Wort schreiben.</p>
<p>Dann zeigt die Seite alle Nachrichten mit diesem Wort.</p>
<p>Unter dem Such-Feld ist eine Leiste mit Links.</p>
<p>Dort finden Sie die Themen und die Liste mit Personen.</p>
<h2>In der Mitte</h2>
<p>In der Mitte stehen die Nachrichten.</p>
<p>Die neueste Nachricht steht oben.</p>
<p>Klicken Sie auf die Überschrift.</p>
<p>Dann sehen Sie die ganze Nachricht.</p>
<h2>Unten auf jeder Seite</h2>
<p>Ganz unten stehen wichtige Links.</p>
<p>Zum Beispiel: Impressum.</p>
<p>Dort steht, wer für diese Internet-Seite verantwortlich ist.</p>
<h2>Mit der Tastatur</h2>
<p>Sie können die Seite auch ohne Maus benutzen.</p>
<p>Drücken Sie die Taste Tab.</p>
<p>Dann springen Sie zum nächsten Link.</p>
<p>Drücken Sie die Taste Enter.</p>
<p>Dann öffnet sich der Link.</p>
<h2>Schrift größer machen</h2>
<p>Halten Sie die Taste Strg gedrückt.</p>
<p>Drücken Sie dazu die Taste Plus.</p>
<p>Dann wird die Schrift größer.</p>"""

BARRIEREFREIHEIT = """<p>Diese Internet-Seite soll für alle Menschen gut zu benutzen sein.</p>
<p>Auch für Menschen mit Behinderung.</p>
<p>Das nennt man: barriere-frei.</p>
<h2>Was wir dafür tun</h2>
<p>Wir prüfen die Internet-Seite oft.</p>
<p>Ein Computer-Programm sucht dabei nach Fehlern.</p>
<p>Wir achten auf gut lesbare Schrift.</p>
<p>Und auf starke Farben.</p>
<p>Bilder haben eine Beschreibung.</p>
<p>Ein Vorlese-Programm kann die Beschreibung vorlesen.</p>
<h2>Was noch nicht gut ist</h2>
<p>Nicht alle Nachrichten gibt es in Leichter Sprache.</p>
<p>Nicht alle Erklärungen gibt es schon in Gebärden-Sprache.</p>
<h2>Die ganze Erklärung</h2>
<p>Es gibt eine lange Erklärung zur Barriere-Freiheit.</p>
<p>Die Erklärung ist in schwerer Sprache.</p>
<p>Sie finden die Erklärung unten auf jeder Seite.</p>
<p>Der Link heißt: Erklärung zur Barrierefreiheit.</p>
<h2>Sie haben ein Problem gefunden?</h2>
<p>Etwas auf der Seite funktioniert nicht für Sie?</p>
<p>Dann schreiben Sie uns bitte.</p>
<p>Wir antworten Ihnen.</p>"""

WEITERE = """<p>Hier steht: Welche Texte gibt es noch in Leichter Sprache?</p>
<p>Und welche Videos gibt es in Gebärden-Sprache?</p>
<h2>Nachrichten in Leichter Sprache</h2>
<p>Manche Nachrichten gibt es auch in Leichter Sprache.</p>
<p>Sie finden diese Nachrichten auf der Start-Seite.</p>
<p>Die Überschrift dort heißt: Leichte Sprache.</p>
<p>Bei der Nachricht steht oben ein Link.</p>
<p>Der Link heißt: Leichte Sprache.</p>
<h2>Videos in Gebärden-Sprache</h2>
<p>Gebärden-Sprache ist die Sprache von vielen gehörlosen Menschen.</p>
<p>Gebärden-Sprache spricht man mit den Händen.</p>
<p>Einige Erklärungen gibt es als Video in Gebärden-Sprache.</p>
<p>Die Videos haben auch Untertitel.</p>
<p>Sie können die Videos herunterladen.</p>
<p>Diese Erklärungen haben dieses Zeichen: zwei Hände.</p>"""

PAGES = [
    ("leichte-sprache-inhalt", "Was steht auf dieser Internet-Seite?", INHALT, 10),
    ("leichte-sprache-navigation", "So finden Sie sich zurecht", NAVIGATION, 11),
    ("leichte-sprache-barrierefreiheit", "Ist diese Seite barriere-frei?", BARRIEREFREIHEIT, 12),
    ("leichte-sprache-weitere-angebote", "Mehr in Leichter Sprache und Gebärden-Sprache", WEITERE, 13),
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("news", "Page")
    for slug, title, body, order in PAGES:
        Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "body": body,
                "order": order,
                "show_in_footer": False,
                "is_easy_read": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0013_easy_read_and_sign_language")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
