#!/usr/bin/env python3
"""Writes the built-in screening instruments (assets/instruments/*.json) as FHIR R4
Questionnaires: LOINC-coded items and answers, English text with Spanish through the FHIR
translation extension, ordinalValue on scored answers, optionExclusive on "None of the above".

The tables below are the source of truth; the JSON files are generated and committed so the
build needs no Python. Run `python3 scripts/gen-instruments.py` after editing a table; never edit
the JSON by hand (the suite runs `--check`, which fails on any difference).

Sources (see docs/SCREENING.md): CMS AHC HRSN Screening Tool (2018 update) item text; LOINC
panels 96777-8 (AHC core), 88121-9 (HVS), 93025-5 (PRAPARE, as in the SDOHCC IG
Questionnaire), 44249-1 (PHQ-9); the PHQ-9 Spanish wording is the Pfizer US Spanish version
("No se requiere permiso para reproducir, traducir, presentar o distribuir"). Every other
Spanish text is the project's own translation and is marked so in each file.
"""
import argparse
import json
import os
import sys

LOINC = "http://loinc.org"
EXT_TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
EXT_ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
EXT_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
EXT_ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
# Ours (docs/SCREENING.md): where one language's wording comes from, one per translated language
# on the Questionnaire: lang (code), kind ("official" | "project"), source (official only: the
# citation), note (free text for the clinician).
EXT_PROVENANCE = "urn:safetynet:fhir:extension:translation-provenance"
URL_BASE = "urn:safetynet:questionnaire:"

# The Spanish wording's provenance, in the shape of a translation file's "provenance".
PROJECT_ES = {"kind": "project",
              "note": "Spanish (es): the project's own translation, not an official version; "
                      "have it reviewed by a qualified medical translator before clinical use."}
PHQ_ES = {"kind": "official",
          "source": "PHQ-9 and PHQ-2, Spanish version for the USA, by Drs. Robert L. Spitzer, Janet B.W. "
                    "Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. "
                    "(phqscreeners.com): 'No permission required to reproduce, translate, display or "
                    "distribute.'",
          "note": "Spanish (es): the PHQ's official US Spanish wording. Group titles and instructions "
                  "that are not part of the PHQ are the project's translation."}


# LOINC's own display for each item code (from the SDOHCC IG's and LOINC's forms), never the
# question text: the SDOHCC validation (tests/fhir/validate_sdohcc.mjs) checks displays against
# LOINC. A code missing here gets no display (LOINC's display for it was not at hand to cite).
LOINC_DISPLAY = {
    "56051-6": "Hispanic or Latino",
    "32624-9": "Race",
    "93035-4": "Has season or migrant farm work been your or your family's main source of income at any point in past 2 years [PRAPARE]",
    "93034-7": "Discharged from the U.S. Armed Forces",
    "54899-0": "Preferred language",
    "63512-8": "How many people are living or staying at this address [#]",
    "71802-3": "Housing status",
    "93033-9": "Are you worried about losing your housing [PRAPARE]",
    "56799-0": "Address",
    "82589-3": "Highest level of educ",
    "67875-5": "Employment status current",
    "76437-3": "Primary insurance",
    "63586-2": "What was your best estimate of the total income of all family members from all sources, before taxes, in last year [PhenX]",
    "93031-3": "Have you or any family members you live with been unable to get any of the following when it was really needed in past 1 year [PRAPARE]",
    "93030-5": "Has lack of transportation kept you from medical appointments, meetings, work, or from getting things needed for daily living",
    "93029-7": "How often do you see or talk to people that you care about and feel close to [PRAPARE]",
    "93038-8": "Stress level",
    "93028-9": "Have you spent more than 2 nights in a row in a jail, prison, detention center, or juvenile correctional facility in past 1 year [PRAPARE]",
    "93027-1": "Are you a refugee",
    "93026-3": "Do you feel physically and emotionally safe where you currently live [PRAPARE]",
    "76501-6": "Within the last year, have you been afraid of your partner or ex-partner",
    "88122-7": "Within the past 12 months we worried whether our food would run out before we got money to buy more [U.S. FSS]",
    "88123-5": "Within the past 12 months the food we bought just didn't last and we didn't have money to get more [U.S. FSS]",
    "44250-9": "Little interest or pleasure in doing things?",
    "44255-8": "Feeling down, depressed, or hopeless?",
    "44259-0": "Trouble falling or staying asleep, or sleeping too much",
    "44254-1": "Feeling tired or having little energy",
    "44251-7": "Poor appetite or overeating",
    "44258-2": "Feeling bad about yourself-or that you are a failure or have let yourself or your family down",
    "44252-5": "Trouble concentrating on things, such as reading the newspaper or watching television",
    "44253-3": "Moving or speaking so slowly that other people could have noticed. Or the opposite-being so fidgety or restless that you have been moving around a lot more than usual",
    "44260-8": "Thoughts that you would be better off dead, or of hurting yourself in some way",
    "69722-7": "How difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
}


def provenance_extension(lang, provenance):
    """Our translation-provenance extension for one language (docs/SCREENING.md)."""
    parts = [{"url": "lang", "valueCode": lang}, {"url": "kind", "valueCode": provenance["kind"]}]
    if provenance.get("source"):
        parts.append({"url": "source", "valueString": provenance["source"]})
    parts.append({"url": "note", "valueString": provenance["note"]})
    return {"url": EXT_PROVENANCE, "extension": parts}


def tr(es):
    """The translation extension for one Spanish text."""
    return {"extension": [{"url": EXT_TRANSLATION, "extension": [
        {"url": "lang", "valueCode": "es"}, {"url": "content", "valueString": es}]}]}


