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

_FLAGSHIP_BODY = """\
Kamran Vazir, chairman of the Sahilabad Port Authority, resigned late last night, ending a tenure
in which he spent most of the past seven months outside the country. His two-paragraph letter, sent
to the ports ministry and copied to the authority's board, cites "personal and family reasons" and
takes effect immediately.

The resignation follows three Ledger reports in the past four months which found that Mr Vazir had
chaired four of the last five board meetings by video link, and that a Rs 2.4 billion extension to
the harbour dredging contract was approved while he was abroad. The authority has never disputed
those findings. Its spokesperson said today that "every decision followed the rules of business"
and that the chairman had been "fully engaged throughout".

The letter itself is brief. Its substantive paragraph reads:

> I have served the port with dedication and I leave it stronger than I found it. Recent commentary
> has made matters difficult for my family and for the institution, and I believe a fresh start is
> in the best interest of both.

Dockworkers are less sure the port is stronger. At the East Wharf gate this morning, members of the
Sahilabad Dock Workers' Union said overtime for the monsoon shifts was still unpaid. "He was abroad,
we were in the rain," said one crane operator, who asked not to be named because he is still on
probation. "Now he resigns and we are supposed to say thank you?"

The ministry has named the deputy chairman, Dr Shehla Abbasi, as acting chair. Dr Abbasi, an
engineer who ran the container terminal before her promotion, is widely respected on the wharves,
but she also signed several of the documents the board approved in Mr Vazir's absence. Opposition
councillor Rukhsana Dar, who chairs the city council's harbour committee, said the handover "cannot
become a way to close the file".

Three questions remain open. Who authorised the dredging extension, and on what engineering advice?
Were the chairman's travel costs, which the authority has declined to disclose, paid from the port's
budget? And will the board publish the minutes of the meetings he attended remotely, as its own
rules require within thirty days?

We have put all three questions to the authority and to the ministry. We will publish their answers
in full, and we will keep reporting on the port's contracts, whoever signs them next.
"""

