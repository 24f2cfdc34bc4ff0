"""The demo's translations: the seed article "KL.digital bekommt neue Geschäftsleitung" in
English, Arabic and Ukrainian, written for the demo from the German text, released, and
marked as demo translations (the page says so).

Proper names, the company's name and the competition and journal names stay as they are;
the German institutions are named in the target language with the German name beside them
where a reader would look for it.
"""

from django.db import transaction

from .demo import GESCHAEFTSLEITUNG, body_html
from .models import Article, ArticleTranslation

TRANSLATOR = "Demo: für die Vorführung des Portals übersetzt, nicht amtlich geprüft"

TRANSLATIONS = {
    "en": {
        "slug": "kl-digital-gets-new-management",
        "title": "KL.digital gets new management",
        "lead": "KL.digital, Kaiserslautern's municipal company for shaping the city's urban development, will have a new managing director from 1 February 2022: Ilona Benz.",
        "image_alt": "Placeholder graphic with the lettering KL.digital and “Kaiserslautern”",
        "image_caption": "KL.digital's new managing director, Ilona Benz.",
        "body": [
            "The new managing director of KL.digital, the company for the planning, project development, implementation and consolidation of urban development measures in the city of Kaiserslautern, is Ilona Benz. The current head of the digitalisation unit at the Gemeindetag Baden-Württemberg, the association of municipalities in Baden-Württemberg, will move to KL.digital on 1 February 2022 to succeed Martin Verlage, who will not extend his contract beyond the end of the year. As the city, KL.digital's sole shareholder, reports, the new managing director has already introduced herself officially at a press event.",
            "“I am looking forward to this responsible and important task and would like to do my part in accompanying Kaiserslautern on its ‘herzlich digital’ path,” said Benz, alluding to the motto of the model city for digitalisation. According to the city, the 31-year-old also teaches public administration staff throughout Germany, alongside her work at the Gemeindetag Baden-Württemberg, which is coming to an end and whose digitalisation unit she built up herself and has led since 2018. Benz, who is also a jury member of the renowned e-government competition of Bearing Point/Cisco and a columnist for the trade journal “Kommunal”, is currently writing her doctorate on smart cities in Friedrichshafen.",
            "Kaiserslautern's Chief Digital Officer (CDO), Professor Dieter Rombach, and Lord Mayor Klaus Weichel outlined the new managing director's future areas of work at her introduction. According to Rombach, Kaiserslautern has made an excellent name for itself across Germany over the past four years as a municipal pioneer in digitalisation, and many projects have already been carried out. The results of these projects now have to be made permanent, and at the same time the foundations must be laid for the city's future development.",
            "One important focus is to anchor the digitalisation structures firmly in the administration, the city explains. A department for “Digitalisation and Innovation” is to be set up within the administration, as well as a digitalisation committee of the city council. The posts of CDO and Chief Urban Officer, which the emeritus professors Dieter Rombach and Gerhard Steinebach have so far held on a voluntary basis, are also soon to be included in KL.digital's budget and filled full-time by two new people.",
            "At the press event, Rombach for his part argued for more agile project structures within the administration, in which the staff must be involved without fail. As a second focus, the honorary CDO named the stronger involvement of the city's residents in the development of the digital city. More active programmes and more active participation are needed to recapture the spirit of the time of the Bitkom competition. While in the first phase projects were carried out for the city, the success story now has to be continued together with the city. Digital transformation has to arrive at the heart of society. Like Lord Mayor Weichel, Rombach too, according to the city, is fully convinced that in Ilona Benz the right person has been found for this.",
        ],
    },
    "ar": {
        "slug": "kl-digital-idara-jadida",
        "title": "إدارة جديدة لشركة KL.digital",
        "lead": "تحصل شركة KL.digital، الشركة البلدية التابعة لمدينة كايزرسلاوترن والمعنية بتشكيل التنمية الحضرية، على مديرة جديدة اعتبارًا من الأول من فبراير 2022، هي إيلونا بنتس.",
        "image_alt": "رسم مؤقت يحمل عبارة KL.digital وكلمة «Kaiserslautern»",
        "image_caption": "إيلونا بنتس، المديرة الجديدة لشركة KL.digital.",
        "body": [
            "المديرة الجديدة لشركة KL.digital، وهي الشركة المعنية بتخطيط إجراءات التنمية الحضرية لمدينة كايزرسلاوترن وإعداد مشاريعها وتنفيذها وترسيخها، هي إيلونا بنتس. وستنتقل رئيسة وحدة الرقمنة الحالية في اتحاد بلديات ولاية بادن-فورتمبيرغ إلى KL.digital في الأول من فبراير 2022، لتخلف مارتن فيرلاغه الذي لن يمدد عقده إلى ما بعد نهاية العام. وبحسب ما أفادت به المدينة، المالكة الوحيدة لشركة KL.digital، فقد قدّمت المديرة الجديدة نفسها رسميًا في مؤتمر صحفي.",
            "وقالت بنتس: «أتطلع إلى هذه المهمة المهمة والمسؤولة، وأودّ أن أسهم في مرافقة كايزرسلاوترن على طريقها الرقمي النابع من القلب»، في إشارة إلى شعار المدينة النموذجية للرقمنة «herzlich digital». وبحسب المدينة، تعمل بنتس البالغة من العمر 31 عامًا محاضِرةً لموظفي الإدارات العامة في جميع أنحاء ألمانيا، إلى جانب عملها الذي يقترب من نهايته في اتحاد بلديات بادن-فورتمبيرغ، حيث أسست وحدة الرقمنة بنفسها وتتولى رئاستها منذ عام 2018. وتُعدّ بنتس، وهي أيضًا عضو في لجنة تحكيم مسابقة الحكومة الإلكترونية المرموقة التي تنظمها Bearing Point/Cisco وكاتبة عمود في المجلة المتخصصة «Kommunal»، أطروحة دكتوراه في فريدريشسهافن حول موضوع المدينة الذكية.",
            "وقد عرض كبير مسؤولي الرقمنة في كايزرسلاوترن، البروفيسور ديتر رومباخ، ورئيس البلدية كلاوس فايشل، مجالات العمل المقبلة للمديرة الجديدة خلال لقاء التعريف بها. وبحسب رومباخ، اكتسبت كايزرسلاوترن خلال السنوات الأربع الماضية سمعة ممتازة في أنحاء ألمانيا بوصفها رائدة بين البلديات في مجال الرقمنة، وقد نُفّذ كثير من المشاريع بالفعل. والآن يجب ترسيخ نتائج هذه المشاريع، وفي الوقت نفسه وضع الأساس لتنمية المدينة في المستقبل.",
            "وتوضح المدينة أن من أهم المحاور في ذلك ترسيخ هياكل الرقمنة ترسيخًا دائمًا في الإدارة. لذلك من المقرر إنشاء دائرة «الرقمنة والابتكار» داخل الإدارة، إضافة إلى لجنة للرقمنة في مجلس المدينة. كما يُنتظر أن يُدرج قريبًا في ميزانية KL.digital منصبا كبير مسؤولي الرقمنة وكبير مسؤولي التنمية الحضرية، اللذان شغلهما حتى الآن تطوعًا الأستاذان المتقاعدان ديتر رومباخ وغيرهارد شتاينباخ، وأن يشغلهما بدوام كامل شخصان جديدان.",
            "ومن جهته، دعا رومباخ في المؤتمر الصحفي إلى هياكل مشاريع أكثر مرونة داخل الإدارة، لا بد أن يُشرَك فيها الموظفون والموظفات. وذكر كبير مسؤولي الرقمنة المتطوع محورًا ثانيًا هو إشراك مجتمع المدينة بقدر أكبر في تطوير المدينة الرقمية. فلا بد من برامج أكثر نشاطًا ومشاركة أكثر فاعلية لاستعادة روح المرحلة التي رافقت مسابقة Bitkom. وإذا كانت المشاريع في المرحلة الأولى تُنجز من أجل المدينة، فإن قصة النجاح يجب أن تستمر الآن مع المدينة. ويجب أن يصل التحول الرقمي إلى قلب المجتمع. وبحسب المدينة، أبدى رومباخ، مثل رئيس البلدية فايشل، اقتناعه التام بأن إيلونا بنتس هي الشخص المناسب لذلك.",
        ],
    },
    "uk": {
        "slug": "kl-digital-otrymuie-nove-kerivnytstvo",
        "title": "KL.digital отримує нове керівництво",
        "lead": "KL.digital, муніципальна компанія Кайзерслаутерна, що формує міський розвиток, з 1 лютого 2022 року отримує нову директорку — Ілону Бенц.",
        "image_alt": "Графіка-заглушка з написом KL.digital і «Kaiserslautern»",
        "image_caption": "Нова директорка KL.digital Ілона Бенц.",
        "body": [
            "Нову директорку KL.digital — компанії з планування, проєктування, впровадження та закріплення заходів міського розвитку Кайзерслаутерна — звати Ілона Бенц. Нинішня керівниця відділу цифровізації Союзу громад землі Баден-Вюртемберг 1 лютого 2022 року перейде до KL.digital, щоб змінити Мартіна Ферлаге, який не продовжуватиме свій контракт після завершення року. Як повідомляє місто, єдиний власник KL.digital, нова директорка вже офіційно представилася на пресконференції.",
            "«Я радію цьому відповідальному й важливому завданню і хочу зробити свій внесок, щоб супроводжувати Кайзерслаутерн на його „сердечно цифровому“ шляху», — сказала Бенц, натякаючи на гасло модельного міста цифровізації «herzlich digital». За інформацією міста, 31-річна Бенц, окрім своєї роботи в Союзі громад Баден-Вюртембергу, яка добігає кінця і де вона сама створила відділ цифровізації та керує ним з 2018 року, викладає для працівників органів влади по всій Німеччині. Бенц, яка також є членкинею журі відомого фахового конкурсу з електронного врядування від Bearing Point/Cisco та колумністкою фахового журналу «Kommunal», нині пише у Фрідріхсгафені дисертацію на тему розумного міста.",
            "Майбутні напрями роботи нової директорки під час її представлення окреслили головний цифровий директор (CDO) Кайзерслаутерна професор Дітер Ромбах і обербургомістр Клаус Вайхель. За словами Ромбаха, за останні чотири роки Кайзерслаутерн здобув чудову репутацію по всій Німеччині як муніципальний лідер у питаннях цифровізації, і вже вдалося реалізувати багато проєктів. Тепер ці результати треба закріпити, а водночас закласти основу для майбутнього розвитку міста.",
            "Важливим пріоритетом при цьому є стале закріплення структур цифровізації в міській адміністрації, пояснюють у місті. Так, в адміністрації має з’явитися відділ «Цифровізація та інновації», а також комітет міської ради з питань цифровізації. Крім того, посади CDO та головного урбаніста (Chief Urban Officer), які досі на громадських засадах обіймали почесні професори Дітер Ромбах і Ґергард Штайнебах, незабаром мають бути закладені в бюджет KL.digital, а обійматимуть їх на повну ставку двоє нових фахівців.",
            "На пресконференції Ромбах зі свого боку виступив за гнучкіші проєктні структури в адміністрації, до яких неодмінно треба залучати працівниць і працівників. Другим пріоритетом CDO, який працює на громадських засадах, назвав активніше залучення міської спільноти до розвитку цифрового міста. Потрібні активніші програми й активніша участь, щоб знову досягти духу часів конкурсу Bitkom. Якщо на першому етапі проєкти робили для міста, то тепер історію успіху треба продовжувати разом із містом. Цифрова трансформація має дійти до самої серцевини суспільства. Як і обербургомістр Вайхель, Ромбах, за словами міста, цілком переконаний, що в особі Ілони Бенц знайдено саме ту людину, яка для цього потрібна.",
        ],
    },
}


@transaction.atomic
def load_translation_demo():
    """Create the demo translations that do not exist yet; return how many were new."""
    article = Article.objects.filter(slug=GESCHAEFTSLEITUNG["slug"]).first()
    if article is None:
        return 0
    created = 0
    for language, data in TRANSLATIONS.items():
        if ArticleTranslation.objects.filter(article=article, language=language).exists():
            continue  # an editor's changes to a demo translation stay
        ArticleTranslation.objects.create(
            article=article,
            language=language,
            slug=data["slug"],
            title=data["title"],
            lead=data["lead"],
            body=body_html(data["body"]),
            image_alt=data["image_alt"],
            image_caption=data["image_caption"],
            translator=TRANSLATOR,
            is_demo=True,
            is_released=True,
        )
        created += 1
    return created
