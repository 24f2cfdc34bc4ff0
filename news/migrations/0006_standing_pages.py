from django.db import migrations

IMPRESSUM = """<p>Angaben gemäß § 5 Digitale-Dienste-Gesetz und § 18 Medienstaatsvertrag.</p>
<h2>Anbieter</h2>
<p>KL.digital GmbH, eine Gesellschaft der Stadt Kaiserslautern<br>[Anschrift bitte ergänzen]</p>
<h2>Vertreten durch</h2>
<p>[Geschäftsführung bitte ergänzen]</p>
<h2>Kontakt</h2>
<p>[E-Mail-Adresse und Telefonnummer bitte ergänzen]</p>
<h2>Registereintrag</h2>
<p>[Registergericht und Registernummer bitte ergänzen]</p>
<h2>Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV</h2>
<p>[Name und Anschrift bitte ergänzen]</p>"""

DATENSCHUTZ = """<p>Diese Seite erklärt, welche Daten das Nachrichtenportal verarbeitet, wenn Sie es nutzen.</p>
<h2>Lesen</h2>
<p>Das Portal lädt Schriften, Bilder, Stile und Skripte ausschließlich von seinem eigenen Server. Es bindet keine Dienste Dritter ein, setzt keine Analyse- oder Werbewerkzeuge ein und legt beim Lesen keine Cookies an. Der Webserver verarbeitet technisch notwendige Angaben (IP-Adresse, Zeitpunkt, aufgerufene Adresse), um die Seiten auszuliefern und vor Missbrauch zu schützen.</p>
<h2>Anzeigen</h2>
<p>Anzeigen werden vom Portal selbst ausgeliefert. Es wird nicht gezählt, wer sie sieht oder anklickt.</p>
<h2>Link mailen</h2>
<p>Wenn Sie einen Artikel per E-Mail weiterempfehlen, wird die Nachricht an die angegebene Adresse verschickt und nicht gespeichert. Um Missbrauch zu verhindern, zählt das Portal für kurze Zeit, wie oft von Ihrer Verbindung und an dieselbe Adresse versandt wurde; dabei werden nur verschlüsselte Prüfsummen, nicht die Adressen selbst, gespeichert.</p>
<h2>Newsletter</h2>
<p>Für den Newsletter speichern wir Ihre E-Mail-Adresse, die gewählten Rubriken und den Zeitpunkt Ihrer Einwilligung. Erst nach Ihrer Bestätigung über den Link in der ersten E-Mail erhalten Sie Newsletter (Double-Opt-in); unbestätigte Anmeldungen werden nach einigen Tagen gelöscht. Jede Ausgabe enthält einen Link zum Abbestellen.</p>
<h2>Verantwortliche Stelle und Ihre Rechte</h2>
<p>[Verantwortliche Stelle und Kontakt der oder des Datenschutzbeauftragten bitte ergänzen]</p>
<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung sowie das Recht auf Beschwerde bei einer Datenschutz-Aufsichtsbehörde.</p>"""

BARRIEREFREIHEIT = """<p>Die KL.digital GmbH ist bemüht, dieses Nachrichtenportal im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und den Web Content Accessibility Guidelines (WCAG 2.1, Stufe AA) barrierefrei zugänglich zu machen.</p>
<h2>Stand der Vereinbarkeit</h2>
<p>Die öffentlichen Seiten des Portals – Meldungen, Rubriken, Stichwörter, Archiv, Suche, Personen, Druckversion, „Link mailen“ und Newsletter – sind nach unserer Prüfung mit den Anforderungen vereinbar. Die PDF-Fassung der Meldungen ist getaggt (PDF/UA-1), nennt ihre Sprache und beschreibt Bilder mit Alternativtexten.</p>
<h2>Wie wir prüfen</h2>
<p>Bei jeder Änderung des Portals prüfen automatische Tests alle Seitenarten in einem echten Browser mit der Prüfbibliothek axe-core auf die Kriterien der WCAG 2.1 A und AA, bedienen „Link mailen“ allein mit der Tastatur und prüfen die Darstellung von 320 Pixeln Breite bis zu großen Bildschirmen und bei 200 % Vergrößerung. Automatische Tests finden nicht jede Barriere; für Hinweise sind wir dankbar.</p>
<h2>Feedback und Kontakt</h2>
<p>Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Schreiben Sie uns: [Kontaktadresse bitte ergänzen]</p>
<h2>Schlichtungsverfahren</h2>
<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die Schlichtungsstelle des Landes wenden: [Anschrift bitte ergänzen]</p>"""

PAGES = [
    ("impressum", "Impressum", IMPRESSUM, 0),
    ("datenschutz", "Datenschutz", DATENSCHUTZ, 1),
    ("barrierefreiheit", "Erklärung zur Barrierefreiheit", BARRIEREFREIHEIT, 2),
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("news", "Page")
    for slug, title, body, order in PAGES:
        Page.objects.get_or_create(slug=slug, defaults={"title": title, "body": body, "order": order})


class Migration(migrations.Migration):
    dependencies = [("news", "0005_page")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
