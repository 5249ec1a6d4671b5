import os
import sys
from babel.messages.pofile import read_po, write_po
from babel.messages.catalog import Catalog
from babel import Locale
POT = "src/wipofeeds/locale/messages.pot"  # run from the repository root
H = {  # html ones with markup, by a short key
 "data": 'Data for programs: <a href="%(home)ssessions.json">sessions.json</a> (<a href="%(root)ssessions.schema.json">schema</a>) · changes as <a href="%(home)schanges.rss">RSS</a> and <a href="%(home)schanges.atom">Atom</a>',
 "series1": 'Each series has its own calendar and feeds. <a href="%(root)sall/index.html">All series together</a> have theirs too.',
 "series2": 'Each series has its own calendar and feeds; <a href="%(root)sall/index.html">all series together</a> have theirs too. <a href="%(root)s%(series_index)s">The series, on one page</a>.',
 "follow": 'Follow every session: <a href="%(webcal)s">subscribe to the calendar</a> or see <a href="%(home)sindex.html">all sessions</a>.',
 "last": 'Last change <time datetime="%(updated_iso)s">%(updated_text)s</time>.',
 "published": 'Sessions published by <a href="%(author_url)s">%(author)s</a>.',
}
def span(a, b): return f'{a}<span class="visually-hidden">{b}</span>'
T = {}
def add(lang, pairs):
    T[lang] = pairs
# English source → translation; plural as tuple
fr = {
 ("%(count)s session", "%(count)s sessions"): ("%(count)s session", "%(count)s de sessions", "%(count)s sessions"),
 ".ics": span(".ics", " : fichier de %(label)s"),
 "About": "Présentation", "Add this session to your calendar": "Ajouter cette session à votre agenda",
 "Add to Google Calendar": "Ajouter à Google Agenda", "Add to Outlook (Microsoft 365)": "Ajouter à Outlook (Microsoft 365)",
 "Add to Outlook.com": "Ajouter à Outlook.com", "Add to Outlook.com (%(label)s)": "Ajouter à Outlook.com (%(label)s)",
 "Addresses, for apps that ask for one": "Adresses, pour les applications qui en demandent une",
 "Atom": span("Atom", " : fil de %(label)s"), "Attendance": "Participation", "Browse the sessions": "Parcourir les sessions",
 "Copy": span("Copier", " %(what)s"),
 "data": 'Données pour les programmes : <a href="%(home)ssessions.json">sessions.json</a> (<a href="%(root)ssessions.schema.json">schéma</a>) · modifications en <a href="%(home)schanges.rss">RSS</a> et <a href="%(home)schanges.atom">Atom</a>',
 "Day": "Jour", "Day by day": "Jour par jour", "Download .ics": "Télécharger le fichier .ics",
 "Download .ics (Apple Calendar, Outlook, Thunderbird…)": "Télécharger le fichier .ics (Apple Calendrier, Outlook, Thunderbird…)",
 "Each page lists the sessions of one year, one way of attending or one topic, with its own calendar and feeds.":
   "Chaque page présente les sessions d’une année, d’un mode de participation ou d’un thème, avec son propre agenda et ses propres fils.",
 "series1": 'Chaque série a son propre agenda et ses propres fils. <a href="%(root)sall/index.html">L’ensemble des séries</a> a aussi les siens.',
 "series2": 'Chaque série a son propre agenda et ses propres fils ; <a href="%(root)sall/index.html">l’ensemble des séries</a> a aussi les siens. <a href="%(root)s%(series_index)s">Toutes les séries sur une page</a>.',
 "Every meeting series": "Toutes les séries de réunions", "Find a session": "Rechercher une session",
 "follow": 'Suivre toutes les sessions : <a href="%(webcal)s">s’abonner à l’agenda</a> ou voir <a href="%(home)sindex.html">toutes les sessions</a>.',
 "Google": span("Google", " Agenda : ajouter %(label)s"), "Happening now": "En cours", "Held on %(dates)s": "Tenue le %(dates)s",
 "History on this site": "Historique sur ce site", "Home": "Accueil", "In UTC": "En UTC",
 "JSON": span("JSON", " Feed de %(label)s"), "Join online": "Participer en ligne", "Languages": "Langues",
 "last": 'Dernière modification : <time datetime="%(updated_iso)s">%(updated_text)s</time>.',
 "Microsoft 365": span("Microsoft 365", " Outlook : ajouter %(label)s"), "More": "En savoir plus",
 "Next or latest session:": "Prochaine ou dernière session :", "Next session:": "Session suivante :",
 "No sessions have been announced yet.": "Aucune session n’a encore été annoncée.",
 "No upcoming session has been announced yet. Subscribe above to hear of the next one.": "Aucune session à venir n’a encore été annoncée. Abonnez-vous ci-dessus pour être informé de la prochaine.",
 "Other sessions of this series": "Autres sessions de cette série", "Outlook": span("Outlook", ".com : ajouter %(label)s"),
 "Past sessions": "Sessions passées", "Previous session:": "Session précédente :", "RSS": span("RSS", " : fil de %(label)s"),
 "Series": "Séries", "Session %(ordinal)s": "Session %(ordinal)s", "Sessions": "Sessions",
 "published": 'Sessions publiées par <a href="%(author_url)s">%(author)s</a>.', "Skip to content": "Aller au contenu",
 "Subscribe in your calendar app": "S’abonner dans votre application d’agenda", "Subscribe to every session": "S’abonner à toutes les sessions",
 "Subscribe": span("S’abonner", " à %(label)s dans votre application d’agenda"),
 "This series on WIPO's website": "Cette série sur le site Web de l’OMPI", "Topics": "Thèmes", "Topics:": "Thèmes :",
 "Upcoming session": "Session à venir", "Upcoming sessions": "Sessions à venir", "When": "Date", "Where": "Lieu",
 "Your calendar adds new sessions and updates changed ones by itself.": "Votre agenda ajoute les nouvelles sessions et met à jour celles qui changent, automatiquement.",
 "Your time": "Votre heure",
}

