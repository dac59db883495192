"""What a synthetic card says: a person, a company, an address and phone numbers.

Everything here is text and truth, no pixels. Content is drawn from the word lists in
cardscan/data/synth_*.json with a `random.Random`, so a seed fixes it completely.
Phone numbers are random digits kept only when `phonenumbers` calls them valid (and of
the wanted type), so every number in the truth parses back to the same E.164.
"""
from __future__ import annotations

import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

COUNTRIES = ("US", "CA", "GB", "DE", "FR", "NL", "ES", "IT", "CH", "AT", "BE", "AU", "IN", "SG", "JP", "BR")


@lru_cache(maxsize=None)
def _data(name: str) -> dict:
    text = resources.files("cardscan").joinpath("data", f"synth_{name}.json").read_text("utf-8")
    return json.loads(text)


def places() -> dict:
    return _data("places")


def words() -> dict:
    return _data("words")


def names() -> dict:
    return _data("names")


@dataclass
class Phone:
    number: str  # E.164 without extension
    printed: str  # the whole printed number, extension included
    type: str  # work | mobile | fax
    label: str  # printed label with its separator, "" when none
    icon: str = ""  # "phone" | "mobile" | "fax" when a drawn glyph stands for the label


@dataclass
class CardContent:
    """The text of one card and the truth that goes with it."""

    region: str
    language: str
    name: Optional[str]  # truth: printed name in normal case
    name_printed: Optional[str]
    title: Optional[str]
    org: Optional[str]
    emails: list[str]
    email_label: str
    phones: list[Phone]
    urls: list[str]
    url_label: str
    address_lines: list[str]
    extras: list[str] = field(default_factory=list)  # slogan, registration numbers, social handles
    notes: list[str] = field(default_factory=list)

    @property
    def address(self) -> Optional[str]:
        return ", ".join(self.address_lines) if self.address_lines else None

    def truth(self, tier: str, extra_notes: tuple[str, ...] = ()) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "org": self.org,
            "emails": list(self.emails),
            "phones": [{"number": p.number, "printed": p.printed, "type": p.type} for p in self.phones],
            "urls": list(self.urls),
            "address": self.address,
            "region": self.region,
            "language": self.language,
            "tier": tier,
            "notes": "; ".join([*self.notes, *extra_notes]),
        }


def weighted(rng: random.Random, table: dict[str, float]) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def ascii_fold(text: str) -> str:
    """'Müller-Lüdenscheidt' -> 'muller-ludenscheidt', for e-mail addresses and domains."""
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("æ", "ae")
    text = text.replace("ł", "l").replace("Ł", "L").replace("đ", "d")
    nfkd = unicodedata.normalize("NFKD", text)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text))


# ---------------------------------------------------------------- people

@dataclass
class Person:
    given: str
    family: str
    particle: str
    culture: str

    def family_full(self) -> str:
        return f"{self.particle} {self.family}".replace("d' ", "d'") if self.particle else self.family


def make_person(rng: random.Random, region: str) -> Person:
    culture = weighted(rng, places()[region]["cultures"])
    pool = names()[culture]
    given = rng.choice(pool["given"])
    family = rng.choice(pool["family"])
    particle = ""
    if "particles" in pool and rng.random() < (0.45 if culture == "nl" else 0.12):
        particle = rng.choice(pool["particles"])
    if culture == "es" and rng.random() < 0.4:  # two surnames
        family = f"{family} {rng.choice(pool['family'])}"
    if culture == "pt" and rng.random() < 0.4:
        family = f"{rng.choice(pool['family'])} {family}"
    return Person(given, family, particle, culture)


