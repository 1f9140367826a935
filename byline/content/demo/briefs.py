"""Short demo posts: news briefs built from a few sentences each; all invented."""

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