# Spanish: usted, as WIPO writes; "sesión" (numbered session of a committee); Babel's es has
# three plural forms (one, many = a million and more, other).
es = {
 ("%(count)s session", "%(count)s sessions"): ("%(count)s sesión", "%(count)s de sesiones", "%(count)s sesiones"),
 ".ics": span(".ics", ": archivo de %(label)s"),
 "About": "Descripción", "Add this session to your calendar": "Añadir esta sesión a su calendario",
 "Add to Google Calendar": "Añadir a Google Calendar", "Add to Outlook (Microsoft 365)": "Añadir a Outlook (Microsoft 365)",
 "Add to Outlook.com": "Añadir a Outlook.com", "Add to Outlook.com (%(label)s)": "Añadir a Outlook.com (%(label)s)",
 "Addresses, for apps that ask for one": "Direcciones, para las aplicaciones que piden una",
 "Atom": span("Atom", ": canal de %(label)s"), "Attendance": "Modalidad", "Browse the sessions": "Explorar las sesiones",
 "Copy": span("Copiar", " %(what)s"),
 "data": 'Datos para programas: <a href="%(home)ssessions.json">sessions.json</a> (<a href="%(root)ssessions.schema.json">esquema</a>) · cambios en <a href="%(home)schanges.rss">RSS</a> y <a href="%(home)schanges.atom">Atom</a>',
 "Day": "Día", "Day by day": "Día a día", "Download .ics": "Descargar el archivo .ics",
 "Download .ics (Apple Calendar, Outlook, Thunderbird…)": "Descargar el archivo .ics (Calendario de Apple, Outlook, Thunderbird…)",
 "Each page lists the sessions of one year, one way of attending or one topic, with its own calendar and feeds.":
   "Cada página presenta las sesiones de un año, de una modalidad de participación o de un tema, con su propio calendario y sus propios canales.",
 "series1": 'Cada serie tiene su propio calendario y sus propios canales. <a href="%(root)sall/index.html">Todas las series juntas</a> también tienen los suyos.',
 "series2": 'Cada serie tiene su propio calendario y sus propios canales; <a href="%(root)sall/index.html">todas las series juntas</a> también tienen los suyos. <a href="%(root)s%(series_index)s">Todas las series en una página</a>.',
 "Every meeting series": "Todas las series de reuniones", "Find a session": "Buscar una sesión",
 "follow": 'Siga todas las sesiones: <a href="%(webcal)s">suscríbase al calendario</a> o consulte <a href="%(home)sindex.html">todas las sesiones</a>.',
 "Google": span("Google", " Calendar: añadir %(label)s"), "Happening now": "En curso", "Held on %(dates)s": "Celebrada el %(dates)s",
 "History on this site": "Historial en este sitio", "Home": "Inicio", "In UTC": "En UTC",
 "JSON": span("JSON", " Feed de %(label)s"), "Join online": "Participar en línea", "Languages": "Idiomas",
 "last": 'Última modificación: <time datetime="%(updated_iso)s">%(updated_text)s</time>.',
 "Microsoft 365": span("Microsoft 365", " Outlook: añadir %(label)s"), "More": "Más información",
 "Next or latest session:": "Próxima o última sesión:", "Next session:": "Sesión siguiente:",
 "No sessions have been announced yet.": "Todavía no se ha anunciado ninguna sesión.",
 "No upcoming session has been announced yet. Subscribe above to hear of the next one.": "Todavía no se ha anunciado ninguna sesión futura. Suscríbase más arriba para enterarse de la próxima.",
 "Other sessions of this series": "Otras sesiones de esta serie", "Outlook": span("Outlook", ".com: añadir %(label)s"),
 "Past sessions": "Sesiones anteriores", "Previous session:": "Sesión anterior:", "RSS": span("RSS", ": canal de %(label)s"),
 "Series": "Series", "Session %(ordinal)s": "%(ordinal)s.ª sesión", "Sessions": "Sesiones",
 "published": 'Sesiones publicadas por <a href="%(author_url)s">%(author)s</a>.', "Skip to content": "Ir al contenido",
 "Subscribe in your calendar app": "Suscribirse en su aplicación de calendario", "Subscribe to every session": "Suscribirse a todas las sesiones",
 "Subscribe": span("Suscribirse", " a %(label)s en su aplicación de calendario"),
 "This series on WIPO's website": "Esta serie en el sitio web de la OMPI", "Topics": "Temas", "Topics:": "Temas:",
 "Upcoming session": "Próxima sesión", "Upcoming sessions": "Próximas sesiones", "When": "Fecha", "Where": "Lugar",
 "Your calendar adds new sessions and updates changed ones by itself.": "Su calendario añade las nuevas sesiones y actualiza por sí solo las que cambian.",
 "Your time": "Su hora",
}

# Russian: "сессия" as WIPO's Russian documents say (серия заседаний for a meeting series);
# a name inside a sentence goes in «…» so that it needs no declension. Three plural forms.
ru = {
 ("%(count)s session", "%(count)s sessions"): ("%(count)s сессия", "%(count)s сессии", "%(count)s сессий"),
 ".ics": span(".ics", "-файл: %(label)s"),
 "About": "Описание", "Add this session to your calendar": "Добавить эту сессию в свой календарь",
 "Add to Google Calendar": "Добавить в Google Календарь", "Add to Outlook (Microsoft 365)": "Добавить в Outlook (Microsoft 365)",
 "Add to Outlook.com": "Добавить в Outlook.com", "Add to Outlook.com (%(label)s)": "Добавить в Outlook.com (%(label)s)",
 "Addresses, for apps that ask for one": "Адреса для приложений, которые их запрашивают",
 "Atom": span("Atom", "-лента: %(label)s"), "Attendance": "Формат участия", "Browse the sessions": "Обзор сессий",
 "Copy": span("Копировать", " %(what)s"),
 "data": 'Данные для программ: <a href="%(home)ssessions.json">sessions.json</a> (<a href="%(root)ssessions.schema.json">схема</a>) · изменения в форматах <a href="%(home)schanges.rss">RSS</a> и <a href="%(home)schanges.atom">Atom</a>',
 "Day": "День", "Day by day": "По дням", "Download .ics": "Скачать файл .ics",
 "Download .ics (Apple Calendar, Outlook, Thunderbird…)": "Скачать файл .ics (Календарь Apple, Outlook, Thunderbird…)",
 "Each page lists the sessions of one year, one way of attending or one topic, with its own calendar and feeds.":
   "На каждой странице — сессии одного года, одного формата участия или одной темы, со своим календарём и своими лентами.",
 "series1": 'У каждой серии свой календарь и свои ленты. У <a href="%(root)sall/index.html">всех серий вместе</a> они тоже есть.',
 "series2": 'У каждой серии свой календарь и свои ленты; у <a href="%(root)sall/index.html">всех серий вместе</a> они тоже есть. <a href="%(root)s%(series_index)s">Все серии на одной странице</a>.',
 "Every meeting series": "Все серии заседаний", "Find a session": "Найти сессию",
 "follow": 'Следите за всеми сессиями: <a href="%(webcal)s">подпишитесь на календарь</a> или откройте <a href="%(home)sindex.html">список всех сессий</a>.',
 "Google": span("Google", " Календарь: добавить «%(label)s»"), "Happening now": "Проходит сейчас", "Held on %(dates)s": "Состоялась %(dates)s",
 "History on this site": "История изменений на этом сайте", "Home": "Главная", "In UTC": "По UTC",
 "JSON": span("JSON", " Feed: %(label)s"), "Join online": "Подключиться онлайн", "Languages": "Языки",
 "last": 'Последнее изменение: <time datetime="%(updated_iso)s">%(updated_text)s</time>',  # the date ends in "г."
 "Microsoft 365": span("Microsoft 365", " Outlook: добавить «%(label)s»"), "More": "Подробнее",
 "Next or latest session:": "Следующая или последняя сессия:", "Next session:": "Следующая сессия:",
 "No sessions have been announced yet.": "Пока не объявлено ни одной сессии.",
 "No upcoming session has been announced yet. Subscribe above to hear of the next one.": "О предстоящих сессиях пока не объявлено. Подпишитесь выше, чтобы узнать о следующей.",
 "Other sessions of this series": "Другие сессии этой серии", "Outlook": span("Outlook", ".com: добавить «%(label)s»"),
 "Past sessions": "Прошедшие сессии", "Previous session:": "Предыдущая сессия:", "RSS": span("RSS", "-лента: %(label)s"),
 "Series": "Серии", "Session %(ordinal)s": "%(ordinal)s-я сессия", "Sessions": "Сессии",
 "published": 'Сессии опубликованы: <a href="%(author_url)s">%(author)s</a>.', "Skip to content": "Перейти к содержанию",
 "Subscribe in your calendar app": "Подписаться в приложении календаря", "Subscribe to every session": "Подписаться на все сессии",
 "Subscribe": span("Подписаться", " на «%(label)s» в приложении календаря"),
 "This series on WIPO's website": "Эта серия на сайте ВОИС", "Topics": "Темы", "Topics:": "Темы:",
 "Upcoming session": "Предстоящая сессия", "Upcoming sessions": "Предстоящие сессии", "When": "Время проведения", "Where": "Место проведения",
 "Your calendar adds new sessions and updates changed ones by itself.": "Ваш календарь сам добавит новые сессии и обновит изменённые.",
 "Your time": "Ваше время",
}

