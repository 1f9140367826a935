"""The readers' responses of the demo site: comment threads, pingbacks and trackbacks."""

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
