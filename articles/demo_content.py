"""
Demo content for `manage.py seed_demo`. Everything here is invented.

A story's `hours_ago` sets its publication time, counted back from the moment the
story is first seeded: negative is scheduled for later, missing means no time yet.
`updated_hours_ago` makes a published story show as updated since (an edit its editor
marked substantive). `lead_photo` names one of PHOTOS. CORRECTIONS holds the stories'
corrections and updates logs, LIVE_UPDATES the updates of stories covered live.
"""

SECTIONS = [
    {
        "slug": "news",
        "name": "News",
        "order": 10,
        "description": (
            "What is happening in Eastbridge and across the country: politics, "
            "transport, health and schools."
        ),
    },
    {
        "slug": "world",
        "name": "World",
        "order": 20,
        "description": (
            "International news, diplomacy and conflict, from our correspondents and "
            "the news agencies."
        ),
    },
    {
        "slug": "business",
        "name": "Business",
        "order": 30,
        "description": (
            "Companies, startups, jobs and the economy, with a close eye on the port "
            "and Eastbridge’s industry."
        ),
    },
    {
        "slug": "sport",
        "name": "Sport",
        "order": 40,
        "description": (
            "Football, athletics, tennis, cycling and the rest, with Eastbridge United "
            "close to our hearts."
        ),
    },
    {
        "slug": "culture",
        "name": "Culture",
        "order": 50,
        "description": (
            "Museums, theatre, books, film and music: reviews, news and interviews."
        ),
    },
    {
        "slug": "science",
        "name": "Science",
        "order": 60,
        "description": "Research, climate, space and health, explained.",
    },
]

AUTHORS = [
    {
        "slug": "maya-levin",
        "name": "Maya Levin",
        "role": "City hall reporter",
        "bio": (
            "Maya has covered Eastbridge city council, housing and schools since 2019. "
            "Before that she reported on the courts for a regional weekly."
        ),
    },
    {
        "slug": "daniel-okafor",
        "name": "Daniel Okafor",
        "role": "Diplomatic correspondent",
        "bio": (
            "Daniel reports on diplomacy, conflict and international talks, and has "
            "filed from more than thirty countries."
        ),
    },
    {
        "slug": "sarah-whitfield",
        "name": "Sarah Whitfield",
        "role": "Business editor",
        "bio": (
            "Sarah leads the business desk, covering startups, the port and the "
            "economy, after ten years as a financial reporter."
        ),
    },
    {
        "slug": "tomas-reyes",
        "name": "Tomás Reyes",
        "role": "Sports writer",
        "bio": (
            "Tomás covers football, athletics and anything else played in Eastbridge. "
            "He has not missed a United home game since 2011."
        ),
    },
    {
        "slug": "noa-ben-david",
        "name": "Noa Ben-David",
        "role": "Culture correspondent",
        "bio": (
            "Noa writes about museums, theatre, books and music, and reviews new "
            "productions at the Playhouse."
        ),
    },
    {
        "slug": "priya-raman",
        "name": "Priya Raman",
        "role": "Science and climate reporter",
        "bio": (
            "Priya covers climate, health and research. She trained as a marine "
            "biologist before she became a journalist."
        ),
    },
    {
        "slug": "eitan-shapiro",
        "name": "Eitan Shapiro",
        "role": "Transport correspondent",
        "bio": (
            "Eitan reports on trains, buses, roads and the people who use them. He "
            "commutes by bike, most days."
        ),
    },
    {
        "slug": "hannah-cole",
        "name": "Hannah Cole",
        "role": "Night news editor",
        "bio": (
            "Hannah runs the news desk overnight and writes the stories that break "
            "after dark."
        ),
    },
    {
        "slug": "yael-cohen",
        "name": "Yael Cohen",
        "role": "Hebrew desk editor",
        "bio": (
            "Yael edits the Hebrew edition and writes about technology, science and "
            "culture."
        ),
    },
    {
        "slug": "reuters",
        "name": "Reuters",
        "role": "News agency",
        "bio": "International news agency.",
        "is_agency": True,
    },
    {
        "slug": "afp",
        "name": "AFP",
        "role": "News agency",
        "bio": "Agence France-Presse, international news agency.",
        "is_agency": True,
    },
    {
        "slug": "ap",
        "name": "AP",
        "role": "News agency",
        "bio": "The Associated Press, international news agency.",
        "is_agency": True,
    },
]

USERS = [
    {
        "username": "editor",
        "first_name": "Ruth",
        "last_name": "Adler",
        "group": "Editors",
    },
    {
        "username": "moderator",
        "first_name": "Omar",
        "last_name": "Haddad",
        "group": "Moderators",
    },
    {
        "username": "noa",
        "first_name": "Noa",
        "last_name": "Peretz",
        "group": "Moderators",
    },
    {
        "username": "sam",
        "first_name": "Sam",
        "last_name": "Okafor",
        "group": "Moderators",
    },
]

# Demo photos, drawn by `articles.demo_photos.draw_scene(sky, layers)`. Alt text is in
# Hebrew, the site's mother language, as on the story page the CMS was built from.
# Captions must stay unique: a rerun finds a photo it drew before by its caption.
PHOTOS = {
    "solberg-airport-press": {
        "sky": "dusk",
        "layers": ["street", "buildings", "crowd"],
        "alt_text": (
            "עיתונאים וצלמים מצטופפים מול בנייני שדה התעופה של סולברג בשעת בין "
            "ערביים, בהמתנה למשלחת של ולמורה"
        ),
        "caption": (
            "Reporters wait outside the terminal at Solberg airport for Valmora’s "
            "delegation, 12 July 2026."
        ),
        "credit": "Reuters",
    },
    "solberg-closed-street": {
        "sky": "day",
        "layers": ["street", "buildings"],
        "alt_text": "רחוב ריק במרכז סולברג, שנסגר לתנועה לפני מעבר שיירת המשלחות",
        "caption": (
            "A street in central Solberg closed to traffic before the delegations’ "
            "motorcade passes, 12 July 2026."
        ),
        "credit": "AFP",
    },
    "solberg-harbour-dusk": {
        "sky": "dusk",
        "layers": ["sea", "buildings", "boats"],
        "alt_text": "נמל סולברג בשקיעה: בתי מלון לאורך החוף וסירות מפרש על המים",
        "caption": (
            "Solberg harbour at sunset; both delegations are staying in hotels on the "
            "waterfront, 12 July 2026."
        ),
        "credit": "Reuters",
    },
    "lodge-hills-dawn": {
        "sky": "dawn",
        "layers": ["hills", "buildings"],
        "alt_text": "גבעות ירוקות והבתים שסביב בקתת הציד לשעבר מחוץ לסולברג, עם שחר",
        "caption": (
            "Morning over the hills around the former hunting lodge outside Solberg "
            "where the talks were held, 13 July 2026."
        ),
        "credit": "AP",
    },
    "lodge-press-hillside": {
        "sky": "day",
        "layers": ["hills", "crowd"],
        "alt_text": "קהל עיתונאים וצלמים ממתין על הגבעה שמחוץ למקום השיחות",
        "caption": (
            "Journalists wait on the hillside outside the lodge as the talks go into "
            "a fourth hour, near Solberg, 13 July 2026."
        ),
        "credit": "AFP",
    },
    "lodge-night-windows": {
        "sky": "night",
        "layers": ["hills", "buildings"],
        "alt_text": "חלונות מוארים בבניינים על רקע גבעות חשוכות ושמיים זרועי כוכבים",
        "caption": (
            "Lights still burn in the lodge and its outbuildings after dark as the "
            "delegations finish, near Solberg, 13 July 2026."
        ),
        "credit": "Reuters",
    },
    "mediator-statement": {
        "sky": "dusk",
        "layers": ["street", "crowd"],
        "alt_text": (
            "כתבים מתקהלים בשעת ערב סביב שרת החוץ של סולברג, אינגריד סלן, שמוסרת "
            "הודעה לתקשורת"
        ),
        "caption": (
            "Reporters crowd around Solberg’s foreign minister, Ingrid Sælen, as she "
            "reads the mediators’ statement, Solberg, 13 July 2026."
        ),
        "credit": "AP",
    },
    "varnik-from-hills": {
        "sky": "day",
        "layers": ["hills", "buildings"],
        "alt_text": "בנייני העיירה ורניק שוכנים בין גבעות ירוקות ביום בהיר",
        "caption": (
            "The border town of Varnik, Valmora, seen from the hills to the north, "
            "10 July 2026."
        ),
        "credit": "Reuters",
    },
    "ostmark-crossing-queue": {
        "sky": "dawn",
        "layers": ["street", "crowd"],
        "alt_text": "משפחות ממתינות בתור ארוך במעבר הגבול באוסטמרק עם שחר",
        "caption": (
            "Families queue at the Ostmark border crossing at first light, "
            "11 July 2026."
        ),
        "credit": "AFP",
    },
    "pelin-fishing-boats": {
        "sky": "day",
        "layers": ["sea", "boats"],
        "alt_text": "סירות דייגים קטנות בצבעים שונים בים הפתוח מול חופי פלין",
        "caption": (
            "Fishing boats stay close to shore off the coastal town of Pelin, Esterra, "
            "11 July 2026."
        ),
        "credit": "AP",
    },
    "lesk-street-night": {
        "sky": "night",
        "layers": ["street", "buildings"],
        "alt_text": "רחוב בעיירה לסק בלילה; אור דולק רק בחלק מהחלונות",
        "caption": (
            "A street in Lesk after dark, with power back in only some homes, "
            "11 July 2026."
        ),
        "credit": "Reuters",
    },
    "parade-quay-crowd": {
        "sky": "dusk",
        "layers": ["street", "buildings", "crowd"],
        "alt_text": "אלפי אוהדים בחולצות צבעוניות ממלאים את הטיילת לאורך הנמל בשקיעה",
        "caption": (
            "Fans fill the quay as Eastbridge United’s open-top bus makes its way "
            "along the river, Eastbridge, 20 July 2026."
        ),
        "credit": "Dana Mizrahi",
    },
    "parade-river-boats": {
        "sky": "day",
        "layers": ["sea", "boats"],
        "alt_text": "סירות מפרש צבעוניות שטות בנהר לצד מסלול המצעד",
        "caption": "Boats follow the parade along the river, Eastbridge, 20 July 2026.",
        "credit": "Dana Mizrahi",
    },
    "parade-barriers": {
        "sky": "dusk",
        "layers": ["street", "crowd"],
        "alt_text": "אוהדים מריעים בצפיפות מאחורי המחסומים לאורך מסלול המצעד",
        "caption": (
            "Supporters cheer from behind the barriers on Quay Street, Eastbridge, "
            "20 July 2026."
        ),
        "credit": "AP",
    },
    "parade-town-hall-night": {
        "sky": "night",
        "layers": ["street", "buildings", "crowd"],
        "alt_text": (
            "הקהל נשאר ברחבת בניין העירייה גם אחרי רדת החשכה, והחלונות מוארים מעליו"
        ),
        "caption": (
            "The crowd stays outside the town hall after dark as the players show the "
            "cup from the balcony, Eastbridge, 20 July 2026."
        ),
        "credit": "Leo Hartmann",
    },
    "parade-river-night": {
        "sky": "night",
        "layers": ["sea", "buildings"],
        "alt_text": (
            "בנייני העיר וחלונותיהם המוארים מעל מי הנהר בלילה, אחרי שהקהל התפזר"
        ),
        "caption": (
            "The riverfront at night after the crowds have gone home, Eastbridge, "
            "20 July 2026."
        ),
        "credit": "Leo Hartmann",
    },
    "museum-waterfront": {
        "sky": "day",
        "layers": ["sea", "buildings"],
        "alt_text": "המוזיאון הימי ובנייני הנמל שסביבו על שפת המים ביום בהיר",
        "caption": (
            "The rebuilt Eastbridge Maritime Museum and its neighbours on the "
            "waterfront, 10 July 2026."
        ),
        "credit": "Dana Mizrahi",
    },
    "museum-queue": {
        "sky": "day",
        "layers": ["street", "buildings", "crowd"],
        "alt_text": "תור ארוך של מבקרים ממתין ברחבה שמול המוזיאון לפתיחת הדלתות",
        "caption": (
            "Visitors queue along the quay on the museum’s first weekend, Eastbridge, "
            "11 July 2026."
        ),
        "credit": "Dana Mizrahi",
    },
    "museum-roof-view": {
        "sky": "dusk",
        "layers": ["sea", "boats"],
        "alt_text": "סירות מפרש בשפך הנהר בשקיעה, כפי שהן נראות ממרפסת הגג של המוזיאון",
        "caption": (
            "The river mouth from the museum’s new rooftop terrace, Eastbridge, "
            "10 July 2026."
        ),
        "credit": "Leo Hartmann",
    },
    "docks-dawn": {
        "sky": "dawn",
        "layers": ["sea", "buildings", "boats"],
        "alt_text": "חזית הנמל עם שחר, וסירות קטנות עוגנות מול הבניינים",
        "caption": (
            "Boats moored off the old docks whose history the museum tells, "
            "Eastbridge, 9 July 2026."
        ),
        "credit": "Reuters",
    },
    "heat-beach": {
        "sky": "day",
        "layers": ["sea", "crowd"],
        "alt_text": "קהל רוחצים צפוף על החוף, והים הכחול מאחוריהם",
        "caption": (
            "Crowds on the beach at Eastbridge as temperatures reach 35C, 21 July 2026."
        ),
        "credit": "Reuters",
    },
    "heat-empty-street": {
        "sky": "day",
        "layers": ["street", "buildings"],
        "alt_text": "רחוב ריק בצהרי היום, והשמש קופחת על הבניינים",
        "caption": (
            "A shopping street in central Eastbridge left empty at midday, "
            "21 July 2026."
        ),
        "credit": "AFP",
    },
    "heat-hills-sunset": {
        "sky": "dusk",
        "layers": ["hills"],
        "alt_text": "גבעות ירוקות מעל העיר בשקיעה, אחרי יום של חום כבד",
        "caption": (
            "Sunset over the hills above Eastbridge after the hottest day of the year "
            "so far, 22 July 2026."
        ),
        "credit": "AP",
    },
    "heat-night-street": {
        "sky": "night",
        "layers": ["street", "buildings", "crowd"],
        "alt_text": "תושבים יוצאים לרחוב בלילה חם, וחלונות מוארים מעליהם",
        "caption": (
            "Residents gather outside their homes on a warm night in Northgate, "
            "Eastbridge, 22 July 2026."
        ),
        "credit": "Leo Hartmann",
    },
    "rail-strike-station": {
        "sky": "dawn",
        "layers": ["street", "buildings"],
        "alt_text": (
            "הרחבה שמול התחנה המרכזית כמעט ריקה עם שחר, ביום הראשון של שביתת הרכבות"
        ),
        "caption": (
            "The forecourt of Central Station, almost empty on the first morning of "
            "the rail strike, Eastbridge, 6 July 2026."
        ),
        "credit": "Dana Mizrahi",
    },
    "cup-final-fans": {
        "sky": "night",
        "layers": ["street", "crowd"],
        "alt_text": "אוהדי איסטברידג' יונייטד חוגגים ביציע בלילה אחרי שער הניצחון",
        "caption": (
            "Eastbridge United fans celebrate Kofi Mensah’s late winner at the cup "
            "final, Harbour City, 18 July 2026."
        ),
        "credit": "AP",
    },
    "marathon-dawn-runners": {
        "sky": "dawn",
        "layers": ["street", "buildings", "crowd"],
        "alt_text": "רצים בחולצות צבעוניות ברחובות העיר עם שחר, לפני שהחום מגיע",
        "caption": (
            "Runners train at dawn on the marathon route, Eastbridge, 23 July 2026."
        ),
        "credit": "Reuters",
    },
}

