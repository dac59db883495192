"""The lines of a card printed in Japanese: which is the name, the job title, the company and the address.

Japanese cards follow conventions of their own, which the Latin-script parser cannot see: the
company carries its legal form as a word of its name (株式会社ミナトデザイン, 北斗電機工業株式会社), a
title is made of a small set of ranks (代表取締役社長, 営業部 部長), an address starts at the postal
mark 〒 or a prefecture (東京都, 大阪府, 静岡県), and the name is a short line of kanji or kana,
family name first (渡辺 健一郎), printed larger than the rest.

Tesseract reads a line of Japanese as one "word" per character or two ("株 式 会 社 ミナ ト デザ イン"):
the spaces are put back as Japanese prints them, none between Japanese characters (`joined`).
This module only weighs text; reading the card with a Japanese model is the reread stage's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

# Kanji, hiragana, katakana (full and half width), the iteration mark and the long vowel mark.
_JP = r"\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_JP_CHAR = re.compile(f"[{_JP}]")
# Japanese punctuation and full-width forms, which sit between Japanese words without a space.
_JP_PUNCT = r"\u3000-\u3004\u3006-\u303f\uff01-\uff0f\uff1a-\uff20〒:"
_SPACE_BETWEEN = re.compile(f"(?<=[{_JP}{_JP_PUNCT}])\\s+(?=[{_JP}{_JP_PUNCT}0-9０-９])|"
                            f"(?<=[{_JP}{_JP_PUNCT}0-9０-９])\\s+(?=[{_JP}{_JP_PUNCT}])")
# The postal mark, often read as a T or a 7 run into the postcode ("7100-0005" for 〒100-0005).
_POSTCODE = re.compile(r"(?:〒|(?<![\w-])[T7](?=\d{3}-\d{4}(?!\d)))\s*(\d{3})\s*-\s*(\d{4})(?!\d)")

# Legal forms written as part of the company's name, before or after it.
LEGAL_FORMS = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "一般社団法人", "一般財団法人",
               "公益社団法人", "公益財団法人", "特定非営利活動法人", "NPO法人", "学校法人", "医療法人",
               "社会福祉法人", "独立行政法人", "(株)", "（株）", "㈱", "(有)", "（有）", "㈲")
# Ranks and roles a Japanese title is made of (a title is one or more of them, with a department).
TITLE_WORDS = ("代表取締役", "取締役", "社長", "副社長", "会長", "副会長", "専務", "常務", "執行役員", "監査役",
               "本部長", "事業部長", "部長", "次長", "課長", "係長", "主任", "室長", "所長", "支店長", "店長",
               "工場長", "センター長", "グループ長", "チーフ", "マネージャー", "マネジャー", "ディレクター",
               "リーダー", "エンジニア", "デザイナー", "コンサルタント", "プロデューサー", "顧問", "相談役",
               "理事長", "理事", "教授", "准教授", "講師", "弁護士", "税理士", "公認会計士", "司法書士",
               "行政書士", "社会保険労務士", "弁理士", "医師", "院長", "代表", "担当", "主査", "参事", "研究員")
# The 47 prefectures, with which an address starts when no postcode leads it.
PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県",
    "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県",
    "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県",
    "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県",
    "宮崎県", "鹿児島県", "沖縄県")
# Labels before an address: head office, branch, office, factory, address.
_ADDRESS_LABEL = re.compile(r"^(本社|本店|支社|支店|営業所|事業所|事務所|工場|研究所|住所|所在地)\s*[:：]?\s*")
_HEAD_OFFICE = ("本社", "本店")
# A place word followed by a block number: 丸の内1-9-2, 梅田3丁目, 中区栄3-5-12.
_PLACE = re.compile(f"[{_JP}](?:市|区|町|村|郡|丁目)|[{_JP}]\\s*\\d+\\s*[-－ー]\\s*\\d+")
# A name: two to six kanji or kana, nothing else (a space between family and given name aside).
_NAME = re.compile(f"[{_JP}]{{1,4}}\\s?[{_JP}]{{1,4}}")
# Words that a short line of kanji may be that are not a person's name, and the endings of a
# department's name (営業部, 総務課, 企画室; 室 and 部 also begin family names: 室井, 部谷).
_NOT_NAME = ("会社", "事務所", "営業", "本社", "支店", "株式", "電話", "携帯", "住所", "工場", "本部")
_DEPARTMENT_END = ("部", "課", "室", "係", "局", "センター")


def jp_chars(text: str) -> int:
    return len(_JP_CHAR.findall(text))


def is_japanese(text: str) -> bool:
    """A line mostly printed in Japanese: two Japanese characters or more, and at least half as
    many as Latin letters (a kanji says what a Latin word of several letters says)."""
    n = jp_chars(text)
    return n >= 2 and 2 * n >= sum(c.isascii() and c.isalpha() for c in text)


_KANJI = re.compile(r"[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\uff66-\uff9d]")


def kanji_led(text: str) -> bool:
    """Two kanji or more, and at least as many kanji as kana: what a card's company, title, address
    and name lines are. What the Japanese model makes of print it does not know (Latin letters,
    specks) is kana, long-vowel marks and a stray kanji ("Te も て る 1", "っ シャ トン っ ホー")."""
    kanji = len(_KANJI.findall(text))
    return kanji >= 2 and kanji >= len(_KANA.findall(text))


def plausible(text: str) -> bool:
    """Whether a line read with the Japanese model is Japanese print rather than what the model
    makes of print it does not know: led by kanji (kanji_led), or holding a word of a card's
    Japanese (a legal form, a rank, a prefecture or the postal mark: 株式会社ミナトデザイン is more kana
    than kanji)."""
    if not is_japanese(text):
        return False
    bare = joined(text)
    return kanji_led(bare) or legal_form(bare) or title_words(bare) > 0 or is_address(bare)


def joined(text: str) -> str:
    """A line as Japanese prints it: no space between Japanese characters (nor between them and
    a number), one between a postcode and the address it leads, the postal mark put back."""
    # a 1 read as a bar, an I or an l beside the digits of a block number, floor or postcode
    # ("1-9-||", "I5F", "〒I00-0005"), and an O in a postcode after its mark
    text = re.sub(r"(?<![A-Za-z])[Il|]+(?=[\d-])|(?<=[\d〒-])[Il|]+(?![A-Za-z])", lambda m: "1" * len(m.group()),
                  text.strip())
    text = re.sub(r"〒\s*([\dO]{3})\s*-\s*([\dO]{4})(?![\dO])",
                  lambda m: "〒" + "-".join(g.replace("O", "0") for g in m.groups()), text)
    text = _SPACE_BETWEEN.sub("", text)
    text = _POSTCODE.sub(lambda m: f" 〒{m.group(1)}-{m.group(2)} ", text)
    return re.sub(r"\s+", " ", text).strip()


def legal_form(text: str) -> bool:
    return any(f in text for f in LEGAL_FORMS)


def title_words(text: str) -> int:
    """How many characters of the line are ranks and roles (the longest words counted first)."""
    n, rest = 0, text
    for w in sorted(TITLE_WORDS, key=len, reverse=True):
        while w in rest:
            n += len(w)
            rest = rest.replace(w, " ", 1)
    return n


def is_address(text: str) -> bool:
    return bool(_POSTCODE.search(text)) or any(p in text for p in PREFECTURES) or len(_PLACE.findall(text)) >= 2


@dataclass(frozen=True)
class JpLine:
    """A line as the Japanese rules see it: its joined text, letter height, place and confidence."""

    idx: int
    text: str
    height: float
    top: int
    conf: float


@dataclass(frozen=True)
class JpFields:
    name: Optional[str] = None  # "渡辺 健一郎": family name, a space, given name
    family: str = ""
    given: str = ""
    title: Optional[str] = None
    org: Optional[str] = None
    address: Optional[str] = None
    postcode: str = ""
    used: frozenset[int] = frozenset()  # the lines taken (JpLine.idx)


# A Japanese line below this confidence is not weighed (junk read as kanji).
MIN_CONF = 0.5


def fields(lines: Sequence[JpLine]) -> JpFields:
    """Name, title, company and address among a card's Japanese lines (the others ignored).

    A name is only taken on a card whose title, company or address is printed in Japanese too:
    a lone short line of kanji may be a slogan or a logo read as junk."""
    jp = [ln for ln in lines if is_japanese(ln.text) and ln.conf >= MIN_CONF]
    used: set[int] = set()

    orgs = [ln for ln in jp if legal_form(ln.text) and not is_address(ln.text)]
    org = max(orgs, key=lambda ln: ln.height) if orgs else None
    if org is not None:
        used.add(org.idx)

    def title_share(ln: JpLine) -> float:
        bare = re.sub(r"\s", "", ln.text)
        return title_words(bare) / max(len(bare), 1)

    # a title may be printed over two stacked lines (常務 / 執行役員): they are joined in order
    titles = sorted((ln for ln in jp if ln.idx not in used and title_share(ln) >= 0.4 and len(ln.text) <= 24
                     and not is_address(ln.text)), key=lambda ln: ln.top)
    title = None
    if titles:
        first = titles[0]
        group = [first] + [ln for ln in titles[1:] if ln.top - first.top <= 2.5 * max(first.height, 1)]
        title = "".join(re.sub(r"\s", "", ln.text) for ln in group)
        used.update(ln.idx for ln in group)

    addr_lines = [ln for ln in jp if ln.idx not in used and is_address(ln.text)]
    address, postcode = None, ""
    if addr_lines:
        # the head office when several offices are printed, else the first address
        heads = [ln for ln in addr_lines if ln.text.startswith(_HEAD_OFFICE)]
        start = heads[0] if heads else min(addr_lines, key=lambda ln: ln.top)
        group = [start]
        # an address continued on the next line (a building's name and floor)
        for ln in sorted((ln for ln in jp if ln.idx not in used and ln is not start), key=lambda ln: ln.top):
            below = 0 < ln.top - group[-1].top <= 2.0 * max(group[-1].height, 1)
            if below and not _ADDRESS_LABEL.match(ln.text) and not legal_form(ln.text) and not title_share(ln) \
                    and (_PLACE.search(ln.text) or re.search(r"\d+\s*[階F]|ビル|タワー|ビルディング", ln.text)):
                group.append(ln)
        address = " ".join(_ADDRESS_LABEL.sub("", ln.text) for ln in group)
        m = _POSTCODE.search(address)
        postcode = f"{m.group(1)}-{m.group(2)}" if m else ""
        used.update(ln.idx for ln in group)

    name = family = given = ""
    if org is not None or title is not None or address is not None:
        names = [ln for ln in jp if ln.idx not in used and _NAME.fullmatch(ln.text)
                 and not any(w in ln.text for w in _NOT_NAME) and not ln.text.endswith(_DEPARTMENT_END)
                 and not title_words(ln.text)]
        if names:
            best = max(names, key=lambda ln: ln.height)
            family, given = split_name(best.text)
            name = f"{family} {given}".strip()
            used.add(best.idx)
    return JpFields(name=name or None, family=family, given=given, title=title,
                    org=org.text if org is not None else None, address=address, postcode=postcode,
                    used=frozenset(used))


def split_name(text: str) -> tuple[str, str]:
    """Family and given name of a Japanese name, family first. A space printed between them
    says where; otherwise the family name is taken as the first two characters (most Japanese
    family names are two kanji: 佐藤, 鈴木, 高橋), or the first one of a two-character name."""
    parts = text.split()
    if len(parts) == 2:
        return parts[0], parts[1]
    bare = "".join(parts)
    k = 1 if len(bare) <= 2 else 2
    return bare[:k], bare[k:]


_CITY = re.compile(f"^([{_JP}]+?(?:市|区|郡[{_JP}]+?[町村]|[町村]))")


def structured(address: str) -> tuple[str, str, str]:
    """Street, city and prefecture of a Japanese address (postcode aside): 東京都千代田区丸の内1-9-2
    is prefecture 東京都, city 千代田区, street 丸の内1-9-2. A designated city's ward stays with
    the street (大阪市 / 北区梅田3-1-1)."""
    text = _POSTCODE.sub(" ", address).strip()
    region = next((p for p in PREFECTURES if p in text), "")
    rest = text.split(region, 1)[1] if region else text
    m = _CITY.match(rest.strip())
    city = m.group(1) if m else ""
    street = rest.strip()[len(city):].strip()
    if region:
        street = (text.split(region, 1)[0].strip() + " " + street).strip()
    return street, city, region
