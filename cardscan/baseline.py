"""The naive pipeline every change is compared with: the whole photo through
Tesseract's image_to_string, then regular expressions, the first plausible line as
the name. It is what a short script would do, kept here so that eval and the
benchmarks can print its figures beside ours, measured in the same run."""
from __future__ import annotations

import re

import phonenumbers

from cardscan import imageio
from cardscan.models import Contact, Name, Phone

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"\b(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?", re.I)
PHONE = re.compile(r"\+?\(?\d[\d\s().-]{6,}\d")


def read_text(source: str) -> str:
    import pytesseract
    from PIL import Image

    photo = imageio.load(source)
    return pytesseract.image_to_string(Image.fromarray(photo.pixels[:, :, ::-1].copy()))


def parse(text: str, region: str = "US") -> Contact:
    emails = list(dict.fromkeys(m.group(0).strip(".") for m in EMAIL.finditer(text)))
    urls = []
    for m in URL.finditer(text):
        u = m.group(0)
        if "@" in text[max(0, m.start() - 1):m.start()] or any(u in e for e in emails):
            continue
        if "." in u and not u[0].isdigit():
            urls.append(u)
    phones = []
    for m in PHONE.finditer(text):
        try:
            num = phonenumbers.parse(m.group(0), region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(num):
            phones.append(Phone(phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164),
                                "work", None, m.group(0)))
    name = None
    for line in text.splitlines():
        line = line.strip()
        words = line.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() and w.replace(".", "").isalpha() for w in words):
            name = Name(full=line)
            break
    return Contact(name=name, emails=tuple(emails), phones=tuple(dict.fromkeys(phones)),
                   urls=tuple(dict.fromkeys(urls)))


def scan(source: str, region: str = "US") -> list[Contact]:
    return [parse(read_text(source), region)]