# Created before the stories, whose bodies place them with <p>[gallery:slug]</p>.
GALLERIES = [
    {
        "slug": "solberg-prepares-for-talks",
        "title": "Solberg prepares for the talks",
        "description": "The neutral city welcomes the two delegations.",
        "photos": [
            "solberg-airport-press",
            "solberg-closed-street",
            "solberg-harbour-dusk",
        ],
    },
    {
        "slug": "five-hours-at-the-lodge",
        "title": "Five hours at the lodge",
        "description": "The first day of talks, from dawn to the mediators’ statement.",
        "photos": [
            "lodge-hills-dawn",
            "lodge-press-hillside",
            "lodge-night-windows",
            "mediator-statement",
        ],
    },
    {
        "slug": "waiting-in-the-border-towns",
        "title": "Waiting in the border towns",
        "description": "Life in Varnik, Lesk and Pelin while the talks go on.",
        "photos": [
            "varnik-from-hills",
            "ostmark-crossing-queue",
            "pelin-fishing-boats",
            "lesk-street-night",
        ],
    },
    {
        "slug": "united-bring-the-cup-home",
        "title": "United bring the cup home",
        "description": "The parade along the quay, from the first fans to the last.",
        "photos": [
            "parade-quay-crowd",
            "parade-river-boats",
            "parade-barriers",
            "parade-town-hall-night",
            "parade-river-night",
        ],
    },
    {
        "slug": "maritime-museum-reopening",
        "title": "The maritime museum reopens",
        "description": "The rebuilt museum and the docks whose story it tells.",
        "photos": [
            "museum-waterfront",
            "museum-queue",
            "museum-roof-view",
            "docks-dawn",
        ],
    },
    {
        "slug": "eastbridge-in-the-heat",
        "title": "Eastbridge in the heat",
        "description": "How the city is coping with the hottest spell of the summer.",
        "photos": [
            "heat-beach",
            "heat-empty-street",
            "heat-hills-sunset",
            "heat-night-street",
        ],
    },
]