# The first post is the flagship; its slug marks the demo as loaded.
POSTS = [
    {
        "slug": "port-authority-chief-resigns",
        "title": "Port authority chief resigns after seven months abroad",
        "author": "sana",
        "days": 9,
        "hour": 22,
        "categories": ["politics", "port-shipping"],
        "tags": ["port authority", "resignations", "transparency", "dredging", "dock workers"],
        "image": "dusk",
        "featured_caption": "East Wharf after dark, a few hours before the resignation was made "
        "public. Illustration: The Harbour Ledger.",
        "featured_alt": "Cranes and rooftops of East Wharf in silhouette under a crescent moon.",
        "body": _FLAGSHIP_BODY,
    },
    {
        "title": "Council passes a budget nobody had time to read",
        "author": "faraz",
        "days": 65,
        "categories": ["city-council"],
        "tags": ["budget", "Tideline", "mayor"],
        "body": """\
The city council approved the new municipal budget just after midnight, less than 48 hours after
councillors received the 412-page document. The governing Coastal Alliance voted in favour; the
opposition Civic Front walked out before the vote, saying it had been denied a line-by-line debate.

We have now read it, so that you don't have to. Here is where the money goes, against last year:

| Department | Last year (Rs m) | This year (Rs m) | Change |
|---|--:|--:|--:|
| Water and sewerage | 8,200 | 9,950 | +21% |
| Roads and drains | 6,400 | 7,100 | +11% |
| Tideline buses | 3,150 | 2,600 | −17% |
| Health clinics | 2,900 | 3,050 | +5% |
| Parks and heritage | 780 | 610 | −22% |
| Administration | 4,300 | 4,900 | +14% |

Two numbers stand out. The bus subsidy falls by a sixth in the same year the council promised to
extend the T2 line to Noor Colony; the finance committee says higher fares will make up the gap.
And administration grows faster than health, largely because of a new council secretariat on Qila
Road.

Mayor Nasreen Akhund defended the timetable, saying the budget had been "discussed in committee for
months" and that delay would have left contractors unpaid. Civic Front leader Rukhsana Dar called it
"a budget passed in the dark". Both can be true: the committees did meet, but their papers were
never published.

The full document is public now. If you find something in it that we missed, write to us.
""",
    },
    {
        "title": "What the water board's new tariff means for your bill",
        "author": "mehr",
        "days": 120,
        "categories": ["economy"],
        "tags": ["water", "budget"],
        "excerpt": "Households using less than 10,000 litres a month will pay a little less; "
        "almost everyone else pays more. We worked out the bill for a flat, a shop and a school.",
        "body": """\
From next month, the Sahilabad Water and Sewerage Board will charge by the litre in the twelve wards
that already have working meters, and by plot size everywhere else. The board says the change
rewards households that save water and ends a flat rate that had not moved in nine years.

For a family of five in a Gulbahar flat, using about 9,000 litres a month, the bill falls from
Rs 1,150 to Rs 1,020. A tea shop in Machhi Bazaar using three times as much would pay Rs 4,300, up
from Rs 2,600. Schools and mosques keep a concessional rate, but only if they register with the
board before the end of the quarter.

The catch is the meters. Fewer than four in ten connections have one, and the board's own figures
show that a third of the installed meters are faulty. In unmetered wards the plot-size charge rises
by 18 per cent, so many of the poorest households, in the oldest neighbourhoods, will pay more for
water that still arrives by tanker twice a week.

The board's chief executive told the Ledger that 40,000 new meters are on order. Until they arrive,
residents can ask for a reading to be checked through the board's helpline. Keep the complaint
number: you will need it to dispute a bill.
""",
    },
    {
        "title": "Tideline at one: the numbers, the queues and the missing buses",
        "author": "mehr",
        "days": 200,
        "categories": ["transport"],
        "tags": ["Tideline"],
        "image": "morning",
        "body": """\
A year ago this week, the first green-and-white Tideline bus left the Jetty Road depot carrying the
mayor, two ministers and a brass band. The city was promised 120 buses on three routes, a bus every
four minutes at peak hours, and shaded stations with level boarding.

Here is what a year of riding, counting and asking has taught us.

<!--more-->

## The numbers

Tideline carried an average of 68,000 passengers a day over the last quarter, according to figures
the transport department released after our request. That is well short of the 150,000 forecast,
but ridership has risen every month. On the T1 corridor, commuters told us a trip that took 75
minutes by minibus now takes 40.

## The queues

Only 71 of the 120 buses are on the road. Eighteen are waiting for spare parts, and the rest have
never been delivered. At peak hours on T2 we timed gaps of up to 22 minutes, and the queue at Sitara
Market station regularly spills onto the footbridge.

## What comes next

The department says the remaining buses will arrive in two batches before the monsoon, and that a
contactless card will replace paper tokens. We will ride the line again in six months and report.
""",
    },
    {
        "title": "Local elections: our guide to all 38 wards",
        "author": "faraz",
        "days": 14,
        "sticky": True,
        "categories": ["elections"],
        "tags": ["local elections", "mayor"],
        "body": """\
Sahilabad votes for a new city council in six weeks. Each of the 38 wards elects one councillor,
and the new council chooses the mayor from among its members. We are publishing a profile of every
ward, starting with the eight along the waterfront.

Each profile lists the candidates who have filed papers, the ward's turnout at the last election,
and the three issues residents raised most often when our reporters knocked on doors. Water tops
the list in 29 wards. Drainage, street lighting and land leases fill most of the rest.

We do not endorse candidates. Every candidate has been sent the same five questions, about water,
buses, the port, how they will publish their spending, and what they would do in their first
hundred days. We will publish the answers unedited, or say that a candidate did not reply.

If a ward profile gets something wrong, tell us through the [contact page](/contact/) and we will
correct it, with a note saying what changed. This post stays at the top of the site until polling
day.
""",
    },
    {
        "title": "The harbour belongs to the people who work on it",
        "author": "sana",
        "days": 300,
        "categories": ["opinion"],
        "tags": ["land", "fishermen", "dock workers"],
        "image": "morning",
        "body": """\
Every few years someone unveils a plan to "unlock the value" of Sahilabad's waterfront. The latest,
a glossy brochure of towers and marinas from a consortium the port authority will not name,
promises 30,000 jobs and a promenade "for every citizen". I have read it twice. Nowhere does it
mention the 11,000 people who already work there.[^1]

They mend nets on the slipway at Machhi Bazaar, load trucks at East Wharf, fry fish for the night
shift and run the ferries to Lighthouse Island. Their work is not decoration for someone else's
skyline. It is the reason the city exists.

None of this means the waterfront should stay as it is. The sewage outfalls need fixing, the jetties
are crumbling, and the old customs warehouses deserve better than pigeons. But a plan that began
with the people already there would look very different: cold storage before cafés, a clinic before
a marina, leases the fishing cooperative can actually afford.

Before anyone votes on it, the council should hold a hearing on the slipway itself, at six in the
morning, when the boats come in. Anyone who wants to redraw the harbour should first see who is
standing on it.

[^1]: From the fishing cooperative's register and the dock workers' union membership list. Casual
    labourers are not counted, so the real number is higher.
""",
    },
    {
        "title": "A night of qawwali returns to the Old Customs House",
        "author": "mehr",
        "days": 250,
        "categories": ["culture"],
        "tags": ["music", "heritage"],
        "body": """\
For the first time in eleven years, the courtyard of the Old Customs House was full of music well
past midnight. Around 1,500 people sat on rented durries under strings of bulbs as the Hafeez
Brothers, a qawwali party from the Old Quarter, sang until the first tea stalls opened at dawn.

The concert was organised by a residents' trust that has spent three years lobbying for the
building, empty since the customs service moved out, to be opened to the public. The heritage
department lent the courtyard for one night; the trust paid for the sound system by selling tickets
at Rs 300, with children and students admitted free.

"My grandfather cleared cargo in this building," said Yasmin Rizvi, one of the trust's founders.
"It should be a place where the city comes together, not a warehouse for broken furniture."

The heritage department says a decision on a permanent cultural use will follow a structural
survey. The trust hopes to hold a second concert before the monsoon.
""",
    },
    {
        "title": "The fishermen who mapped the harbour's sewage outfalls",
        "author": "mehr",
        "days": 380,
        "categories": ["port-shipping"],
        "tags": ["fishermen", "water"],
        "body": """\
Nobody asked the Sahil Fishermen's Cooperative to survey the harbour. For two years its members did
it anyway, logging every pipe that empties into the water between Lighthouse Ward and East Wharf,
with a phone, a cheap GPS unit and a notebook kept in a plastic bag.

[caption align="aligncenter"]<img src="{image:morning}" alt="Fishing boats moored at the slipway">
The slipway at Machhi Bazaar, where most of the morning catch is landed.[/caption]

The result is the most complete map of the harbour's outfalls anyone in the city has produced. It
shows 64 outfalls, 23 of them missing from the water board's own register, and nine that discharge
within a few hundred metres of the slipway where the catch is landed.

"We knew where the water was bad because the fish left," said Ghulam Nabi, who led the survey. "We
wanted the board to know it too, in a form they cannot ignore."

The water board has acknowledged receiving the map and says it will verify the findings. The
cooperative has published its data openly, so that anyone, including the board, can check it.
""",
    },
    {
        "title": "Monsoon drains: the contract, the delays and the flooded underpass",
        "author": "faraz",
        "days": 450,
        "categories": ["city-council"],
        "tags": ["monsoon", "right to information"],
        "closed": True,
        "body": """\
Every monsoon the Qila Road underpass floods, and every monsoon the council promises it will be the
last time. This year the water reached the roofs of two rickshaws and trapped a school van for three
hours before a tractor pulled it out.

Council records show that a contract to rebuild the storm drain feeding the underpass was awarded
two years ago, for Rs 380 million, to a contractor with no previous drainage work. The first
instalment was paid within a month. Work started, stopped when the contractor said the design needed
revising, and has not resumed.

The works committee says the revised design is "under review". The contractor did not respond to
three calls and a letter. Councillor Bilal Shaikh, whose ward includes the underpass, says he has
asked to see the file twice and been refused both times.

We have requested the contract under the city's right-to-information rules, which give the council
twenty working days to respond. We will publish whatever it sends, or report that it sent nothing.
""",
    },
    {
        "title": "Ferry to Lighthouse Island sails again after three years",
        "author": "mehr",
        "days": 100,
        "categories": ["transport"],
        "tags": ["ferries"],
        "body": """\
The ferry to Lighthouse Island is running again. The *Noor-e-Sahil*, a refitted wooden launch with
room for sixty passengers and rather more goats, made its first crossing in three years on a flat
calm morning, to cheers from the jetty.

The service stopped when its last boat failed an inspection, leaving the island's 2,000 residents
with private boats charging up to ten times the old fare. Children missed school for weeks at a
time; patients crossed to the city's hospitals only in emergencies.

The new ferry sails four times a day, the fare is Rs 60, and students travel free. A second boat is
due in the spring. Islanders told us the timetable is fine; what they want now is a covered waiting
area on the city side, where the only shade is a single neem tree.
""",
    },
    {
        "title": "Welcome to The Harbour Ledger",
        "author": "sana",
        "days": 535,
        "categories": ["opinion"],
        "tags": ["transparency"],
        "closed": True,
        "body": """\
Sahilabad is a city of four million people, a working port and a council that spends more than
Rs 40 billion a year. Until today it had no independent news site devoted to how the city is run.
This is our attempt to change that.

We will cover the council, the port authority, the water board and the buses, and we will write
about the culture of a city that has welcomed sailors, traders and strangers for three centuries.
We will make mistakes, and when we do we will correct them in public. Tell us what we should be
looking at: the best stories usually start with a reader's message.
""",
    },
    {
        "title": "بندرگاہ کے سربراہ کا استعفیٰ: اب سوال کون پوچھے گا؟",
        "author": "mehr",
        "days": 8,
        "language": "ur",
        "categories": ["urdu", "politics"],
        "tags": ["port authority", "بلدیات"],
        "body": """\
ساحل آباد پورٹ اتھارٹی کے چیئرمین کامران وزیر نے سات ماہ تک زیادہ تر بیرونِ ملک رہنے کے بعد بالآخر
استعفیٰ دے دیا ہے۔ ان کے دفتر کا کہنا ہے کہ یہ فیصلہ ذاتی وجوہات کی بنا پر کیا گیا، لیکن
بندرگاہ پر کام کرنے والے مزدوروں اور ماہی گیروں کے لیے اصل سوال یہ ہے کہ ان مہینوں میں اہم فیصلے
کون کر رہا تھا۔

ہاربر لیجر نے پچھلے چند مہینوں میں تین رپورٹیں شائع کیں جن میں بتایا گیا کہ بورڈ کے اجلاس ویڈیو لنک
پر ہوئے اور ڈریجنگ کے ٹھیکے میں توسیع اس وقت کی گئی جب چیئرمین ملک میں موجود نہیں تھے۔ اتھارٹی نے ان
رپورٹوں کی تردید نہیں کی، صرف یہ کہا کہ تمام فیصلے قواعد کے مطابق ہوئے۔

اب قائم مقام چیئرپرسن ڈاکٹر شہلا عباسی کے سامنے سب سے بڑا کام اعتماد بحال کرنا ہے۔ گودی مزدوروں کی
یونین کا مطالبہ ہے کہ رکی ہوئی اجرتیں فوراً ادا کی جائیں اور ٹھیکوں کی تفصیلات عوام کے سامنے لائی
جائیں۔ ہم ان مطالبات پر اتھارٹی کے جواب کا انتظار کر رہے ہیں۔
""",
    },
    {
        "slug": "how-to-vote-urdu",
        "title": "بلدیاتی انتخابات: ووٹ ڈالنے سے پہلے یہ پانچ باتیں جان لیں",
        "author": "mehr",
        "days": 12,
        "language": "ur",
        "categories": ["urdu", "elections"],
        "tags": ["local elections", "بلدیات"],
        "body": """\
ساحل آباد میں بلدیاتی انتخابات قریب ہیں اور شہر کے اڑتیس وارڈوں میں امیدوار گھر گھر جا رہے ہیں۔
ووٹ ڈالنے سے پہلے ان باتوں کا خیال رکھیں:

1. اپنا اصل شناختی کارڈ ساتھ رکھیں؛ اس کی فوٹو کاپی قبول نہیں کی جاتی۔
2. اپنے پولنگ اسٹیشن کا پتہ پہلے سے معلوم کر لیں، کیونکہ کئی وارڈوں کی حد بندی بدل گئی ہے۔
3. پولنگ صبح آٹھ بجے سے شام پانچ بجے تک جاری رہے گی۔
4. بیلٹ پیپر پر مہر صرف ایک خانے میں لگائیں۔
5. کسی بے قاعدگی کی صورت میں پریزائیڈنگ افسر کو تحریری شکایت دیں۔

ہم انتخابات کے دن ہر وارڈ سے نتائج اور خبریں شائع کریں گے۔
""",
    },
    {
        "title": "مچھی بازار کی ایک صبح",
        "author": "mehr",
        "days": 170,
        "language": "ur",
        "categories": ["urdu", "culture"],
        "tags": ["fishermen"],
        "body": """\
فجر کی اذان کے ساتھ ہی مچھی بازار جاگ اٹھتا ہے۔ کشتیاں رات بھر سمندر میں رہنے کے بعد جیٹی پر لگتی
ہیں اور برف سے بھری ٹوکریاں کنارے پر اتاری جاتی ہیں۔ بولی لگانے والوں کی آوازیں، گاڑیوں کے ہارن اور
بگلوں کا شور مل کر ایک ایسا گیت بناتے ہیں جو اس شہر کی پہچان ہے۔

یہاں پچاس برس سے مچھلی بیچنے والے حاجی رحمت علی کہتے ہیں کہ اب پہلے جیسی رونق نہیں رہی۔ ان کے مطابق
سمندر میں آلودگی بڑھنے سے مچھلی دور چلی گئی ہے اور ایندھن اتنا مہنگا ہو گیا ہے کہ چھوٹی کشتیوں کے
لیے گہرے پانی تک جانا مشکل ہے۔

پھر بھی سورج نکلنے تک بازار میں کھوے سے کھوا چھلتا ہے۔ چائے کے ڈھابوں پر مزدور، خریدار اور سیاح ایک
ہی بینچ پر بیٹھے ہیں، اور ہر کوئی جانتا ہے کہ اس شہر کی معیشت کی نبض یہیں دھڑکتی ہے۔
""",
    },
    {
        "title": "Bus ka kiraya phir barh gaya, aur AC phir band",
        "author": "faraz",
        "days": 40,
        # Roman Urdu: Urdu in Latin script, so left to right despite the "ur" language code.
        "language": "ur-Latn",
        "direction": "ltr",
        "categories": ["opinion", "transport"],
        "tags": ["Tideline"],
        "body": """\
Tideline bus ka kiraya is mahine phir se das rupay barh gaya hai. Transport department kehta hai ke
diesel mehenga ho gaya, is liye majboori thi. Theek hai, lekin sawal yeh hai ke jab kiraya barhta
hai to sahulat kyun nahin barhti?

Kal subah T2 route par main ne teen buson mein safar kiya. Teenon mein AC band tha, do mein
khirkiyan nahin khulti thin, aur aik mein driver sahab ne khud bataya ke card machine hafte se
kharab hai. Musafir shikayat karte hain, magar shikayat number par koi phone nahin uthata.

Hum kiraya dene ke liye tayyar hain. Bas itna chahte hain ke har naye kiraye ke sath aik chhoti si
report bhi aaye: kitni busen chal rahi hain, kitni kharab hain, aur unhein theek karne ka plan kya
hai. Yeh koi bari maang nahin.
""",
    },
    {
        "title": "Notes: who leases the land behind East Wharf?",
        "author": "faraz",
        "status": "draft",
        "categories": ["port-shipping"],
        "tags": ["land", "port authority"],
        "body": """\
Working notes for the land-lease story. Not for publication until every lease is checked against
the registry and every leaseholder has had a chance to respond.

- Fourteen plots leased in the last three years; nine to companies registered the same month.
- Ask the authority for the board resolutions approving each lease.
- Check whether any plot was advertised before it was leased.
""",
    },
    {
        "title": "Live: nominations close, and here is who is standing in every ward",
        "author": "sana",
        "days": -2,
        "hour": 9,
        "categories": ["elections"],
        "tags": ["local elections"],
        "body": """\
Nomination papers close at five this afternoon. We will update this post through the day with
every candidate who files in each of the 38 wards, and with any papers the returning officers
reject.

Refresh for the latest. Candidates who want to correct their details can reach us through the
contact page.
""",
    },
    {
        "title": "What street vendors want from the next mayor",
        "author": "mehr",
        "status": "pending",
        "categories": ["elections"],
        "tags": ["local elections", "mayor"],
        "body": """\
We asked twenty vendors on Jetty Road and in Sitara Market what they want from whoever becomes
mayor. Not one mentioned money first. They asked for licences that cannot be revoked on a whim,
a toilet within walking distance, and an end to the weekly "fee" collected by men with no receipts.

The candidates have promised vendors many things over the years. Below, in their own words, is
what the vendors would like promised instead.
""",
    },
    {
        "title": "Election night: newsroom rota and checklist",
        "author": "sana",
        "days": 4,
        "status": "private",
        "categories": ["elections"],
        "tags": [],
        "body": """\
Internal. Faraz runs the results desk from six; Mehr is at the central counting hall, with the
Urdu live post. I take the phones and corrections from ten until the last ward is declared.

Before anything goes up: two sources for every result, the returning officer's form photographed,
and no call for mayor until the council has a clear majority.
""",
    },
]

