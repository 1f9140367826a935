"""The prose of the demo site: a fictional port city's news blog; all places and people invented."""

SITE = {
    "title": "The Harbour Ledger",
    "tagline": "Independent news and commentary from Sahilabad",
}

AUTHORS = {
    "sana": {
        "username": "sana-baloch",
        "email": "sana@harbourledger.example",
        "role": "administrator",
        "display_name": "Sana Baloch",
        "bio": "Editor of *The Harbour Ledger*. Covered the port and the council for ten years "
        "before co-founding the Ledger.",
        "twitter": "@harbourledger",
        "facebook": "harbourledger",
        "website": "https://harbourledger.example/",
    },
    "faraz": {
        "username": "faraz-hussain",
        "email": "faraz@harbourledger.example",
        "role": "editor",
        "display_name": "Faraz Hussain",
        "bio": "City desk editor. Writes about the council, land and contracts, and reads the "
        "budget so that you don't have to.",
        "twitter": "@farazwrites",
        "facebook": "faraz.hussain.writes",
        "website": "https://farazhussain.example/",
        "instagram": "farazonfoot",
        "mastodon": "https://mastodon.example/@faraz",
    },
    "mehr": {
        "username": "mehr-nigar",
        "email": "mehr@harbourledger.example",
        "role": "author",
        "display_name": "Mehr Nigar",
        "bio": "Reporter covering transport, water and the waterfront, in English and Urdu. "
        "Takes the Tideline to work, most days.",
        "twitter": "@mehrnigar_",
        "facebook": "mehrnigarwrites",
        "website": "https://mehrnigar.example/",
    },
}

# (slug, name, parent slug, description)
CATEGORIES = [
    ("politics", "Politics", None, "Who runs Sahilabad, and how."),
    ("city-council", "City Council", "politics", "Votes, committees and budgets."),
    ("elections", "Elections", "politics", "Wards, candidates and results."),
    ("economy", "Economy", None, "Jobs, prices, water and power."),
    ("port-shipping", "Port & Shipping", "economy", "The harbour, the wharves and the fleet."),
    ("transport", "Transport", None, "Buses, ferries and the daily commute."),
    ("culture", "Culture", None, "Music, books, heritage and the city's life."),
    ("opinion", "Opinion", None, "Signed commentary; the writer's view, not the newsroom's."),
    ("urdu", "اردو", None, "ہاربر لیجر کی اردو تحریریں۔"),
]

TAGS = [
    "port authority", "resignations", "transparency", "dredging", "budget", "water", "Tideline",
    "ferries", "fishermen", "heritage", "monsoon", "local elections", "mayor", "land",
    "right to information", "dock workers", "music", "power cuts", "بلدیات",
]  # fmt: skip

IMAGES = {
    "dusk": {
        "filename": "harbour-at-dusk.jpg",
        "title": "Harbour at dusk",
        "alt": "Drawing of a harbour at dusk: cranes and rooftops in silhouette, a crescent moon.",
        "caption": "Sahilabad harbour at dusk. Illustration: The Harbour Ledger.",
    },
    "morning": {
        "filename": "fish-harbour-morning.jpg",
        "title": "Fish harbour in the morning",
        "alt": "Drawing of painted fishing boats before pastel harbour buildings, morning sun.",
        "caption": "Morning at the fish harbour. Illustration: The Harbour Ledger.",
    },
}

PAGES = [
    {
        "slug": "about",
        "title": "About",
        "body": """\
*The Harbour Ledger* is an independent news and commentary site about Sahilabad: its council, its
port, its buses and its water, and the people who keep the city running. It was started by three
reporters who believed a port city of four million deserved more local journalism, not less.

We report what public bodies do with public money and public land. We publish documents when we
can, correct our mistakes in the open, and keep news and opinion apart: commentary appears under
[Opinion](/category/opinion/) and always carries the writer's name.

We are funded by readers' subscriptions and small donations. We take no money from political
parties, from the port authority, or from developers with business before the council.

The Ledger publishes mainly in English, with regular pieces in our [اردو](/category/urdu/) section.

*This is demo content: the city, its institutions and every person named here are fictional.*
""",
    },
    {
        "slug": "contact",
        "title": "Contact",
        "body": """\
## News tips

Write to **tips@harbourledger.example**. If you want to share documents, say so in your first
message and we will suggest a safe way to send them; please don't attach sensitive files to a
first email.

## Corrections

Found an error? Write to **corrections@harbourledger.example** with the link and what is wrong.
Our [corrections policy](/corrections-policy/) explains what happens next.

## Everything else

General enquiries: hello@harbourledger.example. By post: The Harbour Ledger, second floor,
14 Jetty Road, Sahilabad.
""",
    },
    {
        "slug": "corrections-policy",
        "title": "Corrections policy",
        "body": """\
We correct factual errors as soon as we have confirmed them. A note at the end of the article says
what was wrong and when we fixed it; we do not quietly rewrite published stories. Spelling and
grammar are fixed without a note.

If a correction changes the substance of a story, the note goes at the top instead. Comments that
pointed out the error stay published after the fix, so that readers can see how it was found.
""",
    },
]