# Arabic: "دورة" (feminine: مختلطة، منعقدة), verbal nouns on buttons as Arabic interfaces do;
# LRM = U+200E before a Latin ".ics" so that its dot stays on its left in right-to-left text.
# Six plural forms: zero, one, two, few (3–10), many (11–99), other (100…).
LRM = "\u200e"
ar = {
 ("%(count)s session", "%(count)s sessions"): ("%(count)s دورة", "دورة واحدة", "دورتان", "%(count)s دورات", "%(count)s دورة", "%(count)s دورة"),
 ".ics": span(LRM + ".ics", ": ملف %(label)s"),
 "About": "نبذة عن الدورة", "Add this session to your calendar": "إضافة هذه الدورة إلى تقويمك",
 "Add to Google Calendar": "إضافة إلى تقويم Google", "Add to Outlook (Microsoft 365)": "إضافة إلى Outlook (Microsoft 365)",
 "Add to Outlook.com": "إضافة إلى Outlook.com", "Add to Outlook.com (%(label)s)": "إضافة إلى Outlook.com (%(label)s)",
 "Addresses, for apps that ask for one": "العناوين، للتطبيقات التي تطلب عنواناً",
 "Atom": span("Atom", ": خلاصة %(label)s"), "Attendance": "طريقة المشاركة", "Browse the sessions": "تصفّح الدورات",
 "Copy": span("نسخ", " %(what)s"),
 "data": 'بيانات للبرامج: <a href="%(home)ssessions.json">sessions.json</a> (<a href="%(root)ssessions.schema.json">المخطط</a>) · التغييرات بصيغتي <a href="%(home)schanges.rss">RSS</a> و<a href="%(home)schanges.atom">Atom</a>',
 "Day": "اليوم", "Day by day": "يوماً بيوم", "Download .ics": "تنزيل ملف " + LRM + ".ics",
 "Download .ics (Apple Calendar, Outlook, Thunderbird…)": "تنزيل ملف " + LRM + ".ics (تقويم Apple وOutlook وThunderbird وغيرها)",
 "Each page lists the sessions of one year, one way of attending or one topic, with its own calendar and feeds.":
   "تعرض كل صفحة دورات سنة واحدة أو طريقة مشاركة واحدة أو موضوع واحد، ولكل صفحة تقويمها وخلاصاتها الخاصة.",
 "series1": 'لكل سلسلة تقويمها وخلاصاتها الخاصة. و<a href="%(root)sall/index.html">لجميع السلاسل معاً</a> تقويم وخلاصات كذلك.',
 "series2": 'لكل سلسلة تقويمها وخلاصاتها الخاصة، و<a href="%(root)sall/index.html">لجميع السلاسل معاً</a> تقويم وخلاصات كذلك. <a href="%(root)s%(series_index)s">جميع السلاسل في صفحة واحدة</a>.',
 "Every meeting series": "جميع سلاسل الاجتماعات", "Find a session": "البحث عن دورة",
 "follow": 'تابع جميع الدورات: <a href="%(webcal)s">اشترك في التقويم</a> أو اطّلع على <a href="%(home)sindex.html">جميع الدورات</a>.',
 "Google": span("Google", ": إضافة %(label)s إلى تقويم Google"), "Happening now": "منعقدة الآن", "Held on %(dates)s": "عُقدت في %(dates)s",
 "History on this site": "سجل التغييرات على هذا الموقع", "Home": "الصفحة الرئيسية", "In UTC": "بتوقيت UTC",
 "JSON": span("JSON", " Feed: %(label)s"), "Join online": "المشاركة عبر الإنترنت", "Languages": "اللغات",
 "last": 'آخر تغيير: <time datetime="%(updated_iso)s">%(updated_text)s</time>.',
 "Microsoft 365": span("Microsoft 365", ": إضافة %(label)s إلى Outlook"), "More": "مزيد من المعلومات",
 "Next or latest session:": "الدورة التالية أو الأخيرة:", "Next session:": "الدورة التالية:",
 "No sessions have been announced yet.": "لم يُعلَن عن أي دورة بعد.",
 "No upcoming session has been announced yet. Subscribe above to hear of the next one.": "لم يُعلَن عن أي دورة مقبلة بعد. اشترك أعلاه ليصلك خبر الدورة التالية.",
 "Other sessions of this series": "دورات أخرى من هذه السلسلة", "Outlook": span("Outlook", ".com: إضافة %(label)s"),
 "Past sessions": "الدورات السابقة", "Previous session:": "الدورة السابقة:", "RSS": span("RSS", ": خلاصة %(label)s"),
 "Series": "السلاسل", "Session %(ordinal)s": "الدورة %(ordinal)s", "Sessions": "الدورات",
 "published": 'الدورات من نشر <a href="%(author_url)s">%(author)s</a>.', "Skip to content": "الانتقال إلى المحتوى",
 "Subscribe in your calendar app": "الاشتراك عبر تطبيق التقويم لديك", "Subscribe to every session": "الاشتراك في جميع الدورات",
 "Subscribe": span("اشتراك", " في %(label)s عبر تطبيق التقويم لديك"),
 "This series on WIPO's website": "هذه السلسلة على موقع الويبو", "Topics": "المواضيع", "Topics:": "المواضيع:",
 "Upcoming session": "دورة مقبلة", "Upcoming sessions": "الدورات المقبلة", "When": "الموعد", "Where": "المكان",
 "Your calendar adds new sessions and updates changed ones by itself.": "يضيف تقويمك الدورات الجديدة ويحدّث الدورات المعدّلة تلقائياً.",
 "Your time": "توقيتك المحلي",
}

