"""Contacts as CSV for Google Contacts and for Outlook.

Headers are the importers' own (design/VCARD.md §3.1 and §3.3), so each
column lands in the right field without mapping by hand.

* RFC 4180 via the csv module, CRLF row ends. Line breaks inside a value
  (notes, a street) stay as LF inside a quoted cell, which both importers and
  spreadsheets read as a line break within the cell.
* Encoding: UTF-8. Google: no BOM (Google detects UTF-8, and a BOM can end up
  glued to the first column name). Outlook: with a BOM, because desktop
  Outlook's import wizard (and Excel) read a CSV without one in the Windows
  "ANSI" code page, which turns every non-ASCII letter into mojibake.
* Formula injection: a spreadsheet runs a cell that starts with = + - @, TAB
  or CR as a formula (also the full-width ＝ ＋ － ＠ some locales accept). OCR
  text is untrusted, so such a cell is made inert with a leading single quote
  (checked after leading blanks, which some spreadsheets skip).
  Phone cells are the exception: they are rebuilt from the E.164 number and
  can only hold ``+``, digits and an `` x<digits>`` extension. The importers
  need the leading ``+`` (a quote would become part of the number), and such
  a cell cannot call a function, reach another program or leak data; at worst
  Excel shows it as a number. A phone that is not E.164 is written as printed
  and neutralised like any other text.
* Fields the format has no room for (a fourth e-mail, a second mobile) are
  kept in Notes rather than dropped.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Iterable, Optional, Sequence

from .models import Contact, ScanOutcome
from .vcard import clean, country_name, name_parts, phone_text, phone_type, web_url

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# what phone_text makes of an E.164 number: safe to leave as it is (see module docstring)
SAFE_PHONE = re.compile(r"\+[1-9]\d{1,14}( x\d+)?")

GOOGLE_LABELS = {"mobile": "Mobile", "work": "Work", "fax": "Work Fax", "other": "Other"}
# how services spell themselves, for website labels; others are title-cased
SERVICE_LABELS = {"linkedin": "LinkedIn", "github": "GitHub", "gitlab": "GitLab",
                  "youtube": "YouTube", "tiktok": "TikTok", "x": "X", "xing": "XING"}

GOOGLE_HEAD = [
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
    "Organization Name", "Organization Title", "Organization Department", "Birthday",
    "Notes", "Photo", "Labels",
]
GOOGLE_ADDRESS = [
    "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City",
    "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code",
    "Address 1 - Country", "Address 1 - Extended Address",
]
GOOGLE_TAIL = ["Event 1 - Label", "Event 1 - Value", "Custom Field 1 - Label",
               "Custom Field 1 - Value"]

OUTLOOK_HEADER = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
    "Job Title", "Business Street", "Business Street 2", "Business Street 3", "Business City",
    "Business State", "Business Postal Code", "Business Country/Region", "Home Street",
    "Home Street 2", "Home Street 3", "Home City", "Home State", "Home Postal Code",
    "Home Country/Region", "Other Street", "Other Street 2", "Other Street 3", "Other City",
    "Other State", "Other Postal Code", "Other Country/Region", "Assistant's Phone",
    "Business Fax", "Business Phone", "Business Phone 2", "Callback", "Car Phone",
    "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone",
    "Other Fax", "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone",
    "Telex", "Account", "Anniversary", "Assistant's Name", "Billing Information", "Birthday",
    "Business Address PO Box", "Categories", "Children", "Directory Server",
    "E-mail Address", "E-mail Type", "E-mail Display Name", "E-mail 2 Address",
    "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type",
    "E-mail 3 Display Name", "Gender", "Government ID Number", "Hobby",
    "Home Address PO Box", "Initials", "Internet Free Busy", "Keywords", "Language",
    "Location", "Manager's Name", "Mileage", "Notes", "Office Location",
    "Organizational ID Number", "Other Address PO Box", "Priority", "Private", "Profession",
    "Referred By", "Sensitivity", "Spouse", "User 1", "User 2", "User 3", "User 4", "Web Page",
]
# Outlook's phone columns by our phone type, in the order they are filled
OUTLOOK_PHONES = {
    "work": ["Business Phone", "Business Phone 2", "Other Phone"],
    "mobile": ["Mobile Phone", "Other Phone"],
    "fax": ["Business Fax", "Other Fax"],
    "other": ["Other Phone", "Business Phone 2"],
}
OUTLOOK_PHONE_COLUMNS = {c for cols in OUTLOOK_PHONES.values() for c in cols}
OUTLOOK_EMAILS = ["E-mail Address", "E-mail 2 Address", "E-mail 3 Address"]


def inert(value: str) -> str:
    """`value` as a cell no spreadsheet will run as a formula."""
    if value.lstrip(" \n").startswith(_FORMULA_START):
        return "'" + value
    return value


def phone_cell(phone_value: str) -> str:
    """A phone cell: left as it is when it is a rebuilt E.164 number, else made inert."""
    return phone_value if SAFE_PHONE.fullmatch(phone_value) else inert(phone_value)


def _contacts(items: Iterable[ScanOutcome]) -> list[Contact]:
    return [o.contact for o in items if o.contact is not None and o.error is None]


def _notes(contact: Contact, note: Optional[str], extra: Sequence[str] = ()) -> str:
    parts = [clean(note)] + [clean(n) for n in contact.notes] + list(extra)
    return "\n".join(p for p in parts if p)


def _emails(contact: Contact) -> list[str]:
    return [e for e in (clean(x, multiline=False) for x in contact.emails) if e]


def _websites(contact: Contact) -> list[tuple[str, str]]:
    """(label, url) for every URL and social profile, without repeats."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for url in contact.urls:
        u = web_url(url)
        if u and u.casefold() not in seen:
            seen.add(u.casefold())
            out.append(("Work", u))
    for social in contact.socials:
        u = web_url(social.url)
        if u and u.casefold() not in seen:
            seen.add(u.casefold())
            service = clean(social.service, multiline=False)
            out.append((SERVICE_LABELS.get(service.lower(), service.title()) or "Profile", u))
    return out


