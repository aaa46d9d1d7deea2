"""Words for the demo's applications to join: two waiting on the coordinators'
desk, one declined earlier, and an issue area one applicant typed. Invented
organizations and people."""

from members.models import ApplicationStatus, Visibility

APPLICATIONS = [
    {
        "organization_name": "Gulf Coast Fisherfolk Rights Council",
        "summary": "Shrimpers, oyster harvesters and their families organizing for "
        "safe work, fair prices and a say in coastal restoration.",
        "mission": "We began after the 2010 oil spill, when families who had fished "
        "for generations were left out of every decision.\n\nWe document health "
        "and income losses and take them to state hearings and UN special "
        "rapporteurs.",
        "website": "https://fisherfolk.example.org",
        "public_email": "hello@fisherfolk.example.org",
        "city": "Biloxi",
        "subdivision": "US-MS",
        "scope": "regional",
        "founded_year": 2011,
        "led_by_directly_affected": True,
        "contact_name": "Thanh Nguyen",
        "contact_role": "Organizer",
        "contact_email": "thanh@fisherfolk.example.org",
        "contact_phone": "+1 555 0188",
        "visibility": Visibility.PUBLIC,
        "message": "Several of our members are also in the Mobile tenants' union.",
        "issues": ["labor", "environmental-justice", "food-and-water"],
        "approaches": 2,
        "days_ago": 3,
        "status": ApplicationStatus.SUBMITTED,
    },
    {
        "organization_name": "Desert Sanctuary Accompaniment Circle",
        "summary": "Volunteers who accompany asylum seekers to hearings and "
        "check-ins and keep records of how they are treated.",
        "mission": "",
        "website": "",
        "public_email": "",
        "city": "Tucson",
        "subdivision": "US-AZ",
        "scope": "local",
        "founded_year": 2019,
        "led_by_directly_affected": False,
        "contact_name": "Marisol Vega",
        "contact_role": "Coordinator",
        "contact_email": "marisol@sanctuary-circle.example.org",
        "contact_phone": "",
        "visibility": Visibility.HIDDEN,
        "message": "Our volunteers have been followed after hearings; we would "
        "rather not be listed publicly.",
        "issues": ["asylum", "detention", "human-rights-defenders"],
        "approaches": 1,
        "days_ago": 1,
        "status": ApplicationStatus.SUBMITTED,
    },
    {
        "organization_name": "Sunbelt Property Owners Forum",
        "summary": "Landlords' association seeking faster evictions.",
        "mission": "",
        "website": "https://sunbelt-owners.example.org",
        "public_email": "",
        "city": "Phoenix",
        "subdivision": "US-AZ",
        "scope": "state",
        "founded_year": 2002,
        "led_by_directly_affected": False,
        "contact_name": "Dale Carter",
        "contact_role": "",
        "contact_email": "dale@sunbelt-owners.example.org",
        "contact_phone": "",
        "visibility": Visibility.PUBLIC,
        "message": "",
        "issues": ["housing"],
        "approaches": 1,
        "days_ago": 40,
        "status": ApplicationStatus.DECLINED,
        "decision_reason": "The network's members work for the right to housing; "
        "an association campaigning for faster evictions does not share the "
        "principles members agree to.",
    },
]

# Issue areas applicants typed because the list lacked them; they wait on the desk.
DEMO_SUGGESTIONS = {"Gulf Coast Fisherfolk Rights Council": "Climate displacement"}