def printed_name(rng: random.Random, person: Person, region: str) -> tuple[str, str, list[str]]:
    """(truth name, printed name, notes). Truth keeps honorifics and suffixes as printed
    but normal case; capitals are a printing style only."""
    notes: list[str] = []
    family = person.family_full()
    if person.culture in ("zh", "ja", "ko") and rng.random() < 0.4:
        truth = f"{family} {person.given}"
        printed = f"{family.upper()} {person.given}"
        notes.append("romanised name printed family-first with the family name in capitals")
        return truth, printed, notes
    middle = ""
    if person.culture in ("en", "de", "nl", "nordic") and rng.random() < 0.18:
        middle = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}."
    truth = f"{person.given}{middle} {family}"
    r = rng.random()
    if r < 0.07:
        truth = f"Dr. {truth}"
    elif r < 0.10:
        truth = f"Prof. {truth}" if region not in ("US", "CA") else f"Dr. {truth}"
    elif r < 0.13 and region in ("AT", "IT", "DE", "CH"):
        truth = f"Ing. {truth}" if region != "DE" else f"Dipl.-Ing. {truth}"
    elif r < 0.20 and region in ("US", "CA", "GB", "AU", "IN", "SG"):
        suffixes = ["PhD", "MBA", "CFA"] + {"US": ["CPA", "Jr.", "MD", "Esq."], "CA": ["CPA", "P.Eng.", "Jr."],
                                           "GB": ["FCA", "MRICS"], "AU": ["CPA", "FCA"]}.get(region, ["CA"])
        truth = f"{truth}, {rng.choice(suffixes)}"
    printed = truth
    if rng.random() < 0.15:
        printed = truth.upper()
        notes.append("name printed in capitals")
    return truth, printed, notes


# ---------------------------------------------------------------- phones

WORK_LABELS = {
    "en": ["Tel", "T", "P", "Phone", "Office", "Direct", "Tel."],
    "de": ["Telefon", "Tel.", "T", "Fon"],
    "fr": ["Tél.", "Tél", "T", "Tel."],
    "nl": ["Tel.", "T", "Telefoon"],
    "es": ["Tel.", "Teléfono", "T", "Tlf."],
    "it": ["Tel.", "Telefono", "T"],
    "pt": ["Tel.", "Fone", "T", "Tel"],
}
MOBILE_LABELS = {
    "en": ["M", "Mob", "Mobile", "Cell", "C", "Mob."],
    "de": ["Mobil", "Handy", "M", "Mobile"],
    "fr": ["Portable", "Mobile", "Port.", "M"],
    "nl": ["Mobiel", "M", "GSM"],
    "es": ["Móvil", "Cel.", "M", "Móv."],
    "it": ["Cellulare", "Cell.", "Mob.", "M"],
    "pt": ["Cel.", "Celular", "Cel", "Whats"],
}
FAX_LABELS = {lang: ["F", "Fax", "Fax."] for lang in WORK_LABELS}
FAX_LABELS["fr"] = ["Fax", "F", "Télécopie"]


def _lengths(region: str, kind: str) -> tuple[int, ...]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    desc = meta.mobile if kind == "mobile" else meta.fixed_line
    lengths = tuple(n for n in (desc.possible_length or ()) if n > 0) or meta.general_desc.possible_length
    # Plans allow short and very long numbers (DE: 5-15 digits); offices mostly print the long
    # ordinary ones.
    usual = tuple(n for n in lengths if 8 <= n <= 11) or tuple(lengths)
    example = phonenumbers.example_number_for_type(
        region, PhoneNumberType.MOBILE if kind == "mobile" else PhoneNumberType.FIXED_LINE)
    typical = len(phonenumbers.national_significant_number(example))  # NL mobiles: 9, not 11
    return tuple(sorted({n for n in usual if n >= max(usual) - 1} | {typical}))