def option(code, en, es, ordinal=None, exclusive=False):
    o = {"valueCoding": {"system": LOINC, "code": code, "display": en, "_display": tr(es)}}
    ext = []
    if ordinal is not None:
        ext.append({"url": EXT_ORDINAL, "valueDecimal": ordinal})
    if exclusive:
        ext.append({"url": EXT_EXCLUSIVE, "valueBoolean": True})
    if ext:
        o["extension"] = ext
    return o


def question(code, en, es, options, repeats=False, required=True, help_en=None, help_es=None,
             enable_when=None, enable_behavior=None, qtype="choice", prefix=None):
    coding = {"system": LOINC, "code": code}
    if code in LOINC_DISPLAY:
        coding["display"] = LOINC_DISPLAY[code]
    q = {"linkId": code, "code": [coding],
         "text": en, "_text": tr(es), "type": qtype, "required": required}
    if prefix:
        q["prefix"] = prefix
    if repeats:
        q["repeats"] = True
    if enable_when:
        q["enableWhen"] = enable_when
        if enable_behavior:
            q["enableBehavior"] = enable_behavior
    if options is not None:
        q["answerOption"] = options
    if help_en:
        q["item"] = [{"linkId": code + "-help", "text": help_en, "_text": tr(help_es), "type": "display",
                      "extension": [{"url": EXT_ITEM_CONTROL, "valueCodeableConcept": {"coding": [{
                          "system": "http://hl7.org/fhir/questionnaire-item-control", "code": "help",
                          "display": "Help-Button"}], "text": "Help-Button"}}]}]
    return q


def group(link_id, en, es, items, required=False):
    g = {"linkId": link_id, "text": en, "_text": tr(es), "type": "group", "item": items}
    if required:
        g["required"] = True
    return g


def display(link_id, en, es):
    return {"linkId": link_id, "text": en, "_text": tr(es), "type": "display"}


def questionnaire(ident, title_en, title_es, codes, items, note, description):
    return {
        "resourceType": "Questionnaire",
        "id": ident,
        "extension": [provenance_extension("es", note)],
        "url": URL_BASE + ident,
        "version": "1.0.0",
        "name": "".join(w.capitalize() for w in ident.replace("-", " ").split()),
        "title": title_en,
        "_title": tr(title_es),
        "status": "active",
        "subjectType": ["Patient"],
        "language": "en",
        "description": description,
        "code": [{"system": LOINC, "code": c, "display": d} for c, d in codes],
        "item": items,
    }

# --------------------------------------------------------------------------------------------
# Shared answer lists
# --------------------------------------------------------------------------------------------
YES_NO = lambda: [option("LA33-6", "Yes", "Sí"), option("LA32-8", "No", "No")]
FOOD_FREQ = lambda: [option("LA28397-0", "Often true", "Con frecuencia es cierto"),
                     option("LA6729-3", "Sometimes true", "A veces es cierto"),
                     option("LA28398-8", "Never true", "Nunca es cierto")]
HITS = lambda: [option("LA6270-8", "Never", "Nunca", 1), option("LA10066-1", "Rarely", "Rara vez", 2),
                option("LA10082-8", "Sometimes", "A veces", 3),
                option("LA16644-9", "Fairly often", "Con bastante frecuencia", 4),
                option("LA6482-9", "Frequently", "Frecuentemente", 5)]
# PHQ answers: the official Spanish labels of the PHQ-9 US Spanish version.
PHQ = lambda: [option("LA6568-5", "Not at all", "Ningún día", 0),
               option("LA6569-3", "Several days", "Varios días", 1),
               option("LA6570-1", "More than half the days", "Más de la mitad de los días", 2),
               option("LA6571-9", "Nearly every day", "Casi todos los días", 3)]
USE_FREQ = lambda: [option("LA6270-8", "Never", "Nunca"), option("LA26460-8", "Once or twice", "Una o dos veces"),
                    option("LA18876-5", "Monthly", "Mensualmente"), option("LA18891-4", "Weekly", "Semanalmente"),
                    option("LA18934-2", "Daily or almost daily", "Diariamente o casi todos los días")]
STRESS = lambda: [option("LA6568-5", "Not at all", "Nada"), option("LA13863-8", "A little bit", "Un poco"),
                  option("LA13909-9", "Somewhat", "Algo"), option("LA13902-4", "Quite a bit", "Bastante"),
                  option("LA13914-9", "Very much", "Mucho")]

PHQ_INTRO_EN = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
PHQ_INTRO_ES = "Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los siguientes problemas?"
PHQ_ITEMS = [
    ("44250-9", "Little interest or pleasure in doing things", "Poco interés o placer en hacer cosas"),
    ("44255-8", "Feeling down, depressed, or hopeless", "Se ha sentido decaído(a), deprimido(a) o sin esperanzas"),
    ("44259-0", "Trouble falling or staying asleep, or sleeping too much",
     "Ha tenido dificultad para quedarse o permanecer dormido(a), o ha dormido demasiado"),
    ("44254-1", "Feeling tired or having little energy", "Se ha sentido cansado(a) o con poca energía"),
    ("44251-7", "Poor appetite or overeating", "Sin apetito o ha comido en exceso"),
    ("44258-2", "Feeling bad about yourself - or that you are a failure or have let yourself or your family down",
     "Se ha sentido mal con usted mismo(a) - o que es un fracaso o que ha quedado mal con usted mismo(a) o con su familia"),
    ("44252-5", "Trouble concentrating on things, such as reading the newspaper or watching television",
     "Ha tenido dificultad para concentrarse en ciertas actividades, tales como leer el periódico o ver la televisión"),
    ("44253-3", "Moving or speaking so slowly that other people could have noticed. Or the opposite - being so "
     "fidgety or restless that you have been moving around a lot more than usual",
     "¿Se ha movido o hablado tan lento que otras personas podrían haberlo notado? o lo contrario - muy "
     "inquieto(a) o agitado(a) que ha estado moviéndose mucho más de lo normal"),
    ("44260-8", "Thoughts that you would be better off dead, or of hurting yourself in some way",
     "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera"),
]