def _render(header: list[str], rows: list[dict[str, str]], *, bom: bool, quote_all: bool) -> str:
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(col, "") for col in header])
    return buf.getvalue()


# ---------------------------------------------------------------- Google

def google_header(n_emails: int = 1, n_phones: int = 1, n_websites: int = 1) -> list[str]:
    """Google's current CSV header with as many e-mail/phone/website columns as needed."""
    head = list(GOOGLE_HEAD)
    for i in range(1, max(1, n_emails) + 1):
        head += [f"E-mail {i} - Label", f"E-mail {i} - Value"]
    for i in range(1, max(1, n_phones) + 1):
        head += [f"Phone {i} - Label", f"Phone {i} - Value"]
    head += GOOGLE_ADDRESS
    for i in range(1, max(1, n_websites) + 1):
        head += [f"Website {i} - Label", f"Website {i} - Value"]
    return head + GOOGLE_TAIL


def google(items: Iterable[ScanOutcome], *, note: Optional[str] = None,
           categories: Sequence[str] = ()) -> str:
    """Google Contacts CSV (UTF-8, no BOM) for every outcome that has a contact."""
    contacts = _contacts(items)
    # " ::: " separates labels in Google's format, so it cannot appear inside one
    labels = " ::: ".join(c.replace(":::", "::") for c in
                          (clean(x, multiline=False) for x in categories) if c)
    rows = []
    for c in contacts:
        prefix, given, middle, family, suffix = name_parts(c)
        row = {"First Name": given, "Middle Name": middle, "Last Name": family,
               "Name Prefix": prefix, "Name Suffix": suffix,
               "Organization Name": clean(c.org, multiline=False),
               "Organization Title": clean(c.title, multiline=False),
               "Notes": _notes(c, note), "Labels": labels}
        for i, email in enumerate(_emails(c), 1):
            row[f"E-mail {i} - Label"] = "Work"
            row[f"E-mail {i} - Value"] = email
        phones = [p for p in c.phones if phone_text(p)]
        for i, p in enumerate(phones, 1):
            row[f"Phone {i} - Label"] = GOOGLE_LABELS[phone_type(p)]
            row[f"Phone {i} - Value"] = phone_text(p)
        if c.address is not None:
            a = c.address
            parts = {"Address 1 - Formatted": clean(a.text), "Address 1 - Street": clean(a.street),
                     "Address 1 - City": clean(a.city), "Address 1 - PO Box": clean(a.pobox),
                     "Address 1 - Region": clean(a.region),
                     "Address 1 - Postal Code": clean(a.postcode),
                     "Address 1 - Country": country_name(a.country)}
            if any(parts.values()):
                row.update(parts, **{"Address 1 - Label": "Work"})
        for i, (label, url) in enumerate(_websites(c), 1):
            row[f"Website {i} - Label"] = label
            row[f"Website {i} - Value"] = url
        rows.append(_neutralise(row))
    header = google_header(
        max((len(_emails(c)) for c in contacts), default=1),
        max((len([p for p in c.phones if phone_text(p)]) for c in contacts), default=1),
        max((len(_websites(c)) for c in contacts), default=1))
    return _render(header, rows, bom=False, quote_all=False)