# (days ago, author, category, tags, title, lead paragraph, quotation, what comes next)
BRIEFS = [
    (3, "sana", "politics", ["port authority", "transparency"],
     "Acting port chair orders an audit of official travel",
     "Dr Shehla Abbasi, acting chair of the Sahilabad Port Authority, has ordered an internal "
     "audit of all official travel by senior staff over the past two years. The order, issued "
     "days after her predecessor resigned, covers air fares, hotel bills and daily allowances.",
     "“If the public is paying, the public should know,” Dr Abbasi told reporters at the East "
     "Wharf gate.",
     "The audit is due within sixty days, and the authority has promised to publish a summary."),
    (6, "faraz", "elections", ["local elections", "mayor"],
     "Civic Front names its candidate for mayor",
     "The opposition Civic Front has chosen Rukhsana Dar, its leader on the city council, as its "
     "candidate for mayor if it wins a majority. Ms Dar, a lawyer, has chaired the council's "
     "harbour committee for the past two years.",
     "“The port and the council have been run as private clubs. We will open the books,” she told "
     "a rally in Noor Colony.",
     "The governing Coastal Alliance is expected to confirm Mayor Nasreen Akhund."),
    (18, "faraz", "elections", ["local elections"],
     "Polling stations announced for all 38 wards",
     "The election commission has published its list of 1,140 polling stations, in schools, "
     "community halls and, for the first time, two Tideline depots. About a fifth of voters will "
     "vote somewhere new because ward boundaries have changed.",
     "“Check your station before polling day, not on it,” a commission official advised.",
     "Our ward guide links to the list for each ward."),
    (24, "mehr", "economy", ["water"],
     "Water tankers to carry GPS trackers",
     "Every tanker licensed by the water board will have to carry a GPS tracker from next month, "
     "so that residents can see when a delivery has left the hydrant and where it is going. "
     "The board says some tankers have been selling water meant for low-income wards to "
     "private buyers.",
     "“A tanker that disappears for three hours has not got lost,” said the board's operations "
     "director.",
     "Operators say each tracker costs Rs 18,000 and want the board to share the cost."),
    (33, "mehr", "culture", ["heritage"],
     "Book fair moves to the Old Customs House",
     "This year's Sahilabad Book Fair will be held in the courtyard and halls of the Old Customs "
     "House, the first event in the building to last longer than a night. Around ninety publishers "
     "have booked stalls, a third of them selling Urdu and regional-language titles.",
     "“The building finally gets to be what it looks like: a place where the city meets,” said one "
     "of the organisers.",
     "Entry is free for school groups on weekday mornings."),
    (45, "mehr", "transport", ["Tideline"],
     "Tideline fares to rise by Rs 10",
     "Tideline fares will rise by Rs 10 on every route from the first of next month, taking the "
     "longest trip to Rs 70. The transport department blames diesel prices and the smaller "
     "subsidy in the council's budget.",
     "“We held fares for as long as we could,” the department's spokesperson said.",
     "Students and passengers over 65 keep their half-price concession."),
    (58, "faraz", "city-council", ["land"],
     "Council approves a night market on Jetty Road",
     "Jetty Road will close to traffic after 9 pm at weekends for a night market with room for 120 "
     "stalls, under a plan the council approved by a wide margin. Licences will be allocated by "
     "lottery, with half reserved for vendors already working in the area.",
     "“The vendors have been there for decades; now they will be there legally,” said councillor "
     "Bilal Shaikh.",
     "Shopkeepers on the road have asked for a review after three months, citing parking."),
    (75, "mehr", "economy", ["power cuts"],
     "Coastal Power publishes its load-shedding schedule",
     "Coastal Power, the city's electricity distributor, has for the first time published a "
     "feeder-by-feeder schedule of planned power cuts. Areas with high losses face up to six hours "
     "a day without power; areas with low losses, none.",
     "“Publishing the schedule is welcome. Punishing whole neighbourhoods for the theft of a few "
     "is not,” said a residents' association in Noor Colony.",
     "The schedule will be revised every month."),
    (90, "faraz", "elections", ["local elections", "transparency"],
     "Candidates must now declare their assets",
     "Candidates in the local elections must declare their assets, and those of their spouses and "
     "dependent children, when they file nomination papers, the election commission has ruled. The "
     "declarations will be posted at each returning officer's office.",
     "“Voters deserve to know who they are voting for,” the commission's order says.",
     "We will publish the declarations for every ward as they become available."),
    (160, "sana", "culture", ["heritage"],
     "Fourteen Old Quarter buildings added to the heritage list",
     "The heritage department has added fourteen buildings in the Old Quarter to its protected "
     "list, among them a caravanserai, three merchants' houses with carved wooden balconies and "
     "the old telegraph office. Owners now need permission before any demolition.",
     "“Listing is the easy part. The hard part is giving owners a reason to keep these buildings "
     "standing,” said the trust that nominated them.",
     "The department has promised property-tax relief for repairs but has not said how much."),
    (230, "mehr", "port-shipping", ["fishermen"],
     "Two-month fishing ban begins for the breeding season",
     "The annual ban on trawling in coastal waters began at midnight and runs for two months, to "
     "protect shrimp and fish during the breeding season. Small boats fishing with hand lines are "
     "exempt.",
     "“We support the ban. We only ask that the relief payments arrive during it, not after it,” "
     "said a spokesman for the fishermen's cooperative.",
     "Last year the payments reached families seven weeks after the ban ended."),
    (270, "faraz", "city-council", ["port authority"],
     "Harbour committee summons the port chairman, again",
     "The council's harbour committee has summoned the port authority's chairman, Kamran Vazir, to "
     "explain delays to the container terminal expansion, after he missed two earlier hearings. "
     "The authority said the chairman was travelling on official business.",
     "“This committee has heard from his deputy three times. We would like to hear from him once,” "
     "said the committee's chair, Rukhsana Dar.",
     "The hearing is set for the first week of next month."),
    (320, "sana", "culture", ["land"],
     "Noor Colony cricket ground saved from car-park plan",
     "The council has dropped a plan to turn the Noor Colony cricket ground into a multi-storey "
     "car park, after more than 6,000 residents signed a petition and local clubs played a week of "
     "protest matches. The ground, the ward's only open space, is home to about forty teams.",
     "“Every cricketer from this neighbourhood learned to play here,” said one club captain.",
     "The council says it will look for another parking site near the Sitara Market interchange."),
    (350, "mehr", "transport", ["Tideline"],
     "Minibus operators strike over new route permits",
     "Most of the city's private minibuses stayed off the road as operators struck against permits "
     "that would bar them from the Tideline corridors. Commuters crowded onto the few buses still "
     "running, and rickshaw fares had doubled by mid-morning.",
     "“They built the Tideline on our routes and now they want us off them,” said the president "
     "of the operators' association.",
     "Talks with the transport department resume tomorrow."),
    (410, "faraz", "politics", ["right to information", "monsoon"],
     "Council ordered to release the drain contract file",
     "The city's information commissioner has ordered the council to release the file on the Qila "
     "Road storm-drain contract, which the Ledger requested under right-to-information rules. The "
     "council had refused, saying the file was commercially sensitive.",
     "“Commercial sensitivity cannot cover the terms on which public money is paid to a "
     "contractor,” the commissioner wrote.",
     "The council has thirty days to comply or appeal."),
    (480, "mehr", "port-shipping", ["port authority", "dredging"],
     "First crane arrives for the container terminal expansion",
     "The first of four ship-to-shore cranes for the East Wharf container terminal has arrived by "
     "heavy-lift ship and now towers over the harbour. With all four working, the terminal expects "
     "to handle 40 per cent more containers a year.",
     "“This is the biggest change at the wharf in a generation,” said the terminal's manager, "
     "Dr Shehla Abbasi.",
     "The other three cranes are due within six months, though their berth still needs dredging."),
]  # fmt: skip