def phq_items(n):
    return [question(c, en, es, PHQ(), prefix=f"{i + 1}.") for i, (c, en, es) in enumerate(PHQ_ITEMS[:n])]

# --------------------------------------------------------------------------------------------
# AHC HRSN: core items 1-10, supplemental 11-26
# --------------------------------------------------------------------------------------------
def ahc_core():
    living = question("71802-3", "What is your living situation today?", "¿Cuál es su situación de vivienda hoy?", [
        option("LA31993-1", "I have a steady place to live", "Tengo un lugar estable donde vivir"),
        option("LA31994-9", "I have a place to live today, but I am worried about losing it in the future",
               "Tengo un lugar donde vivir hoy, pero me preocupa perderlo en el futuro"),
        option("LA31995-6", "I do not have a steady place to live (I am temporarily staying with others, in a hotel, "
               "in a shelter, living outside on the street, on a beach, in a car, abandoned building, bus or train "
               "station, or in a park)",
               "No tengo un lugar estable donde vivir (me estoy quedando temporalmente con otras personas, en un hotel, "
               "en un albergue, vivo en la calle, en una playa, en un carro, en un edificio abandonado, en una estación "
               "de autobús o de tren, o en un parque)"),
    ], prefix="1.")
    problems = question("96778-6", "Think about the place you live. Do you have problems with any of the following?",
                        "Piense en el lugar donde vive. ¿Tiene problemas con alguna de las siguientes cosas?", [
        option("LA31996-4", "Pests such as bugs, ants, or mice", "Plagas como insectos, hormigas o ratones"),
        option("LA28580-1", "Mold", "Moho"),
        option("LA31997-2", "Lead paint or pipes", "Pintura o tuberías con plomo"),
        option("LA31998-0", "Lack of heat", "Falta de calefacción"),
        option("LA31999-8", "Oven or stove not working", "El horno o la estufa no funcionan"),
        option("LA32000-4", "Smoke detectors missing or not working", "No hay detectores de humo o no funcionan"),
        option("LA32001-2", "Water leaks", "Goteras o fugas de agua"),
        option("LA9-3", "None of the above", "Ninguna de las anteriores", exclusive=True),
    ], repeats=True, prefix="2.", help_en="Choose all that apply.", help_es="Marque todas las que correspondan.")
    food1 = question("88122-7", "Within the past 12 months, you worried that your food would run out before you got "
                     "money to buy more.", "En los últimos 12 meses, le preocupó que la comida se le acabara antes de "
                     "tener dinero para comprar más.", FOOD_FREQ(), prefix="3.")
    food2 = question("88123-5", "Within the past 12 months, the food you bought just didn't last and you didn't have "
                     "money to get more.", "En los últimos 12 meses, la comida que compró no le alcanzó y no tenía "
                     "dinero para comprar más.", FOOD_FREQ(), prefix="4.")
    transport = question("93030-5", "In the past 12 months, has lack of reliable transportation kept you from medical "
                         "appointments, meetings, work or from getting things needed for daily living?",
                         "En los últimos 12 meses, ¿la falta de transporte confiable le ha impedido ir a citas "
                         "médicas, reuniones o al trabajo, o conseguir lo que necesita para la vida diaria?",
                         YES_NO(), prefix="5.")
    utilities = question("96779-4", "In the past 12 months has the electric, gas, oil, or water company threatened to "
                         "shut off services in your home?", "En los últimos 12 meses, ¿la compañía de electricidad, "
                         "gas, combustible o agua ha amenazado con cortarle el servicio en su casa?",
                         YES_NO() + [option("LA32002-0", "Already shut off", "Ya me lo cortaron")], prefix="6.")
    safety_items = [
        ("95618-5", "7.", "How often does anyone, including family and friends, physically hurt you?",
         "¿Con qué frecuencia alguien, incluidos familiares y amigos, le hace daño físico?"),
        ("95617-7", "8.", "How often does anyone, including family and friends, insult or talk down to you?",
         "¿Con qué frecuencia alguien, incluidos familiares y amigos, le insulta o le habla con desprecio?"),
        ("95616-9", "9.", "How often does anyone, including family and friends, threaten you with harm?",
         "¿Con qué frecuencia alguien, incluidos familiares y amigos, le amenaza con hacerle daño?"),
        ("95615-1", "10.", "How often does anyone, including family and friends, scream or curse at you?",
         "¿Con qué frecuencia alguien, incluidos familiares y amigos, le grita o le insulta con groserías?"),
    ]
    return [
        group("living-situation", "Living situation", "Situación de vivienda", [living, problems]),
        group("food", "Food", "Alimentación", [food1, food2]),
        group("transportation", "Transportation", "Transporte", [transport]),
        group("utilities", "Utilities", "Servicios públicos", [utilities]),
        group("safety", "Safety", "Seguridad", [
            display("safety-intro", "Because violence and abuse happens to a lot of people and affects their health "
                    "we are asking you the following questions.",
                    "Como la violencia y el maltrato les suceden a muchas personas y afectan su salud, le hacemos las "
                    "siguientes preguntas.")] +
            [question(c, en, es, HITS(), prefix=p) for c, p, en, es in safety_items]),
    ]