def _neutralise(row: dict[str, str]) -> dict[str, str]:
    return {k: (phone_cell(v) if _is_phone_column(k) else inert(v)) for k, v in row.items()}


def _is_phone_column(col: str) -> bool:
    return (col.startswith("Phone ") and col.endswith(" - Value")) or col in OUTLOOK_PHONE_COLUMNS



# --------------------------------------------------------------- Outlook

def outlook(items: Iterable[ScanOutcome], *, note: Optional[str] = None,
            categories: Sequence[str] = ()) -> str:
    """Outlook (classic desktop) CSV, UTF-8 with BOM, every field quoted as Outlook writes it."""
    # Outlook separates categories with ";" in its CSV
    cats = ";".join(c.replace(";", ",") for c in
                    (clean(x, multiline=False) for x in categories) if c)
    rows = []
    for c in _contacts(items):
        prefix, given, middle, family, suffix = name_parts(c)
        row = {"Title": prefix, "First Name": given, "Middle Name": middle, "Last Name": family,
               "Suffix": suffix, "Company": clean(c.org, multiline=False),
               "Job Title": clean(c.title, multiline=False), "Categories": cats}
        overflow: list[str] = []
        emails = _emails(c)
        for col, email in zip(OUTLOOK_EMAILS, emails):
            row[col] = email
            row[col.replace("Address", "Type")] = "SMTP"
        overflow += [f"E-mail: {e}" for e in emails[len(OUTLOOK_EMAILS):]]
        for p in c.phones:
            text = phone_text(p)
            if not text:
                continue
            free = [col for col in OUTLOOK_PHONES[phone_type(p)] if col not in row]
            if free:
                row[free[0]] = text
            else:
                overflow.append(f"Phone ({phone_type(p)}): {text}")
        if c.address is not None:
            a = c.address
            # only free text known: it is the best street we have
            street = clean(a.street) or ("" if any(clean(x) for x in (a.city, a.region, a.postcode,
                                                                       a.pobox)) else clean(a.text))
            row.update({"Business Street": street, "Business City": clean(a.city),
                        "Business State": clean(a.region),
                        "Business Postal Code": clean(a.postcode),
                        "Business Country/Region": country_name(a.country),
                        "Business Address PO Box": clean(a.pobox)})
        sites = _websites(c)
        if sites:
            row["Web Page"] = sites[0][1]
            overflow += [f"{label}: {url}" for label, url in sites[1:]]
        row["Notes"] = _notes(c, note, overflow)
        rows.append(_neutralise(row))
    return _render(OUTLOOK_HEADER, rows, bom=True, quote_all=True)

