"""The hand-written word lists of the demo: names, places, employers, job titles and phrases.

Small on purpose and free of any fake-data library, so that the demo is the same everywhere for a
given seed (see `mentora.programs.demo`).
"""

from __future__ import annotations

from dataclasses import dataclass

from mentora.profiles.choices import FocusArea

DEMO_ORGANISATION_NAME = "Northwind Health & Tech"

FEMININE_NAMES = [
    "Amara", "Aisha", "Beatriz", "Chloé", "Daniela", "Elif", "Fatima", "Grace", "Hana", "Ingrid",
    "Isabel", "Jia", "Keisha", "Laila", "Mei", "Nadia", "Olga", "Priya", "Rosa", "Sakura",
    "Sofia", "Tamar", "Uma", "Valentina", "Wanjiru", "Ximena", "Yara", "Zoë", "Agnieszka",
    "Bronwen", "Catalina", "Deepika", "Emma", "Freya", "Gabriela", "Hye-jin", "Imani", "Julia",
]  # fmt: skip
MASCULINE_NAMES = [
    "Adebayo", "Ahmed", "Bruno", "Carlos", "Daniel", "Emeka", "Felipe", "George", "Hiroshi",
    "Ivan", "Jamal", "Kwame", "Liam", "Mateus", "Nikhil", "Omar", "Pedro", "Rahul", "Stefan",
    "Tomasz", "Umar", "Viktor", "Wei", "Yusuf", "Arjun", "Björn", "Diego", "Finn", "Hamza",
    "Jonas", "Kenji", "Luca", "Marek", "Oliver", "Rafael", "Tariq",
]  # fmt: skip
NEUTRAL_NAMES = ["Alex", "Jordan", "Kai", "Morgan", "Noor", "Remy", "Robin", "Sam", "Sasha"]
LAST_NAMES = [
    "Abara", "Adeyemi", "Almeida", "Andersson", "Banerjee", "Becker", "Bianchi", "Campbell",
    "Chen", "Costa", "Da Silva", "Dubois", "Eze", "Fernández", "Fischer", "Gallagher", "García",
    "Haddad", "Hansen", "Hughes", "Ibrahim", "Ito", "Jansen", "Jovanović", "Kamau", "Kaur",
    "Kim", "Kowalski", "Kumar", "Larsen", "Lee", "López", "Mahlangu", "Martin", "Mendes",
    "Moreau", "Murphy", "Nakamura", "Nguyen", "Novak", "Nowak", "O'Brien", "Okonkwo", "Osei",
    "Park", "Patel", "Petrov", "Quinn", "Rahman", "Reyes", "Rossi", "Santos", "Schmidt",
    "Shah", "Silva", "Singh", "Sørensen", "Tanaka", "Taylor", "Thompson", "Van Dijk", "Vargas",
    "Walsh", "Wang", "Williams", "Yilmaz", "Zhang", "Zielińska",
]  # fmt: skip
PRONOUNS = {"feminine": "she/her", "masculine": "he/him", "neutral": "they/them"}
GENDER_OF = {"feminine": "woman", "masculine": "man", "neutral": "non_binary"}


@dataclass(frozen=True)
class Location:
    city: str
    timezone: str
    languages: tuple[str, ...]
    nationality: str