def ahc_supplemental():
    days = [("LA6111-4", 0), ("LA6112-2", 1), ("LA6113-0", 2), ("LA6114-8", 3), ("LA6115-5", 4), ("LA10137-0", 5),
            ("LA10138-8", 6), ("LA10139-6", 7)]
    minutes = [("LA6111-4", 0), ("LA13942-0", 10), ("LA19282-5", 20), ("LA28855-7", 30), ("LA28858-1", 40),
               ("LA28854-0", 50), ("LA28853-2", 60), ("LA28891-2", 90), ("LA32059-0", 120), ("LA32060-8", 150)]
    day_opts = [option(c, str(n), str(n), n) for c, n in days]
    min_opts = [option(c, f"{n}" if n < 150 else "150 or greater", f"{n}" if n < 150 else "150 o más", n)
                for c, n in minutes]
    use = [
        ("68517-2", "19.", "How many times in the past 12 months have you had 5 or more drinks in a day (males) or 4 or "
         "more drinks in a day (females)? One drink is 12 ounces of beer, 5 ounces of wine, or 1.5 ounces of 80-proof "
         "spirits.", "¿Cuántas veces en los últimos 12 meses ha tomado 5 o más bebidas alcohólicas en un día (hombres) "
         "o 4 o más en un día (mujeres)? Una bebida es 12 onzas de cerveza, 5 onzas de vino o 1.5 onzas de licor de "
         "80 grados."),
        ("96842-0", "20.", "How many times in the past 12 months have you used tobacco products (like cigarettes, "
         "cigars, snuff, chew, electronic cigarettes)?", "¿Cuántas veces en los últimos 12 meses ha usado productos "
         "de tabaco (como cigarrillos, puros, rapé, tabaco de mascar o cigarrillos electrónicos)?"),
        ("95530-2", "21.", "How many times in the past year have you used prescription drugs for non-medical reasons?",
         "¿Cuántas veces en el último año ha usado medicamentos recetados por razones no médicas?"),
        ("68524-8", "22.", "How many times in the past year have you used illegal drugs?",
         "¿Cuántas veces en el último año ha usado drogas ilegales?"),
    ]
    phq2 = [question(c, en, es, PHQ(), prefix=p) for (c, en, es), p in zip(PHQ_ITEMS[:2], ["23a.", "23b."])]
    return [
        group("financial-strain", "Financial strain", "Dificultades económicas", [
            question("76513-1", "How hard is it for you to pay for the very basics like food, housing, medical care, "
                     "and heating?", "¿Qué tan difícil le resulta pagar lo más básico, como comida, vivienda, "
                     "atención médica y calefacción?", [
                         option("LA15832-1", "Very hard", "Muy difícil"),
                         option("LA22683-9", "Somewhat hard", "Algo difícil"),
                         option("LA31980-8", "Not hard at all", "Nada difícil")], prefix="11.")]),
        group("employment", "Employment", "Empleo", [
            question("96780-2", "Do you want help finding or keeping work or a job?",
                     "¿Quiere ayuda para encontrar o mantener un trabajo o empleo?", [
                         option("LA31981-6", "Yes, help finding work", "Sí, ayuda para encontrar trabajo"),
                         option("LA31982-4", "Yes, help keeping work", "Sí, ayuda para mantener mi trabajo"),
                         option("LA31983-2", "I do not need or want help", "No necesito ni quiero ayuda")],
                     prefix="12.")]),
        group("family-community-support", "Family and community support", "Apoyo familiar y comunitario", [
            question("96781-0", "If for any reason you need help with day-to-day activities such as bathing, preparing "
                     "meals, shopping, managing finances, etc., do you get the help you need?",
                     "Si por cualquier motivo necesita ayuda con las actividades diarias, como bañarse, preparar "
                     "comidas, hacer compras o administrar su dinero, ¿recibe la ayuda que necesita?", [
                         option("LA31976-6", "I don't need any help", "No necesito ayuda"),
                         option("LA31977-4", "I get all the help I need", "Recibo toda la ayuda que necesito"),
                         option("LA31978-2", "I could use a little more help", "Me vendría bien un poco más de ayuda"),
                         option("LA31979-0", "I need a lot more help", "Necesito mucha más ayuda")], prefix="13."),
            question("93159-2", "How often do you feel lonely or isolated from those around you?",
                     "¿Con qué frecuencia se siente solo(a) o aislado(a) de las personas que le rodean?", [
                         option("LA6270-8", "Never", "Nunca"), option("LA10066-1", "Rarely", "Rara vez"),
                         option("LA10082-8", "Sometimes", "A veces"), option("LA10044-8", "Often", "A menudo"),
                         option("LA9933-8", "Always", "Siempre")], prefix="14.")]),
        group("education", "Education", "Educación", [
            question("97027-7", "Do you speak a language other than English at home?",
                     "¿Habla en casa un idioma que no sea el inglés?", YES_NO(), prefix="15."),
            question("96782-8", "Do you want help with school or training? For example, starting or completing job "
                     "training or getting a high school diploma, GED or equivalent.",
                     "¿Quiere ayuda con estudios o capacitación? Por ejemplo, empezar o terminar una capacitación "
                     "laboral u obtener un diploma de escuela secundaria, el GED o su equivalente.", YES_NO(),
                     prefix="16.")]),
        group("physical-activity", "Physical activity", "Actividad física", [
            question("89555-7", "In the last 30 days, other than the activities you did for work, on average, how many "
                     "days per week did you engage in moderate exercise (like walking fast, running, jogging, dancing, "
                     "swimming, biking, or other similar activities)?",
                     "En los últimos 30 días, sin contar las actividades de su trabajo, en promedio, ¿cuántos días por "
                     "semana hizo ejercicio moderado (como caminar rápido, correr, trotar, bailar, nadar, andar en "
                     "bicicleta u otras actividades parecidas)?", day_opts, prefix="17."),
            question("68516-4", "On average, how many minutes did you usually spend exercising at this level on one "
                     "of those days?", "En promedio, ¿cuántos minutos solía hacer ejercicio a ese nivel en uno de "
                     "esos días?", min_opts, prefix="18.",
                     # Minutes per day only matter when there was at least one day of exercise:
                     # asked once item 17 is answered and is not 0 days ("!=" alone would also
                     # hold while 17 is unanswered).
                     enable_when=[{"question": "89555-7", "operator": "exists", "answerBoolean": True},
                                  {"question": "89555-7", "operator": "!=",
                                   "answerCoding": {"system": LOINC, "code": "LA6111-4"}}],
                     enable_behavior="all")]),
        group("substance-use", "Substance use", "Consumo de sustancias",
              [question(c, en, es, USE_FREQ(), prefix=p) for c, p, en, es in use]),
        group("mental-health", "Mental health", "Salud mental", [display("phq2-intro", PHQ_INTRO_EN, PHQ_INTRO_ES)] + phq2 + [
            question("93038-8", "Stress means a situation in which a person feels tense, restless, nervous, or "
                     "anxious, or is unable to sleep at night because his or her mind is troubled all the time. Do "
                     "you feel this kind of stress these days?", "Estrés es una situación en la que una persona se "
                     "siente tensa, inquieta, nerviosa o ansiosa, o no puede dormir por la noche porque tiene la mente "
                     "preocupada todo el tiempo. ¿Siente este tipo de estrés estos días?", STRESS(), prefix="24.")]),
        group("disabilities", "Disabilities", "Discapacidades", [
            question("69858-9", "Because of a physical, mental, or emotional condition, do you have serious difficulty "
                     "concentrating, remembering, or making decisions? (5 years old or older)",
                     "Debido a una condición física, mental o emocional, ¿tiene mucha dificultad para concentrarse, "
                     "recordar o tomar decisiones? (5 años de edad o más)", YES_NO(), prefix="25."),
            question("69861-3", "Because of a physical, mental, or emotional condition, do you have difficulty doing "
                     "errands alone such as visiting a doctor's office or shopping? (15 years old or older)",
                     "Debido a una condición física, mental o emocional, ¿tiene dificultad para hacer mandados "
                     "solo(a), como ir al consultorio médico o de compras? (15 años de edad o más)", YES_NO(),
                     prefix="26.")]),
    ]