def make_number(rng: random.Random, region: str, kind: str) -> phonenumbers.PhoneNumber:
    """A random number valid per `phonenumbers`, of the wanted kind ('work' or 'mobile')."""
    spec = places()[region]
    prefixes = spec["mobile" if kind == "mobile" else "fixed"]
    wanted = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE} if kind == "mobile" \
        else {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
    lengths = _lengths(region, kind)
    for _ in range(400):
        prefix = rng.choice(prefixes)
        if region in ("US", "CA") and rng.random() < 0.6:
            # 555-0100..0199 is reserved for fiction in the North American plan.
            nsn = f"{prefix}55501{rng.randrange(100):02d}"
        else:
            length = rng.choice(lengths)
            nsn = prefix + "".join(rng.choice("0123456789") for _ in range(max(0, length - len(prefix))))
        number = phonenumbers.parse("+" + str(phonenumbers.country_code_for_region(region)) + nsn)
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in wanted:
            return number
    example = phonenumbers.example_number_for_type(
        region, PhoneNumberType.MOBILE if kind == "mobile" else PhoneNumberType.FIXED_LINE)
    return example


def _styles(region: str) -> list[str]:
    if region in ("US", "CA"):
        return ["paren", "dash", "dot", "intl", "intl_paren", "one_dash", "paren", "dash"]
    styles = ["national", "national", "intl", "intl"]
    if region in ("DE", "AT", "CH", "GB", "NL", "BE"):
        styles.append("intl_trunk")  # +49 (0)30 1234567
    if region in ("FR", "BE"):
        styles.append("dots")  # 01.23.45.67.89
    if region in ("DE", "AT"):
        styles.append("slash")  # 030/1234567
    if region in ("NL", "JP", "IN", "BR"):
        styles.append("dashed")
    if region not in ("US", "CA"):
        styles.append("e164")
    return styles


def print_number(number: phonenumbers.PhoneNumber, region: str, style: str) -> str:
    """The number in one of the ways offices in `region` print it (`style` from
    `_styles`); always parses back to the same number."""
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    nsn = phonenumbers.national_significant_number(number)
    cc = number.country_code
    if region in ("US", "CA"):
        area, exch, line = nsn[:3], nsn[3:6], nsn[6:]
        text = {"paren": f"({area}) {exch}-{line}", "dash": f"{area}-{exch}-{line}",
                "dot": f"{area}.{exch}.{line}", "intl": f"+1 {area} {exch} {line}",
                "intl_paren": f"+1 ({area}) {exch}-{line}", "one_dash": f"1-{area}-{exch}-{line}"}[style]
    elif style == "national":
        text = national
    elif style == "intl":
        text = intl
    elif style == "intl_trunk":
        text = intl.replace(f"+{cc} ", f"+{cc} (0)", 1)
    elif style == "dots":
        text = national.replace(" ", ".")
    elif style == "slash":
        area_end = national.find(" ")
        text = national[:area_end] + "/" + national[area_end + 1:].replace(" ", "") if area_end > 0 else national
    elif style == "dashed":
        text = national.replace(" ", "-")
    else:
        text = f"+{cc}{nsn}"
    try:
        back = phonenumbers.parse(text, region)
        if back.country_code == cc and phonenumbers.national_significant_number(back) == nsn:
            return text
    except phonenumbers.NumberParseException:
        pass
    return intl


# The notes of a card whose numbers carry no label word: typed by the numbering plan, or by
# drawn icons.
NOTE_PLAN_TYPED = "phones printed without labels: type from the numbering plan"
NOTE_ICON_TYPED = "phone types shown by drawn icons only"


def _plan_type(number: phonenumbers.PhoneNumber) -> str:
    """The type a reader can give a number printed with no label: what its numbering plan says."""
    return "mobile" if phonenumbers.number_type(number) == PhoneNumberType.MOBILE else "work"


def make_phones(rng: random.Random, region: str, language: str) -> tuple[list[Phone], list[str]]:
    notes: list[str] = []
    r = rng.random()
    kinds = (["work"] if r < 0.25 else ["mobile"] if r < 0.40 else ["work", "mobile"] if r < 0.75
             else ["work", "mobile", "fax"] if r < 0.87 else ["work", "fax"] if r < 0.95 else [])
    label_lang = language if language in WORK_LABELS else "en"
    sep = rng.choice([": ", ": ", " ", " | ", "  "])
    no_labels = rng.random() < 0.15 and "fax" not in kinds
    icons = not no_labels and rng.random() < 0.2
    phones: list[Phone] = []
    card_style = rng.choice(_styles(region))  # a card mostly prints its numbers one way
    for kind in kinds:
        number = make_number(rng, region, "mobile" if kind == "mobile" else "work")
        style = card_style if rng.random() < 0.8 else rng.choice(_styles(region))
        printed = print_number(number, region, style)
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        ptype = kind
        if no_labels:  # the reader can only go by the numbering plan
            ptype = _plan_type(number)
            label = ""
        elif icons:
            label = ""
        else:
            pool = {"work": WORK_LABELS, "mobile": MOBILE_LABELS, "fax": FAX_LABELS}[kind][label_lang]
            word = rng.choice(pool)
            label = word + (" " if sep == ": " and word.endswith(".") else sep)
        if kind == "work" and rng.random() < 0.12:
            ext = rng.choice([f" x{rng.randint(100, 999)}", f" ext. {rng.randint(10, 99)}", f" Ext {rng.randint(200, 499)}"])
            printed += ext
            notes.append(f"extension{ext} on {e164}")
        phones.append(Phone(e164, printed, ptype, label, icon={"work": "phone", "mobile": "mobile", "fax": "fax"}[kind] if icons else ""))
    if no_labels and phones:
        notes.append(NOTE_PLAN_TYPED)
    if icons and phones:
        notes.append(NOTE_ICON_TYPED)
    return phones, notes


def icons_not_drawn(c: CardContent) -> None:
    """Make the truth of phones meant to be shown by icons true to a layout that draws none:
    printed without label or icon, their type is what the numbering plan says."""
    if not any(p.icon for p in c.phones):
        return
    for p in c.phones:
        p.type, p.icon = _plan_type(phonenumbers.parse(p.number)), ""
    c.notes = [NOTE_PLAN_TYPED if n == NOTE_ICON_TYPED else n for n in c.notes]


# ---------------------------------------------------------------- address

def fill_pattern(rng: random.Random, pattern: str) -> str:
    out = []
    for ch in pattern:
        out.append(rng.choice("0123456789") if ch == "#" else rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") if ch == "@" else ch)
    return "".join(out)


def _postcode(rng: random.Random, region: str, prefix: str) -> str:
    spec = places()[region]
    if region == "GB":
        return f"{prefix} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    if region == "CA":
        return prefix + fill_pattern(rng, spec["postcode"])[1:]
    pattern = spec["postcode"]
    return prefix + fill_pattern(rng, pattern)[len(prefix):]


def make_address(rng: random.Random, region: str, language: str) -> list[str]:
    spec = places()[region]
    city, state, prefix = rng.choice(spec["cities"])
    street = rng.choice(spec["streets"])
    num = str(rng.choice([rng.randint(1, 40), rng.randint(1, 40), rng.randint(1, 250)]))
    pc = _postcode(rng, region, prefix)
    unit = rng.random() < 0.3
    lines: list[str]
    if region in ("US", "CA"):
        num = str(rng.randint(10, 9999))
        suite = rng.choice([f"Suite {rng.randint(100, 2400)}", f"Floor {rng.randint(2, 40)}", f"Unit {rng.randint(1, 40)}", f"#{rng.randint(100, 999)}"])
        first = f"{num} {street}" + (f", {suite}" if unit else "")
        if region == "CA" and city in ("Montréal", "Québec") and street.startswith(("Rue", "Boulevard")):
            first = f"{num}, {street}" + (f", bureau {rng.randint(100, 900)}" if unit else "")
        lines = [first, f"{city}, {state} {pc}" if rng.random() < 0.8 else f"{city} {state} {pc}"]
        if rng.random() < 0.1:
            lines = [f"P.O. Box {rng.randint(100, 9999)}", lines[1]]
    elif region == "GB":
        first = f"{num} {street}"
        if unit:
            first = rng.choice([f"Unit {rng.randint(1, 30)}, ", f"Flat {rng.randint(1, 12)}, ", f"{rng.choice(['Albany', 'Kingsway', 'Riverside', 'Canal'])} House, "]) + first
        lines = [first, city, pc] if rng.random() < 0.5 else [first, f"{city} {pc}"]
    elif region in ("DE", "AT", "CH", "NL", "BE", "IT", "ES"):
        if region == "AT" and unit:
            num = f"{num}/{rng.randint(1, 20)}"
        if region == "IT":
            first = f"{street}, {num}"
        elif region == "ES":
            first = f"{street}, {num}" + (f", {rng.randint(1, 8)}º {rng.choice('ABCD')}" if unit else "")
        elif region == "BE" and language == "fr":
            first = f"{street} {num}" if rng.random() < 0.5 else f"{num}, {street}"
        else:
            first = f"{street} {num}"
        if region == "DE" and unit:
            first = rng.choice([f"{first}, {rng.randint(1, 5)}. OG", f"Postfach {rng.randint(1000, 99999)}"])
        if region == "CH" and rng.random() < 0.5:
            pc = f"CH-{pc}"
        if region == "DE" and rng.random() < 0.12:
            pc = f"D-{pc}"
        town = f"{pc} {city}" + (f" ({state})" if region == "IT" and state else "")
        if region == "CH" and state and rng.random() < 0.3:
            town += f" {state}"
        lines = [first, town]
    elif region == "FR":
        num = str(rng.randint(1, 180)) + rng.choice(["", "", "", " bis"])
        lines = [f"{num} {street}", f"{pc} {city}"]
        if unit:
            lines.insert(1, rng.choice([f"BP {rng.randint(10, 999)}", f"Bâtiment {rng.choice('ABC')}", f"{rng.randint(2, 7)}e étage"]))
    elif region == "AU":
        first = f"{num} {street}"
        if unit:
            first = rng.choice([f"Level {rng.randint(2, 40)}, {first}", f"Suite {rng.randint(1, 20)}, {first}", f"{rng.randint(1, 30)}/{first}"])
        lines = [first, f"{city} {state} {pc}"]
    elif region == "IN":
        floor = rng.randint(1, 9)
        nth = f"{floor}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(floor, 'th') }"
        first = rng.choice([f"No. {rng.randint(1, 300)}, {street}", f"{nth} Floor, {rng.choice(['Prestige', 'Sai', 'Lotus', 'Ganga'])} Towers", f"Plot {rng.randint(1, 200)}, {street}"])
        second = f"{city} - {pc}" if rng.random() < 0.5 else f"{city} {pc[:3]} {pc[3:]}"
        lines = [first, second + (f", {state}" if rng.random() < 0.5 else "")]
        if rng.random() < 0.4:
            lines.insert(1, street if street not in first else f"Near {rng.choice(['City Mall', 'Metro Station', 'Bus Stand'])}")
    elif region == "SG":
        first = f"{num} {street}"
        if unit or rng.random() < 0.5:
            first += f", #{rng.randint(2, 40):02d}-{rng.randint(1, 20):02d}"
        lines = [first, f"Singapore {pc}"]
    elif region == "JP":
        chome = f"{rng.randint(1, 9)}-{rng.randint(1, 20)}-{rng.randint(1, 30)}"
        ward, town = city.split(", ")
        lines = [f"{chome} {street}, {ward}", f"{town} {pc}"] if rng.random() < 0.6 else [f"{rng.randint(2, 20)}F, {chome} {street}", f"{ward}, {town} {pc}"]
    else:  # BR
        district = rng.choice(spec["districts"])
        first = f"{street}, {num}" + (f", {rng.choice(['Sala', 'Conj.', 'Andar'])} {rng.randint(1, 30)}" if unit else "")
        lines = [f"{first} - {district}", f"{city} - {state}, CEP {pc}" if rng.random() < 0.5 else f"CEP {pc} - {city}/{state}"]
    if rng.random() < 0.18:
        lines.append(rng.choice(spec["country"]))
    return lines


# ---------------------------------------------------------------- company, web, mail

def make_company(rng: random.Random, region: str, language: str, person: Person) -> tuple[Optional[str], str]:
    """(org as printed or None, base for the domain)."""
    w = words()
    lang = language if language in w["company_first"] else "en"
    r = rng.random()
    if r < 0.12:  # a freelancer: no company on the card
        return None, slug(person.given + person.family)[:20]
    if r < 0.27:
        fam = names()[person.culture]["family"]
        f, g = rng.sample(fam, 2)
        base = rng.choice(w["person_company"][lang]).format(f=f, g=g)
        domain_base = slug(base.split(" & ")[0].split(" et ")[0].split(" e ")[0])
    else:
        first = rng.choice(w["company_first"][lang])
        second = rng.choice(w["company_second"][lang])
        if lang == "de" and rng.random() < 0.5:
            base = first + second.lower()  # German compounds: "Nordlichttechnik"
        else:
            base = f"{first} {second}"
        domain_base = slug(base) if rng.random() < 0.8 else slug(first) + "-" + slug(second)
    legal_p = 0.7 if region in ("DE", "AT", "CH", "BR", "JP", "IN", "SG") else 0.55
    org = base
    if rng.random() < legal_p:
        legal = rng.choice(places()[region]["legal"])
        joiner = ", " if legal in ("Inc.", "Ltd.", "LLC", "Corp.") and rng.random() < 0.3 else " "
        org = f"{base}{joiner}{legal}"
    return org, domain_base


def make_domain(rng: random.Random, region: str, base: str) -> str:
    return f"{base}.{rng.choice(places()[region]['tld'])}"


def make_emails(rng: random.Random, person: Person, domain: str, has_org: bool) -> list[str]:
    given = slug(person.given.split(" ")[0].split("-")[0]) or "info"
    family = slug(person.family.split(" ")[-1]) or "office"
    if not has_org and rng.random() < 0.6:
        domain = rng.choice(["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "gmx.de", "web.de", "orange.fr", "libero.it", "uol.com.br"])
    patterns = [f"{given}.{family}", f"{given[0]}{family}", given, f"{given[0]}.{family}", f"{given}{family[0]}", f"{given}_{family}"]
    n = rng.choices([0, 1, 2], weights=[1, 8, 2])[0]
    emails = [f"{rng.choice(patterns)}@{domain}"] if n else []
    if n == 2:
        emails.append(f"{rng.choice(['info', 'sales', 'contact', 'office', 'hello', 'kontakt', 'contato'])}@{domain}")
    return emails


def printed_url(rng: random.Random, domain: str) -> str:
    return rng.choice([f"www.{domain}", f"www.{domain}", domain, f"https://{domain}", f"https://www.{domain}", f"http://www.{domain}/"])


def make_extras(rng: random.Random, region: str, language: str, person: Person) -> tuple[list[str], list[str]]:
    """Lines that are not fields: a slogan, a registration number, a social handle."""
    extras: list[str] = []
    notes: list[str] = []
    w = words()
    if rng.random() < 0.15:
        extras.append(rng.choice(w["slogans"][language if language in w["slogans"] else "en"]))
        notes.append(f"slogan line '{extras[-1]}' is not a field")
    if rng.random() < 0.2:
        reg = fill_pattern(rng, rng.choice(places()[region]["vat"]))
        extras.append(reg)
        notes.append(f"registration number '{reg}' is not a phone")
    if rng.random() < 0.15:
        handle = slug(person.given) + rng.choice(["", ".", "-", "_"]) + slug(person.family.split(" ")[-1])
        social = rng.choice([f"linkedin.com/in/{handle.replace('.', '-').replace('_', '-')}", f"@{handle.replace('-', '')}", f"in/{handle.replace('.', '-')}"])
        extras.append(social)
        notes.append(f"social handle '{social}' is not a website")
    return extras, notes


EMAIL_LABELS = ["", "", "", "E-mail: ", "Email: ", "E: ", "e: ", "Mail: ", "E-Mail: "]
URL_LABELS = ["", "", "", "Web: ", "W: ", "w: ", "Website: "]


def make_card(rng: random.Random, region: Optional[str] = None) -> CardContent:
    region = region or rng.choice(COUNTRIES)
    language = weighted(rng, places()[region]["languages"])
    person = make_person(rng, region)
    notes: list[str] = []
    name, name_printed = None, None
    if rng.random() < 0.95:
        name, name_printed, name_notes = printed_name(rng, person, region)
        notes += name_notes
    titles = words()["titles"]
    title = None
    if name and rng.random() < 0.85:
        title = rng.choice(titles[language] if language in titles and rng.random() < 0.8 else titles["en"])
        if language != "en" and title not in titles["en"] and rng.random() < 0.12:
            # Bilingual cards print the title twice: "Geschäftsführer / Managing Director".
            title = f"{title} / {rng.choice(titles['en'])}"
        elif rng.random() < 0.1:
            title = title.upper()
    org, domain_base = make_company(rng, region, language, person)
    if org is None and name is None:
        org = f"{rng.choice(words()['company_first']['en'])} {rng.choice(words()['company_second']['en'])}"
        domain_base = slug(org)
    domain = make_domain(rng, region, domain_base)
    emails = make_emails(rng, person, domain, org is not None)
    urls = [printed_url(rng, domain)] if (org and rng.random() < 0.75) or rng.random() < 0.2 else []
    phones, phone_notes = make_phones(rng, region, language)
    notes += phone_notes
    address = make_address(rng, region, language) if rng.random() < 0.8 else []
    extras, extra_notes = make_extras(rng, region, language, person)
    notes += extra_notes
    return CardContent(region=region, language=language, name=name, name_printed=name_printed,
                       title=title, org=org, emails=emails, email_label=rng.choice(EMAIL_LABELS),
                       phones=phones, urls=urls, url_label=rng.choice(URL_LABELS),
                       address_lines=address, extras=extras, notes=notes)
