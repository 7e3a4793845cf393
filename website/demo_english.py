"""The demo's English version: the pages an editor would translate first.

The home page, about, the overseas forum (and the other national forums' names), three news
items with their list, two case studies with theirs and one international event with its
list. Each page is a translation of the Japanese page (same translation key, English locale),
made as an editor makes one (copy for translation, then English text, then publish), so the
language switcher, hreflang and the sitemap find it. Idempotent: a page already translated is
left as it is. Pages are found by their slug, so `website` imports no app.
"""

from wagtail.models import Locale, Page

from .models import Forum

ENGLISH_FORUMS = {
    "innovative-tech": ("Innovative Technology Forum", ""),
    "overseas": (
        "Overseas Market Expansion Forum",
        "Supports Japanese infrastructure maintenance technology abroad through seminars and "
        "the exchange of information with partners in 48 countries and regions.",
    ),
    "municipal-support": ("Municipal Support Forum", ""),
    "engineer-training": ("Engineer Training Forum", ""),
    "citizen-participation": ("Citizen Participation Forum", ""),
    # The regional forums by their regions' names (the plan's English digest), so English
    # lists and filters name every forum in English.
    "hokkaido": ("Hokkaido Forum", ""),
    "tohoku": ("Tohoku Forum", ""),
    "kanto": ("Kanto Forum", ""),
    "hokuriku": ("Hokuriku Forum", ""),
    "chubu": ("Chubu Forum", ""),
    "kinki": ("Kinki Forum", ""),
    "chugoku": ("Chugoku Forum", ""),
    "shikoku": ("Shikoku Forum", ""),
    "kyushu": ("Kyushu Forum", ""),
    "okinawa": ("Okinawa Forum", ""),
}


def p(*paragraphs):
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def h(text):
    return [("heading", {"text": text, "level": "h2"})]


HOME = {
    "title": "Home",
    "seo_title": "",
    "search_description": (
        "The Infrastructure Maintenance National Council brings industry, academia, government "
        "and citizens together to keep Japan's roads, bridges, tunnels and water systems in "
        "good repair."
    ),
    "hero_heading": "Infrastructure maintenance, by all of us.",
    "hero_lead": (
        "Roads, bridges, tunnels, rivers, water and sewers: the infrastructure of daily life "
        "is ageing. The Infrastructure Maintenance National Council joins industry, academia, "
        "government and citizens to spread the practice of maintenance and to involve citizens."
    ),
    "introduction": (
        "<p>The Infrastructure Maintenance National Council is a platform of industry, "
        "academia, government and citizens founded on 28 November 2016. Its members grew from "
        "199 at its founding to 2,296 at the end of March 2021.</p><p>Through five national "
        "forums and ten regional forums it finds and introduces innovative technology, supports "
        "local governments, trains engineers, takes Japanese maintenance abroad and promotes "
        "citizen participation.</p>"
    ),
    "body": [],
}

ABOUT = {
    "title": "About the Council",
    "search_description": (
        "What the Infrastructure Maintenance National Council is, how it is organised and "
        "its priorities for FY2021."
    ),
    "introduction": (
        "The Infrastructure Maintenance National Council is a platform founded by industry, "
        "academia, government and citizens to build momentum for maintaining infrastructure "
        "as a whole society."
    ),
    "body": [
        *h("Philosophy"),
        *p(
            "We bring together the technology and knowledge of industry, academia, government "
            "and citizens for a society that maintains its infrastructure wisely, autonomously "
            "and continuously, so that it can be used for a long time."
        ),
        *h("Organisation"),
        (
            "paragraph",
            "<ul><li>Executive Committee</li><li>Planning Subcommittee</li>"
            "<li>PR Subcommittee</li><li>Secretariat</li></ul>"
            "<p>The work is carried out by five national forums and ten regional forums.</p>",
        ),
        *h("Priorities for FY2021 (April 2021 – March 2022)"),
        (
            "paragraph",
            "<ol><li>Sharing information among the forums (an information platform)</li>"
            "<li>Spreading the philosophy and promoting citizen participation (collecting and "
            "introducing cases of collaboration between government and citizens, school visit "
            "lessons for elementary pupils, workshop courses)</li>"
            "<li>Cooperation with external bodies such as the Japan Society of Civil "
            "Engineers</li></ol>",
        ),
    ],
}

