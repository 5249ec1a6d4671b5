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
 ("%(count)s session", "%(count)s sessions"): ("%(count)s session", "%(count)s sessions", "%(count)s sessions"),
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
 "JSON": span("JSON", " Feed de %(label)s"), "Join online": "Participer en ligne",
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

KEY = {v: k for k, v in H.items()}
def key_of(msgid):
    s = msgid if isinstance(msgid, str) else tuple(msgid)
    if isinstance(s, str):
        if s in KEY: return KEY[s]
        if '<span class="visually-hidden">' in s: return s.split("<span", 1)[0]
    return s

def make(lang, table):
    pot = read_po(open(POT, "rb"))
    cat = Catalog(locale=Locale.parse(lang), project="wipofeeds", version="0.1.0", fuzzy=False)
    for m in pot:
        if not m.id: continue
        k = key_of(m.id)
        if k not in table:
            print("untranslated", lang, repr(k)); continue
        cat.add(m.id, table[k])
    import os
    d = f"/tmp/wt18/src/wipofeeds/locale/{lang}/LC_MESSAGES"; os.makedirs(d, exist_ok=True)
    with open(f"{d}/messages.po", "wb") as f: write_po(f, cat, width=100, no_location=True, omit_header=False)

make("fr", fr)