# Second paragraphs end with one of these in turn; {name} and {path} are the post's category.
BRIEF_CLOSERS = [
    "We will update this story as it develops.",
    "Readers with first-hand accounts can reach the newsroom through our "
    "[contact page](/contact/).",
    "More in our [{name}](/category/{path}/) section.",
    "This brief draws on published papers and our reporters' notes.",
]

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

# Readers' comments, one a line: reply depth (0 = top level), "p" pending or "s" spam, the
# commenter's name, "|", then Markdown; lines that don't start that way continue the comment.
# A name matching a demo author's display name is that author replying.
FLAGSHIP_COMMENTS = """
0 Farida Khan | Finally. Seven months of "working remotely" from another continent, and we were
meant to believe the port ran itself.
1 Imran Lodhi | To be fair, at least two of those months were an official trade roadshow. The
ministry announced it at the time.
2 Farida Khan | A roadshow that produced exactly one memorandum of understanding, which nobody has
seen. I'll believe in the roadshow when I see the trade.
3 Imran Lodhi | Fair point on the MoU. I'm only saying not all of it was a holiday. The medical
leave was real too, from what I hear.
3 Zubair A. | "From what I hear" is doing a lot of work there.
1 Ayesha Memon | The port *did* run itself, more or less. The people who actually run it were always
there. That's rather the point.
0 Hassan, East Wharf | We still have not been paid overtime for the monsoon shifts. Resign, don't
resign, I don't care. **Pay the men.**
1 Naveed Butt | Same at the container yard. Three months now. The union has written twice.
2 Hassan, East Wharf | Write a third time and copy the Ledger. It is the only letter anybody reads.
1 Faraz Hussain | Hassan, Naveed: we are following up on the overtime arrears separately. If you can
share the union's letters, please get in touch through the [contact page](/contact/).
0 Dr. Kaleem Ansari | A correction, if I may. The dredging extension was Rs 2.4 billion over three
years, not per year, as a screenshot going round this morning claims. The Ledger's figure is right;
the screenshot is wrong.
1 Rabia S. | Thank you. That screenshot has been forwarded to me four times today.
1 Omar F. | Even over three years it is a lot of money for a harbour that still silts up every
August.
2 Dr. Kaleem Ansari | Silting in August is expected. The question is whether the dredged depth is
ever measured independently. As far as I know, it is not.
3 Sadia Pirzada | It was, until the hydrographic survey unit was "merged" into the contractor's own
team. Worth a story of its own.
0 Shahid from Noor Colony | Istifa dena kaafi nahin. Paisa kahan gaya, yeh batao.
1 Tahira Jaffer | Bilkul. Aur jo kaghzaat deputy sahiba ne sign kiye, unka kya hoga?
2 Ayesha Memon | Dr Abbasi signed because someone had to. I worked under her at the terminal; she
is the most careful engineer in that building.
3 Tahira Jaffer | Careful hona aur jawabdeh hona do alag cheezen hain. Umeed hai woh dono hon.
0 Junaid | Good riddance. Next.
0 Nadia Qazi | I'm uneasy about how personal some of the coverage has become (not here, elsewhere).
His family has nothing to do with it. Report the contracts and leave his children out of it.
1 Sana Baloch | Agreed, and that has been our rule throughout. We have reported on his official
duties and official spending, nothing else.
1 Abid Hussain Solangi | Fair, but he is the one who brought his family into the letter.
2 Nadia Qazi | Everyone says that in a resignation letter. It is a formula, not an invitation.
0 Concerned Citizen | Why is nobody asking the ministry why it took seven months to notice? The
chairman does not appoint himself.
1 Waqar | This. The ministry appoints the board and the chairman reports to the ministry. Where was
the ministry?
2 Maliha | Busy approving his travel, presumably.
0 Asif Baig | Honest question: is there actually a rule that the chairman has to be there in
person? Plenty of boards meet online now.
1 Khurram | The authority's rules of business say board meetings are held "at the principal
office". Online meetings were allowed during the pandemic as a temporary measure.
2 Asif Baig | Thanks, I didn't know that. So the question is whether the temporary measure was ever
extended.
3 Sadia Pirzada | Once, for six months, and that lapsed long before his trips. The Ledger's second
story linked the notification.
1 Zehra | Presence matters at a port. You cannot inspect a berth over a video link.
0 Yusuf (retired pilot) | Forty years bringing ships into this harbour, and I have seen seven
chairmen come and go. The good ones came down to the pilot station at least once a month. I never
once saw this one.
1 Bushra | Thank you for your service, sir. The harbour is lucky to have people who remember.
1 Salman T. | Yusuf sahib, you should write for the Ledger. A column from the pilot station would be
worth reading.
2 Faraz Hussain | Seconded. Yusuf sahib, the invitation is open.
0 محمد اسلم | استعفیٰ کافی نہیں، مکمل آڈٹ ہونا چاہیے۔ یہ عوام کا پیسہ ہے۔
1 ثمینہ | متفق ہوں۔ اور آڈٹ رپورٹ عوام کے سامنے آنی چاہیے، صرف وزارت کی فائلوں میں نہیں۔
0 Kashif | Slightly off topic, but could the Ledger explain how the port authority is funded? I
honestly don't know whether it's tax money or port fees.
1 Mona Siddiqui | Mostly port dues and terminal leases, plus a federal grant for capital works such
as dredging. So, both.
2 Kashif | Thanks Mona, that helps.
1 Faraz Hussain | Good idea, Kashif. It's on the list.
0 Rizwan (ex-SPA) | I worked in the authority's finance wing until last year. Travel claims for the
chairman's office go through a separate budget line that the board never sees in detail.

That isn't illegal, but it is why nobody can answer your second question quickly.
1 Omar F. | That is a remarkable thing to have on the record. Thank you.
1 Pedant-in-chief | Technically he was the *chairman*, not the *chief*. The headline should say so.
2 Zubair A. | "Chief" is standard headline shorthand. Every paper does it.
3 Pedant-in-chief | Every paper also misspells "dredging" once a week. Standards!
0 Hina from Gulbahar | My father was a dockworker. He used to say the port is the city's lungs:
when the lungs are sick, the whole city coughs. I hope the next chairman listens.
0 Ali Raza | I don't understand the outrage. He was on leave, the deputy was in charge and the port
kept working. That is how institutions are supposed to function.
1 Farida Khan | Seven months away on full pay, with contracts approved in his absence? No
institution is supposed to function like that.
2 Ali Raza | Do we know he approved anything? The story says the extension was approved while he
was abroad, not that he approved it.
3 Faraz Hussain | A fair distinction, Ali, and it's why the first of our three questions is who
authorised it. We don't know yet, and we haven't claimed to.
1 Naveed Butt | The port kept working because the men kept working. Unpaid.
0 Samina Khatoon | Will you publish the whole resignation letter? Only one paragraph is quoted.
1 Sana Baloch | The second paragraph is a list of people he thanks. We quoted the substantive one.
0 Zeeshan | Now do the water board.
1 Rabia S. | They have, twice. Look under the [water](/tag/water/) tag.
0 Huma Rashid | I've shared this with my public administration students as a case study, both in how
not to run a public body and in why local reporting matters.
0 Bilal (Lighthouse Ward) | The acting chair could start by fixing the jetty lights at Lighthouse
Ward. Three boats hit the old pilings last winter.
0 Danish Khan | Does anyone know whether the deputy will apply for the permanent post?
1 Mona Siddiqui | The ministry says the post will be advertised. She is eligible.
0 Aqsa N. | Excellent reporting. This is why I pay for local news.
0 Kamal Uddin | How many more are there like this in other departments? This one came out only
because the Ledger kept asking.
0p Junaid | I bet he has a job lined up with the dredging company already. Mark my words.
0p Parveen Akhtar | Long-time reader, first comment. Please stay on this story after the news
cycle moves on; that is when the files quietly close.
0p Anonymous | I have papers about the port's land leases. How can I send them safely?
0s Best Visa Consultant | Want to work abroad like the port chairman?? Guaranteed visa in 7 days!!!
[Apply now](https://example.com/cheap-visa-offer)
0s CryptoKing | Great article!! I made Rs 5 lakh in one week with this trading bot, see my profile
[here](https://example.com/trading-bot)
"""