# --------------------------------------------------------------------------------------------
# PRAPARE (items and answer codes as in the SDOHCC IG Questionnaire, LOINC 93025-5)
# --------------------------------------------------------------------------------------------
def prapare():
    decline = lambda: option("LA30122-8", "I choose not to answer this question", "Prefiero no contestar esta pregunta")
    yn = lambda: YES_NO() + [decline()]
    q = lambda *a, **k: question(*a, required=False, **k)
    return [
        group("93043-8", "Personal characteristics", "Características personales", [
            q("56051-6", "Are you Hispanic or Latino?", "¿Es usted hispano(a) o latino(a)?", yn()),
            q("32624-9", "Which race(s) are you?", "¿De qué raza(s) es usted?", [
                option("LA6156-9", "Asian", "Asiática"), option("LA14045-1", "Native Hawaiian", "Nativa de Hawái"),
                option("LA30187-1", "Pacific Islander", "De las islas del Pacífico"),
                option("LA14042-8", "Black/African American", "Negra/afroamericana"),
                option("LA4457-3", "White", "Blanca"),
                option("LA4-4", "American Indian/Alaskan Native", "Indígena americana/nativa de Alaska"),
                option("LA46-8", "Other", "Otra"), decline()], repeats=True,
              help_en="Check all that apply.", help_es="Marque todas las que correspondan."),
            q("93035-4", "At any point in the past 2 years, has seasonal or migrant farm work been your or your "
              "family's main source of income?", "En algún momento de los últimos 2 años, ¿el trabajo agrícola de "
              "temporada o migrante ha sido la principal fuente de ingresos de usted o de su familia?", yn()),
            q("93034-7", "Have you been discharged from the armed forces of the United States?",
              "¿Ha sido dado(a) de baja de las fuerzas armadas de los Estados Unidos?", yn()),
            q("54899-0", "What language are you most comfortable speaking?",
              "¿En qué idioma se siente más cómodo(a) al hablar?", [
                  option("LA43-5", "English", "Inglés"),
                  option("LA30188-9", "Language other than English", "Otro idioma que no sea el inglés"), decline()]),
        ]),
        group("93042-0", "Family and home", "Familia y hogar", [
            q("63512-8", "How many family members, including yourself, do you currently live with?",
              "¿Con cuántos miembros de su familia, incluido(a) usted, vive actualmente?", None, qtype="integer"),
            q("71802-3", "What is your housing situation today?", "¿Cuál es su situación de vivienda hoy?", [
                option("LA30189-7", "I have housing", "Tengo vivienda"),
                option("LA30190-5", "I do not have housing (staying with others, in a hotel, in a shelter, living "
                       "outside on the street, on a beach, in a car, or in a park)",
                       "No tengo vivienda (me quedo con otras personas, en un hotel, en un albergue, vivo en la calle, "
                       "en una playa, en un carro o en un parque)"), decline()],
              help_en="Describes the patient's living arrangement.", help_es="Describe dónde y cómo vive el paciente."),
            q("93033-9", "Are you worried about losing your housing?", "¿Le preocupa perder su vivienda?", yn()),
            q("56799-0", "What address do you live at?", "¿En qué dirección vive?", None, qtype="string"),
        ]),
        group("93041-2", "Money and resources", "Dinero y recursos", [
            q("82589-3", "What is the highest level of school that you have finished?",
              "¿Cuál es el nivel escolar más alto que ha terminado?", [
                  option("LA30191-3", "Less than high school degree", "Menos que la escuela secundaria (high school)"),
                  option("LA30192-1", "High school diploma or GED", "Diploma de secundaria o GED"),
                  option("LA30193-9", "More than high school", "Más que la escuela secundaria"), decline()]),
            q("67875-5", "What is your current work situation?", "¿Cuál es su situación laboral actual?", [
                option("LA17956-6", "Unemployed", "Desempleado(a)"),
                option("LA30138-4", "Part-time or temporary work", "Trabajo de medio tiempo o temporal"),
                option("LA30136-8", "Full-time work", "Trabajo de tiempo completo"),
                option("LA30137-6", "Otherwise unemployed but not seeking work (ex: student, retired, disabled, unpaid "
                       "primary care giver)", "Sin empleo pero sin buscar trabajo (por ejemplo: estudiante, "
                       "jubilado(a), con discapacidad, cuidador(a) principal sin pago)"), decline()]),
            q("76437-3", "What is your main insurance?", "¿Cuál es su seguro médico principal?", [
                option("LA30194-7", "None/uninsured", "Ninguno/sin seguro"), option("LA17849-3", "Medicaid", "Medicaid"),
                option("LA30195-4", "CHIP Medicaid", "CHIP Medicaid"), option("LA15652-3", "Medicare", "Medicare"),
                option("LA30196-2", "Other public insurance (not CHIP)", "Otro seguro público (no CHIP)"),
                option("LA30197-0", "Other public insurance (CHIP)", "Otro seguro público (CHIP)"),
                option("LA6350-8", "Private insurance", "Seguro privado")]),
            q("63586-2", "During the past year, what was the total combined income for you and the family members you "
              "live with?", "Durante el último año, ¿cuál fue el ingreso total combinado de usted y de los familiares "
              "con quienes vive?", None, qtype="decimal"),
            q("93031-3", "In the past year, have you or any family members you live with been unable to get any of the "
              "following when it was really needed?", "En el último año, ¿usted o algún familiar con quien vive no ha "
              "podido conseguir alguna de las siguientes cosas cuando de verdad la necesitaba?", [
                  option("LA30125-1", "Food", "Comida"), option("LA30126-9", "Clothing", "Ropa"),
                  option("LA30124-4", "Utilities", "Servicios públicos (luz, agua, gas)"),
                  option("LA30127-7", "Child care", "Cuidado de niños"),
                  option("LA30128-5", "Medicine or any health care (medical, dental, mental health, vision)",
                         "Medicinas o cualquier atención de salud (médica, dental, salud mental, de la vista)"),
                  option("LA30129-3", "Phone", "Teléfono"), option("LA46-8", "Other", "Otra"), decline()],
              repeats=True, help_en="Check all that apply.", help_es="Marque todas las que correspondan."),
            q("93030-5", "Has lack of transportation kept you from medical appointments, meetings, work, or from getting "
              "things needed for daily living?", "¿La falta de transporte le ha impedido ir a citas médicas, reuniones "
              "o al trabajo, o conseguir lo que necesita para la vida diaria?", [
                  option("LA30133-5", "Yes, it has kept me from medical appointments or from getting my medications",
                         "Sí, me ha impedido ir a citas médicas o conseguir mis medicinas"),
                  option("LA30134-3", "Yes, it has kept me from non-medical meetings, appointments, work, or from "
                         "getting things that I need", "Sí, me ha impedido ir a reuniones o citas que no son médicas, "
                         "al trabajo, o conseguir cosas que necesito"),
                  option("LA32-8", "No", "No"),
                  option("LA30257-2", "Patient unable to respond", "El paciente no puede responder")],
              repeats=True, help_en="Check all that apply.", help_es="Marque todas las que correspondan."),
        ]),
        group("93040-4", "Social and emotional health", "Salud social y emocional", [
            q("93029-7", "How often do you see or talk to people that you care about and feel close to? (For example: "
              "talking to friends on the phone, visiting friends or family, going to church or club meetings)",
              "¿Con qué frecuencia ve o habla con personas que le importan y con quienes se siente cercano(a)? (Por "
              "ejemplo: hablar con amigos por teléfono, visitar a amigos o familiares, ir a la iglesia o a reuniones "
              "de clubes)", [
                  option("LA27722-0", "Less than once a week", "Menos de una vez por semana"),
                  option("LA30130-1", "1 or 2 times a week", "1 o 2 veces por semana"),
                  option("LA30131-9", "3 to 5 times a week", "De 3 a 5 veces por semana"),
                  option("LA30132-7", "5 or more times a week", "5 o más veces por semana"), decline()]),
            q("93038-8", "Stress is when someone feels tense, nervous, anxious, or can't sleep at night because their "
              "mind is troubled. How stressed are you?", "El estrés es cuando una persona se siente tensa, nerviosa, "
              "ansiosa o no puede dormir por la noche porque tiene la mente preocupada. ¿Qué tan estresado(a) está "
              "usted?", STRESS() + [decline()]),
        ]),
        group("93039-6", "Optional additional questions", "Preguntas adicionales opcionales", [
            q("93028-9", "In the past year, have you spent more than 2 nights in a row in a jail, prison, detention "
              "center, or juvenile correctional facility?", "En el último año, ¿ha pasado más de 2 noches seguidas "
              "en una cárcel, prisión, centro de detención o correccional de menores?", yn()),
            q("93027-1", "Are you a refugee?", "¿Es usted refugiado(a)?", yn()),
            q("93026-3", "Do you feel physically and emotionally safe where you currently live?",
              "¿Se siente seguro(a) física y emocionalmente en el lugar donde vive actualmente?",
              YES_NO() + [option("LA14072-5", "Unsure", "No estoy seguro(a)"), decline()]),
            q("76501-6", "In the past year, have you been afraid of your partner or ex-partner?",
              "En el último año, ¿ha tenido miedo de su pareja o expareja?",
              YES_NO() + [option("LA14072-5", "Unsure", "No estoy seguro(a)"), decline()]),
        ]),
    ]

