"""Cards printed in Japanese: their lines weighed by Japanese rules, and their kanji and kana read
with the Japanese model where the Latin-script one read junk."""
from __future__ import annotations

import pytest

from cardscan import assemble, japanese
from cardscan.models import Box, OcrLine, OcrResult, OcrWord


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