# Chinese (Simplified): 第…届会议 for a numbered session, 会议 for sessions in general, WIPO = 产权组织;
# full-width punctuation, a space between Chinese and a Latin word (none before a number). One plural form.
zh = {
 ("%(count)s session", "%(count)s sessions"): ("%(count)s届会议",),
 ".ics": span(".ics", " 文件：%(label)s"),
 "About": "简介", "Add this session to your calendar": "将本届会议添加到您的日历",
 "Add to Google Calendar": "添加到 Google 日历", "Add to Outlook (Microsoft 365)": "添加到 Outlook（Microsoft 365）",
 "Add to Outlook.com": "添加到 Outlook.com", "Add to Outlook.com (%(label)s)": "添加到 Outlook.com（%(label)s）",
 "Addresses, for apps that ask for one": "订阅地址（供要求输入地址的应用使用）",
 "Atom": span("Atom", " 订阅源：%(label)s"), "Attendance": "参会方式", "Browse the sessions": "浏览会议",
 "Copy": span("复制", "%(what)s"),
 "data": '供程序使用的数据：<a href="%(home)ssessions.json">sessions.json</a>（<a href="%(root)ssessions.schema.json">模式</a>）· 变更订阅：<a href="%(home)schanges.rss">RSS</a> 和 <a href="%(home)schanges.atom">Atom</a>',
 "Day": "日期", "Day by day": "每日安排", "Download .ics": "下载 .ics 文件",
 "Download .ics (Apple Calendar, Outlook, Thunderbird…)": "下载 .ics 文件（Apple 日历、Outlook、Thunderbird 等）",
 "Each page lists the sessions of one year, one way of attending or one topic, with its own calendar and feeds.":
   "每个页面列出某一年、某种参会方式或某一主题的会议，并有各自的日历和订阅源。",
 "series1": '每个系列都有各自的日历和订阅源。<a href="%(root)sall/index.html">所有系列合在一起</a>也有自己的日历和订阅源。',
 "series2": '每个系列都有各自的日历和订阅源；<a href="%(root)sall/index.html">所有系列合在一起</a>也有自己的日历和订阅源。<a href="%(root)s%(series_index)s">在一个页面上查看所有系列</a>。',
 "Every meeting series": "所有会议系列", "Find a session": "查找会议",
 "follow": '关注所有会议：<a href="%(webcal)s">订阅日历</a>或查看<a href="%(home)sindex.html">全部会议</a>。',
 "Google": span("Google", " 日历：添加%(label)s"), "Happening now": "正在举行", "Held on %(dates)s": "已于%(dates)s举行",
 "History on this site": "本网站上的更新记录", "Home": "首页", "In UTC": "UTC 时间",
 "JSON": span("JSON", " Feed：%(label)s"), "Join online": "线上参会", "Languages": "语言",
 "last": '最近更新：<time datetime="%(updated_iso)s">%(updated_text)s</time>。',
 "Microsoft 365": span("Microsoft 365", " Outlook：添加%(label)s"), "More": "更多信息",
 "Next or latest session:": "下一届或最近一届会议：", "Next session:": "下一届会议：",
 "No sessions have been announced yet.": "尚未公布任何会议。",
 "No upcoming session has been announced yet. Subscribe above to hear of the next one.": "尚未公布即将举行的会议。请在上方订阅，以便获悉下一届会议。",
 "Other sessions of this series": "本系列的其他届会", "Outlook": span("Outlook", ".com：添加%(label)s"),
 "Past sessions": "以往会议", "Previous session:": "上一届会议：", "RSS": span("RSS", " 订阅源：%(label)s"),
 "Series": "系列", "Session %(ordinal)s": "第%(ordinal)s届会议", "Sessions": "会议",
 "published": '会议信息由<a href="%(author_url)s">%(author)s</a>发布。', "Skip to content": "跳到主要内容",
 "Subscribe in your calendar app": "在日历应用中订阅", "Subscribe to every session": "订阅所有会议",
 "Subscribe": span("订阅", "%(label)s（在日历应用中）"),
 "This series on WIPO's website": "产权组织网站上的本系列会议", "Topics": "主题", "Topics:": "主题：",
 "Upcoming session": "即将举行", "Upcoming sessions": "即将举行的会议", "When": "时间", "Where": "地点",
 "Your calendar adds new sessions and updates changed ones by itself.": "您的日历会自动添加新会议并更新有变动的会议。",
 "Your time": "您的当地时间",
}