# --------------------------------------------------------------------------------------------
# The instruments
# --------------------------------------------------------------------------------------------
def build():
    out = {}
    out["ahc-hrsn"] = questionnaire(
        "ahc-hrsn", "AHC Health-Related Social Needs Screening Tool (core questions)",
        "Herramienta de evaluación de necesidades sociales relacionadas con la salud AHC (preguntas principales)",
        [("96777-8", "Accountable health communities (AHC) health-related social needs screening (HRSN) tool")],
        ahc_core(), PROJECT_ES,
        "The 10 core questions of the CMS Accountable Health Communities HRSN Screening Tool: living situation, "
        "food, transportation, utilities and interpersonal safety.")
    out["ahc-hrsn-full"] = questionnaire(
        "ahc-hrsn-full", "AHC Health-Related Social Needs Screening Tool (core and supplemental questions)",
        "Herramienta de evaluación de necesidades sociales relacionadas con la salud AHC (preguntas principales y "
        "complementarias)",
        [("96777-8", "Accountable health communities (AHC) health-related social needs screening (HRSN) tool"),
         ("97023-6", "Accountable health communities (AHC) health-related social needs (HRSN) supplemental questions")],
        ahc_core() + ahc_supplemental(),
        dict(PROJECT_ES, note=PROJECT_ES["note"] + " The PHQ-2 items (23a, 23b) use the official PHQ Spanish "
                                                    "wording."),
        "The CMS Accountable Health Communities HRSN Screening Tool: the 10 core questions and the 16 "
        "supplemental questions (items 11-26).")
    out["hunger-vital-sign"] = questionnaire(
        "hunger-vital-sign", "Hunger Vital Sign", "Signo vital del hambre (Hunger Vital Sign)",
        [("88121-9", "Hunger Vital Sign [HVS]")],
        [group("hvs", "Food", "Alimentación", [
            question("88122-7", "Within the past 12 months we worried whether our food would run out before we got "
                     "money to buy more.", "En los últimos 12 meses nos preocupó que la comida se nos acabara antes "
                     "de tener dinero para comprar más.",
                     FOOD_FREQ() + [option("LA15775-2", "Don't know/refused", "No sé/prefiero no contestar")]),
            question("88123-5", "Within the past 12 months the food we bought just didn't last and we didn't have "
                     "money to get more.", "En los últimos 12 meses la comida que compramos no nos alcanzó y no "
                     "teníamos dinero para comprar más.",
                     FOOD_FREQ() + [option("LA15775-2", "Don't know/refused", "No sé/prefiero no contestar")]),
        ])], PROJECT_ES,
        "The two-question Hunger Vital Sign food insecurity screen (Children's HealthWatch).")
    out["prapare"] = questionnaire(
        "prapare", "PRAPARE", "PRAPARE (Protocolo para responder y evaluar los recursos, riesgos y experiencias de "
        "los pacientes)", [("93025-5", "Protocol for Responding to and Assessing Patients' Assets, Risks, and "
                            "Experiences [PRAPARE]")],
        prapare(), PROJECT_ES,
        "PRAPARE, the Protocol for Responding to and Assessing Patients' Assets, Risks, and Experiences, with its "
        "core and optional questions.")
    out["phq-2"] = questionnaire(
        "phq-2", "Patient Health Questionnaire-2 (PHQ-2)", "Cuestionario sobre la salud del paciente-2 (PHQ-2)",
        [("55757-9", "Patient Health Questionnaire 2 item (PHQ-2) [Reported]")],
        [group("phq", PHQ_INTRO_EN, PHQ_INTRO_ES, phq_items(2))], PHQ_ES,
        "The two depression screening questions of the PHQ-9.")
    difficulty = question(
        "69722-7", "If you checked off any problems, how difficult have these problems made it for you to do your "
        "work, take care of things at home, or get along with other people?",
        "Si marcó cualquiera de los problemas, ¿qué tanta dificultad le han dado estos problemas para hacer su "
        "trabajo, encargarse de las tareas del hogar, o llevarse bien con otras personas?", [
            option("LA6572-7", "Not difficult at all", "No ha sido difícil"),
            option("LA6573-5", "Somewhat difficult", "Un poco difícil"),
            option("LA6574-3", "Very difficult", "Muy difícil"),
            option("LA6575-0", "Extremely difficult", "Extremadamente difícil")], required=False,
        # Asked only when some problem was checked (the form's own instruction): any item
        # answered above "Not at all".
        enable_when=[{"question": c, "operator": "=", "answerCoding": {"system": LOINC, "code": a}}
                     for c, _, _ in PHQ_ITEMS for a in ("LA6569-3", "LA6570-1", "LA6571-9")],
        enable_behavior="any")
    out["phq-9"] = questionnaire(
        "phq-9", "Patient Health Questionnaire-9 (PHQ-9)", "Cuestionario sobre la salud del paciente-9 (PHQ-9)",
        [("44249-1", "PHQ-9 quick depression assessment panel [Reported.PHQ]")],
        [group("phq", PHQ_INTRO_EN, PHQ_INTRO_ES, phq_items(9)), difficulty], PHQ_ES,
        "The nine-item Patient Health Questionnaire depression scale with its difficulty question.")
    return out