STORIES = [
    {
        "slug": "council-passes-budget",
        "headline": "Eastbridge council passes budget after late-night vote",
        "standfirst": (
            "Councillors approved a £1.2bn spending plan by 31 votes to 24, freezing "
            "bus fares and paying for new school roofs, while the opposition warned "
            "that reserves are running thin."
        ),
        "section": "news",
        "authors": ["maya-levin"],
        "hours_ago": 6,
        "tags": ["Eastbridge", "City council", "Budget", "Schools", "Transport"],
        "body": """
<p>Eastbridge city council approved its budget for next year shortly before midnight on
Tuesday, ending a session that ran for more than six hours and saw three amendments
rejected.</p>
<p>The £1.2bn plan passed by 31 votes to 24. It freezes bus fares for a second year,
sets aside £38m for repairs to school buildings and raises council tax by 2.9%, just
below the cap set by the government.</p>
<p>“This is a budget for people who take the bus, send their children to our schools and
want the streets swept,” said Councillor Raj Patel, who chairs the finance committee.
“It is not glamorous. It is what the city needs.”</p>
<h2>What the budget includes</h2>
<ul>
<li>A freeze on single and weekly bus fares until next autumn</li>
<li>£38m for new roofs and heating at eleven primary schools</li>
<li>120 extra places in council-run nurseries</li>
<li>A 2.9% rise in council tax, about £54 a year for a typical home</li>
</ul>
<p>The opposition leader, Councillor Brenda Osei, said the plan relied on drawing down
reserves for the third year running. “We are paying for this year’s promises with next
year’s savings,” she told the chamber. “Sooner or later the cupboard is bare.”</p>
<p>The full budget papers are published on the
<a href="https://example.org/eastbridge/budget">council’s website</a>. The plan takes
effect in April.</p>
""",
    },
    {
        "slug": "amber-heat-warning",
        "headline": "Amber heat warning issued as temperatures head for 36C",
        "standfirst": (
            "Forecasters say the hottest spell of the summer will peak on Thursday, "
            "with nights staying above 22C in the city centre."
        ),
        "section": "news",
        "authors": ["priya-raman", "hannah-cole"],
        "hours_ago": 30,
        "updated_hours_ago": 26,
        "lead_photo": "heat-beach",
        "tags": ["Heatwave", "Climate", "Health", "Eastbridge"],
        "body": """
<p>The national weather service issued an amber heat-health warning for Eastbridge and
the coast on Monday, saying temperatures could reach 36C by Thursday.</p>
<p>“The daytime highs get the headlines, but it is the nights that worry us,” said Dr
Lena Fischer, a senior forecaster. “When the city does not cool below 22 degrees, people
who are old or unwell do not get a chance to recover.”</p>
<p>[gallery:eastbridge-in-the-heat]</p>
<h2>Advice for the next few days</h2>
<ul>
<li>Keep curtains closed on windows that face the sun</li>
<li>Drink water regularly, even if you do not feel thirsty</li>
<li>Check on neighbours who live alone</li>
<li>Never leave children or animals in parked cars</li>
</ul>
<p>The city council said its libraries and three leisure centres would stay open until
9pm as cool spaces.</p>
<p><em>This story was updated: an earlier version said the warning covered the whole
region. It covers Eastbridge and the coastal districts only.</em></p>
""",
    },
    {
        "slug": "rail-workers-vote-to-strike",
        "headline": "Rail workers vote to strike over pay and staffing",
        "standfirst": (
            "Four in five union members backed walkouts on Coastline Rail, raising the "
            "prospect of the first network-wide strike in a decade."
        ),
        "section": "news",
        "authors": ["eitan-shapiro"],
        "hours_ago": 200,
        "tags": ["Rail strike", "Transport", "Unions"],
        "body": """
<p>Rail workers at Coastline Rail have voted for strike action in a dispute over pay and
the number of staff on trains, the Rail Workers’ Union said on Friday.</p>
<p>Of the members who took part, 81% voted to strike, on a turnout of 68%. The union
must give two weeks’ notice before any walkout.</p>
<p>“Our members have not taken this decision lightly,” said Martin Doyle, the union’s
general secretary. “They have been offered a pay rise below inflation and a plan to take
guards off half the network. Nobody should be surprised by this result.”</p>
<p>Coastline Rail said it was disappointed. “We have made a fair offer and our door
remains open,” said Fiona Grant, the company’s director of operations. “A strike would
hurt the passengers who have stuck with us.”</p>
<p>The company carries about 210,000 passengers on a typical weekday, most of them
commuters into Eastbridge.</p>
""",
    },
    {
        "slug": "rail-strike-first-day",
        "headline": "Empty platforms and packed roads on first day of rail strike",
        "standfirst": (
            "Only one train in ten ran on Coastline Rail routes, and traffic into the "
            "city was the heaviest the council has recorded this year."
        ),
        "section": "news",
        "authors": ["eitan-shapiro", "maya-levin"],
        "hours_ago": 150,
        "lead_photo": "rail-strike-station",
        "tags": ["Rail strike", "Transport", "Eastbridge"],
        "body": """
<p>Stations across Eastbridge were all but deserted on Monday as the first day of strike
action by Coastline Rail workers left most of the network without trains.</p>
<p>The company ran a skeleton timetable of 41 trains, about a tenth of the usual
service, staffed by managers. The concourse at Central Station, normally crowded at 8am,
was quiet enough to hear the departure announcements echo.</p>
<p>“I left home at six and I am still going to be late,” said Aisha Rahman, a nurse who
usually takes the train from Northgate to the city hospital. “I support the workers, but
I wish they had picked a different week.”</p>
<p>Council traffic sensors recorded 23% more cars on the main roads into the city than
on an average Monday. Bus operators added extra services on the busiest routes.</p>
<h2>What happens next</h2>
<p>Further strike days are planned for Thursday and next Monday. The union and the
company have not met since the result of the ballot was announced.</p>
""",
    },
    {
        "slug": "rail-strike-talks-resume",
        "headline": "Rail strike talks resume as union signals room for compromise",
        "standfirst": (
            "The two sides met for the first time in three weeks, and the union said "
            "it could accept a phased change to the role of guards."
        ),
        "section": "news",
        "authors": ["eitan-shapiro"],
        "hours_ago": 52,
        "tags": ["Rail strike", "Transport", "Unions"],
        "body": """
<p>Talks to end the strike on Coastline Rail resumed on Wednesday at the offices of the
independent conciliation service, the first meeting between the two sides in three
weeks.</p>
<p>Martin Doyle, general secretary of the Rail Workers’ Union, said afterwards that the
union could accept changes to the role of guards if they were introduced over several
years and without compulsory redundancies.</p>
<blockquote><p>We came here to find a way through, not to win a debate. There is a deal
to be had if the company wants one.</p></blockquote>
<p>Coastline Rail called the meeting “constructive” and said it would respond to the
union’s proposals by the end of the week. The next strike day, set for Monday, has not
been called off.</p>
""",
    },
    {
        "slug": "school-roofs-before-winter",
        "headline": "Eleven schools to get new roofs before winter",
        "standfirst": (
            "The council has brought forward £38m of repairs after leaks closed "
            "classrooms at three primary schools last year."
        ),
        "section": "news",
        "authors": ["maya-levin"],
        "hours_ago": 400,
        "tags": ["Schools", "City council", "Budget", "Eastbridge"],
        "body": """
<p>Eleven primary schools in Eastbridge will have their roofs replaced before the end of
the year, the city council said on Thursday, bringing forward repairs that had been
planned over five years.</p>
<p>Leaks forced three schools to close classrooms for several weeks last winter. At
Riverside Primary, pupils were taught in the school hall for most of January.</p>
<p>“You cannot teach fractions with a bucket in the corner catching drips,” said Carol
Benning, the headteacher at Riverside. “We are delighted the work is finally
coming.”</p>
<p>The work will be done in stages during holidays and at weekends. The council has
published the <a href="https://example.org/eastbridge/schools/repairs">list of schools
and dates</a>.</p>
""",
    },
    {
        "slug": "hospitals-open-cooling-rooms",
        "headline": "Hospitals open cooling rooms as heatwave fills emergency wards",
        "standfirst": (
            "Eastbridge General saw a fifth more patients than usual over the weekend, "
            "many of them older people with dehydration."
        ),
        "section": "news",
        "authors": ["priya-raman"],
        "hours_ago": 20,
        "tags": ["Heatwave", "Health", "Eastbridge"],
        "body": """
<p>Hospitals in Eastbridge have opened air-conditioned “cooling rooms” for patients
waiting to be admitted, as the heatwave brought a sharp rise in visits to emergency
departments.</p>
<p>Eastbridge General Hospital treated 1,460 patients in its emergency department
between Friday and Sunday, about 20% more than on a typical summer weekend.</p>
<p>“We are seeing a lot of older patients who simply have not drunk enough, and people
with heart and lung conditions that the heat has made worse,” said Dr Tobias Grant, the
hospital’s clinical director for emergency care. “Most of it is preventable.”</p>
<p>The hospital has asked people to use pharmacies and the non-emergency helpline for
minor problems.</p>
""",
    },
    {
        "slug": "old-quay-bridge-to-close",
        "headline": "Old Quay bridge to close for six months of repairs",
        "standfirst": (
            "Engineers found corrosion in the iron supports of the 140-year-old "
            "crossing; a temporary footbridge will open alongside it."
        ),
        "section": "news",
        "authors": ["hannah-cole"],
        "hours_ago": 520,
        "tags": ["Transport", "City council", "Eastbridge"],
        "body": """
<p>The Old Quay bridge, one of three road crossings over the river in central
Eastbridge, will close to traffic from next month for six months of repairs.</p>
<p>An inspection in the spring found corrosion in the iron supports beneath the deck.
The bridge has carried a 7.5-tonne weight limit since May.</p>
<p>“The bridge is safe today, but it will not stay safe unless we act,” said Gareth
Lowe, the council’s head of highways. “We would rather close it on our terms than have
it closed for us.”</p>
<p>A temporary footbridge for pedestrians and cyclists will open alongside. Buses will
be diverted over the Victoria bridge, adding about ten minutes to some journeys.</p>
""",
    },
    {
        "slug": "riverside-homes-consultation",
        "headline": "Residents get their say on 3,000-home riverside plan",
        "standfirst": (
            "A six-week consultation opens on plans to build on the former gasworks "
            "site, with a third of the homes let at below-market rents."
        ),
        "section": "news",
        "authors": ["maya-levin"],
        "hours_ago": 740,
        "tags": ["Housing", "City council", "Eastbridge"],
        "body": """
<p>A public consultation on plans for up to 3,000 homes on the former gasworks site by
the river opened on Monday.</p>
<p>The plans, drawn up by the council with a housing association, include a primary
school, a health centre and a park along the water. A third of the homes would be let at
rents below the market rate.</p>
<p>“This is the biggest piece of empty land in the city, and it has been empty for
thirty years,” said the mayor, Helen Marsh. “We want people to tell us what they want to
see there before a single brick is laid.”</p>
<p>Some neighbours have raised concerns about traffic and about the tallest buildings,
which would reach 14 storeys. Drop-in sessions will be held at Northgate library every
Saturday until the consultation closes.</p>
""",
    },
    {
        "slug": "גל-חום-40-מעלות",
        "headline": "גל חום: עד 40 מעלות צפויות בסוף השבוע",
        "standfirst": (
            "השירות המטאורולוגי מזהיר מעומס חום כבד במישור החוף ובעמקים, ומשרד הבריאות "
            "ממליץ להימנע ממאמץ גופני בשעות הצהריים."
        ),
        "section": "news",
        "authors": ["yael-cohen"],
        "language": "he",
        "hours_ago": 28,
        "tags": ["גל חום", "תל אביב", "ישראל", "Heatwave", "Health"],
        "body": """
<p>גל חום כבד צפוי להגיע לשיאו בסוף השבוע, עם טמפרטורות של עד 40 מעלות בעמקים ו-35 מעלות
בתל אביב, כך לפי התחזית שפרסם הבוקר השירות המטאורולוגי.</p>
<p>"הלילות כמעט לא יתקררו, וזה מה שמדאיג אותנו יותר מכול," אמרה החזאית ד״ר מירב אלון.
"כשהטמפרטורה בלילה לא יורדת מתחת ל-27 מעלות, הגוף לא מספיק להתאושש."</p>
<h2>ההמלצות לימים הקרובים</h2>
<ul>
<li>לשתות מים באופן קבוע, גם בלי תחושת צמא</li>
<li>להימנע משהייה בשמש בין 11:00 ל-16:00</li>
<li>לא להשאיר ילדים או בעלי חיים ברכב חונה</li>
<li>לבדוק מה שלומם של שכנים מבוגרים שגרים לבד</li>
</ul>
<p>עיריית תל אביב הודיעה כי הספריות העירוניות יישארו פתוחות עד 21:00, כדי שתושבים יוכלו
למצוא בהן מקום ממוזג.</p>
""",
    },
    {
        "slug": "valmora-esterra-talks-end-without-breakthrough",
        "headline": (
            "First round of Valmora–Esterra ceasefire talks ends without a breakthrough"
        ),
        "standfirst": (
            "The delegations met for five hours outside Solberg and agreed only to "
            "meet again; Valmora’s lead negotiator said they had found “some points of "
            "common ground”."
        ),
        "section": "world",
        "byline_credit": "Newsroom staff, news agencies",
        "hours_ago": 75,
        "updated_hours_ago": 70,
        "lead_photo": "lodge-hills-dawn",
        "tags": ["Valmora", "Esterra", "Ceasefire talks", "Diplomacy"],
        "body": """
<p>The first round of talks between Valmora and Esterra ended on Monday evening without
an agreement on a ceasefire, after negotiators spent five hours together in a converted
hunting lodge outside the neutral city of Solberg.</p>
<p>Both delegations said they would return to their capitals for consultations before a
second round, expected next week.</p>
<p>[gallery:solberg-prepares-for-talks]</p>
<p>“We have found some points of common ground, and we have found points on which we are
far apart,” said Andrej Kovan, Valmora’s deputy foreign minister, who led his country’s
delegation. “That is what first meetings are for.”</p>
<p>Esterra’s chief negotiator, Mirela Dascu, was more guarded. “Our priority is an
immediate ceasefire and the protection of civilians,” she told reporters. “We did not
hear a clear answer on either today.”</p>
<p>[gallery:five-hours-at-the-lodge]</p>
<h2>Mediators cautious</h2>
<p>The talks were hosted by the government of Solberg, whose foreign minister, Ingrid
Sælen, sat at the head of the table. She said the tone had been “serious and
businesslike”, and declined to set a date for the next meeting.</p>
<p>Earlier on Monday, Petr Halek, an adviser to Valmora’s president, said the delegation
had brought “a full proposal for a ceasefire”. He later clarified that the proposal
covered the opening of humanitarian corridors, not a complete halt to the fighting.</p>
<p>[gallery:waiting-in-the-border-towns]</p>
<p>The <a href="https://example.org/solberg/talks-statement">joint statement</a> issued
by the mediators after the meeting runs to three sentences.</p>
""",
    },
    {
        "slug": "valmora-esterra-delegations-arrive",
        "headline": (
            "Valmora and Esterra delegations arrive in Solberg for first talks"
        ),
        "standfirst": (
            "The meeting will be the first face-to-face contact between the two "
            "governments since fighting broke out along their border in the spring."
        ),
        "section": "world",
        "authors": ["daniel-okafor", "reuters"],
        "hours_ago": 98,
        "lead_photo": "solberg-airport-press",
        "tags": ["Valmora", "Esterra", "Ceasefire talks", "Diplomacy"],
        "body": """
<p>Delegations from Valmora and Esterra arrived in Solberg on Sunday ahead of talks
aimed at ending months of fighting along their shared border.</p>
<p>The meeting, brokered by the government of Solberg, will be the first face-to-face
contact between officials of the two countries since clashes began in April. Aid
agencies estimate that more than 200,000 people have been forced from their homes.</p>
<p>“We come with an open mind and a firm position,” Andrej Kovan, Valmora’s deputy
foreign minister, said as he left the airport. He did not take questions.</p>
<p>Esterra’s government said in a statement that its delegation, led by the veteran
diplomat Mirela Dascu, would “test whether Valmora is serious about peace”.</p>
<p>Diplomats in Solberg played down hopes of a quick deal. “Getting both sides into the
same room is the achievement this week,” said one official involved in the preparations,
who asked not to be named.</p>
""",
    },
    {
        "slug": "humanitarian-corridors-agreed",
        "headline": (
            "Valmora and Esterra agree humanitarian corridors ahead of second round"
        ),
        "standfirst": (
            "Three routes out of the besieged border towns will open for 72 hours from "
            "Saturday, the mediators said, in the first concrete result of the talks."
        ),
        "section": "world",
        "authors": ["daniel-okafor"],
        "byline_credit": "news agencies",
        "hours_ago": 10,
        "lead_photo": "ostmark-crossing-queue",
        "tags": ["Valmora", "Esterra", "Ceasefire talks", "Humanitarian aid"],
        "body": """
<p>Valmora and Esterra have agreed to open three humanitarian corridors out of the
besieged border towns for 72 hours from Saturday, the foreign ministry of Solberg
announced on Thursday.</p>
<p>The corridors will allow civilians to leave and aid convoys to enter. International
observers will travel with the first convoys.</p>
<p>“It is a small step, but it is the first one that will change anything on the
ground,” said Ingrid Sælen, Solberg’s foreign minister. “Now both sides must show that
their word holds.”</p>
<h3>The three routes</h3>
<ol>
<li>From Varnik north to the border crossing at Ostmark</li>
<li>From Lesk west along the river road</li>
<li>From the coastal town of Pelin by sea, for the sick and wounded</li>
</ol>
<p>[gallery:waiting-in-the-border-towns]</p>
<p>The second round of talks is due to begin in Solberg on Monday.</p>
""",
    },
    {
        "slug": "esterra-grain-exports-stall",
        "headline": "Esterra’s grain exports stall with its southern ports still shut",
        "standfirst": (
            "Traders say more than a million tonnes of wheat are stuck in silos, "
            "pushing up the price of bread in neighbouring countries."
        ),
        "section": "world",
        "authors": ["reuters"],
        "hours_ago": 170,
        "tags": ["Esterra", "Trade", "Food prices"],
        "body": """
<p>Grain exports from Esterra have fallen by two-thirds since its southern ports closed
in May, traders and shipping agents said, leaving more than a million tonnes of wheat in
storage as the new harvest begins.</p>
<p>“The silos are full and the combines are in the fields,” said Tomasz Wera, who runs a
grain trading firm in the port city of Darsk. “Farmers are asking us where to put this
year’s crop, and we have no answer.”</p>
<p>Some grain is moving by rail to neighbouring countries, but at a fraction of the
volume the ports handled. The price of bread in two of Esterra’s neighbours has risen by
more than 10% since the spring.</p>
<p>Esterra’s agriculture ministry said it was in talks to reopen one port under
international supervision.</p>
""",
    },
    {
        "slug": "aid-convoy-reaches-varnik",
        "headline": "Aid convoy reaches Varnik after four-day wait at the border",
        "standfirst": (
            "Twenty lorries carrying food, medicine and water-purification kits "
            "entered the border town, the first deliveries there in six weeks."
        ),
        "section": "world",
        "authors": ["afp"],
        "hours_ago": 120,
        "lead_photo": "varnik-from-hills",
        "tags": ["Valmora", "Humanitarian aid"],
        "body": """
<p>A convoy of twenty lorries carrying food, medicine and water-purification equipment
reached the Valmoran border town of Varnik on Wednesday, after waiting four days for
permission to cross.</p>
<p>The International Relief Alliance, which organised the convoy, said it was the first
aid to reach the town in six weeks. About 14,000 people are thought to remain there.</p>
<p>“People came out to meet the trucks before we had even stopped,” said Léa Moreau, the
alliance’s coordinator on the ground. “The hospital had run out of insulin and
antibiotics. What we brought will last about two weeks.”</p>
<p>The alliance called on both governments to guarantee regular access rather than
approving each convoy case by case.</p>
""",
    },
    {
        "slug": "lindmark-snap-election",
        "headline": "Lindmark votes in snap election dominated by energy bills",
        "standfirst": (
            "Polls suggest no party will win a majority after a campaign fought over "
            "heating costs and a stalled wind-power programme."
        ),
        "section": "world",
        "authors": ["ap"],
        "hours_ago": 330,
        "tags": ["Lindmark", "Elections", "Energy"],
        "body": """
<p>Voters in Lindmark went to the polls on Sunday in a snap election called after the
governing coalition collapsed over energy policy.</p>
<p>Household energy bills in the country have almost doubled in two years, and the
campaign has been dominated by rival plans to bring them down.</p>
<p>“I have voted for the same party for thirty years, and this time I did not know until
I was in the booth,” said Henrik Aas, a retired teacher, outside a polling station in
the capital.</p>
<p>Final polls showed the centrist Forward Lindmark bloc narrowly ahead. Results are
expected overnight.</p>
""",
    },
    {
        "slug": "lindmark-centrists-win-majority",
        "headline": "Centrist bloc wins a narrow majority in Lindmark",
        "standfirst": (
            "Forward Lindmark will hold 91 of the 179 seats, allowing its leader, "
            "Sofie Lund, to form a government without the nationalists."
        ),
        "section": "world",
        "authors": ["daniel-okafor", "afp"],
        "hours_ago": 306,
        "tags": ["Lindmark", "Elections", "Energy"],
        "body": """
<p>The centrist Forward Lindmark bloc has won a narrow majority in Lindmark’s
parliament, final results showed on Monday, ending weeks of uncertainty after the
collapse of the previous government.</p>
<p>The bloc will hold 91 of the 179 seats. Its leader, Sofie Lund, a former energy
minister, is expected to be confirmed as prime minister within days.</p>
<p>“People voted for lower bills and for a government that lasts,” Ms Lund told
supporters in the early hours. “We will deliver both, and we will start with the wind
farms that have been stuck in planning for five years.”</p>
<p>The nationalist Homeland party came second with 41 seats, its best result, but well
short of the numbers it would have needed to enter government.</p>
""",
    },
    {
        "slug": "valmora-esterra-talks-round-one-he",
        "headline": "סבב השיחות הראשון בין ולמורה לאסטרה הסתיים ללא פריצת דרך",
        "standfirst": (
            "המשלחות נפגשו במשך חמש שעות מחוץ לסולברג והסכימו רק להיפגש שוב. ראש "
            'המשלחת של ולמורה: "מצאנו כמה נקודות הסכמה".'
        ),
        "section": "world",
        "authors": ["yael-cohen"],
        "byline_credit": "סוכנויות הידיעות",
        "language": "he",
        "hours_ago": 72,
        "lead_photo": "mediator-statement",
        "tags": ["Valmora", "Esterra", "Ceasefire talks", "שיחות הפסקת אש"],
        "body": """
<p>סבב השיחות הראשון בין ולמורה לאסטרה הסתיים אמש ללא הסכם על הפסקת אש, לאחר שהמשלחות
ישבו חמש שעות בבקתת ציד לשעבר מחוץ לעיר הנייטרלית סולברג.</p>
<p>"מצאנו כמה נקודות הסכמה, ומצאנו נקודות שבהן אנחנו רחוקים מאוד," אמר סגן שר החוץ של
ולמורה, אנדריי קובאן, שעמד בראש המשלחת. "בשביל זה נועדו פגישות ראשונות."</p>
<p>ראשת המשלחת של אסטרה, מירלה דסקו, הייתה זהירה יותר. "סדר העדיפויות שלנו הוא הפסקת אש
מיידית והגנה על אזרחים," אמרה לכתבים. "היום לא שמענו תשובה ברורה על אף אחד מהם."</p>
<p>מוקדם יותר אמר יועץ לנשיא ולמורה כי המשלחת הביאה "הצעה מלאה להפסקת אש". מאוחר יותר
הבהיר כי ההצעה עוסקת בפתיחת מסדרונות הומניטריים, ולא בהפסקה מלאה של הלחימה.</p>
<p>הסבב השני צפוי להתקיים בשבוע הבא.</p>
""",
    },
    {
        "slug": "tidewell-raises-40m",
        "headline": "Battery recycler Tidewell raises £40m to scale up",
        "standfirst": (
            "The Eastbridge startup, founded in a university lab four years ago, says "
            "its process recovers 95% of the lithium in spent car batteries."
        ),
        "section": "business",
        "authors": ["sarah-whitfield"],
        "hours_ago": 44,
        "tags": ["Tidewell", "Startups", "Technology", "Energy"],
        "body": """
<p>Tidewell, an Eastbridge startup that recovers metals from used electric-car
batteries, has raised £40m from investors led by the venture fund Northlight
Capital.</p>
<p>The company, which began in a laboratory at Eastbridge University and now employs 64
people, says its process recovers 95% of the lithium and nickel in a spent battery while
using far less heat than conventional smelting.</p>
<p>“Every electric car on the road today is a mine we will be able to dig in fifteen
years,” said Amara Nwosu, Tidewell’s co-founder and chief executive. “The question is
whether those metals are recovered here or shipped abroad.”</p>
<p>Gideon Fry, a managing partner at Northlight, said the firm had been “impressed by
the chemistry, and even more by the unit economics”.</p>
<p>The money will pay for the company’s first commercial plant, which it hopes to open
next year.</p>
""",
    },
    {
        "slug": "tidewell-picks-shipyard-site",
        "headline": "Tidewell picks former shipyard for its first recycling plant",
        "standfirst": (
            "The plant on the east bank is expected to create 250 jobs and to process "
            "the batteries of 40,000 cars a year."
        ),
        "section": "business",
        "authors": ["sarah-whitfield", "maya-levin"],
        "hours_ago": 8,
        "tags": ["Tidewell", "Startups", "Energy", "Jobs", "Eastbridge"],
        "body": """
<p>Tidewell will build its first commercial battery-recycling plant on the site of the
former Harland shipyard on the east bank of the river, the company said on Tuesday.</p>
<p>The plant is expected to create about 250 jobs when it opens, and to process the
batteries of around 40,000 electric cars a year.</p>
<p>“My grandfather built ships on this site,” said Amara Nwosu, Tidewell’s chief
executive. “It feels right that the next industry here is also about making things.”</p>
<p>The council, which owns the land, will lease it to Tidewell for 35 years. Councillor
Raj Patel said the deal would bring in about £1.1m a year in rent and business
rates.</p>
<p>Residents’ groups welcomed the jobs but asked for guarantees about lorry traffic and
fire safety. Tidewell said it would hold
<a href="https://example.com/tidewell/east-bank">public meetings</a> before it applies
for planning permission.</p>
""",
    },
    {
        "slug": "central-bank-holds-rates",
        "headline": "Central bank holds interest rates at 4.25% as inflation cools",
        "standfirst": (
            "Policymakers voted 6-3 to keep rates on hold, with three members backing "
            "a cut; markets now expect the first reduction in the autumn."
        ),
        "section": "business",
        "authors": ["sarah-whitfield", "reuters"],
        "hours_ago": 140,
        "tags": ["Interest rates", "Inflation"],
        "body": """
<p>The central bank kept its main interest rate at 4.25% on Thursday, but three of the
nine members of its rate-setting committee voted for a cut, a sign that borrowing costs
may soon start to fall.</p>
<p>“We have made good progress, but the job is not finished,” the bank’s governor,
Eleanor Voss, told a news conference. “We want to be confident that inflation will stay
low, not just that it has come down.”</p>
<p>Mortgage lenders said the split vote could lead to cheaper fixed-rate deals within
weeks. Markets now put a roughly 70% chance on a cut at the bank’s next meeting.</p>
<ul>
<li>Main rate: 4.25%, unchanged</li>
<li>Vote: 6-3, with three members backing a cut to 4%</li>
<li>Next decision: in six weeks</li>
</ul>
""",
    },
    {
        "slug": "inflation-lowest-in-three-years",
        "headline": "Inflation falls to 2.9%, its lowest in three years",
        "standfirst": (
            "Cheaper petrol and a slowdown in food prices pulled the annual rate down "
            "from 3.4%, official figures show."
        ),
        "section": "business",
        "authors": ["ap"],
        "hours_ago": 260,
        "tags": ["Inflation", "Interest rates", "Food prices"],
        "body": """
<p>Inflation fell to 2.9% last month, its lowest level in three years, official figures
showed on Wednesday, helped by cheaper petrol and a slower rise in food prices.</p>
<p>The figure was lower than the 3.1% most economists had expected, and down from 3.4%
the month before.</p>
<p>“This is the news the central bank has been waiting for,” said Ruth Okonkwo, chief
economist at the consultancy Bayfield Economics. “Services inflation is still sticky,
but the direction is clear.”</p>
<p>Food prices rose 3.8% over the year, compared with 5.2% the previous month. The price
of butter fell for the first time in four years.</p>
""",
    },
    {
        "slug": "heatwave-lifts-summer-sales",
        "headline": "Fans and ice cream sell out as heatwave lifts summer sales",
        "standfirst": (
            "Retailers report their best week of the year, but pubs and cafes say "
            "customers are staying indoors in the afternoon heat."
        ),
        "section": "business",
        "authors": ["sarah-whitfield"],
        "hours_ago": 22,
        "tags": ["Heatwave", "Retail", "Eastbridge"],
        "body": """
<p>Shops in Eastbridge have sold out of electric fans, paddling pools and ice lollies as
the heatwave gave retailers their strongest week of the summer.</p>
<p>“We had a delivery of 400 fans on Tuesday morning and they were gone by lunchtime,”
said Dev Mistry, who runs a hardware shop in Northgate. “People were queuing before we
opened.”</p>
<p>Supermarkets reported sales of bottled water up by more than half on the same week
last year.</p>
<p>Not every business is benefiting. Some cafes and pubs said trade fell in the
afternoons, when temperatures peaked. “Nobody wants to sit on a terrace at 35 degrees,”
said Lucy Harlow, who owns a cafe on the quay. “We are busy from six in the evening, and
dead from one to five.”</p>
""",
    },
    {
        "slug": "port-signs-automated-cranes-deal",
        "headline": "Eastbridge port signs £90m deal for automated cranes",
        "standfirst": (
            "The port says the cranes will double its container capacity by 2029; "
            "dockers’ representatives want guarantees on jobs."
        ),
        "section": "business",
        "authors": ["sarah-whitfield"],
        "hours_ago": 450,
        "tags": ["Trade", "Technology", "Jobs", "Eastbridge"],
        "body": """
<p>The Port of Eastbridge has signed a £90m contract for eight automated container
cranes, which it says will double the number of containers it can handle by 2029.</p>
<p>“Ships are getting bigger and they will not wait,” said Martin Kerslake, the port’s
chief executive. “If we do not invest, the cargo goes somewhere else and the jobs go
with it.”</p>
<p>The dockers’ branch of the General Workers’ Union said it had been promised that
there would be no compulsory redundancies, but wanted that in writing. “Automation has a
way of arriving faster than the promises,” said Pauline Reid, the branch secretary.</p>
<p>The first cranes are due to arrive by sea next spring.</p>
""",
    },
    {
        "slug": "grindhouse-to-close-four-cafes",
        "headline": "Coffee chain Grindhouse to close four of its nine cafes",
        "standfirst": (
            "The owners blame rising rents and fewer office workers in the city "
            "centre; 38 staff will be offered jobs at the remaining branches."
        ),
        "section": "business",
        "authors": ["hannah-cole"],
        "hours_ago": 590,
        "tags": ["Retail", "Jobs", "Eastbridge"],
        "body": """
<p>Grindhouse, the Eastbridge coffee chain that began as a market stall, is to close
four of its nine cafes at the end of the month.</p>
<p>The owners, Sam and Teresa Ilić, said rents in the city centre had risen by a third
in three years, while the number of office workers coming in on Mondays and Fridays had
never recovered.</p>
<p>“We have tried everything: shorter hours, a smaller menu, a loyalty app. The numbers
just do not work in those four places,” Teresa Ilić said.</p>
<p>All 38 staff at the closing branches will be offered jobs at the remaining cafes, the
company said.</p>
""",
    },
    {
        "slug": "סטארט-אפ-חיישני-מים",
        "headline": "סטארט-אפ מחיפה גייס 12 מיליון דולר לחיישנים שמאתרים נזילות מים",
        "standfirst": (
            "החברה, שהקימו שלושה מהנדסים לשעבר בתאגיד מים, אומרת שהחיישנים שלה מאתרים "
            "נזילה בצנרת עירונית בתוך שעות במקום שבועות."
        ),
        "section": "business",
        "authors": ["yael-cohen"],
        "language": "he",
        "hours_ago": 180,
        "tags": ["Startups", "Technology", "ישראל"],
        "body": """
<p>חברת הסטארט-אפ החיפאית מימסנס הודיעה על גיוס של 12 מיליון דולר בסבב בהובלת קרן ההון
סיכון צפון ונצ׳רס. בחברה עובדים כיום 30 איש, והיא מתכננת להכפיל את מספרם עד סוף
השנה.</p>
<p>מימסנס מפתחת חיישנים אקוסטיים זעירים שמותקנים על צינורות מים עירוניים ו"מקשיבים" לרעש
של נזילה. לדברי החברה, המערכת מאתרת נזילה בתוך שעות, במקום שבועות או חודשים.</p>
<p>"בערים רבות כרבע מהמים שנשאבים הולכים לאיבוד בדרך בגלל נזילות," אמרה מנכ״לית החברה,
ד״ר רונית שגיא. "זה בזבוז של מים ושל אנרגיה, ורובו פשוט לא נראה לעין."</p>
<p>החיישנים כבר מותקנים בניסוי בשלוש רשויות מקומיות. הכסף שגויס ישמש להרחבת הייצור
ולכניסה לשוק האירופי.</p>
""",
    },
    {
        "slug": "cup-final-preview",
        "headline": "Eastbridge United face Harbour City in the cup final",
        "standfirst": (
            "United are chasing their first major trophy in 30 years; City, the "
            "holders, have won their last eleven matches in all competitions."
        ),
        "section": "sport",
        "authors": ["tomas-reyes"],
        "hours_ago": 100,
        "tags": ["Football", "Eastbridge United", "Harbour City", "Cup final"],
        "body": """
<p>Eastbridge United will play Harbour City in the cup final on Saturday, with United
looking for their first major trophy in 30 years and City hoping to keep the cup they
won last season.</p>
<p>City arrive in form, unbeaten in eleven matches. United have relied on their defence:
they have conceded only twice in five rounds.</p>
<p>“Nobody outside this dressing room expects us to win, and that suits us,” said
United’s manager, Luis Moreno. “We have nothing to lose and a city behind us.”</p>
<p>Harbour City’s captain, Jonas Berg, said his side would not be complacent. “Finals
are not about form. They are about ninety minutes, maybe a hundred and twenty,” he
said.</p>
<h3>Team news</h3>
<p>United’s captain, Kofi Mensah, is expected to start after recovering from a hamstring
injury. City will be without their first-choice goalkeeper, who is suspended.</p>
""",
    },
    {
        "slug": "mensah-header-wins-the-cup",
        "headline": "Mensah’s late header wins the cup for Eastbridge United",
        "standfirst": (
            "The captain rose highest in the 88th minute to beat Harbour City 2-1 and "
            "end United’s 30-year wait for a trophy."
        ),
        "section": "sport",
        "authors": ["tomas-reyes"],
        "hours_ago": 50,
        "lead_photo": "cup-final-fans",
        "tags": ["Football", "Eastbridge United", "Harbour City", "Cup final"],
        "body": """
<p>Kofi Mensah headed in an 88th-minute winner as Eastbridge United beat Harbour City
2-1 in the cup final on Saturday, ending the club’s 30-year wait for a major trophy.</p>
<p>City had taken the lead through a Jonas Berg penalty just before half-time, but
United equalised on the hour when the 19-year-old substitute Rafi Costa curled a shot in
from the edge of the area.</p>
<p>With extra time looming, Mensah met a corner from the left at the near post and
glanced it beyond the goalkeeper.</p>
<p>“I have dreamed about this since I was a boy in the stand behind that goal,” Mensah
said. “I did not see it go in. I just heard the noise.”</p>
<p>United’s manager, Luis Moreno, said: “The players ran until they had nothing left.
This trophy belongs to the fans as much as to us.”</p>
<h3>Key moments</h3>
<ul>
<li>44 min: Berg scores a penalty for Harbour City, 0-1</li>
<li>61 min: Costa equalises for United, 1-1</li>
<li>88 min: Mensah heads the winner, 2-1</li>
</ul>
""",
    },
    {
        "slug": "cup-parade-on-the-quay",
        "headline": "Thousands line the quay for Eastbridge United’s cup parade",
        "standfirst": (
            "An open-top bus took almost two hours to cover a mile and a half of the "
            "riverfront as fans celebrated the club’s first trophy in 30 years."
        ),
        "section": "sport",
        "authors": ["tomas-reyes", "hannah-cole"],
        "hours_ago": 26,
        "lead_photo": "parade-quay-crowd",
        "tags": ["Football", "Eastbridge United", "Eastbridge"],
        "body": """
<p>Tens of thousands of fans lined the quay on Monday evening as Eastbridge United
paraded the cup through the city on an open-top bus.</p>
<p>The route was only a mile and a half long, but the bus took almost two hours to reach
the town hall, where the players appeared on the balcony with the trophy.</p>
<p>[gallery:united-bring-the-cup-home]</p>
<p>“I was here the last time, with my dad. Today I brought my daughter,” said Marcus
Webb, 41, who had waited on the quay since early afternoon. “Thirty years. It was worth
every one of them.”</p>
<p>Police said the crowd had been good-natured and that no arrests were made.</p>
""",
    },
    {
        "slug": "marathon-moved-to-dawn-start",
        "headline": "City marathon moved to a dawn start because of the heat",
        "standfirst": (
            "Organisers have brought Sunday’s race forward by three hours and will add "
            "water and misting stations along the course."
        ),
        "section": "sport",
        "authors": ["tomas-reyes"],
        "hours_ago": 18,
        "lead_photo": "marathon-dawn-runners",
        "tags": ["Heatwave", "Eastbridge"],
        "body": """
<p>The Eastbridge marathon will start at 6am on Sunday, three hours earlier than
planned, because of the heatwave, organisers said on Wednesday.</p>
<p>About 9,000 runners are entered. Extra water and misting stations will be set up
every three kilometres, and the course will close an hour earlier than usual.</p>
<p>“We would rather ask people to set an early alarm than see runners collapse at 35
degrees,” said the race director, Nadia Sorensen. “Anyone who no longer feels ready can
defer their place to next year free of charge.”</p>
<p>Roads on the route will close from 5am.</p>
""",
    },
    {
        "slug": "eastbridge-marathon-live",
        "headline": "Eastbridge marathon, live: a dawn start to beat the heat",
        "standfirst": (
            "About 9,000 runners set off from the Old Quay at 6am. Follow the race, "
            "the road closures and the finish here as it happens."
        ),
        "section": "sport",
        "authors": ["tomas-reyes"],
        "hours_ago": 3,
        "lead_photo": "marathon-dawn-runners",
        "tags": ["Eastbridge", "Heatwave"],
        "body": """
<p>The Eastbridge marathon started three hours earlier than planned this year because
of the heatwave. Our sports desk is on the course and at the finish on Harbour Road;
the newest updates are at the top.</p>
<p>Roads on the route are closed until about 11am. Buses on routes 4, 12 and 31 are
diverted.</p>
""",
    },
    {
        "slug": "vidal-stuns-top-seed",
        "headline": "Teenager Ana Vidal stuns the top seed to reach a semi-final",
        "standfirst": (
            "The 17-year-old qualifier saved two match points before beating the world "
            "number one in a final-set tie-break."
        ),
        "section": "sport",
        "authors": ["ap"],
        "hours_ago": 230,
        "tags": ["Tennis"],
        "body": """
<p>Ana Vidal, a 17-year-old qualifier ranked 143rd in the world, beat the top seed 4-6,
7-6, 7-6 on Thursday to reach the semi-finals of the Coastal Open.</p>
<p>Vidal saved two match points at 5-6 in the second set and won the final-set tie-break
10-8 after more than three hours on court.</p>
<p>“I was just trying to keep the ball in play and not look at the scoreboard,” she
said. “When it was over I looked up at my mum and she was crying, so then I was crying
too.”</p>
<p>She will play the fourth seed for a place in the final.</p>
""",
    },
    {
        "slug": "tour-of-lindmark-breakaway",
        "headline": "Breakaway holds on in mountain stage of the Tour of Lindmark",
        "standfirst": (
            "A five-rider group survived the final climb by eleven seconds, and the "
            "overall leader kept the yellow jersey."
        ),
        "section": "sport",
        "authors": ["afp"],
        "hours_ago": 380,
        "tags": ["Cycling", "Lindmark"],
        "body": """
<p>A five-rider breakaway held off the chasing pack by eleven seconds to decide the
ninth stage of the Tour of Lindmark on Tuesday, with Mathis Carreau winning the sprint
for the line.</p>
<p>The group escaped in the first hour of the 187-kilometre stage and led by more than
six minutes at the foot of the final climb.</p>
<p>“At the top I could hear the team cars behind us and I thought it was over,” Carreau
said. “Then I saw the one-kilometre banner and I told myself: now or never.”</p>
<p>The overall leader finished safely in the main group and keeps the yellow jersey with
twelve stages remaining.</p>
""",
    },
    {
        "slug": "maritime-museum-reopens",
        "headline": "Maritime museum reopens after a £60m rebuild",
        "standfirst": (
            "A new glass hall puts a 19th-century lifeboat at the centre of the "
            "collection, and entry remains free."
        ),
        "section": "culture",
        "authors": ["noa-ben-david"],
        "hours_ago": 60,
        "lead_photo": "museum-waterfront",
        "tags": ["Museums", "Maritime museum", "Arts", "Eastbridge"],
        "body": """
<p>The Eastbridge Maritime Museum reopened on Friday after a three-year, £60m rebuild
that has doubled its gallery space and put the city’s history as a port at its
heart.</p>
<p>Visitors now enter through a glass hall on the quayside, where the <em>Grace
Darrow</em>, a 19th-century rowing lifeboat, hangs from the roof as if riding a
wave.</p>
<p>“For years most of our collection was in storage because we had nowhere to show it,”
said the museum’s director, Clara Hughes. “Now the objects can tell the story
themselves: who came through this port, what they carried and who they left behind.”</p>
<p>[gallery:maritime-museum-reopening]</p>
<h2>What is new</h2>
<ul>
<li>Six new galleries, including one on the women who ran the docks during two world
wars</li>
<li>A children’s floor with a model harbour they can flood and drain</li>
<li>A rooftop terrace looking over the river mouth</li>
</ul>
<p>Entry remains free. The museum is open daily from 10am to 6pm; details are on the
<a href="https://example.org/maritime-museum/visit">museum’s website</a>.</p>
""",
    },
    {
        "slug": "museum-queues-first-weekend",
        "headline": "Queues round the block on the maritime museum’s first weekend",
        "standfirst": (
            "More than 21,000 people visited in three days, and the museum has started "
            "issuing timed tickets for weekends."
        ),
        "section": "culture",
        "authors": ["noa-ben-david"],
        "hours_ago": 12,
        "lead_photo": "museum-queue",
        "tags": ["Museums", "Maritime museum", "Arts", "Eastbridge"],
        "body": """
<p>More than 21,000 people visited the Eastbridge Maritime Museum in its first three
days after reopening, with queues stretching along the quay on Saturday morning.</p>
<p>“We hoped for busy. We did not expect this,” said Clara Hughes, the director. “It is
a lovely problem to have.”</p>
<p>The museum has introduced free timed tickets for Saturdays and Sundays for the rest
of the month. Weekday visitors can still walk in.</p>
<p>Among the first-weekend visitors was Agnes Whitlow, 94, whose father worked on the
docks. “They have his union card in a case upstairs,” she said. “I did not know anyone
had kept it.”</p>
""",
    },
    {
        "slug": "review-the-lighthouse-keepers",
        "headline": "Review: The Lighthouse Keepers is a storm worth sitting through",
        "standfirst": (
            "Ruth Calloway’s new play about three keepers cut off by a winter gale is "
            "funny, frightening and far too long in the middle."
        ),
        "section": "culture",
        "authors": ["noa-ben-david"],
        "hours_ago": 240,
        "tags": ["Arts", "Theatre", "Eastbridge"],
        "body": """
<p>There is a moment in the first act of <em>The Lighthouse Keepers</em> when the wind
machine at the Playhouse goes quiet, the lamp stops turning and three men look at one
another in the dark. Nobody in the audience breathed.</p>
<p>Ruth Calloway’s new play, which opened on Wednesday, follows three keepers stranded
for six weeks on a rock in the winter of 1911. It is at its best when it is smallest: an
argument over a tin of peaches, a letter read aloud and then burned.</p>
<p>The second act sags under a subplot about a missing supply boat, and at nearly three
hours the evening could lose twenty minutes without losing anything else.</p>
<p>But the performances are superb, especially Owen Pryce as the oldest keeper, whose
silences say more than most actors’ speeches. <strong>Four stars.</strong></p>
<p><em>The Lighthouse Keepers</em> runs at the Eastbridge Playhouse until the end of
next month.</p>
""",
    },
    {
        "slug": "orchestra-grant-halved",
        "headline": "City orchestra warns of cuts after its council grant is halved",
        "standfirst": (
            "The Eastbridge Philharmonic says it may have to drop its free concerts "
            "for schools unless it finds £400,000 a year."
        ),
        "section": "culture",
        "authors": ["noa-ben-david", "maya-levin"],
        "hours_ago": 350,
        "tags": ["Arts", "City council", "Budget"],
        "body": """
<p>The Eastbridge Philharmonic has warned that it may have to stop its free concerts for
schools after the city council halved its annual grant to £400,000.</p>
<p>The orchestra plays to about 15,000 children a year in school halls and at the
concert hall. Its chief executive, Julian Marr, said that programme would be the first
to go.</p>
<p>“We will not let the orchestra fail, but we cannot do everything we did with half the
money,” he said. “The children who have never heard a live orchestra are the ones who
lose.”</p>
<p>Councillor Raj Patel, who chairs the finance committee, said the council had
“protected front-line services first” and would help the orchestra find other funding.
An online petition against the cut has been signed by more than 8,000 people.</p>
""",
    },
    {
        "slug": "harbour-prize-shortlist",
        "headline": "Debut novels dominate the Harbour Prize shortlist",
        "standfirst": (
            "Four of the six books in contention for the £25,000 prize are first "
            "novels, the most in the award’s 22-year history."
        ),
        "section": "culture",
        "authors": ["hannah-cole"],
        "hours_ago": 480,
        "tags": ["Arts", "Books"],
        "body": """
<p>Four debut novels are among the six books shortlisted for this year’s Harbour Prize
for fiction, the most first novels in the award’s 22-year history.</p>
<p>The shortlist includes <em>Salt Year</em>, the story of a fishing village told
through one family’s account books, and <em>The Night Ferry</em>, a thriller set
entirely on a crossing between two ports.</p>
<p>“We did not set out to pick new writers. We set out to pick the best books, and these
were the ones we could not stop talking about,” said the chair of the judges, the poet
Imogen Ashe.</p>
<p>The winner, who receives £25,000, will be announced next month.</p>
""",
    },
    {
        "slug": "film-festival-late-nights",
        "headline": (
            "Open-air film festival moves screenings to late nights as heat bites"
        ),
        "standfirst": (
            "Films in the castle grounds will now start at 10pm, and organisers are "
            "handing out free water at the gate."
        ),
        "section": "culture",
        "authors": ["noa-ben-david"],
        "hours_ago": 36,
        "tags": ["Arts", "Heatwave", "Eastbridge"],
        "body": """
<p>The Eastbridge open-air film festival has moved all of this week’s screenings to 10pm
because of the heatwave, two hours later than planned.</p>
<p>“The castle lawn is in full sun until eight in the evening,” said the festival’s
director, Ben Asante. “It is not fair on the audience or on our volunteers to sit people
there at the hottest point of the day.”</p>
<p>Free water will be available at the gate. Ticket holders who can no longer attend can
get a refund online.</p>
""",
    },
    {
        "slug": "מוזיאון-אמנות-דיגיטלית-ביפו",
        "headline": "מוזיאון חדש לאמנות דיגיטלית נפתח במחסן נמל עתיק ביפו",
        "standfirst": (
            "המוזיאון, שהוקם במחסן מתקופת המנדט, מציג עבודות וידאו, צליל ואור של 40 "
            "אמנים, ובחודש הראשון הכניסה אליו חופשית."
        ),
        "section": "culture",
        "authors": ["noa-ben-david", "yael-cohen"],
        "language": "he",
        "hours_ago": 110,
        "tags": ["Museums", "Arts", "ישראל", "תל אביב"],
        "body": """
<p>מוזיאון חדש לאמנות דיגיטלית נפתח השבוע במחסן ישן בנמל יפו, לאחר שיפוץ שנמשך ארבע
שנים. המוזיאון מציג עבודות וידאו, צליל ואור של 40 אמנים מישראל ומהעולם.</p>
<p>"רצינו מקום שבו האמנות לא תלויה על הקיר אלא מקיפה אותך," אמרה מנהלת המוזיאון, טליה
ורדי. "המבנה הזה ראה סחורות מכל העולם עוברות דרכו. עכשיו עוברים דרכו רעיונות."</p>
<h2>מה כדאי לראות</h2>
<ul>
<li>"גאות", מיצב אור שממלא את האולם המרכזי ומשתנה לפי מפלס הים בזמן אמת</li>
<li>חדר צליל שבו המבקרים שומעים את רעשי הנמל כפי שנשמעו לפני מאה שנה</li>
<li>תערוכה של אמנים צעירים שנבחרו בקול קורא פתוח</li>
</ul>
<p>בחודש הראשון הכניסה חופשית, בהרשמה מראש באתר המוזיאון.</p>
""",
    },
    {
        "slug": "hottest-month-on-record",
        "headline": "Last month was the region’s hottest on record, scientists say",
        "standfirst": (
            "The average temperature was 2.1C above the 1991–2020 norm, and the sea "
            "off the coast was the warmest ever measured for the time of year."
        ),
        "section": "science",
        "authors": ["priya-raman"],
        "hours_ago": 90,
        "tags": ["Climate", "Heatwave", "Nature", "Research"],
        "body": """
<p>Last month was the hottest on record for the region, with an average temperature 2.1C
above the 1991–2020 norm, according to figures published on Tuesday by the national
weather service.</p>
<p>Sea temperatures off the coast were also the highest measured for the time of year,
which scientists said could harm fisheries and seagrass beds.</p>
<p>“Every year we say that this is what climate change looks like, and every year the
record moves,” said Professor Hana Keller, a climate scientist at Eastbridge University.
“What used to be an exceptional summer is becoming an ordinary one.”</p>
<p>The weather service’s <a href="https://example.org/weather/monthly-summary">monthly
summary</a> also recorded the lowest rainfall for the month in almost fifty years.</p>
""",
    },
    {
        "slug": "student-satellite-reaches-orbit",
        "headline": "University’s shoebox-sized satellite reaches orbit",
        "standfirst": (
            "Built by students at Eastbridge University, the satellite will measure "
            "water quality in estuaries from 500 kilometres up."
        ),
        "section": "science",
        "authors": ["priya-raman", "ap"],
        "hours_ago": 280,
        "tags": ["Space", "Eastbridge University", "Research"],
        "body": """
<p>A satellite the size of a shoebox, built by students at Eastbridge University, has
reached orbit and sent its first signals home, the university said on Friday.</p>
<p>The satellite, named Heron, was launched on a commercial rocket with 30 other small
spacecraft. It carries a camera that measures the colour of water, which scientists can
use to estimate levels of algae and sediment in rivers and estuaries.</p>
<p>“We heard the first beacon at 3.14 in the morning, and there were 20 people in the
control room in their pyjamas, cheering,” said Dr Samuel Achebe, who supervised the
project. “Four years of work, and it works.”</p>
<p>The team expects to release its first images next month.</p>
""",
    },
    {
        "slug": "seagrass-returns-to-estuary",
        "headline": (
            "Seagrass meadows return to the estuary after a decade of replanting"
        ),
        "standfirst": (
            "Divers have mapped 18 hectares of seagrass in the river mouth, up from "
            "less than one hectare when volunteers began planting seeds."
        ),
        "section": "science",
        "authors": ["priya-raman"],
        "hours_ago": 420,
        "tags": ["Nature", "Climate", "Research", "Eastbridge University"],
        "body": """
<p>Seagrass is spreading again in the Eastbridge estuary, ten years after volunteers
began replanting it by hand, according to a survey by Eastbridge University published on
Monday.</p>
<p>Divers mapped 18 hectares of seagrass meadow in the river mouth, compared with less
than one hectare a decade ago. The meadows shelter young fish and store carbon in the
seabed.</p>
<p>“For the first few years it felt like we were throwing seeds into the sea and
hoping,” said Marta Lindqvist, who leads the volunteer project. “Now the meadows are
seeding themselves, which is exactly what you want.”</p>
<p>The researchers warned that this summer’s heat could set the recovery back if sea
temperatures stay high.</p>
""",
    },
    {
        "slug": "antibiotic-found-in-school-garden",
        "headline": "Possible new antibiotic found in soil from a school garden",
        "standfirst": (
            "A molecule made by bacteria in a pupil’s soil sample killed "
            "drug-resistant bacteria in laboratory tests, researchers report."
        ),
        "section": "science",
        "authors": ["afp"],
        "hours_ago": 560,
        "tags": ["Health", "Research"],
        "body": """
<p>A molecule produced by bacteria found in soil from a school garden has killed several
drug-resistant bacteria in laboratory tests, researchers reported on Wednesday.</p>
<p>The sample was one of 4,000 collected by schoolchildren for a project that asks
pupils to send in soil from their gardens and playgrounds.</p>
<p>“We have been looking for new antibiotics in the ground for eighty years, and the
ground keeps surprising us,” said Dr Irene Castell, who led the research. She stressed
that the molecule had not been tested in animals or people. “This is the very first step
on a very long road.”</p>
<p>The pupil who collected the sample, an 11-year-old, has been invited to name the
molecule.</p>
""",
    },
    {
        "slug": "white-roof-coating",
        "headline": "ציפוי לבן חדש מוריד את הטמפרטורה על גגות בשש מעלות",
        "standfirst": (
            "חוקרים ישראלים פיתחו צבע שמחזיר את רוב קרינת השמש, ובניסוי על גגות של בתי "
            "ספר הוא הפחית את השימוש במיזוג אוויר בכחמישית."
        ),
        "section": "science",
        "authors": ["yael-cohen"],
        "language": "he",
        "hours_ago": 160,
        "tags": ["Climate", "Research", "גל חום", "ישראל"],
        "body": """
<p>צוות חוקרים פיתח ציפוי לבן לגגות שמחזיר כ-95% מקרינת השמש ומוריד את טמפרטורת הגג בשש
מעלות בממוצע, כך לפי מחקר שפורסם השבוע.</p>
<p>בניסוי שנמשך קיץ שלם על גגותיהם של ארבעה בתי ספר, ירד השימוש במיזוג אוויר בכיתות
שמתחת לגגות המצופים בכ-20%.</p>
<p>"זה פתרון פשוט וזול יחסית, ואפשר ליישם אותו כבר בקיץ הבא," אמר ראש הצוות, פרופ׳ עמרי
לנדאו. "בגלי חום כמו אלה שאנחנו רואים השנה, כל מעלה חשובה."</p>
<p>החוקרים מציינים כי הציפוי מאבד מיעילותו כשהוא מתלכלך, ולכן יש לשטוף את הגגות לפחות
פעם בשנה.</p>
""",
    },
    {
        "slug": "valmora-esterra-five-questions",
        "headline": "Valmora–Esterra talks: five questions before the second round",
        "standfirst": (
            "What is on the table in Solberg, who is negotiating, and what would a "
            "ceasefire change for the people of the border towns?"
        ),
        "section": "world",
        "authors": ["daniel-okafor"],
        "hours_ago": -48,
        "tags": ["Valmora", "Esterra", "Ceasefire talks", "Diplomacy"],
        "body": """
<p>Negotiators from Valmora and Esterra return to Solberg this week for a second round
of talks. Here is what we know.</p>
<h2>1. Who is at the table?</h2>
<p>Valmora’s delegation is led by its deputy foreign minister, Andrej Kovan. Esterra has
sent Mirela Dascu, a veteran diplomat who negotiated the two countries’ last border
treaty. Solberg’s foreign minister, Ingrid Sælen, chairs the meetings.</p>
<h2>2. What has been agreed so far?</h2>
<p>Only humanitarian corridors out of three border towns, for 72 hours. Whether they
hold will set the mood for the second round.</p>
<h2>3. What does each side want?</h2>
<p>Esterra wants an immediate and complete ceasefire. Valmora wants a phased deal tied
to the withdrawal of heavy weapons from the border.</p>
<h2>4. Who else matters?</h2>
<p>Neighbouring countries that depend on Esterran grain are pressing for the southern
ports to reopen, whatever else is agreed.</p>
<h2>5. What would a ceasefire change?</h2>
<p>For the 200,000 people who have left their homes, the first question is whether it
would be safe to go back. A ceasefire would not answer that by itself.</p>
""",
    },
    {
        "slug": "rail-strike-what-a-deal-means",
        "headline": "Rail strike: what a deal would mean for your commute",
        "standfirst": (
            "If the union and Coastline Rail reach agreement this week, here is how "
            "quickly trains would return to normal."
        ),
        "section": "news",
        "authors": ["eitan-shapiro"],
        "status": "draft",
        "tags": ["Rail strike", "Transport"],
        "body": """
<p>Even if a deal is signed this week, it will take several days for Coastline Rail to
run a full timetable again: after weeks of disruption, trains and crews are in the wrong
places.</p>
<p>The company says it would restore peak-hour services first, followed by evenings and
weekends.</p>
<p><strong>For the desk:</strong> waiting for the company’s timetable plan before this
goes up.</p>
""",
    },
    {
        "slug": "how-to-keep-your-home-cool",
        "headline": "How to keep your home cool in a heatwave",
        "standfirst": (
            "Simple, cheap steps that make a difference, from when to open the windows "
            "to why a damp towel helps."
        ),
        "section": "science",
        "authors": ["priya-raman"],
        "status": "draft",
        "tags": ["Heatwave", "Health"],
        "body": """
<ol>
<li>Close curtains and blinds on windows that get direct sun.</li>
<li>Open windows at night and early in the morning, when the air outside is cooler than
inside.</li>
<li>Turn off lights and appliances you are not using; they all give off heat.</li>
<li>Hang a damp towel in front of an open window or a fan.</li>
</ol>
<p>People who are over 75, live alone or have heart or lung conditions are most at
risk.</p>
""",
    },
    {
        "slug": "amara-nwosu-interview",
        "headline": (
            "Tidewell’s Amara Nwosu on batteries, shipyards and second chances"
        ),
        "standfirst": (
            "The chief executive of Eastbridge’s fastest-growing startup talks about "
            "failing first, and why she came home to build."
        ),
        "section": "business",
        "authors": ["sarah-whitfield"],
        "status": "in_review",
        "hours_ago": -20,
        "tags": ["Tidewell", "Startups", "Eastbridge"],
        "body": """
<p>Amara Nwosu’s first company failed within eighteen months. “It was a good idea at the
wrong time, with the wrong co-founder, who was me,” she says, laughing, in Tidewell’s
cramped office above a tyre shop.</p>
<p>Four years later, the battery recycler she co-founded has raised £40m and chosen the
old Harland shipyard for its first plant.</p>
<h2>Coming home</h2>
<p>Nwosu grew up two streets from the shipyard. “People ask why we do not build
somewhere cheaper. The people who will work here are the reason I want to build it
here.”</p>
""",
    },
]