LOCATIONS: dict[str, Location] = {
    loc.city: loc
    for loc in [
        Location("London, United Kingdom", "Europe/London", ("en",), "British"),
        Location("Manchester, United Kingdom", "Europe/London", ("en",), "British"),
        Location("Edinburgh, United Kingdom", "Europe/London", ("en",), "British"),
        Location("Dublin, Ireland", "Europe/Dublin", ("en",), "Irish"),
        Location("Lisbon, Portugal", "Europe/Lisbon", ("pt", "en"), "Portuguese"),
        Location("Berlin, Germany", "Europe/Berlin", ("de", "en"), "German"),
        Location("Madrid, Spain", "Europe/Madrid", ("es", "en"), "Spanish"),
        Location("Paris, France", "Europe/Paris", ("fr", "en"), "French"),
        Location("Amsterdam, Netherlands", "Europe/Amsterdam", ("nl", "en"), "Dutch"),
        Location("Warsaw, Poland", "Europe/Warsaw", ("pl", "en"), "Polish"),
        Location("Istanbul, Türkiye", "Europe/Istanbul", ("tr", "en"), "Turkish"),
        Location("New York, United States", "America/New_York", ("en",), "American"),
        Location("Houston, United States", "America/Chicago", ("en", "es"), "American"),
        Location("Toronto, Canada", "America/Toronto", ("en", "fr"), "Canadian"),
        Location("Mexico City, Mexico", "America/Mexico_City", ("es", "en"), "Mexican"),
        Location("São Paulo, Brazil", "America/Sao_Paulo", ("pt", "en"), "Brazilian"),
        Location("Lagos, Nigeria", "Africa/Lagos", ("en",), "Nigerian"),
        Location("Nairobi, Kenya", "Africa/Nairobi", ("en", "sw"), "Kenyan"),
        Location("Cape Town, South Africa", "Africa/Johannesburg", ("en",), "South African"),
        Location("Dubai, United Arab Emirates", "Asia/Dubai", ("en", "ar"), "Emirati"),
        Location("Bengaluru, India", "Asia/Kolkata", ("en", "hi"), "Indian"),
        Location("Singapore", "Asia/Singapore", ("en", "zh"), "Singaporean"),
        Location("Tokyo, Japan", "Asia/Tokyo", ("ja", "en"), "Japanese"),
        Location("Seoul, South Korea", "Asia/Seoul", ("ko", "en"), "South Korean"),
        Location("Sydney, Australia", "Australia/Sydney", ("en",), "Australian"),
    ]
}


@dataclass(frozen=True)
class Employer:
    name: str
    domain: str
    industry: str
    weight: int
    functions: tuple[str, ...]
    cities: tuple[str, ...]
    # Some employers span two industries: these functions count as the second one.
    tech_functions_industry: str = ""


EMPLOYERS: tuple[Employer, ...] = (
    Employer(
        DEMO_ORGANISATION_NAME,
        "northwind.example",
        "healthcare",
        40,
        ("engineering", "data", "product", "design", "clinical", "operations", "finance",
         "human_resources", "marketing", "research", "customer_success"),
        ("London, United Kingdom", "Manchester, United Kingdom", "Dublin, Ireland",
         "Lisbon, Portugal", "Berlin, Germany", "Bengaluru, India", "Toronto, Canada"),
        tech_functions_industry="technology",
    ),
    Employer(
        "Bluefin Capital", "bluefin-capital.example", "finance", 10,
        ("finance", "data", "engineering", "sales", "operations", "legal"),
        ("New York, United States", "London, United Kingdom", "Singapore"),
    ),
    Employer(
        "Riverside University", "riverside-university.example", "education", 9,
        ("teaching", "research", "operations", "human_resources", "data"),
        ("Manchester, United Kingdom", "Edinburgh, United Kingdom", "Cape Town, South Africa"),
    ),
    Employer(
        "Ardent Energy", "ardent-energy.example", "energy", 8,
        ("engineering", "operations", "finance", "data", "legal"),
        ("Madrid, Spain", "Houston, United States", "Lagos, Nigeria",
         "Dubai, United Arab Emirates"),
    ),
    Employer(
        "Kestrel Retail Group", "kestrel-retail.example", "retail", 9,
        ("marketing", "sales", "operations", "data", "customer_success", "design"),
        ("Amsterdam, Netherlands", "Paris, France", "Warsaw, Poland", "Istanbul, Türkiye"),
    ),
    Employer(
        "Civic Digital Service", "civic-digital.example", "government", 7,
        ("engineering", "product", "design", "data", "operations"),
        ("London, United Kingdom", "Edinburgh, United Kingdom"),
    ),
    Employer(
        "Open Doors Foundation", "open-doors.example", "non_profit", 6,
        ("operations", "marketing", "finance", "human_resources", "research"),
        ("Nairobi, Kenya", "Mexico City, Mexico", "São Paulo, Brazil"),
    ),
    Employer(
        "Lumen Media", "lumen-media.example", "media", 6,
        ("marketing", "design", "engineering", "sales", "product"),
        ("Paris, France", "Seoul, South Korea", "Tokyo, Japan", "Sydney, Australia"),
    ),
    Employer(
        "Harbour Clinics", "harbour-clinics.example", "healthcare", 5,
        ("clinical", "operations", "finance", "human_resources"),
        ("Sydney, Australia", "Dublin, Ireland", "Toronto, Canada"),
    ),
)  # fmt: skip