# Words still written in English by the code (not yet marked for gettext when these tables
# were written): ready for when they are. An entry no message of the template uses is ignored.
AHEAD = {
 "fr": {"Hybrid": "Hybride", "Virtual": "Virtuelle", "In person": "En présentiel", "all day": "toute la journée",
        "(all day)": "(toute la journée)", "By year": "Par année", "By way of attending": "Par mode de participation",
        "By topic": "Par thème", "Breadcrumb": "Fil d’Ariane", "Calendar": "Agenda",
        "the calendar address": "l’adresse de l’agenda", "the RSS feed address": "l’adresse du fil RSS",
        "the Atom feed address": "l’adresse du fil Atom", "the JSON Feed address": "l’adresse du JSON Feed",
        "Announced": "Annoncée", "New dates": "Nouvelles dates", "New hours": "Nouveaux horaires",
        "New place or way of attending": "Nouveau lieu ou mode de participation", "Renamed": "Renommée",
        "Cancelled": "Annulée", "Postponed": "Reportée", "Confirmed again": "De nouveau confirmée",
        "Description, topics or links updated": "Description, thèmes ou liens mis à jour",
        "Withdrawn from the listing": "Retirée de la liste", "First published here, after the session": "Publiée ici pour la première fois, après la session",
        "New dates (were %(dates)s)": "Nouvelles dates (auparavant : %(dates)s)", "Renamed (was “%(title)s”)": "Renommée (auparavant : « %(title)s »)",
        "This session on WIPO's website": "Cette session sur le site Web de l’OMPI", "More about this session (%(host)s)": "En savoir plus sur cette session (%(host)s)"},
 "es": {"Hybrid": "Híbrida", "Virtual": "Virtual", "In person": "Presencial", "all day": "todo el día",
        "(all day)": "(todo el día)", "By year": "Por año", "By way of attending": "Por modalidad",
        "By topic": "Por tema", "Breadcrumb": "Ruta de navegación", "Calendar": "Calendario",
        "the calendar address": "la dirección del calendario", "the RSS feed address": "la dirección del canal RSS",
        "the Atom feed address": "la dirección del canal Atom", "the JSON Feed address": "la dirección del JSON Feed",
        "Announced": "Anunciada", "New dates": "Nuevas fechas", "New hours": "Nuevo horario",
        "New place or way of attending": "Nuevo lugar o nueva modalidad", "Renamed": "Nuevo título",
        "Cancelled": "Cancelada", "Postponed": "Aplazada", "Confirmed again": "Confirmada de nuevo",
        "Description, topics or links updated": "Descripción, temas o enlaces actualizados",
        "Withdrawn from the listing": "Retirada de la lista", "First published here, after the session": "Publicada aquí por primera vez, después de la sesión",
        "New dates (were %(dates)s)": "Nuevas fechas (antes: %(dates)s)", "Renamed (was “%(title)s”)": "Nuevo título (antes: «%(title)s»)",
        "This session on WIPO's website": "Esta sesión en el sitio web de la OMPI", "More about this session (%(host)s)": "Más información sobre esta sesión (%(host)s)"},
 "ru": {"Hybrid": "Гибридный формат", "Virtual": "Виртуальный формат", "In person": "Очный формат", "all day": "весь день",
        "(all day)": "(весь день)", "By year": "По годам", "By way of attending": "По формату участия",
        "By topic": "По темам", "Breadcrumb": "Навигационная цепочка", "Calendar": "Календарь",
        "the calendar address": "адрес календаря", "the RSS feed address": "адрес RSS-ленты",
        "the Atom feed address": "адрес Atom-ленты", "the JSON Feed address": "адрес JSON Feed",
        "Announced": "Объявлена", "New dates": "Новые даты", "New hours": "Новое время",
        "New place or way of attending": "Новое место или формат участия", "Renamed": "Новое название",
        "Cancelled": "Отменена", "Postponed": "Перенесена", "Confirmed again": "Снова подтверждена",
        "Description, topics or links updated": "Обновлены описание, темы или ссылки",
        "Withdrawn from the listing": "Удалена из списка", "First published here, after the session": "Впервые опубликована здесь после сессии",
        "New dates (were %(dates)s)": "Новые даты (прежние: %(dates)s)", "Renamed (was “%(title)s”)": "Новое название (прежнее: «%(title)s»)",
        "This session on WIPO's website": "Эта сессия на сайте ВОИС", "More about this session (%(host)s)": "Подробнее об этой сессии (%(host)s)"},
 "ar": {"Hybrid": "مختلطة", "Virtual": "افتراضية", "In person": "حضورية", "all day": "طوال اليوم",
        "(all day)": "(طوال اليوم)", "By year": "حسب السنة", "By way of attending": "حسب طريقة المشاركة",
        "By topic": "حسب الموضوع", "Breadcrumb": "مسار التنقل", "Calendar": "التقويم",
        "the calendar address": "عنوان التقويم", "the RSS feed address": "عنوان خلاصة RSS",
        "the Atom feed address": "عنوان خلاصة Atom", "the JSON Feed address": "عنوان JSON Feed",
        "Announced": "أُعلن عنها", "New dates": "مواعيد جديدة", "New hours": "ساعات جديدة",
        "New place or way of attending": "مكان جديد أو طريقة مشاركة جديدة", "Renamed": "عنوان جديد",
        "Cancelled": "أُلغيت", "Postponed": "أُرجئت", "Confirmed again": "أُكّدت من جديد",
        "Description, topics or links updated": "تحديث الوصف أو المواضيع أو الروابط",
        "Withdrawn from the listing": "سُحبت من القائمة", "First published here, after the session": "نُشرت هنا لأول مرة بعد انعقاد الدورة",
        "New dates (were %(dates)s)": "مواعيد جديدة (كانت: %(dates)s)", "Renamed (was “%(title)s”)": "عنوان جديد (كان: «%(title)s»)",
        "This session on WIPO's website": "هذه الدورة على موقع الويبو", "More about this session (%(host)s)": "مزيد من المعلومات عن هذه الدورة (%(host)s)"},
 "zh": {"Hybrid": "混合形式", "Virtual": "线上", "In person": "线下", "all day": "全天",
        "(all day)": "（全天）", "By year": "按年份", "By way of attending": "按参会方式",
        "By topic": "按主题", "Breadcrumb": "导航路径", "Calendar": "日历",
        "the calendar address": "日历地址", "the RSS feed address": "RSS 订阅源地址",
        "the Atom feed address": "Atom 订阅源地址", "the JSON Feed address": "JSON Feed 地址",
        "Announced": "已公布", "New dates": "日期变更", "New hours": "时间变更",
        "New place or way of attending": "地点或参会方式变更", "Renamed": "名称变更",
        "Cancelled": "已取消", "Postponed": "已推迟", "Confirmed again": "重新确认",
        "Description, topics or links updated": "简介、主题或链接已更新",
        "Withdrawn from the listing": "已从列表中撤下", "First published here, after the session": "会后首次在此发布",
        "New dates (were %(dates)s)": "日期变更（原为%(dates)s）", "Renamed (was “%(title)s”)": "名称变更（原为“%(title)s”）",
        "This session on WIPO's website": "产权组织网站上的本届会议", "More about this session (%(host)s)": "关于本届会议的更多信息（%(host)s）"},
}
# Words of the pages added after AHEAD (topic names, the views' headings, the time-zone
# picker, the date wording and the page script's words); merged the same way as AHEAD.
# In Arabic an LRM follows a name left in English (%(series)s, %(names)s) so that a closing
# parenthesis of the name, as in "(SCCR)", stays on its left in right-to-left text.
# The page of an address with nothing at it (404).
NOT_FOUND = {
 "fr": ("Page introuvable", "Aucune page ne se trouve à cette adresse : elle a peut-être été déplacée, ou l’adresse est mal saisie.",
        'Repartez de <a href="%(home)sindex.html">la page d’accueil</a>.',
        'Repartez de <a href="%(home)sindex.html">la page d’accueil</a> ou de <a href="%(root)s%(series_index)s">l’ensemble des séries de réunions</a>.'),
 "es": ("Página no encontrada", "No hay ninguna página en esta dirección: puede que se haya trasladado o que la dirección esté mal escrita.",
        'Vuelva a empezar desde <a href="%(home)sindex.html">la página de inicio</a>.',
        'Vuelva a empezar desde <a href="%(home)sindex.html">la página de inicio</a> o desde <a href="%(root)s%(series_index)s">todas las series de reuniones</a>.'),
 "ru": ("Страница не найдена", "По этому адресу нет страницы: возможно, она перемещена или адрес набран с ошибкой.",
        'Начните с <a href="%(home)sindex.html">главной страницы</a>.',
        'Начните с <a href="%(home)sindex.html">главной страницы</a> или со <a href="%(root)s%(series_index)s">списка всех серий заседаний</a>.'),
 "ar": ("الصفحة غير موجودة", "لا توجد صفحة في هذا العنوان: ربما نُقلت، أو ربما كُتب العنوان خطأً.",
        'ابدأ من جديد من <a href="%(home)sindex.html">الصفحة الرئيسية</a>.',
        'ابدأ من جديد من <a href="%(home)sindex.html">الصفحة الرئيسية</a> أو من <a href="%(root)s%(series_index)s">جميع سلاسل الاجتماعات</a>.'),
 "zh": ("找不到页面", "此地址没有页面：页面可能已移动，或地址输入有误。",
        '请从<a href="%(home)sindex.html">首页</a>重新开始。',
        '请从<a href="%(home)sindex.html">首页</a>或<a href="%(root)s%(series_index)s">所有会议系列</a>重新开始。'),
}
for _lang, (_title, _lead, _home, _both) in NOT_FOUND.items():
    AHEAD[_lang].update({
        "Page not found": _title,
        "There is no page at this address: it may have moved, or the address may be mistyped.": _lead,
        'Start again from <a href="%(home)sindex.html">the home page</a>.': _home,
        'Start again from <a href="%(home)sindex.html">the home page</a> or from <a href="%(root)s%(series_index)s">every meeting series</a>.': _both,
    })

# The commas of a date and its hours, and of a zone's name and offset ('28–29 October 2025, 10:00–18:00 …').
COMMAS = {"fr": (", ", ", "), "es": (", ", ", "), "ru": (", ", ", "), "ar": ("، ", "، "), "zh": ("，", "，")}
for _lang, (_dates, _zone) in COMMAS.items():
    AHEAD[_lang]["%(dates)s, %(times)s"] = "%(dates)s" + _dates + "%(times)s"
    AHEAD[_lang]["%(zone)s, %(offset)s"] = "%(zone)s" + _zone + "%(offset)s"

