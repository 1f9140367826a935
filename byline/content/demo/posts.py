"""The demo site's posts: a flagship story, features and short briefs; all invented."""

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