# (type, linking post's title, its URL, excerpt, share of the way through the discussion)
FLAGSHIP_PINGS = [
    ("pingback", "The week in coastal cities: a roundup", "https://example.org/weekly-roundup/",
     "[…] as the Harbour Ledger reported, the chairman ran most board meetings by video "
     "link […]", 0.15),
    ("pingback", "Why remote leadership fails public institutions",
     "https://example.net/blog/remote-leadership/",
     "[…] the Sahilabad resignation is a textbook case, as the Ledger's reporting shows […]", 0.4),
    ("trackback", "Citizen Desk: ports and power", "https://example.org/citizen-desk/ports-power/",
     "We linked to the Ledger's story on the resignation and the dredging contract.", 0.55),
    ("pingback", "Union bulletin: port chief quits, arrears still unpaid",
     "https://example.com/union/bulletin-port-chief-quits/",
     "[…] full report at the Harbour Ledger. Members should keep their overtime slips […]", 0.8),
]  # fmt: skip

# Smaller discussions, by post title.
COMMENTS = {
    "Council passes a budget nobody had time to read": """
0 Omar F. | The bus subsidy cut is the real story here. Fares up, service down, and they call it
reform.
1 Sadia Pirzada | The finance committee's own notes assume ridership rises 30% next year. With fewer
buses. Good luck.
0 Tahira Jaffer | Thank you for the table. More of these, please; I'd never have found the numbers.
""",
    "Tideline at one: the numbers, the queues and the missing buses": """
0 Zehra | I ride T1 every day and it really is faster. The problem is getting to the station: no
footpath on either side.
1 Asif Baig | Same at Gulbahar. The station is lovely; the walk to it is a gamble with your life.
0 Kashif | 22 minutes is generous. I waited 35 one evening last week.
1 Mehr Nigar | Kashif, which station, and at roughly what time? We're collecting timings for the
follow-up.
2 Kashif | Sitara Market, around a quarter past six. Happy to keep a log if that helps.
""",
    "What the water board's new tariff means for your bill": """
0 Hina from Gulbahar | Our meter has read zero for eleven months. I'm not complaining, but I
suspect the board will.
0 Abid Hussain Solangi | Tanker water in Noor Colony costs us more in a week than the new tariff
will in a month. Fix the supply first.
""",
    "Bus ka kiraya phir barh gaya, aur AC phir band": """
0 Shahid from Noor Colony | Bilkul sahi likha. T2 par card machine teen hafte se kharab hai, main
roz cash deta hoon.
1 Junaid | Complaint number par call kiya? Mere sath to kisi ne utha liya tha, lekin hua kuch nahin.
0 Maliha | Report wali baat zabardast hai. Har mahine aisi aik report aani chahiye.
""",
    "مچھی بازار کی ایک صبح": """
0 ثمینہ | بہت خوبصورت تحریر۔ بچپن کی وہ صبحیں یاد آ گئیں جب ابا کے ساتھ مچھلی لینے جاتے تھے۔
0 محمد اسلم | حاجی صاحب ٹھیک کہتے ہیں۔ آلودگی پر بھی ایک تفصیلی رپورٹ ہونی چاہیے۔
1 Mehr Nigar | شکریہ۔ ماہی گیروں کے اپنے سروے پر ہماری پچھلی رپورٹ بھی ضرور دیکھیے۔
""",
}