# The browsers readers posted from, as the moderation page shows them.
# Earlier versions of stories, as their editors saved them, oldest first: each is a
# revision in the story's history, followed by one of the story as it stands.
REVISIONS = {
    "council-passes-budget": [
        {
            "headline": "Eastbridge council debates budget late into the night",
            "standfirst": (
                "Councillors were still debating a £1.2bn spending plan after 10pm, "
                "with three amendments to be voted on."
            ),
        },
        {
            "headline": "Eastbridge council passes budget",
            "standfirst": (
                "Councillors approved a £1.2bn spending plan by 32 votes to 23."
            ),
        },
    ],
    "amber-heat-warning": [
        {"headline": "Heat warning likely as temperatures climb towards 35C"},
    ],
}

# Each story's corrections and updates log; `hours_ago` as for stories.
# Stories covered live, with their updates, oldest first: their live coverage
# starts when they are published and is still going.
LIVE_UPDATES = {
    "eastbridge-marathon-live": [
        {
            "minutes_ago": 175,
            "text": (
                "And they are off. The wheelchair race left the Old Quay at 5.50am, "
                "the runners ten minutes later under a pink sky and 21 degrees."
            ),
        },
        {
            "minutes_ago": 150,
            "text": (
                "The leading group of eight has gone through 10km in 31 minutes. "
                "Misting stations at the harbour are busy already."
            ),
        },
        {
            "minutes_ago": 120,
            "text": (
                "Behind the runners the centre is quiet: shops on the route open "
                "at noon today."
            ),
            "photo": "heat-empty-street",
        },
        {
            "minutes_ago": 95,
            "text": (
                "Samuel Adeyemi breaks away on the climb to Lighthouse Hill and "
                "leads by 40 seconds at 30km."
            ),
        },
        {
            "minutes_ago": 68,
            "text": (
                "Adeyemi wins in 2:11:48, a course record. “Starting at dawn made "
                "the difference,” he said at the line."
            ),
            "is_key_event": True,
        },
        {
            "minutes_ago": 20,
            "text": (
                "Medical teams report 14 runners treated for heat exhaustion, fewer "
                "than last year; none went to hospital. The last finishers are "
                "coming up Harbour Road to the loudest cheers of the morning."
            ),
        },
    ],
}

