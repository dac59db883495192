"""Cards printed in Japanese: their lines weighed by Japanese rules, and their kanji and kana read
with the Japanese model where the Latin-script one read junk."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cardscan import assemble, japanese, ocr, reread
from cardscan.errors import OcrError
from cardscan.models import Box, Contact, OcrLine, OcrResult, OcrWord, Phone


def line(words: list[tuple[str, float]], top: int, h: int = 40, x: int = 50) -> OcrLine:
    out = []
    for t, conf in words:
        w = int(max(len(t), 1) * h * 0.9)
        out.append(OcrWord(t, conf, Box(x, top, w, h)))
        x += w + h // 3
    return OcrLine(tuple(out))


def jl(text: str, idx: int, top: int, h: float = 30.0, conf: float = 0.9) -> japanese.JpLine:
    return japanese.JpLine(idx, japanese.joined(text), h, top, conf)


@pytest.mark.parametrize("read, printed", [
    ("株 式 会 社 ミナ ト デザ イン", "株式会社ミナトデザイン"),
    ("〒530-0001 大阪 府 大阪 市 北 区 梅田 3-1-1", "〒530-0001 大阪府大阪市北区梅田3-1-1"),
    ("本 社 : 東 京都 千代 田 区 丸 の 内 1-9-|| 〒I00-0005", "本社:東京都千代田区丸の内1-9-11 〒100-0005"),
    ("東京都千代田区丸の内1-9-2 7100-0005", "東京都千代田区丸の内1-9-2 〒100-0005"),  # the mark read as a 7
    ("グラン ド タワー 梅田 3 丁目 ビル I5 階", "グランドタワー梅田3丁目ビル15階"),
    ("IT Management Guider", "IT Management Guider"),  # Latin words keep their spaces
])
def test_japanese_print_is_joined_as_printed(read, printed):
    assert japanese.joined(read) == printed


def test_a_line_is_japanese_when_most_of_its_letters_are():
    assert japanese.is_japanese("代表 取締 役 社長")
    assert japanese.is_japanese("営業部 Sales")
    assert not japanese.is_japanese("http://www.minato-design.jp 株")  # one character among Latin letters
    assert not japanese.is_japanese("Naoki Takahashi")


def test_name_title_company_and_head_office_of_a_japanese_card():
    f = japanese.fields([
        jl("北斗 電機 工業 株 式 会 社", 0, 100),
        jl("常務", 1, 200),
        jl("執行 役員", 2, 240),
        jl("渡 辺 健 一 郎", 3, 300, h=60),
        jl("営業 所 : 名古屋 市 中 区 栄 3-5-12 〒460-0008", 4, 500),
        jl("本 社 : 東京 都 千代 田 区 丸 の 内 1-9-2 〒100-0005", 5, 420),
    ])
    assert f.org == "北斗電機工業株式会社"
    assert f.title == "常務執行役員"  # printed over two stacked lines
    assert (f.name, f.family, f.given) == ("渡辺 健一郎", "渡辺", "健一郎")
    assert f.address == "東京都千代田区丸の内1-9-2 〒100-0005"  # the head office, its label left out
    assert f.postcode == "100-0005"


def test_an_address_continued_on_the_next_line_is_one_address():
    f = japanese.fields([jl("〒530-0001 大阪府大阪市北区梅田3-1-1", 0, 400),
                         jl("グランドタワー梅田15階", 1, 440)])
    assert f.address == "〒530-0001 大阪府大阪市北区梅田3-1-1 グランドタワー梅田15階"
    # (a designated city's ward stays with the street)
    assert japanese.structured(f.address) == ("北区梅田3-1-1 グランドタワー梅田15階", "大阪市", "大阪府")


def test_a_short_kanji_line_alone_is_not_taken_for_a_name():
    # no title, company or address in Japanese on the card: a slogan or a logo read as kanji
    assert japanese.fields([jl("山田 太郎", 0, 100)]).name is None
    # ... and a line read unsure is not weighed at all
    assert japanese.fields([jl("株式会社テスト", 0, 100, conf=0.3)]).org is None


@pytest.mark.parametrize("name, split", [
    ("佐藤 花子", ("佐藤", "花子")),  # a printed space says where
    ("高橋直樹", ("高橋", "直樹")),
    ("中村健一郎", ("中村", "健一郎")),
    ("林光", ("林", "光")),
])
def test_family_name_first(name, split):
    assert japanese.split_name(name) == split


def test_a_card_parsed_with_its_japanese_lines_keeps_its_latin_fields():
    ocr_result = OcrResult((
        line([("株", 0.9), ("式", 0.9), ("会", 0.9), ("社", 0.9), ("ミナ", 0.9), ("ト", 0.9), ("デザ", 0.9),
              ("イン", 0.9)], 100),
        line([("代表", 0.9), ("取締", 0.9), ("役", 0.9), ("社長", 0.9)], 180),
        line([("高", 0.8), ("橋", 0.8), ("直", 0.8), ("樹", 0.8)], 260, h=60),
        line([("takahashi@minato-design.jp", 0.95)], 360),
        line([("TEL", 0.95), ("03-6206-4410", 0.95)], 420),
        line([("〒100-0005", 0.9), ("東京", 0.9), ("都", 0.9), ("千代", 0.9), ("田", 0.9), ("区", 0.9), ("丸", 0.9),
              ("の", 0.9), ("内", 0.9), ("1-9-2", 0.9)], 480),
    ), (1600, 1000))
    c = assemble.contact(ocr_result, region="JP")
    assert c.org == "株式会社ミナトデザイン"
    assert c.title == "代表取締役社長"
    assert c.name is not None and (c.name.full, c.name.family, c.name.given) == ("高橋 直樹", "高橋", "直樹")
    assert c.address is not None and c.address.text == "〒100-0005 東京都千代田区丸の内1-9-2"
    assert (c.address.postcode, c.address.region, c.address.city, c.address.country) == \
        ("100-0005", "東京都", "千代田区", "JP")
    assert c.emails == ("takahashi@minato-design.jp",)
    assert [p.number for p in c.phones] == ["+81362064410"]


class JapaneseEngine:
    """Reads every crop as the same Japanese line; remembers how it was asked."""

    def __init__(self, text: str = "株 式 会 社 ミナ ト デザ イン", conf: float = 0.9, langs=("Latin", "jpn"),
                 fail: bool = False):
        self.text, self.conf, self.langs, self.fail, self.calls = text, conf, set(langs), fail, []

    def languages(self):
        return self.langs

    def release(self, lang):
        self.calls.append(("release", lang))

    def recognize(self, image, *, lang="eng", psm=3, vertical=None):
        self.calls.append((lang, psm, vertical))
        if self.fail:
            raise OcrError("engine gone")
        # (read where the junk was: the right-hand part of the line)
        x = image.shape[1] - 120
        return OcrResult((line([(t, self.conf) for t in self.text.split()], 5, h=8, x=x),),
                         (image.shape[1], image.shape[0]))


IMAGE = np.full((1000, 1600), 255, np.uint8)


def latin_read_of_a_japanese_card() -> tuple[OcrResult, Contact]:
    read = OcrResult((
        line([("Naoki", 0.92), ("Takahashi", 0.9)], 100),
        line([("http://www.minato-design.jp", 0.9), ("i", 0.3), ("NNE", 0.4), ("S", 0.3), ("AN", 0.4)], 200),
        line([("TEL.", 0.9), ("03-6206-4410", 0.9)], 300),
    ), (1600, 1000))
    return read, Contact(urls=("http://www.minato-design.jp",), phones=(Phone("+81362064410", printed="03-6206-4410"),))


def test_junk_beside_a_web_address_is_read_again_with_the_japanese_model():
    read, contact = latin_read_of_a_japanese_card()
    engine = JapaneseEngine()
    mended, c = reread.mend_japanese(read, contact, IMAGE, engine, lang="Latin", region=None, default_region="US")
    # only the line with junk was read again, as one line, with the Japanese model laid out
    # across; and the model is let go after the card
    assert engine.calls == [("jpn", reread.SINGLE_LINE, False), ("release", "jpn")]
    texts = [ln.text for ln in mended.lines]
    assert "株 式 会 社 ミナ ト デザ イン" in texts and "http://www.minato-design.jp" in texts
    assert "Naoki Takahashi" in texts and "TEL. 03-6206-4410" in texts
    assert c.org == "株式会社ミナトデザイン"
    assert c.urls and c.phones  # what the Latin model read is kept


@pytest.mark.parametrize("engine, lang, contact_is_japanese", [
    (JapaneseEngine(text="NNE SAN"), "Latin", True),  # the second read is not Japanese
    (JapaneseEngine(conf=0.3), "Latin", True),  # ... or read unsure
    (JapaneseEngine(langs=("Latin",)), "Latin", True),  # no Japanese model installed
    (JapaneseEngine(), "jpn+Latin", True),  # it has read the card already
    (JapaneseEngine(), "Latin", False),  # a card with nothing Japanese about it
    (JapaneseEngine(fail=True), "Latin", True),
])
def test_the_latin_read_stands(engine, lang, contact_is_japanese):
    read, contact = latin_read_of_a_japanese_card()
    if not contact_is_japanese:
        contact = Contact(urls=("http://www.minato-design.com",), phones=(Phone("+12125550100"),))
    mended, c = reread.mend_japanese(read, contact, IMAGE, engine, lang=lang, region=None, default_region="US")
    assert mended is read and c is contact
    if not contact_is_japanese or lang != "Latin" or "jpn" not in engine.langs:
        assert engine.calls == []
    else:
        assert engine.calls[-1] == ("release", "jpn")  # let go even when the engine failed


def test_a_card_whose_first_runs_of_junk_read_as_no_japanese_is_left_after_them():
    # a Latin-script card with Japanese numbers and a logo read as junk on many lines
    read = OcrResult(tuple(line([("Rmn", 0.3), ("xq", 0.2)], 100 + 60 * k) for k in range(6)) +
                     (line([("TEL.", 0.9), ("03-6206-4410", 0.9)], 500),), (1600, 1000))
    contact = Contact(phones=(Phone("+81362064410", printed="03-6206-4410"),))
    engine = JapaneseEngine(text="Rmn xq")
    mended, c = reread.mend_japanese(read, contact, IMAGE, engine, lang="Latin", region=None, default_region="US")
    assert mended is read and c is contact
    reads = [call for call in engine.calls if call[0] == "jpn"]
    assert len(reads) == reread.JAPANESE_MISSES < 6


def test_a_japanese_model_reads_laid_out_across_when_asked():
    engine = ocr.PytesseractEngine.__new__(ocr.PytesseractEngine)
    engine._lean = None
    engine._cmd = "tesseract"
    engine._tessdata = lambda lang: None
    assert "textord_tabfind_vertical_text=1" in engine._config(3, "jpn")
    assert "textord_tabfind_vertical_text=0" in engine._config(3, "jpn", vertical=False)
    assert "textord_tabfind_vertical_text=0" in engine._config(3, "Latin")


@pytest.mark.parametrize("installed, lang, reads_japanese", [
    (("Latin", "jpn"), "auto", True),
    (("Latin",), "auto", False),  # no Japanese model: nothing to read it with
    (("Latin", "jpn"), "jpn+Latin", False),  # read with it already
])
def test_the_cli_reads_japanese_print_when_the_model_is_installed(installed, lang, reads_japanese):
    from cardscan import cli
    from cardscan.options import Options

    class Engine:
        name = "fake"

        def languages(self):
            return set(installed)

    resolved = cli._resolved_engine(Options(lang=lang), Engine())
    assert resolved.japanese is reads_japanese
    # installing the model changes what a scan gives, so the cache must not serve the old result
    assert (resolved.cache_key() == Options(lang=resolved.lang, engine="fake", japanese=False).cache_key()) \
        is (not reads_japanese)


# ---------------------------------------------------------------- the whole path, with real Tesseract

JP_FONT = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")
LATIN_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CHECKER = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "check_vcard.py"


def _japanese_installed() -> bool:
    try:
        return reread.has_model(ocr.make_engine("auto"), reread.JAPANESE)
    except Exception:  # noqa: BLE001 - no Tesseract at all: the other tests say so
        return False


needs_japanese = pytest.mark.skipif(not (JP_FONT.is_file() and LATIN_FONT.is_file() and _japanese_installed()),
                                    reason="needs Tesseract's jpn model and the IPA Gothic and DejaVu fonts "
                                           "(scripts/setup-system.sh installs them)")


def _japanese_card(path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    im = Image.new("RGB", (1050, 600), "white")
    d = ImageDraw.Draw(im)
    for x, y, text, px, font in (
        (60, 50, "株式会社みどり精工", 40, JP_FONT),
        (60, 160, "営業部 部長", 30, JP_FONT),
        (60, 210, "山本 健太", 56, JP_FONT),
        (60, 330, "〒150-0002 東京都渋谷区渋谷2-15-1", 28, JP_FONT),
        (60, 400, "TEL 03-5468-1234  FAX 03-5468-1235", 28, LATIN_FONT),
        (60, 450, "k.yamamoto@midori-seiko.co.jp", 28, LATIN_FONT),
        (60, 500, "www.midori-seiko.co.jp", 28, LATIN_FONT),
    ):
        d.text((x, y), text, fill="black", font=ImageFont.truetype(str(font), px))
    im.save(path)


@needs_japanese
def test_a_japanese_card_is_read_whole_by_default(tmp_path):
    card = tmp_path / "meishi.png"
    _japanese_card(card)
    r = subprocess.run([sys.executable, "-m", "cardscan", "scan", str(card), "--format", "json", "--no-cache", "-q"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    c = json.loads(r.stdout)
    assert c["org"] == "株式会社みどり精工"
    assert c["title"] == "営業部部長"
    assert c["name"]["full"] == "山本 健太" and (c["name"]["family"], c["name"]["given"]) == ("山本", "健太")
    assert c["address"]["text"] == "〒150-0002 東京都渋谷区渋谷2-15-1"
    assert (c["address"]["region"], c["address"]["city"], c["address"]["postcode"]) == ("東京都", "渋谷区", "150-0002")
    # what the Latin-script model reads stays as it read it
    assert c["emails"] == ["k.yamamoto@midori-seiko.co.jp"]
    assert [(p["number"], p["type"]) for p in c["phones"]] == [("+81354681234", "work"), ("+81354681235", "fax")]
    assert c["urls"] == ["www.midori-seiko.co.jp"]
    if CHECKER.is_file():
        vcf = tmp_path / "meishi.vcf"
        r = subprocess.run([sys.executable, "-m", "cardscan", "scan", str(card), "-o", str(vcf), "--no-cache", "-q"],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        check = subprocess.run([sys.executable, str(CHECKER), "--no-info", str(vcf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "ORG:株式会社みどり精工" in vcf.read_text(encoding="utf-8")


@needs_japanese
def test_without_the_japanese_reads_the_card_gives_no_japanese_fields(tmp_path):
    # (the same card with the Japanese model left out: what the test above depends on)
    from cardscan import pipeline
    from cardscan.options import Options

    card = tmp_path / "meishi.png"
    _japanese_card(card)
    (outcome,) = pipeline.scan_image(str(card), Options(lang="Latin", japanese=False), ocr.make_engine("auto"))
    c = outcome.contact
    assert c is not None and c.emails == ("k.yamamoto@midori-seiko.co.jp",)
    assert c.org != "株式会社みどり精工" and c.title != "営業部部長"