MORE = {
 "fr": {"Artificial intelligence": "Intelligence artificielle", "Generative AI": "IA générative",
        "Synthetic media": "Médias synthétiques", "Training data": "Données d’entraînement", "Data": "Données",
        "Copyright": "Droit d’auteur", "Patents": "Brevets", "Trademarks": "Marques", "Metaverse": "Métavers",
        "Blockchain": "Chaîne de blocs", "Extended reality": "Réalité étendue", "Internet of things": "Internet des objets",
        "IP administration": "Administration de la propriété intellectuelle", "Capacity building": "Renforcement des capacités",
        "Sessions in %(year)s": "Sessions de %(year)s", "Sessions on %(topic)s": "Sessions sur le thème « %(topic)s »",
        "Hybrid sessions": "Sessions hybrides", "Virtual sessions": "Sessions virtuelles", "In person sessions": "Sessions en présentiel",
        "Subscribe to the %(year)s sessions": "S’abonner aux sessions de %(year)s",
        "Subscribe to the sessions on %(topic)s": "S’abonner aux sessions sur le thème « %(topic)s »",
        "Subscribe to the hybrid sessions": "S’abonner aux sessions hybrides",
        "Subscribe to the virtual sessions": "S’abonner aux sessions virtuelles",
        "Subscribe to the in person sessions": "S’abonner aux sessions en présentiel",
        ("%(count)s session of the %(series)s.", "%(count)s sessions of the %(series)s."):
          ("%(count)s session de la série %(series)s.", "%(count)s de sessions de la série %(series)s.",
           "%(count)s sessions de la série %(series)s."),
        ("%(heading)s: %(count)s session of the %(series)s, as a calendar and as feeds.",
         "%(heading)s: %(count)s sessions of the %(series)s, as a calendar and as feeds."):
          ("%(heading)s : %(count)s session de la série %(series)s, sous forme d’agenda et de fils.",
           "%(heading)s : %(count)s de sessions de la série %(series)s, sous forme d’agenda et de fils.",
           "%(heading)s : %(count)s sessions de la série %(series)s, sous forme d’agenda et de fils."),
        "Your calendar adds new sessions of this list and updates changed ones by itself. To follow every session instead, subscribe on the home page.":
          "Votre agenda ajoute les nouvelles sessions de cette liste et met à jour celles qui changent, automatiquement. Pour suivre plutôt toutes les sessions, abonnez-vous depuis la page d’accueil.",
        'Every session: <a href="%(home)sindex.html">%(title)s</a> (<a href="%(webcal)s">subscribe to the whole calendar</a>).':
          'Toutes les sessions : <a href="%(home)sindex.html">%(title)s</a> (<a href="%(webcal)s">s’abonner à l’agenda complet</a>).',
        "Your times are shown in": "Vos horaires sont affichés selon", "this device's time zone": "le fuseau horaire de cet appareil",
        "this device's time zone (%(zone)s)": "le fuseau horaire de cet appareil (%(zone)s)",
        "%(dates)s (all day)": "%(dates)s (toute la journée)", "All day": "Toute la journée",
        "%(times)s on %(dates)s": "%(times)s le %(dates)s", "%(when)s, that is %(utc)s": "%(when)s, soit %(utc)s",
        "Every WIPO meeting series": "Toutes les séries de réunions de l’OMPI", "Every session of %(names)s.": "Toutes les sessions de %(names)s.",
        "%(title)s: changes (RSS)": "%(title)s : modifications (RSS)", "%(title)s: changes (Atom)": "%(title)s : modifications (Atom)",
        "Your time (%(zone)s)": "Votre heure (%(zone)s)", "%(label)s: %(text)s": "%(label)s : %(text)s",
        "(next day)": "(le lendemain)", "%(days)s, %(hours)s each day": "%(days)s, %(hours)s chaque jour",
        "No session matches “%(query)s”.": "Aucune session ne correspond à « %(query)s ».",
        "%(shown)s of %(total)s sessions match.": "Sessions correspondantes : %(shown)s sur %(total)s.",
        "Copying is not allowed here: the address is selected, copy it with Ctrl+C (⌘C on a Mac).":
          "La copie n’est pas autorisée ici : l’adresse est sélectionnée, copiez-la avec Ctrl+C (⌘C sur un Mac).",
        "Copied.": "Adresse copiée."},
 "es": {"Artificial intelligence": "Inteligencia artificial", "Generative AI": "IA generativa",
        "Synthetic media": "Medios sintéticos", "Training data": "Datos de entrenamiento", "Data": "Datos",
        "Copyright": "Derecho de autor", "Patents": "Patentes", "Trademarks": "Marcas", "Metaverse": "Metaverso",
        "Blockchain": "Cadena de bloques", "Extended reality": "Realidad extendida", "Internet of things": "Internet de las cosas",
        "IP administration": "Administración de la propiedad intelectual", "Capacity building": "Fortalecimiento de capacidades",
        "Sessions in %(year)s": "Sesiones de %(year)s", "Sessions on %(topic)s": "Sesiones sobre el tema «%(topic)s»",
        "Hybrid sessions": "Sesiones híbridas", "Virtual sessions": "Sesiones virtuales", "In person sessions": "Sesiones presenciales",
        "Subscribe to the %(year)s sessions": "Suscribirse a las sesiones de %(year)s",
        "Subscribe to the sessions on %(topic)s": "Suscribirse a las sesiones sobre el tema «%(topic)s»",
        "Subscribe to the hybrid sessions": "Suscribirse a las sesiones híbridas",
        "Subscribe to the virtual sessions": "Suscribirse a las sesiones virtuales",
        "Subscribe to the in person sessions": "Suscribirse a las sesiones presenciales",
        ("%(count)s session of the %(series)s.", "%(count)s sessions of the %(series)s."):
          ("%(count)s sesión de la serie %(series)s.", "%(count)s de sesiones de la serie %(series)s.",
           "%(count)s sesiones de la serie %(series)s."),
        ("%(heading)s: %(count)s session of the %(series)s, as a calendar and as feeds.",
         "%(heading)s: %(count)s sessions of the %(series)s, as a calendar and as feeds."):
          ("%(heading)s: %(count)s sesión de la serie %(series)s, en forma de calendario y de canales.",
           "%(heading)s: %(count)s de sesiones de la serie %(series)s, en forma de calendario y de canales.",
           "%(heading)s: %(count)s sesiones de la serie %(series)s, en forma de calendario y de canales."),
        "Your calendar adds new sessions of this list and updates changed ones by itself. To follow every session instead, subscribe on the home page.":
          "Su calendario añade las nuevas sesiones de esta lista y actualiza por sí solo las que cambian. Si prefiere seguir todas las sesiones, suscríbase en la página de inicio.",
        'Every session: <a href="%(home)sindex.html">%(title)s</a> (<a href="%(webcal)s">subscribe to the whole calendar</a>).':
          'Todas las sesiones: <a href="%(home)sindex.html">%(title)s</a> (<a href="%(webcal)s">suscríbase al calendario completo</a>).',
        "Your times are shown in": "Sus horarios se muestran según", "this device's time zone": "la zona horaria de este dispositivo",
        "this device's time zone (%(zone)s)": "la zona horaria de este dispositivo (%(zone)s)",
        "%(dates)s (all day)": "%(dates)s (todo el día)", "All day": "Todo el día",
        "%(times)s on %(dates)s": "%(times)s el %(dates)s", "%(when)s, that is %(utc)s": "%(when)s, es decir, %(utc)s",
        "Every WIPO meeting series": "Todas las series de reuniones de la OMPI", "Every session of %(names)s.": "Todas las sesiones de %(names)s.",
        "%(title)s: changes (RSS)": "%(title)s: cambios (RSS)", "%(title)s: changes (Atom)": "%(title)s: cambios (Atom)",
        "Your time (%(zone)s)": "Su hora (%(zone)s)", "%(label)s: %(text)s": "%(label)s: %(text)s",
        "(next day)": "(día siguiente)", "%(days)s, %(hours)s each day": "%(days)s, %(hours)s cada día",
        "No session matches “%(query)s”.": "Ninguna sesión coincide con «%(query)s».",
        "%(shown)s of %(total)s sessions match.": "Sesiones que coinciden: %(shown)s de %(total)s.",
        "Copying is not allowed here: the address is selected, copy it with Ctrl+C (⌘C on a Mac).":
          "Aquí no se permite copiar: la dirección está seleccionada; cópiela con Ctrl+C (⌘C en un Mac).",
        "Copied.": "Dirección copiada."},
 "ru": {"Artificial intelligence": "Искусственный интеллект", "Generative AI": "Генеративный ИИ",
        "Synthetic media": "Синтетические медиа", "Training data": "Данные для обучения", "Data": "Данные",
        "Copyright": "Авторское право", "Patents": "Патенты", "Trademarks": "Товарные знаки", "Metaverse": "Метавселенная",
        "Blockchain": "Блокчейн", "Extended reality": "Расширенная реальность", "Internet of things": "Интернет вещей",
        "IP administration": "Администрирование ИС", "Capacity building": "Наращивание потенциала",
        "Sessions in %(year)s": "Сессии %(year)s года", "Sessions on %(topic)s": "Сессии по теме «%(topic)s»",
        "Hybrid sessions": "Сессии в гибридном формате", "Virtual sessions": "Сессии в виртуальном формате",
        "In person sessions": "Сессии в очном формате",
        "Subscribe to the %(year)s sessions": "Подписаться на сессии %(year)s года",
        "Subscribe to the sessions on %(topic)s": "Подписаться на сессии по теме «%(topic)s»",
        "Subscribe to the hybrid sessions": "Подписаться на сессии в гибридном формате",
        "Subscribe to the virtual sessions": "Подписаться на сессии в виртуальном формате",
        "Subscribe to the in person sessions": "Подписаться на сессии в очном формате",
        ("%(count)s session of the %(series)s.", "%(count)s sessions of the %(series)s."):
          ("%(count)s сессия серии «%(series)s».", "%(count)s сессии серии «%(series)s».",
           "%(count)s сессий серии «%(series)s»."),
        ("%(heading)s: %(count)s session of the %(series)s, as a calendar and as feeds.",
         "%(heading)s: %(count)s sessions of the %(series)s, as a calendar and as feeds."):
          ("%(heading)s: %(count)s сессия серии «%(series)s» в виде календаря и лент.",
           "%(heading)s: %(count)s сессии серии «%(series)s» в виде календаря и лент.",
           "%(heading)s: %(count)s сессий серии «%(series)s» в виде календаря и лент."),
        "Your calendar adds new sessions of this list and updates changed ones by itself. To follow every session instead, subscribe on the home page.":
          "Ваш календарь сам добавит новые сессии из этого списка и обновит изменённые. Чтобы следить за всеми сессиями, подпишитесь на главной странице.",
        'Every session: <a href="%(home)sindex.html">%(title)s</a> (<a href="%(webcal)s">subscribe to the whole calendar</a>).':
          'Все сессии: <a href="%(home)sindex.html">%(title)s</a> (<a href="%(webcal)s">подписаться на весь календарь</a>).',
        "Your times are shown in": "Часовой пояс для отображения времени", "this device's time zone": "часовой пояс этого устройства",
        "this device's time zone (%(zone)s)": "часовой пояс этого устройства (%(zone)s)",
        "%(dates)s (all day)": "%(dates)s (весь день)", "All day": "Весь день",
        "%(times)s on %(dates)s": "%(times)s, %(dates)s", "%(when)s, that is %(utc)s": "%(when)s, то есть %(utc)s",
        "Every WIPO meeting series": "Все серии заседаний ВОИС", "Every session of %(names)s.": "Все сессии: %(names)s.",
        "%(title)s: changes (RSS)": "%(title)s: изменения (RSS)", "%(title)s: changes (Atom)": "%(title)s: изменения (Atom)",
        "Your time (%(zone)s)": "Ваше время (%(zone)s)", "%(label)s: %(text)s": "%(label)s: %(text)s",
        "(next day)": "(следующего дня)", "%(days)s, %(hours)s each day": "%(days)s, ежедневно %(hours)s",
        "No session matches “%(query)s”.": "По запросу «%(query)s» сессий не найдено.",
        "%(shown)s of %(total)s sessions match.": "Найдено сессий: %(shown)s из %(total)s.",
        "Copying is not allowed here: the address is selected, copy it with Ctrl+C (⌘C on a Mac).":
          "Копирование здесь недоступно: адрес выделен, скопируйте его сочетанием клавиш Ctrl+C (⌘C на Mac).",
        "Copied.": "Адрес скопирован."},
 "ar": {"Artificial intelligence": "الذكاء الاصطناعي", "Generative AI": "الذكاء الاصطناعي التوليدي",
        "Synthetic media": "الوسائط الاصطناعية", "Training data": "بيانات التدريب", "Data": "البيانات",
        "Copyright": "حق المؤلف", "Patents": "البراءات", "Trademarks": "العلامات التجارية", "Metaverse": "الميتافيرس",
        "Blockchain": "سلسلة الكتل", "Extended reality": "الواقع الممتد", "Internet of things": "إنترنت الأشياء",
        "IP administration": "إدارة الملكية الفكرية", "Capacity building": "تكوين الكفاءات",
        "Sessions in %(year)s": "دورات عام %(year)s", "Sessions on %(topic)s": "الدورات المتعلقة بموضوع «%(topic)s»",
        "Hybrid sessions": "الدورات المختلطة", "Virtual sessions": "الدورات الافتراضية", "In person sessions": "الدورات الحضورية",
        "Subscribe to the %(year)s sessions": "الاشتراك في دورات عام %(year)s",
        "Subscribe to the sessions on %(topic)s": "الاشتراك في الدورات المتعلقة بموضوع «%(topic)s»",
        "Subscribe to the hybrid sessions": "الاشتراك في الدورات المختلطة",
        "Subscribe to the virtual sessions": "الاشتراك في الدورات الافتراضية",
        "Subscribe to the in person sessions": "الاشتراك في الدورات الحضورية",
        ("%(count)s session of the %(series)s.", "%(count)s sessions of the %(series)s."):
          ("%(count)s دورة من سلسلة %(series)s" + LRM + ".", "دورة واحدة من سلسلة %(series)s" + LRM + ".",
           "دورتان من سلسلة %(series)s" + LRM + ".", "%(count)s دورات من سلسلة %(series)s" + LRM + ".",
           "%(count)s دورة من سلسلة %(series)s" + LRM + ".", "%(count)s دورة من سلسلة %(series)s" + LRM + "."),
        ("%(heading)s: %(count)s session of the %(series)s, as a calendar and as feeds.",
         "%(heading)s: %(count)s sessions of the %(series)s, as a calendar and as feeds."):
          ("%(heading)s: %(count)s دورة من سلسلة %(series)s" + LRM + "، في شكل تقويم وخلاصات.",
           "%(heading)s: دورة واحدة من سلسلة %(series)s" + LRM + "، في شكل تقويم وخلاصات.",
           "%(heading)s: دورتان من سلسلة %(series)s" + LRM + "، في شكل تقويم وخلاصات.",
           "%(heading)s: %(count)s دورات من سلسلة %(series)s" + LRM + "، في شكل تقويم وخلاصات.",
           "%(heading)s: %(count)s دورة من سلسلة %(series)s" + LRM + "، في شكل تقويم وخلاصات.",
           "%(heading)s: %(count)s دورة من سلسلة %(series)s" + LRM + "، في شكل تقويم وخلاصات."),
        "Your calendar adds new sessions of this list and updates changed ones by itself. To follow every session instead, subscribe on the home page.":
          "يضيف تقويمك الدورات الجديدة من هذه القائمة ويحدّث الدورات المعدّلة تلقائياً. ولمتابعة جميع الدورات بدلاً من ذلك، اشترك من الصفحة الرئيسية.",
        'Every session: <a href="%(home)sindex.html">%(title)s</a> (<a href="%(webcal)s">subscribe to the whole calendar</a>).':
          'جميع الدورات: <a href="%(home)sindex.html">%(title)s</a> (<a href="%(webcal)s">اشترك في التقويم بأكمله</a>).',
        "Your times are shown in": "تُعرض الأوقات حسب", "this device's time zone": "المنطقة الزمنية لهذا الجهاز",
        "this device's time zone (%(zone)s)": "المنطقة الزمنية لهذا الجهاز (%(zone)s)",
        "%(dates)s (all day)": "%(dates)s (طوال اليوم)", "All day": "طوال اليوم",
        "%(times)s on %(dates)s": "%(times)s في %(dates)s", "%(when)s, that is %(utc)s": "%(when)s، أي %(utc)s",
        "Every WIPO meeting series": "جميع سلاسل اجتماعات الويبو", "Every session of %(names)s.": "جميع دورات %(names)s" + LRM + ".",
        "%(title)s: changes (RSS)": "%(title)s: التغييرات بصيغة RSS", "%(title)s: changes (Atom)": "%(title)s: التغييرات بصيغة Atom",
        "Your time (%(zone)s)": "توقيتك المحلي (%(zone)s)", "%(label)s: %(text)s": "%(label)s: %(text)s",
        "(next day)": "(اليوم التالي)", "%(days)s, %(hours)s each day": "%(days)s، %(hours)s كل يوم",
        "No session matches “%(query)s”.": "لا توجد دورة تطابق «%(query)s».",
        "%(shown)s of %(total)s sessions match.": "الدورات المطابقة: %(shown)s من %(total)s.",
        "Copying is not allowed here: the address is selected, copy it with Ctrl+C (⌘C on a Mac).":
          "النسخ غير مسموح به هنا: العنوان محدد، فانسخه باستخدام Ctrl+C، أو ⌘C على أجهزة Mac.",
        "Copied.": "نُسخ العنوان."},
 "zh": {"Artificial intelligence": "人工智能", "Generative AI": "生成式人工智能",
        "Synthetic media": "合成媒体", "Training data": "训练数据", "Data": "数据",
        "Copyright": "版权", "Patents": "专利", "Trademarks": "商标", "Metaverse": "元宇宙",
        "Blockchain": "区块链", "Extended reality": "扩展现实", "Internet of things": "物联网",
        "IP administration": "知识产权管理", "Capacity building": "能力建设",
        "Sessions in %(year)s": "%(year)s年的会议", "Sessions on %(topic)s": "主题为“%(topic)s”的会议",
        "Hybrid sessions": "混合形式会议", "Virtual sessions": "线上会议", "In person sessions": "线下会议",
        "Subscribe to the %(year)s sessions": "订阅%(year)s年的会议",
        "Subscribe to the sessions on %(topic)s": "订阅主题为“%(topic)s”的会议",
        "Subscribe to the hybrid sessions": "订阅混合形式会议",
        "Subscribe to the virtual sessions": "订阅线上会议",
        "Subscribe to the in person sessions": "订阅线下会议",
        ("%(count)s session of the %(series)s.", "%(count)s sessions of the %(series)s."):
          ("%(series)s的%(count)s届会议。",),
        ("%(heading)s: %(count)s session of the %(series)s, as a calendar and as feeds.",
         "%(heading)s: %(count)s sessions of the %(series)s, as a calendar and as feeds."):
          ("%(heading)s：%(series)s的%(count)s届会议，以日历和订阅源形式提供。",),
        "Your calendar adds new sessions of this list and updates changed ones by itself. To follow every session instead, subscribe on the home page.":
          "您的日历会自动添加本列表中的新会议并更新有变动的会议。如需关注所有会议，请在首页订阅。",
        'Every session: <a href="%(home)sindex.html">%(title)s</a> (<a href="%(webcal)s">subscribe to the whole calendar</a>).':
          '所有会议：<a href="%(home)sindex.html">%(title)s</a>（<a href="%(webcal)s">订阅完整日历</a>）。',
        "Your times are shown in": "时间显示所用时区", "this device's time zone": "本设备的时区",
        "this device's time zone (%(zone)s)": "本设备的时区（%(zone)s）",
        "%(dates)s (all day)": "%(dates)s（全天）", "All day": "全天",
        "%(times)s on %(dates)s": "%(dates)s %(times)s", "%(when)s, that is %(utc)s": "%(when)s，即%(utc)s",
        "Every WIPO meeting series": "产权组织所有会议系列", "Every session of %(names)s.": "%(names)s的所有会议。",
        "%(title)s: changes (RSS)": "%(title)s：变更（RSS）", "%(title)s: changes (Atom)": "%(title)s：变更（Atom）",
        "Your time (%(zone)s)": "您的当地时间（%(zone)s）", "%(label)s: %(text)s": "%(label)s：%(text)s",
        "(next day)": "（次日）", "%(days)s, %(hours)s each day": "%(days)s，每天%(hours)s",
        "No session matches “%(query)s”.": "没有与“%(query)s”匹配的会议。",
        "%(shown)s of %(total)s sessions match.": "共%(total)s届会议，其中%(shown)s届符合条件。",
        "Copying is not allowed here: the address is selected, copy it with Ctrl+C (⌘C on a Mac).":
          "此处不允许复制：地址已选中，请按 Ctrl+C（Mac 上按 ⌘C）复制。",
        "Copied.": "地址已复制。"},
}
for _lang, _table in (("fr", fr), ("es", es), ("ru", ru), ("ar", ar), ("zh", zh)):
    _table.update({k: v for k, v in AHEAD[_lang].items() if k not in _table})
    _table.update({k: v for k, v in MORE[_lang].items() if k not in _table})