CORRECTIONS = {
    "council-passes-budget": [
        {
            "kind": "correction",
            "text": (
                "An earlier version of this story said the budget passed by 32 votes "
                "to 23. It passed by 31 votes to 24."
            ),
            "hours_ago": 4,
        },
    ],
    "amber-heat-warning": [
        {
            "kind": "clarification",
            "text": (
                "The 36C forecast is for the city centre; the coast is expected to "
                "stay below 31C."
            ),
            "hours_ago": 27,
        },
        {
            "kind": "update",
            "text": "The warning has been extended to cover Friday night.",
            "hours_ago": 26,
        },
    ],
}

# Reads in the last 24 hours, for the most-read list: story slug -> reads an hour,
# from this hour back. Recorded only when no story has been read in that time.
READS = {
    "council-passes-budget": [120, 210, 160, 90, 40],
    "hospitals-open-cooling-rooms": [260, 180, 75],
    "humanitarian-corridors-agreed": [95, 140, 130, 110, 60, 30],
    "amber-heat-warning": [40, 55, 70, 90, 85],
    "tidewell-picks-shipyard-site": [35, 60, 45],
    "heatwave-lifts-summer-sales": [20, 25, 30],
    "marathon-moved-to-dawn-start": [15, 30, 10],
}

_FIREFOX_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
)
_EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
)
_SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Safari/605.1.15"
)
_SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
_SAFARI_IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
_CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
_SCRIPT = "python-requests/2.32.3"