NEWS_INDEX = {
    "title": "News",
    "introduction": (
        "News in English from the Council's forums: announcements, reports and press releases."
    ),
}

NEWS = {
    "overseas-domestic-seminar-2021": {
        "title": "Domestic seminar on infrastructure maintenance abroad",
        "summary": (
            "The Overseas Market Expansion Forum holds a seminar in Japan on the maintenance "
            "challenges of other countries and the barriers Japanese companies meet when "
            "entering their markets."
        ),
        "body": p(
            "The Overseas Market Expansion Forum studies the ageing and maintenance of "
            "infrastructure in the countries its members are interested in, the barriers to "
            "entry for Japanese companies and the laws that apply.",
            "The seminar shares the findings so far and the choice of facilities for case "
            "studies, and discusses how to support expansion abroad. An overseas seminar for "
            "partner governments and infrastructure operators follows in the winter.",
        ),
    },
    "kodomo-kasumigaseki-day-2021": {
        "title": "Children try infrastructure inspection at Kodomo Kasumigaseki Day",
        "summary": (
            "The Citizen Participation Forum took part in Kodomo Kasumigaseki Day with a "
            "programme in which elementary pupils tried the work of inspecting bridges and "
            "tunnels."
        ),
        "body": p(
            "At Kodomo Kasumigaseki Day in early August, the Citizen Participation Forum showed "
            "children who looks after the roads, bridges and tunnels they use every day, and "
            "how: they listened for the sounds of an inspection hammer.",
            "“I didn't know bridges have health checks too,” said one of the children. The "
            "forum also visits elementary schools with lessons (in Japanese).",
        ),
    },
    "infratech-2021-press": {
        "title": "Programme for local governments at Social Infrastructure Tech 2021",
        "summary": (
            "At Social Infrastructure Tech 2021 in December, the Municipal Support Forum presents "
            "a programme prepared with the regional forums and member local governments."
        ),
        "body": p(
            "With the regional forums and member local governments, the Municipal Support Forum "
            "presents the challenges of local governments and what they are doing about them.",
            "Examples of comprehensive private-sector contracts and of engineers sent to local "
            "governments with few staff or small budgets are shared among the regional forums.",
        ),
    },
}

CASES_INDEX = {
    "title": "Collaboration cases",
    "introduction": (
        "Cases from all over Japan in which government and citizens look after infrastructure "
        "together. Model cases, worth spreading to other regions, come first."
    ),
}

CASES = {
    "neighbourhood-bridge-watch": {
        "title": "A neighbourhood association's bridge watch",
        "municipality": "Nagaoka",
        "summary": (
            "The city manages many small bridges, and its staff alone cannot notice every "
            "change. Residents formed a bridge watch: on walks and while seeing children to "
            "school they look at the bridges and tell the city what they notice."
        ),
        "outcomes": (
            "The watch covers 32 bridges in the district. More than 60 reports so far, of loose "
            "handrails or blocked drains among others, show changes between the five-yearly "
            "inspections early. The same scheme has spread to three more districts of the city."
        ),
        "period_note": "ongoing",
        "contact": "Road Management Division, Civil Engineering Department, Nagaoka City",
        "body": [
            *h("How it works"),
            *p(
                "The watch uses a bridge check sheet made by the city. It lists only what can be "
                "seen without special knowledge, such as a wobbly handrail or soil piling up "
                "under the bridge. What members notice reaches the city's road management "
                "division, with photos, through the head of the association."
            ),
            *h("Supported by the local college of technology"),
            *p(
                "Students of the local college of technology revise the check sheet and teach "
                "how to take useful photos. For them, the district's bridges are teaching "
                "material too."
            ),
        ],
        "participants": [
            "The district's federation of neighbourhood associations",
            "The local college of technology",
            "Road Management Division of the city",
        ],
        "gallery": [
            "Members of the watch walk the bridges with their check sheets",
            "Students of the college teach how to take photos",
        ],
    },
    "pupils-learn-tunnel-inspection": {
        "title": "Elementary pupils try tunnel inspection",
        "municipality": "Kamaishi",
        "summary": (
            "In a school visit lesson, elementary pupils tried inspecting a road tunnel before "
            "it opened. With hammers for sounding tests in hand, they learned how engineers "
            "check a tunnel's health."
        ),
        "outcomes": (
            "38 fourth-year pupils took part. Afterwards many said “tunnels have health checks "
            "too” and “I was surprised you can tell what is inside from the sound”. The school "
            "has decided to continue in its integrated studies next year."
        ),
        "period_note": "",
        "contact": "Secretariat of the Citizen Participation Forum, Infrastructure Maintenance "
        "National Council",
        "body": [
            *h("The lesson"),
            *p(
                "In the classroom, pupils learned how a tunnel is built and why it is inspected; "
                "at the tunnel they tried sounding tests and looked for cracks. Each group then "
                "wrote up what it found as the tunnel's medical record."
            ),
        ],
        "participants": [
            "Fourth-year pupils of a city elementary school",
            "A civil engineering consultancy",
            "The national road management office",
        ],
        "gallery": [
            "Pupils try a sounding test",
            "A group writes the tunnel's medical record",
        ],
        "links": ["Japan Society of Civil Engineers (in Japanese)"],
    },
}