KEY = {v: k for k, v in H.items()}
def key_of(msgid):
    s = msgid if isinstance(msgid, str) else tuple(msgid)
    if isinstance(s, str):
        if s in KEY: return KEY[s]
        if '<span class="visually-hidden">' in s: return s.split("<span", 1)[0]
    return s

def make(lang, table):
    """Write locale/<lang>/LC_MESSAGES/messages.po from the template and ``table``; the
    messages the table lacks (and plurals of the wrong length) are returned."""
    with open(POT, "rb") as f:
        pot = read_po(f)
    cat = Catalog(locale=Locale.parse(lang), project="wipofeeds", version="0.1.0", fuzzy=False,
                  creation_date=pot.creation_date, revision_date=pot.creation_date)
    problems = []
    for m in pot:
        if not m.id: continue
        k = key_of(m.id)
        if k not in table:
            problems.append(f"untranslated {lang} {k!r}"); continue
        if isinstance(m.id, (tuple, list)) and len(table[k]) != cat.num_plurals:
            problems.append(f"{lang}: {k!r} needs {cat.num_plurals} plural forms"); continue
        cat.add(m.id, table[k], flags=m.flags)
    d = os.path.join(os.path.dirname(POT), lang, "LC_MESSAGES"); os.makedirs(d, exist_ok=True)
    with open(f"{d}/messages.po", "wb") as f: write_po(f, cat, width=100, no_location=True, omit_header=False)
    return problems

if __name__ == "__main__":
    found = [p for lang, table in (("ar", ar), ("zh", zh), ("fr", fr), ("ru", ru), ("es", es)) for p in make(lang, table)]
    print("\n".join(found) or "every message translated in ar, zh, fr, ru, es")
    sys.exit(1 if found else 0)