# Who comments, keyed for COMMENTS. A reader keeps one name, email and address across
# stories, so the moderation queue can tell a regular from a first-time commenter.
# Addresses are in the ranges kept for documentation.
COMMENT_READERS = {
    "owen": {
        "author_name": "Owen Price",
        "author_email": "owen.price@example.org",
        "ip_address": "192.0.2.55",
        "user_agent": _SAFARI_IPHONE,
    },
    "bernard": {
        "author_name": "Bernard Quill",
        "author_email": "bquill@example.org",
        "ip_address": "198.51.100.140",
        "user_agent": _EDGE_WINDOWS,
    },
    "martha": {
        "author_name": "Martha Fenwick",
        "author_email": "m.fenwick@example.org",
        "ip_address": "192.0.2.201",
        "user_agent": _SAFARI_IPAD,
    },
    "lucy": {
        "author_name": "Lucy Okonjo",
        "author_email": "lucy.okonjo@example.com",
        "ip_address": "203.0.113.41",
        "user_agent": _CHROME_ANDROID,
    },
    "dev": {
        "author_name": "Dev Malhotra",
        "author_email": "dev.malhotra@example.com",
        "ip_address": "192.0.2.77",
        "user_agent": _SAFARI_MAC,
    },
    "kamal": {
        "author_name": "Kamal Aziz",
        "author_email": "kamal.aziz@example.org",
        "ip_address": "198.51.100.88",
        "user_agent": _FIREFOX_WINDOWS,
    },
    "gwen": {
        "author_name": "Gwen Harlow",
        "author_email": "gwen.harlow@example.org",
        "ip_address": "192.0.2.14",
        "user_agent": _FIREFOX_WINDOWS,
    },
    "sam": {
        "author_name": "Sam K",
        "author_email": "samk.runs@example.com",
        "ip_address": "203.0.113.8",
        "user_agent": _CHROME_ANDROID,
    },
    "rosa": {
        "author_name": "Rosa Lindqvist",
        "author_email": "rosa.lindqvist@example.com",
        "ip_address": "203.0.113.92",
        "user_agent": _FIREFOX_WINDOWS,
    },
    "jonno": {
        "author_name": "Jonno",
        "author_email": "jonno1994@example.com",
        "ip_address": "198.51.100.77",
        "user_agent": _SAFARI_IPHONE,
    },
    "tom": {
        "author_name": "Tom Achterberg",
        "author_email": "tom.achterberg@example.com",
        "ip_address": "198.51.100.23",
        "user_agent": _SAFARI_MAC,
    },
    "pete": {
        "author_name": "Pete Marsh",
        "author_email": "pete.marsh@example.org",
        "ip_address": "203.0.113.64",
        "user_agent": _CHROME_ANDROID,
    },
    "nina": {
        "author_name": "Nina Ford",
        "author_email": "nina.ford@example.org",
        "ip_address": "192.0.2.160",
        "user_agent": _SAFARI_IPHONE,
    },
    "michal": {
        "author_name": "מיכל ברק",
        "author_email": "michal.barak@example.com",
        "ip_address": "198.51.100.31",
        "user_agent": _CHROME_ANDROID,
    },
    "yossi": {
        "author_name": "יוסי אברהם",
        "author_email": "yossi.avraham@example.org",
        "ip_address": "192.0.2.90",
        "user_agent": _SAFARI_IPHONE,
    },
    "ronit": {
        "author_name": "רונית כהן",
        "author_email": "ronit.k@example.com",
        "ip_address": "203.0.113.55",
        "user_agent": _EDGE_WINDOWS,
    },
    "avi": {
        "author_name": "אבי לוי",
        "author_email": "avi.levi@example.org",
        "ip_address": "198.51.100.12",
        "user_agent": _CHROME_ANDROID,
    },
    "itay": {
        "author_name": "איתי גולן",
        "author_email": "itay.golan@example.com",
        "ip_address": "192.0.2.130",
        "user_agent": _SAFARI_MAC,
    },
    "orit": {
        "author_name": "אורית",
        "author_email": "orit.sh@example.org",
        "ip_address": "203.0.113.120",
        "user_agent": _SAFARI_IPHONE,
    },
    "refwatch": {
        "author_name": "RefWatch88",
        "author_email": "refwatch88@example.com",
        "ip_address": "203.0.113.150",
        "user_agent": _CHROME_ANDROID,
    },
    "follow-the-money": {
        "author_name": "Follow The Money",
        "author_email": "truth.seeker@example.com",
        "ip_address": "192.0.2.250",
        "user_agent": _FIREFOX_WINDOWS,
    },
    "bystander": {
        "author_name": "צופה מהצד",
        "author_email": "tzofe@example.org",
        "ip_address": "203.0.113.170",
        "user_agent": _CHROME_ANDROID,
    },
    "cool-deals": {
        "author_name": "CoolDeals Team",
        "author_email": "offers@example.com",
        "ip_address": "203.0.113.200",
        "user_agent": _SCRIPT,
    },
    "hot-offers": {
        "author_name": "מבצעים חמים",
        "author_email": "promo@example.com",
        "ip_address": "198.51.100.201",
        "user_agent": _SCRIPT,
    },
}