# --------------------------------------------------------------------------------------------
# The other languages: assets/instruments/translations/<id>.<lang>.json
# --------------------------------------------------------------------------------------------
def other_languages(assets):
    """The languages of assets/i18n/languages.json after English and Spanish (the tables')."""
    with open(os.path.join(assets, "i18n", "languages.json"), encoding="utf-8") as f:
        codes = [entry["code"] for entry in json.load(f)["languages"]]
    return [c for c in codes if c not in ("en", "es")]


def read_translation(path, ident, lang, errors):
    """One translation file, checked: {"instrument", "language", "provenance", "texts"}."""
    name = os.path.relpath(path)
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except FileNotFoundError:
        errors.append(f"{name}: missing (instrument {ident}, language {lang})")
        return None
    except json.JSONDecodeError as e:
        errors.append(f"{name}: not JSON: {e}")
        return None
    prov = doc.get("provenance") if isinstance(doc, dict) else None
    texts = doc.get("texts") if isinstance(doc, dict) else None
    if doc.get("instrument") != ident or doc.get("language") != lang:
        errors.append(f"{name}: \"instrument\"/\"language\" say {doc.get('instrument')!r}/{doc.get('language')!r}, "
                      f"the file name says {ident!r}/{lang!r}")
    elif not isinstance(prov, dict) or prov.get("kind") not in ("official", "project") or \
            not isinstance(prov.get("note"), str) or not prov["note"]:
        errors.append(f"{name}: \"provenance\" needs \"kind\" (\"official\" or \"project\") and a \"note\"")
    elif prov["kind"] == "official" and not (isinstance(prov.get("source"), str) and prov["source"]):
        errors.append(f"{name}: an official translation cites its \"source\"")
    elif not isinstance(texts, dict) or not all(isinstance(v, str) and v for v in texts.values()):
        errors.append(f"{name}: \"texts\" maps each English text to a non-empty translation")
    else:
        return doc
    return None