TECH_FUNCTIONS = ("engineering", "data", "product", "design")

# Seniority levels in order, with the years of experience that fit each.
SENIORITY_ORDER = ("student", "entry", "mid", "senior", "lead", "manager", "director", "executive")
SENIORITY_YEARS: dict[str, tuple[int, int]] = {
    "student": (0, 1),
    "entry": (0, 2),
    "mid": (3, 6),
    "senior": (6, 12),
    "lead": (9, 18),
    "manager": (7, 16),
    "director": (12, 25),
    "executive": (18, 32),
}
MENTOR_SENIORITY = {"senior": 25, "lead": 20, "manager": 25, "director": 20, "executive": 10}
MENTEE_SENIORITY = {"student": 5, "entry": 30, "mid": 40, "senior": 17, "manager": 8}
# People at these levels may be someone's manager (a reporting line).
LINE_MANAGER_LEVELS = ("manager", "director", "executive")


@dataclass(frozen=True)
class JobFunction:
    department: str
    titles: dict[str, tuple[str, ...]]
    skills: tuple[str, ...]
    goals: tuple[str, ...]
    business_area: str


def _titles(*levels: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return dict(zip(SENIORITY_ORDER, levels, strict=True))


JOB_FUNCTION_DETAILS: dict[str, JobFunction] = {
    "engineering": JobFunction(
        "Engineering",
        _titles(
            ("Software Engineering Intern",),
            ("Junior Software Engineer", "Graduate Software Engineer"),
            ("Software Engineer", "Backend Engineer", "Frontend Engineer"),
            ("Senior Software Engineer", "Senior Platform Engineer"),
            ("Staff Engineer", "Principal Engineer", "Tech Lead"),
            ("Engineering Manager",),
            ("Director of Engineering",),
            ("Chief Technology Officer", "VP of Engineering"),
        ),
        ("Python", "JavaScript", "TypeScript", "Java", "Go", "Rust", "C#",
         "Frontend development", "Backend development", "Mobile development",
         "Cloud infrastructure", "DevOps", "Software architecture", "Code review",
         "Software testing", "Security engineering", "API design", "Distributed systems",
         "Technical debt management", "Open source contribution", "SQL"),
        ("Move from building features to owning the design of a whole service.",
         "Become the person my team turns to for {skill}.",
         "Decide between the staff engineer track and engineering management."),
        "Technology and data",
    ),
    "data": JobFunction(
        "Data & Insights",
        _titles(
            ("Data Science Intern",),
            ("Junior Data Analyst",),
            ("Data Analyst", "Analytics Engineer", "Data Scientist"),
            ("Senior Data Scientist", "Senior Data Engineer", "Senior Data Analyst"),
            ("Lead Data Scientist", "Principal Analyst"),
            ("Analytics Manager", "Data Science Manager"),
            ("Head of Data",),
            ("Chief Data Officer",),
        ),
        ("SQL", "Python", "Data analysis", "Data visualisation", "Statistics", "Machine learning",
         "Deep learning", "Generative AI", "Data engineering", "Business intelligence",
         "Experiment design", "Natural language processing", "Data governance", "Forecasting",
         "Spreadsheet modelling"),
        ("Turn my analyses into recommendations that actually change decisions.",
         "Ship my first machine learning model to production.",
         "Get better at {skill} so I can take on harder problems."),
        "Technology and data",
    ),
    "product": JobFunction(
        "Product",
        _titles(
            ("Product Intern",),
            ("Associate Product Manager",),
            ("Product Manager",),
            ("Senior Product Manager",),
            ("Principal Product Manager", "Group Product Manager"),
            ("Product Lead",),
            ("Director of Product",),
            ("Chief Product Officer",),
        ),
        ("Product management", "Product strategy", "Product discovery", "Roadmapping",
         "User research", "Experiment design", "Customer journey mapping", "Pricing strategy",
         "Product marketing", "Data analysis"),
        ("Run proper discovery before committing my team to a roadmap.",
         "Own a product area end to end, including its numbers.",
         "Say no to stakeholders without losing their trust."),
        "Technology and data",
    ),
    "design": JobFunction(
        "Design",
        _titles(
            ("Design Intern",),
            ("Junior Product Designer",),
            ("Product Designer", "UX Researcher", "Service Designer"),
            ("Senior Product Designer", "Senior UX Researcher"),
            ("Lead Designer", "Principal Designer"),
            ("Design Manager",),
            ("Head of Design",),
            ("VP of Design",),
        ),
        ("UX design", "UI design", "Interaction design", "Accessibility", "Prototyping",
         "Design systems", "Service design", "Content design", "User research",
         "Customer journey mapping"),
        ("Build a portfolio that shows my impact, not just my screens.",
         "Make accessibility part of our definition of done.",
         "Bring research into decisions earlier, before the solution is fixed."),
        "Technology and data",
    ),
    "marketing": JobFunction(
        "Marketing",
        _titles(
            ("Marketing Intern",),
            ("Marketing Coordinator", "Marketing Assistant"),
            ("Content Marketer", "Digital Marketing Specialist"),
            ("Senior Brand Manager", "Senior Content Strategist"),
            ("Lead Growth Marketer",),
            ("Marketing Manager",),
            ("Marketing Director",),
            ("Chief Marketing Officer",),
        ),
        ("Digital marketing", "Content marketing", "Search engine optimisation",
         "Social media marketing", "Brand management", "Marketing analytics",
         "Product marketing", "Email marketing", "Growth marketing", "Public relations"),
        ("Own a campaign budget and show what it returned.",
         "Move from running channels to setting the marketing strategy.",
         "Get much stronger at {skill}."),
        "Commercial",
    ),
    "sales": JobFunction(
        "Sales",
        _titles(
            ("Sales Intern",),
            ("Sales Development Representative",),
            ("Account Executive",),
            ("Senior Account Executive", "Key Account Manager"),
            ("Strategic Account Lead",),
            ("Sales Manager",),
            ("Sales Director",),
            ("Chief Revenue Officer",),
        ),
        ("B2B sales", "Account management", "Sales prospecting", "Negotiation",
         "Pricing strategy", "Partnerships", "Customer success"),
        ("Close my first six-figure deal.",
         "Move from closing deals to running a territory.",
         "Build long-term relationships with my key accounts instead of chasing quarters."),
        "Commercial",
    ),
    "operations": JobFunction(
        "Operations",
        _titles(
            ("Operations Intern",),
            ("Operations Coordinator",),
            ("Operations Analyst", "Project Manager"),
            ("Senior Project Manager", "Senior Operations Analyst"),
            ("Programme Lead",),
            ("Operations Manager",),
            ("Director of Operations",),
            ("Chief Operating Officer",),
        ),
        ("Project management", "Programme management", "Agile delivery", "Process improvement",
         "Lean Six Sigma", "Supply chain management", "Procurement", "Vendor management",
         "Quality management", "Operations strategy", "Business continuity",
         "Workforce planning", "Regulatory compliance", "Data protection"),
        ("Earn a recognised project management qualification.",
         "Lead an improvement project that saves measurable time for front-line teams.",
         "Move from coordinating projects to running a programme."),
        "Corporate functions",
    ),
    "finance": JobFunction(
        "Finance",
        _titles(
            ("Finance Intern",),
            ("Finance Assistant", "Junior Accountant"),
            ("Financial Analyst", "Accountant"),
            ("Senior Financial Analyst",),
            ("Finance Business Partner",),
            ("Finance Manager",),
            ("Financial Controller", "Director of Finance"),
            ("Chief Financial Officer",),
        ),
        ("Financial modelling", "Budgeting", "Financial analysis", "Accounting",
         "Corporate finance", "Financial planning and analysis", "Investment analysis",
         "Risk management", "Fundraising", "Tax", "Audit", "Treasury", "Cost control",
         "Business cases", "Spreadsheet modelling"),
        ("Finish my chartered accountancy exams.",
         "Partner with budget holders rather than only reporting their numbers.",
         "Present the quarterly results to the leadership team myself."),
        "Corporate functions",
    ),
    "human_resources": JobFunction(
        "People & Culture",
        _titles(
            ("HR Intern",),
            ("People Coordinator", "HR Assistant"),
            ("HR Advisor", "Talent Partner", "Learning and Development Specialist"),
            ("Senior HR Business Partner",),
            ("Lead Talent Partner",),
            ("HR Manager",),
            ("Head of People",),
            ("Chief People Officer",),
        ),
        ("Diversity, equity and inclusion", "Employee engagement", "Talent acquisition",
         "Compensation and benefits", "Learning and development", "Employee relations",
         "People analytics", "Organisational design", "Onboarding", "Workplace wellbeing",
         "Employment law"),
        ("Design an onboarding programme that new starters actually enjoy.",
         "Move from HR administration into a business partner role.",
         "Use people data to make the case for change."),
        "Corporate functions",
    ),
    "customer_success": JobFunction(
        "Customer Success",
        _titles(
            ("Customer Success Intern",),
            ("Customer Support Specialist",),
            ("Customer Success Manager",),
            ("Senior Customer Success Manager",),
            ("Customer Success Lead",),
            ("Customer Success Team Manager",),
            ("Director of Customer Success",),
            ("VP of Customer Experience",),
        ),
        ("Customer success", "Account management", "Customer journey mapping",
         "Active listening", "Difficult conversations", "Process improvement", "Data analysis"),
        ("Reduce churn in my accounts by understanding what customers are really trying to do.",
         "Turn what I hear from customers into changes the product team acts on."),
        "Commercial",
    ),
    "research": JobFunction(
        "Research",
        _titles(
            ("PhD Candidate",),
            ("Research Assistant",),
            ("Research Associate", "Postdoctoral Researcher"),
            ("Senior Research Scientist",),
            ("Principal Investigator",),
            ("Research Programme Manager",),
            ("Director of Research",),
            ("Chief Scientific Officer",),
        ),
        ("Research methods", "Qualitative research", "Statistics", "Academic writing",
         "Grant writing", "Peer review", "Lab management", "Knowledge transfer",
         "Literature review", "Research ethics", "Clinical research"),
        ("Publish my first paper as lead author.",
         "Win my first independent research grant.",
         "Decide whether my future is in academia or industry."),
        "Research and education",
    ),
    "clinical": JobFunction(
        "Clinical Services",
        _titles(
            ("Student Nurse",),
            ("Staff Nurse", "Junior Doctor", "Healthcare Assistant"),
            ("Senior Staff Nurse", "Physiotherapist", "Clinical Pharmacist"),
            ("Clinical Nurse Specialist", "Consultant Physician"),
            ("Advanced Nurse Practitioner", "Lead Pharmacist"),
            ("Ward Manager", "Clinical Services Manager"),
            ("Director of Nursing", "Medical Director"),
            ("Chief Medical Officer",),
        ),
        ("Clinical leadership", "Patient safety", "Nursing practice", "Clinical research",
         "Health informatics", "Electronic health records", "Healthcare quality improvement",
         "Public health", "Telehealth", "Care coordination", "Clinical governance",
         "Mental health awareness", "Patient experience", "Medical devices"),
        ("Step up to a ward manager role within two years.",
         "Lead a quality-improvement project on patient safety.",
         "Move into clinical informatics without losing touch with patients."),
        "Patient care",
    ),
    "teaching": JobFunction(
        "Teaching & Learning",
        _titles(
            ("Graduate Teaching Assistant",),
            ("Teaching Fellow",),
            ("Lecturer",),
            ("Senior Lecturer",),
            ("Associate Professor",),
            ("Head of Department",),
            ("Dean of Studies",),
            ("Pro-Vice-Chancellor for Education",),
        ),
        ("Teaching", "Curriculum design", "Instructional design", "E-learning",
         "Academic writing", "Training delivery", "Supervising students", "Research methods"),
        ("Redesign my module around active learning.",
         "Balance my teaching load with protected time for research.",
         "Apply for a senior fellowship of the teaching academy."),
        "Research and education",
    ),
    "legal": JobFunction(
        "Legal",
        _titles(
            ("Legal Intern",),
            ("Paralegal",),
            ("Legal Counsel",),
            ("Senior Legal Counsel",),
            ("Principal Counsel",),
            ("Legal Manager",),
            ("Head of Legal",),
            ("General Counsel",),
        ),
        ("Regulatory compliance", "Data protection", "Employment law", "Negotiation",
         "Risk management", "Business writing", "Regulatory affairs"),
        ("Become a trusted adviser to the business, not the team that says no.",
         "Lead a negotiation from first draft to signature on my own."),
        "Corporate functions",
    ),
}  # fmt: skip

LEADERSHIP_SKILLS = (
    "People management", "Team building", "Delegation", "Hiring and interviewing",
    "Performance management", "Giving feedback", "Coaching others", "Strategic thinking",
    "Change management", "Decision making", "Managing managers", "Remote team leadership",
    "Conflict resolution", "Executive presence", "Succession planning",
    "Leading through ambiguity",
)  # fmt: skip
GROWTH_SKILLS = (
    "Public speaking", "Business writing", "Storytelling", "Negotiation",
    "Stakeholder management", "Influencing", "Difficult conversations", "Assertiveness",
    "Career planning", "Personal branding", "Professional networking", "Promotion readiness",
    "Career change", "Navigating organisational politics", "First-time management",
    "Time management", "Prioritisation", "Resilience", "Stress management", "Work-life balance",
    "Confidence building", "Emotional intelligence", "Self-advocacy",
    "Overcoming imposter syndrome", "Goal setting", "Critical thinking",
)  # fmt: skip

GENERAL_GOALS = (
    "Get promoted to {next_title} within the next 18 months.",
    "Build the confidence to present my work to senior leaders.",
    "Grow a network outside my own team and department.",
    "Work out whether I want to stay a specialist or move into management.",
    "Lead a cross-team project from start to finish this year.",
    "Protect time for deep work and get better at saying no.",
    "Prepare for my first people-management role.",
    "Understand how decisions are made above my level so that I can influence them.",
    "Speak at an external conference or meetup by the end of the year.",
    "Find a healthier balance between work and family commitments.",
)
WHY_MENTOR = (
    "I have been in my role for {years} years and feel I have plateaued. I want someone outside "
    "my team to challenge my thinking.",
    "I'm the first in my family to work in a place like this, and I'd value advice on the "
    "unwritten rules.",
    "My manager is supportive, but I'd like a second perspective from someone who has made the "
    "move I'm considering.",
    "I want to grow into leadership and would like to learn from someone who did it recently.",
    "I find it hard to make my work visible and would like help to speak up about it.",
    "I'm back after a career break and want to rebuild my confidence and my network.",
    "I'm curious how people in other parts of the business approach {skill}.",
    "I'd like an honest sounding board for the career decisions I face over the next year.",
    "I moved to {city} for this job and don't know many people outside my team yet.",
)
MOTIVATIONS = (
    "Someone gave me a lot of their time early in my career, and I want to pass that on.",
    "I enjoy helping people see their options more clearly, and I learn as much as I teach.",
    "I moved into leadership the hard way and would like to make that path easier for others.",
    "I care about opening doors for people who are under-represented in {industry}.",
    "Mentoring keeps me close to what it's like to be early in a career, which makes me a "
    "better manager.",
    "I've made plenty of mistakes with {skill} and I'm happy to share them so that others "
    "don't have to.",
    "I'd like to give back, and to meet people outside my own department.",
    "I changed careers in my thirties and love talking to people who are thinking about it.",
)
MOTIVATION_ADDITIONS = (
    "I'm most useful on practical questions: what to do on Monday morning.",
    "I prefer honest conversations to polished ones.",
    "Happy to mentor across time zones; I'm flexible about meeting times.",
    "I ask a lot of questions and expect my mentees to set the agenda.",
    "",
)
HOBBIES = (
    "run along the river", "sing in a community choir", "coach a junior football team",
    "am slowly restoring an old bicycle", "bake bread at weekends", "volunteer at a food bank",
    "climb indoors", "read too much science fiction", "grow vegetables on an allotment",
    "play the cello badly", "swim in the sea all year", "organise a local book club",
)  # fmt: skip
FREE_TAGS = (
    "working parent", "career changer", "moved countries for work", "returned after a career break",
    "first in family at university", "startup experience", "part-time worker", "ex-consultant",
)  # fmt: skip
ETHNICITIES = (
    "White", "Black African", "Black Caribbean", "South Asian", "East Asian",
    "Southeast Asian", "Hispanic or Latino", "Arab", "Mixed or multiple ethnic groups",
)  # fmt: skip
MATCHING_NOTES = (
    "I work compressed hours, Monday to Thursday.",
    "I'd prefer someone outside my own reporting line.",
    "I'm happy to meet in person in {city} now and then.",
    "English is my second language; I'm also comfortable in {language}.",
    "I have a hearing impairment and prefer video calls with captions.",
    "I start parental leave in the autumn, so an intense first few months would suit me.",
)

# The questionnaire of the mentoring program: (key, text, kind, choices, required, rule, weight).
TIME_OF_DAY = ("Early morning", "Around lunchtime", "Afternoon", "Evening")
TOPICS = (
    "Career progression",
    "Leadership",
    "Technical depth",
    "Changing roles or industries",
    "Confidence and visibility",
    "Work-life balance",
    "Building a network",
)
BUSINESS_AREAS = (
    "Patient care",
    "Technology and data",
    "Commercial",
    "Corporate functions",
    "Research and education",
)
COACHING_STYLES = ("Challenging and direct", "Reflective and questioning", "A mix of both")
COACHING_CHALLENGES = (
    "Giving feedback to someone who used to be my peer.",
    "Delegating instead of doing everything myself.",
    "Leading a team through a reorganisation.",
    "Handling a conflict between two people in my team.",
    "Making decisions with incomplete information.",
    "Managing upwards when priorities keep changing.",
)

FOCUS_AREAS = tuple(FocusArea.values)
INDUSTRY_PHRASES = {
    "technology": "technology",
    "healthcare": "healthcare",
    "finance": "financial services",
    "education": "higher education",
    "energy": "the energy sector",
    "retail": "retail",
    "government": "the public sector",
    "non_profit": "the non-profit sector",
    "media": "media",
    "consulting": "consulting",
}
COACHEE_GOALS = (
    "Give honest feedback without damaging the relationship.",
    "Delegate properly and stop being the bottleneck for my team.",
    "Lead my team calmly through the reorganisation.",
    "Find my own leadership style rather than copying my old manager's.",
    "Hold my ground in leadership meetings.",
    "Make decisions faster with the information I have.",
)
COACH_MOTIVATIONS = (
    "I want new managers to get the support I wish I'd had.",
    "Coaching is the most useful thing I do all month; it sharpens my own leadership too.",
    "I've seen good people struggle in their first management role, and it doesn't have to be so.",
)
COACHEE_REASONS = (
    "I was promoted recently and want space to think about how I lead.",
    "I now manage people who were my peers a few months ago, and I'm finding it hard.",
    "My team has doubled this year and I'm still working as if it were five people.",
    "I'd like to understand my own habits as a leader before they set.",
)
ORGANISATION_SKILL = ("Northwind care pathways", "Healthcare", ["Northwind pathways"])