# Reader comments by story slug, each story a live one. `minutes` counts from the
# story's publication; a reply comes after its parent was approved (MODERATION_DELAY in
# seed_demo). `status` is approved unless given; rejected ones carry a
# `rejection_reason`. The one comment naming a blocked word is sent to spam by the
# blocklist, as a posted one would be, so no moderator decided it.
COMMENTS = {
    "council-passes-budget": [
        {
            "reader": "owen",
            "minutes": 45,
            "body": (
                "Good to see the bus fare freeze kept for another year. I take the 14 "
                "every day and the weekly ticket is the one bill that has not gone up."
            ),
            "replies": [
                {
                    "reader": "bernard",
                    "minutes": 110,
                    "body": (
                        "Agreed on the buses, but the opposition has a point about the "
                        "reserves. Three years of drawing them down is how councils "
                        "end up in real trouble."
                    ),
                },
            ],
        },
        {
            "reader": "martha",
            "minutes": 150,
            "body": (
                "Which eleven schools are getting the new roofs? My grandson's school "
                "had buckets in the corridor all last winter."
            ),
            "replies": [
                {
                    "reader": "lucy",
                    "minutes": 200,
                    "body": (
                        "The list is in the budget papers on the council website, near "
                        "the end. Riverside Primary is on it."
                    ),
                },
            ],
        },
        {
            "reader": "dev",
            "minutes": 280,
            "status": "pending",
            "body": (
                "£54 a year is not nothing for households that are already stretched. "
                "I would like to know how much of the rise pays for the nursery places."
            ),
        },
        {
            "reader": "kamal",
            "minutes": 330,
            "status": "pending",
            "body": (
                "Sitting until midnight is no way to make decisions about £1.2bn. "
                "Publish the amendments a week ahead so residents can read them too."
            ),
        },
    ],
    "amber-heat-warning": [
        {
            "reader": "lucy",
            "minutes": 60,
            "body": (
                "Please do check on older neighbours. The lady next door had no idea a "
                "warning was coming until we knocked."
            ),
            "replies": [
                {
                    "reader": "gwen",
                    "minutes": 140,
                    "body": (
                        "Good advice. Our street has started a group chat for exactly "
                        "this, so nobody is missed while it lasts."
                    ),
                },
            ],
        },
        {
            "reader": "sam",
            "minutes": 200,
            "body": (
                "Does anyone know whether the libraries open as cool spaces have "
                "drinking water, or should we bring our own?"
            ),
        },
        {
            "reader": "cool-deals",
            "minutes": 400,
            "status": "spam",
            "body": (
                "BEAT THE HEAT!!! Portable air conditioners 70% off, today only: "
                "https://cool-deals.example.com/ac "
                "https://cool-deals.example.com/fans "
                "https://cool-deals.example.com/summer-sale"
            ),
        },
        {
            "reader": "orit",
            "minutes": 900,
            "body": (
                "גם אצלנו בתל אביב חם מאוד השבוע. העצה על הווילונות באמת עובדת: הדירה "
                "נשארת קרירה יותר בכמה מעלות."
            ),
        },
    ],
    "גל-חום-40-מעלות": [
        {
            "reader": "michal",
            "minutes": 50,
            "body": (
                "תודה על ההמלצות. הייתי מוסיפה גם לדאוג למים לחיות המחמד ולהשאיר להן "
                "פינה מוצלת."
            ),
            "replies": [
                {
                    "reader": "yossi",
                    "minutes": 130,
                    "body": (
                        "נכון מאוד. הכלב שלנו לא יוצא בכלל בצהריים בימים כאלה, רק "
                        "מוקדם בבוקר ואחרי השקיעה."
                    ),
                },
            ],
        },
        {
            "reader": "ronit",
            "minutes": 240,
            "body": (
                "מישהו יודע אם גם הספריות בחולון ובבת ים פתוחות עד מאוחר? לא מצאתי על "
                "זה הודעה."
            ),
        },
        {
            "reader": "hot-offers",
            "minutes": 300,
            "status": "spam",
            "body": (
                "חם לכם? תתקררו מול המסך! בונוס הצטרפות של 500 ש״ח באתר ההימורים "
                "החדש שלנו, רק היום."
            ),
        },
        {
            "reader": "avi",
            "minutes": 700,
            "body": (
                "27 מעלות בלילה זה באמת קשה. אין לנו מזגן בחדר של הילדים, והם כמעט לא "
                "ישנים."
            ),
        },
        {
            "reader": "itay",
            "minutes": 1560,
            "status": "pending",
            "body": (
                "כדאי לפרסם גם רשימה של מקומות ממוזגים שפתוחים לציבור בערים אחרות, לא "
                "רק בתל אביב."
            ),
        },
    ],
    "valmora-esterra-talks-end-without-breakthrough": [
        {
            "reader": "rosa",
            "minutes": 90,
            "body": (
                "Five hours and an agreement to meet again is more than most people "
                "expected. First rounds rarely produce anything else."
            ),
            "replies": [
                {
                    "reader": "dev",
                    "minutes": 260,
                    "body": (
                        "True, though the confusion over what the full ceasefire "
                        "proposal actually covered does not inspire much confidence."
                    ),
                },
            ],
        },
        {
            "reader": "yossi",
            "minutes": 400,
            "body": (
                "קראתי את הכתבה גם בעברית. מעניין שמשלחת אסטרה דיברה קודם כול על הגנה "
                "על אזרחים, ונראה לי שזה המקום הנכון להתחיל בו."
            ),
        },
        {
            "reader": "gwen",
            "minutes": 1200,
            "body": (
                "Thank you for saying clearly which parts came from the agencies. It "
                "makes it easier to judge what I am reading."
            ),
        },
    ],
    "valmora-esterra-talks-round-one-he": [
        {
            "reader": "ronit",
            "minutes": 120,
            "body": (
                "טוב שיש לפחות הסכמה להיפגש שוב. מקווה שבסבב הבא ידברו גם על חילופי "
                "שבויים."
            ),
        },
        {
            "reader": "bystander",
            "minutes": 300,
            "status": "rejected",
            "rejection_reason": "abuse",
            "body": "מי שמאמין שייצא מזה משהו הוא פשוט תמים ומטומטם.",
        },
        {
            "reader": "avi",
            "minutes": 2000,
            "body": (
                "ידוע כבר מי יתווך בסבב השני? בכתבה באנגלית כתוב שסולברג תארח את "
                "המשלחות שוב."
            ),
        },
    ],
    "mensah-header-wins-the-cup": [
        {
            "reader": "jonno",
            "minutes": 10,
            "body": (
                "Thirty years! I was in the stand behind that goal and there were "
                "grown men crying all around me. What a night."
            ),
            "replies": [
                {
                    "reader": "owen",
                    "minutes": 45,
                    "body": (
                        "Same here, lost my voice by the 90th minute. Costa's "
                        "equaliser deserves a mention too."
                    ),
                },
            ],
        },
        {
            "reader": "refwatch",
            "minutes": 60,
            "status": "rejected",
            "rejection_reason": "abuse",
            "body": (
                "That penalty was a joke and the ref should never work again. Anyone "
                "defending him is blind or an idiot."
            ),
        },
        {
            "reader": "tom",
            "minutes": 240,
            "body": (
                "Fair play to Harbour City, they made it a proper final. Berg took "
                "that penalty very coolly."
            ),
        },
        {
            "reader": "sam",
            "minutes": 2900,
            "status": "pending",
            "body": (
                "Any news on Mensah's hamstring? He looked to be limping at the final "
                "whistle."
            ),
        },
    ],
    "cup-parade-on-the-quay": [
        {
            "reader": "gwen",
            "minutes": 80,
            "body": (
                "Brought the kids down after school. They will remember this for the "
                "rest of their lives, and so will I."
            ),
        },
        {
            "reader": "itay",
            "minutes": 200,
            "body": (
                "ראיתי את התמונות מהמצעד, איזו אווירה! אני אוהד של יונייטד מאז שלמדתי "
                "באיסטברידג' לפני עשר שנים."
            ),
        },
        {
            "reader": "jonno",
            "minutes": 1400,
            "status": "pending",
            "body": (
                "Two hours for a mile and a half and not a single arrest. Proud of "
                "this city."
            ),
        },
    ],
    "rail-strike-talks-resume": [
        {
            "reader": "owen",
            "minutes": 70,
            "body": (
                "A phased change with no compulsory redundancies sounds like a "
                "sensible middle ground. Fingers crossed Monday is called off."
            ),
            "replies": [
                {
                    "reader": "pete",
                    "minutes": 180,
                    "body": (
                        "Guard for 22 years here. Nobody on our side wants to strike. "
                        "We want to know the job will still exist in five years."
                    ),
                },
                {
                    "reader": "kamal",
                    "minutes": 2950,
                    "status": "pending",
                    "body": (
                        "The company called the last meeting constructive too. I will "
                        "believe it when Monday's strike is off."
                    ),
                },
            ],
        },
        {
            "reader": "follow-the-money",
            "minutes": 250,
            "status": "rejected",
            "rejection_reason": "libel",
            "body": (
                "Everyone knows Doyle has been promised a seat on the company board "
                "for selling his members out. Follow the money."
            ),
        },
    ],
    "maritime-museum-reopens": [
        {
            "reader": "martha",
            "minutes": 300,
            "body": (
                "The gallery on the women who ran the docks is wonderful. My mother "
                "drove a crane in the war, and I found her in one of the photographs."
            ),
            "replies": [
                {
                    "reader": "rosa",
                    "minutes": 420,
                    "body": (
                        "What a lovely thing to find. Do tell the museum: they were "
                        "asking for family stories at the front desk."
                    ),
                },
            ],
        },
        {
            "reader": "michal",
            "minutes": 1500,
            "body": (
                "ביקרנו בשבת עם הילדים. קומת הילדים עם הנמל שאפשר להציף ולרוקן פשוט "
                "מושלמת."
            ),
        },
        {
            "reader": "tom",
            "minutes": 3300,
            "status": "pending",
            "body": (
                "Is the rooftop terrace step-free? I am planning a visit with my dad, "
                "who uses a wheelchair."
            ),
        },
    ],
    "hottest-month-on-record": [
        {
            "reader": "rosa",
            "minutes": 200,
            "body": (
                "The sea temperatures worry me most. Seagrass beds take years to "
                "recover once they die back."
            ),
        },
        {
            "reader": "nina",
            "minutes": 600,
            "status": "rejected",
            "rejection_reason": "off_topic",
            "body": (
                "Does anyone know when the bins will be collected on Hillside Road? "
                "Nobody has come for two weeks and the heat is making it worse."
            ),
        },
        {
            "reader": "dev",
            "minutes": 5200,
            "status": "pending",
            "body": (
                "For anyone who wants the numbers, the monthly summary is at "
                "https://example.org/weather/monthly-summary and the sea temperature "
                "series at https://example.org/weather/sea-temperature"
            ),
        },
    ],
}