def translatable(node):
    """Every element of a Questionnaire that carries a translation: (owner, field) pairs, where
    owner["_" + field] holds the translation extensions of owner[field], in document order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.startswith("_") and isinstance(value, dict) and key[1:] in node:
                yield node, key[1:]
            yield from translatable(value)
    elif isinstance(node, list):
        for value in node:
            yield from translatable(value)


def add_translations(ident, q, assets, errors):
    """Adds every other language's wording to q (the FHIR translation extension beside the
    Spanish) and its provenance; a text the Questionnaire has and the file lacks, or a text of
    the file the Questionnaire does not have, is an error naming instrument, language and text."""
    for lang in other_languages(assets):
        path = os.path.join(assets, "instruments", "translations", f"{ident}.{lang}.json")
        doc = read_translation(path, ident, lang, errors)
        if doc is None:
            continue
        texts, used = doc["texts"], set()
        for owner, field in translatable(q):
            english = owner[field]
            if english not in texts:
                errors.append(f"{os.path.relpath(path)}: no {lang} text for {english!r} (instrument {ident})")
                continue
            used.add(english)
            owner["_" + field]["extension"].append({"url": EXT_TRANSLATION, "extension": [
                {"url": "lang", "valueCode": lang}, {"url": "content", "valueString": texts[english]}]})
        for extra in sorted(texts.keys() - used):
            errors.append(f"{os.path.relpath(path)}: {extra!r} is not a text of instrument {ident} "
                          f"(language {lang}): remove it or fix its English")
        q["extension"].append(provenance_extension(lang, doc["provenance"]))


def written(q):
    """The file text for one Questionnaire, as committed."""
    return json.dumps(q, ensure_ascii=False, indent=1) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 naming each committed file that differs from what "
                             "the tables give (the test suite runs this)")
    parser.add_argument("--assets", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets"),
                        help="the assets folder to write or check (default: the repository's)")
    parser.add_argument("--browser-copy", metavar="DIR",
                        help="write the Questionnaires as the browser programs embed them into DIR: English "
                             "and Spanish only; the other languages are fetched from the translation files "
                             "when a person chooses one (docs/TRANSLATIONS.md; the build runs this)")
    args = parser.parse_args()
    out_dir = args.browser_copy or os.path.join(args.assets, "instruments")
    stale, errors = [], []
    instruments = build()
    if not args.browser_copy:
        for ident, q in instruments.items():
            add_translations(ident, q, args.assets, errors)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    for ident, q in instruments.items():
        path = os.path.join(out_dir, ident + ".json")
        text = written(q)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    same = f.read() == text
            except FileNotFoundError:
                same = False
            if not same:
                stale.append(os.path.relpath(path))
            continue
        os.makedirs(out_dir, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        if not args.browser_copy:
            print("wrote", os.path.relpath(path), file=sys.stderr)
    for path in stale:
        print(f"{path}: differs from what scripts/gen-instruments.py writes (edit the script's tables, "
              "then run it; never edit the JSON by hand)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