EVENTS_INDEX = {
    "title": "Events",
    "introduction": "Events of the Council that welcome international participants.",
}

EVENTS = {
    "2021-overseas-seminar-vietnam": {
        "title": "Overseas seminar (Viet Nam)",
        "summary": (
            "An online seminar introducing Japanese inspection and repair technology to "
            "government bodies and engineers in Viet Nam."
        ),
        "audience": "Government bodies and engineers in Viet Nam, Japanese companies",
        "fee": "Free",
        "body": [
            (
                "paragraph",
                "<p>Japanese companies and the Council's members presented inspection and "
                "repair technology, and engineers from Viet Nam asked how it could serve their "
                "plans to extend the life of bridges.</p>",
            )
        ],
        # A copy leaves out what happened (the fields of a held event): a translation keeps it.
        "held": True,
        "participants": 154,
        "report": (
            "<p>120 participants from Viet Nam and 34 from Japan took part. Partners asked for "
            "cooperation in drawing up plans to extend the life of bridges.</p>"
        ),
    },
}


def english_locale():
    locale, _ = Locale.objects.get_or_create(language_code="en")
    return locale


def translate(page, locale, fields, children=None):
    """The English translation of `page` (made and published once, with these field values);
    an existing translation is left as the editors keep it."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    for relation, attribute, values in children or ():
        for child, value in zip(getattr(translation, relation).all(), values, strict=False):
            setattr(child, attribute, value)
            child.save()
    translation.save_revision().publish()
    return translation, True


def child_by_slug(parent, slug):
    page = Page.objects.child_of(parent).filter(slug=slug).first()
    return page.specific if page is not None else None


def load(home, stdout=None):
    locale = english_locale()
    for forum in Forum.objects.filter(slug__in=ENGLISH_FORUMS, name_en=""):
        forum.name_en, forum.short_description_en = ENGLISH_FORUMS[forum.slug]
        forum.save()
    made = 0
    english_home, is_new = translate(home, locale, HOME)
    made += is_new
    about = child_by_slug(home, "about")
    if about is not None:
        made += translate(about, locale, ABOUT)[1]
    for index_slug, index_fields, items in (
        ("news", NEWS_INDEX, NEWS),
        ("cases", CASES_INDEX, CASES),
        ("events", EVENTS_INDEX, EVENTS),
    ):
        index = child_by_slug(home, index_slug)
        if index is None:
            continue
        made += translate(index, locale, index_fields)[1]
        for slug, fields in items.items():
            page = child_by_slug(index, slug)
            if page is None:
                continue
            fields = dict(fields)
            children = [
                (relation, attribute, fields.pop(key))
                for key, relation, attribute in (
                    ("participants", "participants", "name"),
                    ("gallery", "gallery_images", "caption"),
                    ("links", "links", "title"),
                )
                if isinstance(fields.get(key), list)  # an event's participants is a number
            ]
            made += translate(page, locale, fields, children)[1]
    if stdout:
        stdout.write(f"英語版のページ {made} 件を作成しました（/en/）。")
    return english_home