# The moderators' blocklist; the Hebrew word catches the spam on the heatwave story.
BLOCKED_TERMS = [
    {
        "value": "הימורים",
        "note": "Gambling spam on the Hebrew stories",
    },
    {
        "value": "crypto giveaway",
        "note": "A wave of link spam in the spring",
    },
]

# Commenters banned by the moderator: their new comments go straight to spam.
BANS = [
    {
        "kind": "email",
        "value": "winner@example.com",
        "reason": "Posted the same links under a dozen names",
    },
    {
        "kind": "network",
        "value": "198.51.100.66/32",
        "reason": "Abusive comments under several names",
    },
]

# The moderation desk's last 30 days, for its dashboard: seed_demo posts comments
# from these readers on the stories live at the time, several a day, and has the
# moderators (by these weights) decide them after a wait, longer at night. What is
# posted in the last hours still waits. Each outcome draws its text from its list.
DESK_MODERATORS = {"moderator": 5, "noa": 3, "sam": 2}
DESK_OUTCOMES = {"approved": 78, "rejected": 12, "spam": 10}
DESK_REJECTION_REASONS = {"abuse": 5, "off_topic": 4, "incitement": 1, "privacy": 1}
DESK_READERS = {
    "hannah": {
        "author_name": "Hannah Brook",
        "author_email": "hannah.brook@example.org",
        "ip_address": "192.0.2.90",
        "user_agent": _FIREFOX_WINDOWS,
    },
    "tomas": {
        "author_name": "Tomas Reyes",
        "author_email": "t.reyes@example.com",
        "ip_address": "198.51.100.91",
        "user_agent": _SAFARI_IPHONE,
    },
    "grace": {
        "author_name": "Grace Mbeki",
        "author_email": "grace.m@example.org",
        "ip_address": "203.0.113.92",
        "user_agent": _CHROME_ANDROID,
    },
    "ilan": {
        "author_name": "אילן שגיא",
        "author_email": "ilan.sagi@example.com",
        "ip_address": "192.0.2.93",
        "user_agent": _SAFARI_MAC,
    },
    "maya": {
        "author_name": "מאיה כהן",
        "author_email": "maya.cohen@example.org",
        "ip_address": "198.51.100.94",
        "user_agent": _EDGE_WINDOWS,
    },
    "rick": {
        "author_name": "Rick Dawes",
        "author_email": "rick.dawes@example.com",
        "ip_address": "203.0.113.95",
        "user_agent": _SAFARI_IPAD,
    },
}
# A regular the moderators trust (approved at once), and one they always hold.
DESK_MARKS = [
    {
        "reader": "hannah",
        "kind": "trusted",
        "note": "Regular since 2019, never refused",
    },
    {"reader": "rick", "kind": "hold", "note": "Borderline remarks; read each one"},
]
DESK_BODIES = {
    "approved": [
        "Thanks for explaining this so clearly.",
        "I was at the meeting and this is a fair account of it.",
        "Good to see the numbers laid out like this.",
        "Does anyone know when the next consultation closes?",
        "This affects our street directly; I hope the council listens.",
        "A balanced piece, though I would have liked to hear from the unions.",
        "סיכום טוב, תודה.",
        "מעניין לראות את המספרים המלאים.",
    ],
    "rejected": [
        "Anyone who believes this is an idiot.",
        "What does this have to do with my parking ticket from last year?",
        "The reporter should be ashamed, and so should everyone who read it.",
        "מי שכתב את זה צריך לחזור לבית הספר.",
    ],
    "spam": [
        "Earn 500 a day at home: https://example.com/earn and www.example.com/now",
        "Cheap watches at https://example.com/watches https://example.com/sale",
        "Best loans, no checks: https://example.com/loans https://example.com/apply",
    ],
}
DESK_REPORT_NOTES = [
    "This is a personal attack.",
    "Looks like an advert.",
    "",
    "He keeps posting this on every story.",
]
