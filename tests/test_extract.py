"""Table-driven tests for the deterministic finders in cardscan.extract (text lines in, fields out)."""
from __future__ import annotations

import pytest

from cardscan import extract


def _fields(lines, region=None, default_region="US"):
    return extract.fields(lines, region=region, default_region=default_region)


# ---------------------------------------------------------------- emails

@pytest.mark.parametrize("line, expected", [
    ("jane.doe@acme.com", "jane.doe@acme.com"),
    ("E-mail: jane.doe@acme.com", "jane.doe@acme.com"),
    ("E:jane.doe@acme.com", "jane.doe@acme.com"),
    ("jane.doe @ acme . com", "jane.doe@acme.com"),
    ("jane. doe@acme.com", "jane.doe@acme.com"),
    ("jane. .doe@acme.com", "jane.doe@acme.com"),  # the dot read twice
    ("sales @acme.co.uk.", "sales@acme.co.uk"),
    ("jane(a)acme.com", "jane@acme.com"),
    ("jane©acme.de", "jane@acme.de"),
    ("© jane@acme.de", "jane@acme.de"),
    ("(=) eleanor_oconnell@maple.co.uk", "eleanor_oconnell@maple.co.uk"),
    ("m.delgado@serra.com. br", "m.delgado@serra.com.br"),
    ("Mail: info@müller-bau.de", "info@müller-bau.de"),
    ("jonas _klein@orange.fr", "jonas_klein@orange.fr"),
    ("E-mail: lucia __gomez@grupogomez.es", "lucia_gomez@grupogomez.es"),  # the underscore read twice
    ("Email: wWguo@zhouadvocaten.com", "wguo@zhouadvocaten.com"),  # the first letter read twice
    ("e: lL.xu@lumiereimmobilier.eu", "l.xu@lumiereimmobilier.eu"),
    ("Email: McDonald@acme.com", "McDonald@acme.com"),
    ("e: m jaber@brucken.at", "m.jaber@brucken.at"),
    ("E: katherine. ashwor th@lakeside.ca", "katherine.ashworth@lakeside.ca"),  # spaces read into a mailbox
    ("E: katherine_ ashwor th@lakeside.ca", "katherine_ashworth@lakeside.ca"),
    ("E: office team jo@lakeside.ca", "jo@lakeside.ca"),  # no separator at a space: words before it
    ("E-Mail: |.i\\yer@lakeside.net", "l.iyer@lakeside.net"),  # a speck read as a backslash inside it
    ("m jaber@brucken.at", "m.jaber@brucken.at"),
    ("e jaber@brucken.at", "jaber@brucken.at"),  # a mail label that lost its colon, not an initial
    ("• e jaber@brucken.at", "jaber@brucken.at"),
    ("e.gomes@nova.com.br", "e.gomes@nova.com.br"),
    ("Email: abigail lockhart@granite.ca", "abigail.lockhart@granite.ca"),
    ("yuki _shimizu © yukishimizu.jp", "yuki_shimizu@yukishimizu.jp"),  # the underscore read, and a space
    ("contact jane@acme.com", "jane@acme.com"),
    ("thijs_bos@wijklaw/.nl", "thijs_bos@wijklaw.nl"),
    ("|.fernandez@dominguezlaw.com", "l.fernandez@dominguezlaw.com"),  # an initial l read as a bar
    ("e: andrew.whitfield@® bluebird.com", "andrew.whitfield@bluebird.com"),  # the @ read twice, then a space
    ("E-Mail: marc@soleilconseil.þbe", "marc@soleilconseil.be"),  # a mark before the ending read as its letter
    ("jo@acme.ccom", "jo@acme.com"),
    ("sales@verdeconsultoria-com.br", "sales@verdeconsultoria.com.br"),  # the dot before com.br read as a hyphen
    ("jo@acme-co.uk", "jo@acme-co.uk"),  # a name of its own under .uk
    ("E-Mail: Iruiz@cedrobau.es", "Iruiz@cedrobau.es"),  # (an l read as I: mended where the name is known)
    ("e. Ibanerjee@redwood.com", "Ibanerjee@redwood.com"),  # a label, not an initial, before a capital
    ("s watanabe®riverside.com.br", "s.watanabe@riverside.com.br"),  # an initial's dot lost, the @ read as ®
    ("E-mail: polarfrio@terra com br", "polarfrio@terra.com.br"),  # both dots of com.br read as spaces
    ("E -mai polarfrio@terra.com.br", "polarfrio@terra.com.br"),  # what is left of a label is no given name
    ("helo@acme.com", "hello@acme.com"),  # a role's mailbox with a doubled letter read once
    ("hell@acme.com", "hell@acme.com"),
    ("Tel. 555 0101 | jane@acme.com", "jane@acme.com"),
    ("© baptiste_blanchard@coppermarketing ch", "baptiste_blanchard@coppermarketing.ch"),  # the TLD's dot read as a space
    ("E-mail: fbrunner@au tohaushartmann.at", "fbrunner@autohaushartmann.at"),  # a space read into the domain
    ("E-mail: info@au tohaushartmann. at", "info@autohaushartmann.at"),
    ("Email: ravi.pate] @copperenergy.net.au", "ravi.patel@copperenergy.net.au"),  # the last l read as a bracket
    ("E: lauren_campbe!l@thompsongroup.com.au", "lauren_campbell@thompsongroup.com.au"),  # ... an l inside it
    ("Mail: xłaomingh@summitconsulting.sg", "xlaomingh@summitconsulting.sg"),  # a letter of Latin Extended-A
    ("E: łukasz@acme.pl", "lukasz@acme.pl"),
    ("whitħeld@acme.com", "whitheld@acme.com"),  # a letter with a stroke: its plain look-alike
    ("E.office@evergreennetworks.com.au", "office@evergreennetworks.com.au"),  # a label's letter before a role's
    ("e.gomes@acme.com", "e.gomes@acme.com"),  # ... an initial before a name's
    ("Mail olivia@icioud com", "olivia@icloud.com"),
    ("e: olivia @icloudcom", "olivia@icloud.com"),  # a space before the @, the domain's dot lost
    ("Mait. nora.blom@kestrel.se", "nora.blom@kestrel.se"),  # the mail label's colon read as a dot
    ("mai. lin@kestrel.se", "mai.lin@kestrel.se"),  # ... in small letters: the mailbox's own start
    ("andrew. kensington@cobaltrobotics co.uk", "andrew.kensington@cobaltrobotics.co.uk"),  # not cobaltroboticsco.uk
    ("d.ito@northstarmedia.coJp", "d.ito@northstarmedia.co.jp"),  # the dot before the country lost
    ("robertw@hargreaves:net", "robertw@hargreaves.net"),  # the last dot read as a colon
    ("E-mail: yuki.tanaka @juniper.co,jp", "yuki.tanaka@juniper.co.jp"),  # ... or a comma
    ("Mail: clairem@uol.com, br", "clairem@uol.com.br"),  # ... and a space, before a country's code
    ("jo@acme.co, uk", "jo@acme.co.uk"),
    ("jo@acme.com, my office", "jo@acme.com"),  # ... not before words that go on
    ("t.nakamura@cobaltcoffee.cojp", "t.nakamura@cobaltcoffee.co.jp"),
    # the @ read as ® or ©, and the dots of the domain as spaces
    ("e: greta®hansehandel eu", "greta@hansehandel.eu"),
    ("Mail: william. sullivan®silveriinesoftware net au", "william.sullivan@silveriinesoftware.net.au"),
    ("n.nakamura@summitpartners co jp", "n.nakamura@summitpartners.co.jp"),  # both dots of co.jp
    ("n.nakamura@summitpartners cojp", "n.nakamura@summitpartners.co.jp"),  # one read as a space, one lost
    ("jo@acme combr | T 11 2345 6789", "jo@acme.com.br"),
    ("Ana Pereira | ana@pereira.pt | Rua Nova coat", "ana@pereira.pt"),  # a word, not .co.at
    ("katharina@!libero.it", "katharina@libero.it"),  # a speck after the @
    ("E: jo@|acme.com", "jo@acme.com"),
    # the dot before com read as a space, the one after it lost
    ("Email. thomas mcallister@brightsolutions comau", "thomas.mcallister@brightsolutions.com.au"),
    ("e: maiyahoo com", "mai@yahoo.com"),  # after a mail label, the @ before a free-mail provider lost
    ("Mail: j.doegmail.com", "j.doe@gmail.com"),
    ("e: hello gmail.com", "hello@gmail.com"),  # ... or read as a space
    ("m.costa(@gmx.de", "m.costa@gmx.de"),  # the left of the @'s rim read as a bracket
    ("Mail: tommaso.gallo®olivoinformatica,it", "tommaso.gallo@olivoinformatica.it"),  # ® for @, a comma for the dot
    ("nathan_campbell®lumencapit al.us", "nathan_campbell@lumencapital.us"),  # ... and a space in the host
    ("gaelle lemaire®oceanfinance.ch", "gaelle.lemaire@oceanfinance.ch"),  # a given name spelt without its accent
    ("E-mail- g vazquez @horizonhealth.io", "g.vazquez@horizonhealth.io"),  # an initial's dot lost, a space before the @
    ("E: lorenzof@portacomunicazione,.eu", "lorenzof@portacomunicazione.eu"),  # a comma beside the last dot
    ("nishas@lumenadvi sors in", "nishas@lumenadvisors.in"),  # a space in the domain, its dot read as one
    ("E-Mail: noor.kuipers@noordbouw.n!]", "noor.kuipers@noordbouw.nl"),  # the l read as two marks
    ("sanne@oakmontmarketingcom", "sanne@oakmontmarketing.com"),  # the domain's only dot lost
    ("ana@estrelacombr", "ana@estrela.com.br"),  # ... both of them, before a second level
    ("tom@harbourcouk", "tom@harbour.co.uk"),
    ("E-mail haruka @ meridiancoffeeroasters net", "haruka@meridiancoffeeroasters.net"),  # spaces beside the @ too
    ("E: mkovacevic@ lumenconsulting com", "mkovacevic@lumenconsulting.com"),
    ("E-Mail: deepika .mehta @vallee-services.ca", "deepika.mehta@vallee-services.ca"),  # a space before the dot
    ("Mail: s .bennett@nuevadiseno.com", "s.bennett@nuevadiseno.com"),
    # the @ read as one letter outside ASCII: anywhere as an ð, æ or €, as an accented
    # letter only on a line that starts as a mail address's does
    ("© officeðsterlingfoods.net", "office@sterlingfoods.net"),
    ("felixæeichentechnik.co.at", "felix@eichentechnik.co.at"),
    ("e: bwijk €molenadvies.nl", "bwijk@molenadvies.nl"),
    ("E: kontaktégmail.com", "kontakt@gmail.com"),
    ("e: hups.tanaka@acme.com", "hups.tanaka@acme.com"),  # (a mailbox's word like a scheme's letters stays)
])
def test_emails_repaired(line, expected):
    assert [e.value for e in _fields([line]).emails] == [expected]


@pytest.mark.parametrize("line", [
    "Meet us @ 5pm",
    "Follow @ acme on X",  # no domain after the @
    "© 2024 Acme Inc.",
    "© 2024 Acme de",  # a © after a space is no @
    "Follow us @acme",
    "jane@localhost",
    "no address here",
    "@@@@",
    "Follow us @studiode",  # a handle ending in letters a country has is no mail domain
    "Visit genève.ch",  # an accented letter away from a mail line is the word's own
    "www.cobalt-advìsors.com",
    "jane@acmecorp",  # a domain with no dot that ends in no top-level domain
])
def test_not_emails(line):
    assert _fields([line]).emails == ()


@pytest.mark.parametrize("lines, region, emails, urls", [
    # the only dot of an address lost before the card's own country domain, or .eu in the EU
    (["Tél. +33 1 08 77 05 13", "N / sebastien@etoileimmobiliereu", "w: www.etoileimmobiliereu"], "FR",
     ["sebastien@etoileimmobilier.eu"], ["www.etoileimmobilier.eu"]),
    (["Tel. 030 1234567", "Mail: kontakt@baumeisterde"], "DE", ["kontakt@baumeister.de"], []),
    (["Tel +44 20 7946 0958", "jo@harbouruk"], "GB", ["jo@harbour.uk"], []),
    # a line cut short at the card's edge ends in letters that are no country of the card's
    (["Tel +1 212 555 0100", "Email: m.campbell@michaelcampbe"], "US", [], []),
    (["Tél. +33 1 08 77 05 13", "N / sebastien@etoileimmobiliereu | Paris"], "FR", [], []),  # not the line's end
])
def test_a_lost_dot_before_the_cards_country_domain(lines, region, emails, urls):
    f = _fields(lines)
    assert f.region == region
    assert [e.value for e in f.emails] == emails
    assert [u.value for u in f.urls] == urls


# ---------------------------------------------------------------- phones: labels in many languages

@pytest.mark.parametrize("line, region, number, ptype", [
    ("Tel: +1 415 555 0100", "US", "+14155550100", "work"),
    ("T +1 (212) 555-0187", "US", "+12125550187", "work"),
    ("P: 415.555.0100", "US", "+14155550100", "work"),
    ("Office (415) 555-0100", "US", "+14155550100", "work"),
    ("Direct: +44 20 7946 0958", "GB", "+442079460958", "work"),
    ("M: +44 7911 123456", "GB", "+447911123456", "mobile"),
    ("Mob. 07911 123456", "GB", "+447911123456", "mobile"),
    ("Cell 312-555-0168", "US", "+13125550168", "mobile"),
    ("C: +61 413 736 339", "AU", "+61413736339", "mobile"),
    ("F: +1 415 555 0199", "US", "+14155550199", "fax"),
    ("Fax. 020 7946 0959", "GB", "+442079460959", "fax"),
    ("Telefon: 030 1234567", "DE", "+49301234567", "work"),
    ("Handy: 0170 1234567", "DE", "+491701234567", "mobile"),
    ("Mobil +49 170 1234567", "DE", "+491701234567", "mobile"),
    ("Durchwahl 030 1234567", "DE", "+49301234567", "work"),
    ("Tél. 01 42 68 53 00", "FR", "+33142685300", "work"),
    ("Portable : 06 12 34 56 78", "FR", "+33612345678", "mobile"),
    ("Télécopie 01 42 68 53 01", "FR", "+33142685301", "fax"),
    ("Teléfono 911 23 45 67", "ES", "+34911234567", "work"),
    ("Móvil 612 34 56 78", "ES", "+34612345678", "mobile"),
    ("Móv. (206) 555-0177", "US", "+12065550177", "mobile"),  # an accent the lists do not spell
    ("(206) 555-0177 (Móv.)", "US", "+12065550177", "mobile"),
    ("Fone: (11) 3051-4420", "BR", "+551130514420", "work"),
    ("Cel.: (11) 98142-3306", "BR", "+5511981423306", "mobile"),
    ("Celular (21) 98765-4321", "BR", "+5521987654321", "mobile"),
    ("Cellulare 347 123 4567", "IT", "+393471234567", "mobile"),
    ("Telefono 02 1234 5678", "IT", "+390212345678", "work"),
    ("Mobiel 06 12345678", "NL", "+31612345678", "mobile"),
    ("GSM 0470 12 34 56", "BE", "+32470123456", "mobile"),
    ("+41 44 123 45 67 (Office)", "CH", "+41441234567", "work"),
    ("Natel 079 123 45 67", "CH", "+41791234567", "mobile"),
    ("T010 87316719", "IT", "+3901087316719", "work"),  # a one-letter label with its space lost
    ("F+49 30 1234567", "DE", "+49301234567", "fax"),
])
def test_phone_labels(line, region, number, ptype):
    phones = _fields([line], region=region).phones
    assert [(p.number, p.type) for p in phones] == [(number, ptype)]


@pytest.mark.parametrize("line, region, expected", [
    # no label: the numbering plan decides, and only says mobile when it is plain
    ("+49 170 1234567", "DE", [("+491701234567", "mobile")]),
    ("+49 30 1234567", "DE", [("+49301234567", "work")]),
    ("(415) 555-0100", "US", [("+14155550100", "work")]),
    # labels before and after, two numbers on one line
    ("T 02 1234 5678 | M 347 123 4567", "IT", [("+390212345678", "work"), ("+393471234567", "mobile")]),
    ("T +1 905 883 9658 | M {+1 587 555 0114", "CA", [("+19058839658", "work"), ("+15875550114", "mobile")]),
    ("Tel/Fax 030 1234567", "DE", [("+49301234567", "work")]),
    # icons read as stray characters before the number
    ("© +44 20 7946 0958", "GB", [("+442079460958", "work")]),
    ("@ 020 7946 0958", "GB", [("+442079460958", "work")]),
    ("| +1 415 555 0100", "US", [("+14155550100", "work")]),
    ("(c) 0463 26461605", "AT", [("+4346326461605", "work")]),
    # "Tel" says only "telephone": a number the plan calls a mobile is the mobile
    ("Tel: (11) 98765-4321", "BR", [("+5511987654321", "mobile")]),
    ("Phone +49 170 1234567", "DE", [("+491701234567", "mobile")]),
    ("Office +49 170 1234567", "DE", [("+491701234567", "work")]),
    ("Tel: (11) 2345-6789", "BR", [("+551123456789", "work")]),
    ("Weber GmbH (C) 030 1234567", "DE", [("+49301234567", "work")]),
    # no fax line is a mobile: a lone "F" before a mobile number is an icon; a word is a label
    ("(F) +81 70 7870 4355", "JP", [("+817078704355", "mobile")]),
    ("F +81 3 1234 5678", "JP", [("+81312345678", "fax")]),
    ("Fax +81 70 7870 4355", "JP", [("+817078704355", "fax")]),
])
def test_phone_types_and_icons(line, region, expected):
    assert [(p.number, p.type) for p in _fields([line], region=region).phones] == expected


@pytest.mark.parametrize("line, region, number, printed", [
    ("Tel (31}3753-5692", "BR", "+553137535692", "(31)3753-5692"),  # the closing bracket read as a brace
    ("(08] 7307 3374", "AU", "+61873073374", "(08) 7307 3374"),  # ... or a square one
    ("{312) 555-0199", "US", "+13125550199", "(312) 555-0199"),  # the opening one
])
def test_a_bracket_around_an_area_code_misread(line, region, number, printed):
    assert [(p.number, p.printed) for p in _fields([line], region=region).phones] == [(number, printed)]


@pytest.mark.parametrize("lines, region, expected", [
    # two landlines behind unreadable icons: the telephone comes first, then the fax
    (["© (02) 9374 1188", "@) (03) 9421 5566"], "AU", [("+61293741188", "work"), ("+61394215566", "fax")]),
    (["¢ 030 1234567", "& 030 1234568"], "DE", [("+49301234567", "work"), ("+49301234568", "fax")]),
    # a landline and a mobile: nothing to reorder
    (["© 030 1234567", "@ 0170 1234567"], "DE", [("+49301234567", "work"), ("+491701234567", "mobile")]),
    # a printed label says which is which; "landline or mobile" plans are left alone
    (["Tel 030 1234567", "Zentrale 030 1234568"], "DE", [("+49301234567", "work"), ("+49301234568", "work")]),
    (["(415) 555-0100", "(415) 555-0187"], "US", [("+14155550100", "work"), ("+14155550187", "work")]),
    # no label and no icon printed: two telephones
    (["030 1234567", "030 1234568"], "DE", [("+49301234567", "work"), ("+49301234568", "work")]),
    (["02.831.48.50", "+32 (0)81 53 57 56"], "BE", [("+3228314850", "work"), ("+3281535756", "work")]),
])
def test_second_landline_behind_an_icon_is_the_fax(lines, region, expected):
    assert [(p.number, p.type) for p in _fields(lines, region=region).phones] == expected


@pytest.mark.parametrize("line, region, expected", [
    ("943 72 99 17 x635 644 87 30 10", "ES", [("+34943729917", "635"), ("+34644873010", None)]),
    ("030 1234567 0170 1234567", "DE", [("+49301234567", None), ("+491701234567", None)]),
    # "750891", read as a number of its own, is too short to be one taken: the run is split
    ("069 750891 0170 2373253", "DE", [("+4969750891", None), ("+491702373253", None)]),
])
def test_two_numbers_run_together(line, region, expected):
    assert [(p.number, p.ext) for p in _fields([line], region=region).phones] == expected


@pytest.mark.parametrize("line, region, number, ext", [
    ("Tel +1 415 555 0100 x123", "US", "+14155550100", "123"),
    ("Tel +1 415 555 0100 ext. 45", "US", "+14155550100", "45"),
    ("Fone: (11) 3051-4420 Ramal 240", "BR", "+551130514420", "240"),
    ("T +49 30 1234567 Durchwahl 12", "DE", "+49301234567", "12"),
])
def test_extensions(line, region, number, ext):
    phones = _fields([line], region=region).phones
    assert [(p.number, p.ext) for p in phones] == [(number, ext)]


@pytest.mark.parametrize("line, region, number", [
    ("Tel: +49 (0)30 1234 5678", "DE", "+493012345678"),
    ("+44 (0)20 7946 0958", "GB", "+442079460958"),
    ("+41 (0)41 672 70 90", "CH", "+41416727090"),
    ("F: +32 (013 832 08 33", "BE", "+3238320833"),  # the bracket of "(0)" read as a 1
    ("T: +44 (01223 281064", "GB", "+441223281064"),  # a valid number as read stays as read
    ("T 10351 14359430", "DE", "+4935114359430"),  # the bar after the label read as a 1
    ("T10761 4624947", "DE", "+497614624947"),
    ("T 1 212 555 0100", "US", "+12125550100"),  # a country code 1 stays
    # OCR's letters for digits inside digit runs
    ("Tel: +1 415 555 O1OO", "US", "+14155550100"),
    ("Tel: 030 l234567", "DE", "+49301234567"),
    ("Tel. 2345-6789/90", "BR", None),  # 8 digits with no area code: not a full number
    ("Tel. (11) 2345-6789/90", "BR", "+551123456789"),
    ("Tel. 0711/15438", "DE", "+4971115438"),
    ("M: +90 532 418 27 60| D:", "TR", "+905324182760"),
])
def test_number_forms(line, region, number):
    phones = _fields([line], region=region).phones
    assert [p.number for p in phones] == ([number] if number else [])


@pytest.mark.parametrize("line, region", [
    ("VAT DE123456789", "DE"),
    ("USt-IdNr.: DE 123 456 789", "DE"),
    ("HRB 123456 Amtsgericht Berlin", "DE"),
    ("Tax ID 12-3456789", "US"),
    ("EIN 12-3456789", "US"),
    ("CNPJ 12.345.678/0001-90", "BR"),
    ("P. IVA IT12345678901", "IT"),
    ("RCS Paris B 624 192 390", "FR"),
    ("SIRET 362 521 879 00034", "FR"),
    ("KvK-nr. 11430886", "NL"),
    ("ABN 50 140 378 909", "AU"),
    ("UEN 201912345K", "SG"),
    ("CEP 01310-100", "BR"),
    ("10115 Berlin", "DE"),
    ("12.03.2024", "DE"),
    ("Since 1987 - 2024", "US"),
    ("IBAN DE89 3704 0044 0532 0130 00", "DE"),
])
def test_not_phones(line, region):
    assert _fields([line], region=region).phones == ()


def test_icon_letter_is_not_a_label():
    # "f" here is a drawn icon read as a letter, set apart from the number by other glyphs
    assert [p.type for p in _fields(["f \\ @ +31 6 43055216"], region="NL").phones] == ["mobile"]
    assert [p.type for p in _fields(["F: (TH) +66 (0) 2 118 3350"], region="TH").phones] == ["fax"]


@pytest.mark.parametrize("zero", ["(0}", "{0)", "[0]", "(O)"])
def test_a_one_letter_label_holds_across_a_misread_bracketed_zero(zero):
    # OCR reads the brackets of "+41 (0)44" as braces, or the zero as a letter O
    phones = _fields([f"F | +41 {zero}44 179 06 98"], region="CH").phones
    assert [(p.number, p.type) for p in phones] == [("+41441790698", "fax")]


def test_label_alone_in_a_column_beside_the_numbers():
    lines = ["Tel", "Fax", "+49 30 1234567", "+49 30 1234568"]
    boxes = [(10, 100, 60, 130), (10, 150, 60, 180), (100, 100, 400, 130), (100, 150, 400, 180)]
    f = extract.fields(lines, region="DE", boxes=boxes)
    assert [(p.number, p.type) for p in f.phones] == [("+49301234567", "work"), ("+49301234568", "fax")]


# ---------------------------------------------------------------- the card's country

@pytest.mark.parametrize("lines, expected", [
    (["+44 20 7946 0958"], "GB"),
    (["020 7946 0958", "London SW1A 1AA"], "GB"),
    (["jane@acme.de", "030 1234567"], "DE"),
    (["info@acme.com.br", "(11) 3051-4420"], "BR"),
    (["Tél. 01 42 68 53 00"], "FR"),
    (["Hauptgasse 5", "8022 Zürich", "044 123 45 67"], "CH"),
    (["Acme Pte. Ltd.", "6077 9784"], "SG"),
    (["Kirchweg 16", "Österreich"], "AT"),
    # two numbers on one line are two runs of the numbering plan, not one too long for any
    (["Silverline LLP", "(212) 302-8377 - 425-555-0158", "SL"], "US"),
    (["Kaiser KG", "0512 / 1310776 - 0650 / 7331120"], "AT"),
    # the same digits are valid in Japan and in Italy: the separators are Japan's
    (["HAYASHI Sakura", "C 080-7772-6714"], "JP"),
    (["Tel 080 7772 6714"], "IT"),
    # a VAT number's two letters say the country, whatever language its label is in
    (["@ 081 967622", "BTW BE0069.241.841"], "BE"),
    (["Tel. 081 967622", "P.IVA IT01234567890"], "IT"),
    (["044 123 45 67", "UID CHE-275.697.845 MWST"], "CH"),
    (["Tel 081 967622", "FR 12 345 678 901"], "IT"),  # two letters before digits, no label: no VAT number
    # a number labelled as a mobile's counts for the plans that call it one: a Belgian mobile,
    # and a landline in Bremerhaven
    (["Chloé Gauthier", "DIRECTEUR", "Mobiel | 0471 76 3461"], "BE"),
    (["Chloé Gauthier", "DIRECTEUR", "Tel | 0471 76 3461"], "DE"),
    (["Jane Doe", "Mobile (415) 555-0187"], "US"),
])
def test_region_inferred(lines, expected):
    assert _fields(lines).region == expected


@pytest.mark.parametrize("line", [
    "P.IVA 04155538628", "P. IVA 04155538628",
    "PIVA 04155538628",  # the label's dot lost
    "CF. e PIVA 04155538628",
    "UStIdNr. DE322525853",  # its hyphen lost
    "St-Nr 26/146/82016",
])
def test_a_registration_number_whose_label_lost_its_dot_or_hyphen_is_a_note_not_a_phone(line):
    f = _fields(["Tel. 049 353 8228", line], region="IT")
    assert [p.number for p in f.phones] == ["+390493538228"] and f.notes == (line,)


def test_zero_zero_inside_a_registration_number_is_not_a_country_code():
    # "…/0001-22" in a Brazilian CNPJ is not "+1"
    f = _fields(["CNP: 48.418.561/0001-22", "Cel. (85) 7253-1831", "E: f@solenergia.com.br"])
    assert f.region == "BR"
    assert [p.number for p in f.phones] == ["+558572531831"]


def test_zero_zero_prefix():
    assert _fields(["Tel 0049 30 1234567"]).region == "DE"


@pytest.mark.parametrize("line, expected", [
    ("Pooja lyer, FCA", "Pooja Iyer, FCA"),
    ("lronbridge Legal", "Ironbridge Legal"),
    ("Maria de la Cruz", "Maria de la Cruz"),
    ("Copper Software S.r.1.", "Copper Software S.r.l."),
    ("KaiserstraBe 21", "Kaiserstraße 21"),
    ("Praterstrafße 17", "Praterstraße 17"),
    ("Wiener Stra e 32", "Wiener Straße 32"),  # the ß lost to a space
    ("Praterstr aĝe 38, 1033 Wien", "Praterstraße 38, 1033 Wien"),  # or read as an accented letter
    ("Astra e-mail", "Astra e-mail"),
    # a legal form at the end of a line with its l read as i, or its v as y
    ("Reynolds & Co. pic", "Reynolds & Co. plc"),
    ("RIVERSIDE SYSTEMS LTO", "RIVERSIDE SYSTEMS LTD"),  # a D read as O
    ("Falcon Media plic", "Falcon Media plc"),  # a thin stroke read into it
    ("Costa Rio", "Costa Rio"),
    ("Terra Costruzioni Sri", "Terra Costruzioni Srl"),
    ("Copper Freight Pyt. Ltd.", "Copper Freight Pvt. Ltd."),
    ("IRONBRIDGE CAPITAL PYT. LTD.", "IRONBRIDGE CAPITAL PVT. LTD."),  # in capitals too
    ("Rio Sri Lanka", "Rio Sri Lanka"),
    ("PO- 80x 7052, Winnipeg", "PO Box 7052, Winnipeg"),  # the B and o of "Box" read as digits
    ("Polo 80x 3", "Polo 80x 3"),
    ("Ingénieur commercia!", "Ingénieur commercial"),  # a final l read as "!", in a word the lists know
    ("Directeur genera!, Paris", "Directeur general, Paris"),
    ("Kaboom!", "Kaboom!"),
    ("I like pie", "I like pie"),
    ("Bluebees co,, Itd.", "Bluebees co., ltd."),
    ("lonely planet", "lonely planet"),
    ("ViaRoma, 9", "Via Roma, 9"),  # the space after a street word lost, beside a house number
    ("AvenidaPaulista 1000", "Avenida Paulista 1000"),
    ("McDonald 12", "McDonald 12"),
    ("ViaDante Consulting", "ViaDante Consulting"),
    ("SchloßBplatz 244", "Schloßplatz 244"),  # an ß read twice, as itself and as a B
    ("Muühlenweg 9", "Mühlenweg 9"),  # an umlaut's letter read twice, with its dots and without
    ("Zoë Aurélie", "Zoë Aurélie"),
    ("Brighton, BN15WZ", "Brighton, BN1 5WZ"),  # a British postcode's halves run together
    ("London W1T2EQ", "London W1T 2EQ"),
    ("Order AB12CD", "Order AB12CD"),
])
def test_letter_repairs(line, expected):
    assert extract.repair_letters(line) == expected


def test_explicit_region_wins():
    f = _fields(["jane@acme.de", "030 1234567"], region="AT")
    assert f.region == "AT" and f.region_source == "option"


def test_silent_card_falls_back_to_default():
    f = _fields(["Jane Doe"], default_region="NL")
    assert (f.region, f.region_source) == ("NL", "default")


# ---------------------------------------------------------------- websites and profiles

@pytest.mark.parametrize("line, expected", [
    ("www.acme.com", ["www.acme.com"]),
    ("https://acme.io/", ["https://acme.io/"]),
    ("Web: acme.co.uk", ["acme.co.uk"]),
    ("w: https: //www.acme.nl", ["https://www.acme.nl"]),
    ("W: https:/Awww.acme.ca", ["https://www.acme.ca"]),
    ("W: http:#www.oliveira.com/", ["http://www.oliveira.com/"]),  # the scheme's marks misread
    ("Web: http:-//www.brightstudio.uk/", ["http://www.brightstudio.uk/"]),
    ("Web: http.//www.acme.de/", ["http://www.acme.de/"]),
    ("www. acme.ch", ["www.acme.ch"]),
    ("www,acme.net", ["www.acme.net"]),
    ("www.acme.n!", ["www.acme.nl"]),
    ("ww.nuova-immobiliare.it/", ["www.nuova-immobiliare.it/"]),  # a w of the www lost
    ("http://ww.nuova-immobiliare.it/", ["http://www.nuova-immobiliare.it/"]),
    ("www.cavaloeste.combr", ["www.cavaloeste.com.br"]),
    ("www-.planwerk.at", ["www.planwerk.at"]),
    ("https://www.|ighthouse.com", ["https://www.lighthouse.com"]),
    ("http://|ighthouse.io", ["http://lighthouse.io"]),
    ("Ywww.alpestransports.eu", ["www.alpestransports.eu"]),  # an icon read as a capital
    ("nhupsiwww.shimizu.com/", ["www.shimizu.com/"]),  # a scheme read as letters, glued on
    ("hupswww.shimizu.com", ["www.shimizu.com"]),
    ("kiwiwww.shimizu.com", ["kiwiwww.shimizu.com"]),  # (no h and p or t: as read)
    # a scheme's letters misread, its colon and slashes read as other marks
    ("W. htips #www rocha com.br", ["https://www.rocha.com.br"]),
    ("httos://vogel.de", ["https://vogel.de"]),
    ("hħttps//www.sterlingsystems.com", ["https://www.sterlingsystems.com"]),
    ("nttpo//www.azurservices.fr/", ["http://www.azurservices.fr/"]),
    ("nups//estrella.es", ["https://estrella.es"]),
    ("Website: hup /J/www.brasa.com.br/", ["http://www.brasa.com.br/"]),
    ("G) https: Xevergreen-capital.swiss", ["https://evergreen-capital.swiss"]),
    ("https:Žcostainmobiliaria.com", ["https://costainmobiliaria.com"]),
    ("Web: https -//kadegroep.nl", ["https://kadegroep.nl"]),
    ("Website: https://vww.silverline-analytics.com", ["https://www.silverline-analytics.com"]),
    ("Website: http://www.matthewcarter.net /", ["http://www.matthewcarter.net/"]),  # a space before the last slash
    ("hapJwww.donovanfletcher.uk/", ["http://www.donovanfletcher.uk/"]),
    ("help: www.acme.com", ["www.acme.com"]),  # (a word, no scheme: no slash after it, no t in it)
    ("Web: www.acme.com / www.acme.de", ["www.acme.com", "www.acme.de"]),
    # a space before the top-level domain, inside an address only
    ("w: www. lagologistica .it", ["www.lagologistica.it"]),
    ("http://www.azurenergie .ca/", ["http://www.azurenergie.ca/"]),
    ("Visit us .it is fun", []),
    # both dots of a small-print address read as spaces
    ("www sonnenwerkstatt ch", ["www.sonnenwerkstatt.ch"]),
    ("Web http /www beaconrobotics be/", ["http://www.beaconrobotics.be/"]),
    ("www. ikedalaw jp", ["www.ikedalaw.jp"]),
    ("www.estudio.blogspot com.br", ["www.estudio.blogspot.com.br"]),  # a host of several labels
    # ... all three of one under a country's second level
    ("www hayashilogistics co jp", ["www.hayashilogistics.co.jp"]),
    ("http /www pedrafortemineracao com br/", ["http://www.pedrafortemineracao.com.br/"]),
    ("www.acme.com Co Ltd", ["www.acme.com"]),  # a legal form after a host is no part of it
    ("visit www and more", []),
    ("w. www. au tohaushartmann.at", ["www.autohaushartmann.at"]),  # a space read into the host
    ("http://www.estrelacombr/", ["http://www.estrela.com.br/"]),  # the host's only dots lost
    ("http://intranet", []),  # a host after a scheme alone is left as read
    ("jane@acme.com", []),
    ("Acme Co., Ltd.", []),
    ("S.A. de C.V.", []),
    ("e.g. this", []),
    ("12.30 - 18.00", []),
    # after a mail label, a host alone is a mail address whose @ was lost, not a website
    ("Mail: michaeltennamamcallister.com", []),
    ("Emal. anahdeptulpransport.com", []),
    ("Mail: www.mcallister.com", ["www.mcallister.com"]),  # (a www is a website's all the same)
    ("Web: mcallister.com", ["mcallister.com"]),
])
def test_urls(line, expected):
    assert [u.value for u in _fields([line]).urls] == expected


@pytest.mark.parametrize("lines, expected", [
    # the dot before the TLD lost in the address, put back from the card's website
    (["anna@kadebouwnl", "www.kadebouw.nl"], ["anna@kadebouw.nl"]),
    (["E: p.roy@brightlabscouk", "https://brightlabs.co.uk"], ["p.roy@brightlabs.co.uk"]),
    # no website that spells it: the dot is put back before the card's country domain
    (["anna@kadebouwnl", "www.kadebau.nl"], ["anna@kadebouw.nl"]),
    (["anna@kadebouwnl"], []),  # two letters that end a word, on a card from nowhere in particular
    # a space read inside the domain; the piece after it is not a website of its own
    (["kontakt @ sterling labs.sg", "www.sterlinglabs.sg"], ["kontakt@sterlinglabs.sg"]),
    (["kontakt @ sterling labs.sg", "www.sterlingco.sg"], []),
    # and a space on both sides of the dot before the TLD
    (["Email: helene.rousseau@puer tadiseno .com", "W: https://puertadiseno.com"], ["helene.rousseau@puertadiseno.com"]),
    (["Email: helene.rousseau@puer tadiseno .com", "W: https://puertadisenos.com"], []),
    # a domain no validator takes, a letter or two of it misread, that spells the website but
    # for them (an @ read twice, as a ® and an @, too)
    (["Email: maria®@biuestonelabsio", "bluestonelabs.io"], ["maria@bluestonelabs.io"]),
    (["Email: maria@biuestonelabsio", "bluestonelab.io", "www.bluestonelabs.io"], []),  # near two sites
    (["Email: maria@biuestonelabsio", "www.greystonelabs.io"], []),
    # ... or the website's start, where the line was cut after a dot or hyphen
    (["e: k.moreau@orionassurances.", "W: www.orionassurances.ca"], ["k.moreau@orionassurances.ca"]),
    (["E-Mail: j.ruiz@sol-", "www.sol-asesores.es"], ["j.ruiz@sol-asesores.es"]),
    (["e: k.moreau@orion", "W: www.orionassurances.ca"], []),  # no mark of a cut, too little of it
    # the @ read as letters no address has, right before the card's own website
    (["E-mail: g.romanoĉĝesposito.eu", "www.esposito.eu"], ["g.romano@esposito.eu"]),
    (["E-mail: g.romanoĉĝesposito.eu", "www.esposito.it"], []),
    # ... or lost, or read as a space, on a line that starts as a mail line does
    (["E-mail: g.romanoesposito.eu", "www.esposito.eu"], ["g.romano@esposito.eu"]),
    (["E-Mail: contato bluesystems.ca", "http://www.bluesystems.ca"], ["contato@bluesystems.ca"]),
    (["© gonzalo keystonelegal.uk", "www.keystonelegal.uk"], ["gonzalo@keystonelegal.uk"]),
    # ... or read as a capital after a mailbox in small letters
    (["e: martin_koehlerSkeystonelegal.uk", "www.keystonelegal.uk"], ["martin_koehler@keystonelegal.uk"]),
    (["e: martin_koehler keystonelegal.uk", "www.keystonelegal.uk"], ["martin_koehler@keystonelegal.uk"]),
    (["E-mail: g.romanoesposito.eu", "www.esposito.it"], []),
    (["contato bluesystems.ca", "http://www.bluesystems.ca"], []),  # no mail line
    (["E-Mail: contato bluesystems.ca/team", "http://www.bluesystems.ca"], []),
    (["© 2024 acme.com", "www.acme.com"], []),  # a copyright line
    (["Email acme.com", "www.acme.com"], []),  # a label and the site
    (["E: www.acme.com", "www.acme.com"], []),
    (["Experts acme.com", "www.acme.com"], []),  # an e, but no label
    (["© wwv.lumenpartners.ca", "www.lumenpartners.ca"], []),  # a dot before the host: no lost @
    (["© shop.lumenpartners.ca", "www.lumenpartners.ca"], []),
    # ... or read as an &, with a space read into the host
    (["u m.eichhorn&lichtblick medien.ch", "Website: www.lichtblickmedien.ch"], ["m.eichhorn@lichtblickmedien.ch"]),
    (["Barnes&Noble.com", "www.noble.com"], []),  # a brand, printed as it is spelt
    # a letter read into the start of the domain, where the website shows where its name starts
    (["d.gil@Qkade-installatie.be", "Website: www. kade-installatie.be"], ["d.gil@kade-installatie.be"]),
    (["d.gil@Qkade-installatie.be", "Website: kade-installatie.be"], ["d.gil@Qkade-installatie.be"]),
])
def test_email_domain_from_the_website(lines, expected):
    assert [e.value for e in _fields(lines).emails] == expected


@pytest.mark.parametrize("line, expected", [
    ("E-Mail: nsinclair@sullivan.þe", ["nsinclair@sullivan.be"]),  # a b read as a thorn
    ("offlce@colombo.com", ["office@colombo.com"]),  # a role's mailbox with a look-alike letter
    ("inf0@acme.de", ["info@acme.de"]),
    ("into@harboranalytics.com.au", ["info@harboranalytics.com.au"]),  # an f read as a t
    ("salies@bluebird.com.au", ["sales@bluebird.com.au"]),  # a stray stroke read as an i
    ("heiio@outlook.com", ["hello@outlook.com"]),  # both l read as i
    ("hnello@sterling.com", ["hello@sterling.com"]),  # a letter read into the middle of it
    ("infto@atelier.ca", ["info@atelier.ca"]),
    ("infos@atelier.fr", ["infos@atelier.fr"]),  # a mailbox of its own, not info with a letter added
    ("offce@rioenergia.com.br", ["office@rioenergia.com.br"]),  # a thin letter lost
    ("saes@solimoveis.com", ["sales@solimoveis.com"]),
    ("konakt@thibault.eu", ["kontakt@thibault.eu"]),
    ("sale@acme.com", ["sale@acme.com"]),  # a letter lost at the end is not put back ...
    ("kontak@web.de", ["kontakt@web.de"]),  # ... but for a thin one at the end of a long mailbox
    ("suppor@acme.com", ["support@acme.com"]),
    ("oflice@falconfreight.jp", ["office@falconfreight.jp"]),  # one thin letter read as another
    ("mair@acme.at", ["mair@acme.at"]),  # (a name, not "mail" in a short mailbox)
    ("hellog@grupofernandes.com.br", ["hello@grupofernandes.com.br"]),  # a letter read into its end
    ("contatog@autohaus.at", ["contato@autohaus.at"]),
    ("contacts@acme.com", ["contacts@acme.com"]),  # a mailbox of its own
    ("infor@acme.es", ["infor@acme.es"]),
    ("0fflce@colombo.com", ["office@colombo.com"]),
    ("contat@granitelogistics.com", ["contact@granitelogistics.com"]),  # any letter lost inside
    ("suport@acme.com", ["support@acme.com"]),
    ("conta@acme.com", ["conta@acme.com"]),  # (too short to tell)
    ("ilse@acme.de", ["ilse@acme.de"]),
    ("tina@acme.com", ["tina@acme.com"]),
    ("maik@acme.de", ["maik@acme.de"]),
    ("olivia@acme.com", ["olivia@acme.com"]),  # a person's mailbox: never "corrected"
    ("Info@rheinwerk.de", ["Info@rheinwerk.de"]),
])
def test_look_alike_letters_in_a_mail_address(line, expected):
    assert [e.value for e in _fields([line]).emails] == expected


def test_an_icon_read_as_copyright_before_a_mail_address_is_no_address_of_its_own():
    f = _fields(["Hannah Campbell © h.campbell@puertainmobiliaria.es"])
    assert [e.value for e in f.emails] == ["h.campbell@puertainmobiliaria.es"]


@pytest.mark.parametrize("line, url", [
    ("@® www.harborhealth.at", "www.harborhealth.at"),
    ("i @® www.harborhealth.at", "www.harborhealth.at"),  # no mailbox "i" at a www host
    ("© https://harborhealth.at", "https://harborhealth.at"),
    ("@© harborhealth.at", "harborhealth.at"),  # a host alone on its line
])
def test_a_globe_read_as_an_at_before_a_website_is_no_mail_address(line, url):
    f = _fields(["sophie@harborhealth.at", line])
    assert [e.value for e in f.emails] == ["sophie@harborhealth.at"]
    assert [u.value for u in f.urls] == [url]
    # a mail address printed with a space before its @ is still one
    assert [e.value for e in _fields(["jo @ acme.com"]).emails] == ["jo@acme.com"]


@pytest.mark.parametrize("label, urls", [
    ("Website:", ["neckardruck.de"]),
    ("W:", ["neckardruck.de"]),
    ("www.", ["www.neckardruck.de"]),
    ("Website: Frankfurt", []),  # something legible after the label that is no address
])
def test_a_website_label_whose_address_was_lost_takes_the_mail_domain(label, urls):
    assert [u.value for u in _fields(["E: m.sokolov@neckardruck.de", label]).urls] == urls
    assert [u.value for u in _fields(["E: m.sokolov@gmail.com", label]).urls] == []  # no one's website


def test_a_top_level_domain_that_exists_nowhere_is_taken_from_the_other_addresses():
    f = _fields(["alvaro_gomez@summithealth.com.au", "contato@summithealth.com.ati"])
    assert [e.value for e in f.emails] == ["alvaro_gomez@summithealth.com.au", "contato@summithealth.com.au"]
    assert [e.value for e in _fields(["contato@summithealth.com.ati"]).emails] == ["contato@summithealth.com.ati"]


@pytest.mark.parametrize("lines, urls", [
    # the country label cut off the site; the mailbox on the card has it
    (["paulo.souza@veltix.com.br", 'www.veltix.com:-b"'], ["www.veltix.com.br"]),
    (["jo@acme.co.jp", "www.acme.co"], ["www.acme.co.jp"]),
    (["jo@acme.com", "www.acme.com"], ["www.acme.com"]),
    (["jo@acme.com.br", "www.acmegroup.com"], ["www.acmegroup.com"]),
    # a www whose dot was read as a letter, or with a w too many
    (["rahul@silverlinelabs.com", "hup://wwesilverlinelabs.com/"], ["http://silverlinelabs.com/"]),
    (["contact@clairegranger.com", "wWwWW.Clairegranger.com"], ["www.clairegranger.com"]),
    (["WwWwWw.brandt.eu"], ["www.brandt.eu"]),  # ... or several
    (["jo@wwe.com", "www.wwe.com"], ["www.wwe.com"]),
    (["polarfriorefrigeracao. com br"], ["polarfriorefrigeracao.com.br"]),  # both dots read as spaces
    (["https:/ hwww.summitsolutions.com.sg"], ["https://www.summitsolutions.com.sg"]),  # a stray mark before www
    (["www.falconbuilders.co", "falconbuilders.co.uk"], ["falconbuilders.co.uk"]),  # the same site, cut short
    (["Rua das Flores com br"], []),
    # the dot before a web address's ending read as a colon, after a web label or a www
    (["Web: harbourlegal:co.at"], ["harbourlegal.co.at"]),
    (["www.harbourlegal:de"], ["www.harbourlegal.de"]),
    (["Vertrieb:de"], []),
    # a mark beside the address read as capitals is no label of it
    (["w: https://harbourlegal.com BR i"], ["https://harbourlegal.com"]),
    (["www.harbourlegal.com AU"], ["www.harbourlegal.com"]),
    (["www.harbourlegal com au"], ["www.harbourlegal.com.au"]),
    (["WWW.HARBOURLEGAL COM"], ["WWW.HARBOURLEGAL.COM"]),
])
def test_site_completed_from_the_mail_domain(lines, urls):
    assert [u.value for u in _fields(lines).urls] == urls


@pytest.mark.parametrize("lines, urls", [
    # a word of the mail domain's letters, its dots lost and one letter misread, beside a number
    (["u.ferraz@lumenmoz.co.mz", "+258 84 366 5245 lumenmozcamz"], ["lumenmoz.co.mz"]),
    (["sales@olivoenergia.it", "olivoenergait"], ["olivoenergia.it"]),
    (["u.ferraz@lumenmoz.co.mz", "Lumenmoz Transportes", "lumenmoz"], []),  # the domain's name alone
    (["u.ferraz@lumenmoz.co.mz", "e: lumenmozcamz"], []),  # a mail line: a mailbox's @ lost
    (["jo@acme.mz", "acmenz"], []),  # too short to tell from a word
])
def test_a_word_that_is_the_mail_domain_with_its_dots_lost_is_the_website(lines, urls):
    assert [u.value for u in _fields(lines).urls] == urls


@pytest.mark.parametrize("lines, urls, emails", [
    # the l of the card's own country domain read as i
    (["Kouter 12, 1011 AB Amsterdam", "www.dahl.ni", "+31 20 123 4567"], ["www.dahl.nl"], []),
    (["jan@dahl.ni", "Prinsengracht 27", "1015 DV Amsterdam"], [], ["jan@dahl.nl"]),
    # a card from Nicaragua keeps its domain
    (["www.acme.com.ni", "+505 2222 3333"], ["www.acme.com.ni"], []),
])
def test_country_domain_misread_as_its_neighbour(lines, urls, emails):
    f = _fields(lines)
    assert [u.value for u in f.urls] == urls and [e.value for e in f.emails] == emails


def test_a_piece_of_a_mended_address_is_not_a_website():
    f = _fields(["kontakt @ sterling labs.sg", "www.sterlinglabs.sg"])
    assert [u.value for u in f.urls] == ["www.sterlinglabs.sg"]


@pytest.mark.parametrize("line, expected", [
    ("http://aww.northstarlegal.io/", ["http://www.northstarlegal.io/"]),
    ("https://wwww.acme.com", ["https://www.acme.com"]),
    ("W: wwww.xinli.sg", ["www.xinli.sg"]),  # a w too many with no scheme before it
    ("aww.com", ["aww.com"]),  # a site of its own, no host after it: left alone
])
def test_first_w_of_www_misread(line, expected):
    assert [u.value for u in _fields([line]).urls] == expected


@pytest.mark.parametrize("line, urls, emails", [
    ("wrwucavaloeste.com.br", ["www.cavaloeste.com.br"], []),
    ("Web: wvwuacme.com", ["www.acme.com"], []),
    ("wwuacme.de", ["wwuacme.de"], []),  # one w too few: a name of its own
    ("wurwacme@gmail.com", [], ["wurwacme@gmail.com"]),  # a mailbox, not a website
])
def test_www_without_its_dot_read_as_other_letters(line, urls, emails):
    f = _fields([line])
    assert [u.value for u in f.urls] == urls and [e.value for e in f.emails] == emails


@pytest.mark.parametrize("lines, expected", [
    # a top-level domain that exists nowhere, misread: the email's, when the names agree
    (["ken@sakura.co.jp", "www.sakura.co.ijo"], ["www.sakura.co.jp"]),
    (["ken@sakura.co.jp", "www.sakura.com"], ["www.sakura.com"]),  # a real TLD: as printed
    # a mark read as a digit inside a name of letters: the mail's name
    (["E-Mail: fleurp@wijk.nl", "W: https:/wi1jk. nl"], ["https://wijk.nl"]),
    (["jo@acme3.com", "www.acme.com"], ["www.acme.com"]),  # the digit is the mail's, not the site's
])
def test_url_tld_from_the_email(lines, expected):
    assert [u.value for u in _fields(lines).urls] == expected


@pytest.mark.parametrize("lines, region, expected", [
    # a top-level domain that exists nowhere, one letter off the card's country's
    (["ken@sakura.co.ip", "Tel. +81 3 1234 5678"], None, "ken@sakura.co.jp"),
    (["ana@luzdiseno.cs"], "ES", "ana@luzdiseno.es"),
    (["ana@luzdiseno.cs"], "US", "ana@luzdiseno.cs"),  # no country it is one letter off: as printed
    (["ana@luzdiseno.de"], "DK", "ana@luzdiseno.de"),  # a domain that exists: as printed
    (["eline@hansewerk.di", "Telefon 0251 67895"], None, "eline@hansewerk.de"),
    (["hello@grupofernandes.com.dr", "Fone +55 11 2345-6789"], None, "hello@grupofernandes.com.br"),
    (["l.laurent@zontechniek.ey"], "NL", "l.laurent@zontechniek.eu"),  # .eu in a member state
    (["l.laurent@zontechniek.ey"], "US", "l.laurent@zontechniek.ey"),
    (["ana@luzdiseno.eq"], "ES", "ana@luzdiseno.eq"),  # q is read for neither s nor u: as printed
    # .tr for .fr on a French card (f read as t), .cu for .eu on any card but a Cuban one
    (["luc@acme.tr", "Tél. +33 1 42 68 53 00"], None, "luc@acme.fr"),
    (["ali@acme.tr", "Tel. +90 212 555 1234"], None, "ali@acme.tr"),
    (["info@porta-design.cu", "Tel. +49 30 1234567"], None, "info@porta-design.eu"),
    (["jo@acme.cu", "Tel. +53 7 833 4455"], None, "jo@acme.cu"),
])
def test_email_tld_that_exists_nowhere_takes_the_cards_country(lines, region, expected):
    assert [e.value for e in _fields(lines, region=region).emails] == [expected]


@pytest.mark.parametrize("lines, region, expected", [
    # a second level and its country run together: the dot comes back
    (["W: https://quellbach.coat"], "AT", ["https://quellbach.co.at"]),
    (["E: rui@pedraforte.combr"], "BR", ["rui@pedraforte.com.br"]),
    # a stray letter in the last label, where one letter less makes one domain only
    (["W: http://www.brisemer.coam/"], "FR", ["http://www.brisemer.com/"]),
    # ... or one of several, which the card's other address spells, or the card's country's
    (["E: gio@lucevento.eu", "W: www.lucevento.ceu"], "IT", ["gio@lucevento.eu", "www.lucevento.eu"]),
    (["W: www.sonnfeld.ede"], "DE", ["www.sonnfeld.de"]),
    (["W: www.sonnfeld.ede"], "US", ["www.sonnfeld.ede"]),  # .de, .ee or .ed: none to tell
    (["W: www.sonnfeld.cox"], "US", ["www.sonnfeld.cox"]),  # nothing one letter less
    # real domains the lists leave out
    (["W: www.vinyacalma.cat"], "ES", ["www.vinyacalma.cat"]),
    (["W: www.itsasoa.eus"], "ES", ["www.itsasoa.eus"]),
    (["E: info@hartley.tel"], "US", ["info@hartley.tel"]),
    (["E: info@hartley.llc"], "US", ["info@hartley.llc"]),
    (["W: www.inkwell.ink", "T +91 22 1234 5678"], "IN", ["www.inkwell.ink"]),
    (["W: www.dubois.red"], "FR", ["www.dubois.red"]),
])
def test_a_last_label_that_is_no_domain_is_mended(lines, region, expected):
    f = _fields(lines, region=region)
    assert [e.value for e in f.emails] + [u.value for u in f.urls] == expected


@pytest.mark.parametrize("line, expected", [
    ("hassana@gmai.com", "hassana@gmail.com"),
    ("jo.lee@hotmaii.com", "jo.lee@hotmail.com"),
    ("bob@yahooo.fr", "bob@yahoo.fr"),
    ("bob@gmail.com", "bob@gmail.com"),
    ("ana@globe.com", "ana@globe.com"),  # one letter off "globo", but a word: someone's own domain
    ("ana@gmailer.com", "ana@gmailer.com"),  # two letters off: as printed
    ("b.moreau@idoud.com", "b.moreau@icloud.com"),  # two letters run into one: cl read as d
    ("b.moreau@bbero.it", "b.moreau@libero.it"),  # ... li as b
    ("b.moreau@doud.com", "b.moreau@doud.com"),  # nothing a provider's name makes
])
def test_free_mail_provider_spelt_one_letter_off(line, expected):
    assert [e.value for e in _fields([line]).emails] == [expected]


@pytest.mark.parametrize("lines, expected", [
    (["tiwcarpenty@verizon.com", "tfwcarpentry.com"], "tfwcarpentry@verizon.com"),
    (["rreynolds@reynolds.com", "www.reynolds.com"], "rreynolds@reynolds.com"),  # at the site's own domain
    (["deepika_reddy@gmail.com", "www.deepikareddy.co.in"], "deepika_reddy@gmail.com"),  # a person's name
    (["acmecorp1@gmail.com", "www.acmecorp.com"], "acmecorp1@gmail.com"),  # a digit: chosen so
    (["jsmith@gmail.com", "www.jsmithlaw.com"], "jsmith@gmail.com"),  # short, and three letters off
    # named after the start of the website's name, a thin stroke read into it
    (["pollarfrio@terra.com.br", "polarfriorefrigeracao.com.br"], "polarfrio@terra.com.br"),
    (["jonathon@gmail.com", "www.jonathansmith.com"], "jonathon@gmail.com"),  # a name of its own
    (["pollars@terra.com.br", "polarsrefrigeracao.com.br"], "pollars@terra.com.br"),  # too short to be sure
])
def test_mailbox_at_a_provider_named_after_the_website(lines, expected):
    assert [e.value for e in _fields(lines).emails] == [expected]


@pytest.mark.parametrize("line, service, handle", [
    ("linkedin.com/in/janedoe", "linkedin", "janedoe"),
    ("nkedin.com/in/emi-yamada", "linkedin", "emi-yamada"),  # its first letters lost
    ("kedin.com/in/jing-zhang", "linkedin", "jing-zhang"),
    ("Iinkedln.com/in/janedoe", "linkedin", "janedoe"),
    ("https://www.linkedin.com/in/jane-doe/", "linkedin", "jane-doe"),
    ("in/jane-doe", "linkedin", "jane-doe"),
    ("linkedin.conyin/jane-doe", "linkedin", "jane-doe"),  # m read as n, the slash as y
    ("linkedin.corn/in/jane-doe", "linkedin", "jane-doe"),
    ("linkedin.com|company/acme-tools", "linkedin", "acme-tools"),
    ("twitter.com/janedoe", "twitter", "janedoe"),
    ("x.com/janedoe", "twitter", "janedoe"),
    ("Twitter: @janedoe", "twitter", "janedoe"),
    ("instagram.com/jane.doe", "instagram", "jane.doe"),
    ("github.com/janedoe", "github", "janedoe"),
    ("facebook.com/acme", "facebook", "acme"),
])
def test_socials_are_not_websites(line, service, handle):
    f = _fields([line])
    assert f.urls == ()
    assert [(s.service, s.handle) for s in f.socials] == [(service, handle)]


def test_a_handle_after_a_title_is_no_mail_address():
    f = _fields(["Financial Advisor @aiko.watanabe"])
    assert f.emails == ()
    assert f.notes == ("social handle @aiko.watanabe",) and f.used == (((18, 32),),)
    # an address spaced around its @, its top-level domain misread or long, still is one
    assert [e.value for e in _fields(["jo @ acme.con"]).emails] == ["jo@acme.con"]
    assert [e.value for e in _fields(["jo @ acme.travel"]).emails] == ["jo@acme.travel"]


def test_a_name_and_its_own_handle_on_one_line():
    for line, handle in (("Karthik Reddy @karthikreddy", "@karthikreddy"), ("SUN Ying @yingsun", "@yingsun")):
        f = _fields([line])
        assert f.notes == (f"social handle {handle}",) and f.used == (((line.index("@"), len(line)),),)
    # a handle that is not the words before it is left to the other rules
    assert _fields(["Karthik Reddy @acmeindia"]).notes == ()


def test_fax_label_is_not_a_twitter_handle():
    f = _fields(["Fax: 020 7946 0958"], region="GB")
    assert f.socials == ()


@pytest.mark.parametrize("line", ["Molen Installatie B.V.", "Inspiring Lives", "Lithium Works", "Xavier Dupont"])
def test_words_starting_like_a_service_are_not_profiles(line):
    assert _fields([line]).socials == ()


def test_label_bar_and_path():
    f = _fields(["LinkedIn | /in/jane"])
    assert [(s.service, s.handle) for s in f.socials] == [("linkedin", "jane")]


# ---------------------------------------------------------------- postcodes

@pytest.mark.parametrize("line, region, postcode, country", [
    ("San Francisco, CA 94105", None, "94105", "US"),
    ("Toronto ON M5V 2T6", None, "M5V 2T6", "CA"),
    ("London SW1A 1AA", None, "SW1A 1AA", "GB"),
    ("1012 AB Amsterdam", None, "1012 AB", "NL"),
    ("D-28195 Bremen", None, "D-28195", "DE"),
    ("CH-8001 Zürich", None, "CH-8001", "CH"),
    ("CEP 01310-100", None, "01310-100", "BR"),
    ("São Paulo - SP, 01310-100", None, "01310-100", "BR"),
    ("〒530-0001", None, "530-0001", "JP"),
    ("Minato-ku, Tokyo 105-0001", None, "105-0001", "JP"),
    ("Brisbane QLD 4000", None, "4000", "AU"),
    ("Mumbai 400001", None, "400001", "IN"),
    ("Kochi 682 742, Kerala", None, "682 742", "IN"),  # a PIN code in two groups, a comma after it
    ("Singapore 018956", "SG", "018956", "SG"),
    ("10115 Berlin", "DE", "10115", ""),
    ("75008 Paris", "FR", "75008", ""),
    ("1010 Wien", "AT", "1010", ""),
    ("4821 NE 12 Street, Denver, CO 80202", "US", "80202", "US"),  # a compass point is no Dutch postcode
    ("2512 AB Den Haag", None, "2512 AB", "NL"),
])
def test_postcodes(line, region, postcode, country):
    found = extract.find_postcode(line, region)
    assert found is not None and (found[0], found[1]) == (postcode, country)


@pytest.mark.parametrize("line, repaired", [
    ("Montréal QC H5T 7NO", "Montréal QC H5T 7N0"),  # O read for the last zero
    ("Toronto, ON MIV 2J6", "Toronto, ON M1V 2J6"),  # I read for a one
    ("Toronto ON MOV 969", "Toronto ON M0V 9G9"),  # and 6 read for a G
    ("Vancouver, BC V48 9K1", "Vancouver, BC V4B 9K1"),  # 8 for a B
    ("Vancouver, BC VSV 2Ẹ5", "Vancouver, BC V5V 2E5"),  # a speck read under a letter
    ("Calgary, AB TóN 1JO", "Calgary, AB T0N 1J0"),  # a zero read as an accented o
    ("Victoria, 8C VOX OYO", "Victoria, BC V0X 0Y0"),  # and the province's B as an 8
    ("8C DESIGN WORKS", "8C DESIGN WORKS"),
    ("Toronto ON M5V 2T6", "Toronto ON M5V 2T6"),
    ("ON SALE NOW", "ON SALE NOW"),
    ("Brighton BNI 3JS", "Brighton BN1 3JS"),  # the same in a British postcode's first half
    ("London SWIA 1AA", "London SW1A 1AA"),
    ("Leeds LS1 4AP", "Leeds LS1 4AP"),
    ("PO BOX 1AB", "PO BOX 1AB"),
])
def test_a_postcode_read_with_letters_for_digits(line, repaired):
    assert extract.repair_letters(line) == repaired
    if repaired != line:
        assert extract.find_postcode(extract.repair_letters(line))[1] in ("CA", "GB")


@pytest.mark.parametrize("line", ["Jane Doe", "Head of Sales", "+1 415 555 0100 x123", "FN 507087x", "Ref A123456"])
def test_no_postcode(line):
    assert extract.find_postcode(line, "US") is None


def test_country_names_in_several_languages():
    for name, code in [("Germany", "DE"), ("Deutschland", "DE"), ("Allemagne", "DE"), ("Schweiz", "CH"),
                       ("España", "ES"), ("Brasil", "BR"), ("USA", "US"), ("United Kingdom", "GB"), ("Österreich", "AT")]:
        assert extract.find_country(f"Somewhere, {name}")[0] == code


def test_evidence_points_at_the_text():
    f = _fields(["Call: +1 415 555 0100", "jane@acme.com"], region="US")
    p = f.phones[0]
    assert f.lines[p.evidence.line][p.evidence.span[0]:p.evidence.span[1]].strip() == "+1 415 555 0100"
    e = f.emails[0]
    assert e.evidence.line == 1


@pytest.mark.parametrize("line", ["M5V 2T6 Toronto", "E14 5AB London", "D-50549 Köln"])
def test_a_postcode_starting_with_a_letter_is_not_a_labelled_number(line):
    assert extract.repair_letters(line) == line


def test_a_letter_o_inside_a_number_is_not_taken_for_a_label():
    f = _fields(["015 O6 42 76 . 0487 38 76 85"], region="BE")
    assert [p.number for p in f.phones] == ["+3215064276", "+32487387685"]


@pytest.mark.parametrize("printed, expected", [
    ("Rechts anwältin", "Rechtsanwältin"),  # a space read inside a title the word lists know
    ("Projekt leiter", "Projektleiter"),
    ("Head of sales", "Head of sales"),  # two words of their own stay two
    ("Senior Consultant", "Senior Consultant"),
    ("Tanaka Group Corpor ation", "Tanaka Group Corporation"),  # a legal form that is a whole word
    ("Harbor Print, Inc.", "Harbor Print, Inc."),
])
def test_a_space_read_inside_a_known_word(printed, expected):
    assert extract.repair_letters(printed) == expected


def test_a_misread_copy_of_the_site_mended_to_it_is_one_website():
    # "contact@" read as "contacté ", and the domain after it missing a letter: mended to
    # the mail's domain, it is the site printed on the next line, not a second website
    f = extract.fields(["Email: fteixeira@polderenergie.be", "Email: contacté poldernergie.be",
                        "W: polderenergie.be"], region="BE")
    assert [u.value for u in f.urls] == ["polderenergie.be"]


@pytest.mark.parametrize("line, expected", [
    ("e: hkimura@horizon-roasters.co jp", ["hkimura@horizon-roasters.co.jp"]),
    ("E: p.roy@brightlabs.ac uk | Tel 020 7946 0000", ["p.roy@brightlabs.ac.uk"]),
    ("E: p.roy@brightlabs.co", ["p.roy@brightlabs.co"]),
])
def test_the_dot_before_a_country_after_a_second_level_domain_read_as_a_space(line, expected):
    assert [e.value for e in _fields([line]).emails] == expected


@pytest.mark.parametrize("line, expected", [
    ("jo@acme ch", ["jo@acme.ch"]),
    ("uwe_steiner@ironbridgecapital us", ["uwe_steiner@ironbridgecapital.us"]),  # "us" after a mail domain is its TLD
    ("Write to us at jo@acme.com or call us", ["jo@acme.com"]),
])
def test_the_dot_of_a_mail_domain_read_as_a_space(line, expected):
    assert [e.value for e in _fields([line]).emails] == expected


@pytest.mark.parametrize("line, expected", [
    ("E: louis@sonnenbau-ch", ["louis@sonnenbau.ch"]),                   # the dot read as a hyphen
    ("louis@mein-laden-de | Tel 030 1234567", ["louis@mein-laden.de"]),
    ("louis@sonnenbau-ch.de", ["louis@sonnenbau-ch.de"]),                # a domain with a dot keeps its hyphens
])
def test_the_dot_before_the_country_of_a_mail_domain_read_as_a_hyphen(line, expected):
    assert [e.value for e in _fields([line]).emails] == expected


def test_a_mail_domain_cut_in_two_is_not_ended_at_its_hyphen():
    f = _fields(["office@riverside-de gn.com"])
    assert not any("riverside.de" in e.value for e in f.emails) and not f.urls


@pytest.mark.parametrize("a, b, agreed", [
    ("faiconhealth", "faiconheaith", "faiconhealth"),
    ("cobaitlabs", "cobaltiabs", "cobaltlabs"),
    ("cobaltlabs", "cobaltlabs", None),  # one reading: nothing to agree on
    ("mila", "mita", None),  # t and l are no i/l pair
    ("acme", "acmes", None),
    ("lockhart.io", "lockhart.lo", "lockhart.io"),  # no .lo: the i is the TLD's
    ("faicon.il", "falcon.ii", "falcon.il"),  # .il is Israel's
])
def test_two_readings_that_differ_in_l_and_i_agree_on_l(a, b, agreed):
    assert extract.il_agreed(a, b) == agreed


def test_mail_and_web_domains_read_with_an_l_as_i_agree_on_the_l():
    f = _fields(["stefans@faiconhealth.ch", "sales@faiconheaith.ch", "faiconheaith.ch"])
    assert [e.value for e in f.emails] == ["stefans@faiconhealth.ch", "sales@faiconhealth.ch"]
    assert [u.value for u in f.urls] == ["faiconhealth.ch"]


def test_a_website_an_l_off_the_mail_domain_is_not_taken_for_its_misreading():
    # one letter off in a long name makes the website the mail domain misread, unless the
    # letter is an i against an l: then the l is believed, whichever of the two has it
    f = _fields(["maria@biuestonelabs.io", "www.bluestonelabs.io"])
    assert [e.value for e in f.emails] == ["maria@bluestonelabs.io"]
    assert [u.value for u in f.urls] == ["www.bluestonelabs.io"]


@pytest.mark.parametrize("line, expected", [
    ("gregory.morrison@beacon-legaLcom.au", "gregory.morrison@beacon-legal.com.au"),  # "l." read as "L"
    ("rshimizu@matsumotolaw.o.jp", "rshimizu@matsumotolaw.co.jp"),  # the c of "co" lost
    ("info@HALcom.com", "info@HALcom.com"),  # capitals of a name: left alone
])
def test_second_level_and_dot_read_wrong_in_a_mail_address(line, expected):
    assert [e.value for e in _fields([line]).emails] == [expected]


def test_an_address_with_its_at_read_as_a_sign_is_found_once_beside_the_website():
    # the given name joined to the mailbox is the address; "lemaire" alone is no second one
    f = _fields(["Gaëlle Lemaire", "gaelle lemaire®oceanfinance.ch", "hello®oceanfinance.ch", "oceanfinance.ch"])
    assert [e.value for e in f.emails] == ["gaelle.lemaire@oceanfinance.ch", "hello@oceanfinance.ch"]


@pytest.mark.parametrize("line, number", [
    ("-44 (0)1223 252083", "+441223252083"),  # the plus before a country code read as a dash
    ("T: 44 (0)1223 252083", "+441223252083"),  # ... or lost
    ("+44 (0)1223 252083", "+441223252083"),
])
def test_a_country_code_before_a_bracketed_trunk_zero_keeps_its_country(line, number):
    f = _fields([line])
    assert f.region == "GB"
    assert [p.number for p in f.phones] == [number]


def test_a_number_cut_short_does_not_outvote_the_grouping_of_the_other():
    # "02 46 08 80 97" is grouped as France groups it; the cut-short second number is valid in the
    # lenient German plan only, and no longer makes the card German
    f = _fields(["P 02 46 08 80 97", "M 07 77 89 23 %1", "gdubois@copper-design.eu"])
    assert f.region == "FR"
    assert [p.number for p in f.phones][:1] == ["+33246088097"]


@pytest.mark.parametrize("lines, numbers", [
    # the plus read as a plus and a 4, on a card whose country the rest of it says
    (["ALPES SERVICES SPRL", "1070 Bruxelles", "Tel. +43216394200 Mobile +32498642052"], ["+3216394200", "+32498642052"]),
    (["Tel: +65 6213 4965", "M: +46581858019", "W: http://www.vantage-print.com.sg/"], ["+6562134965", "+6581858019"]),
    # a number of another country that is no such misreading stays that country's
    (["Tel +44 20 7946 0958", "Mobile +32 498 64 20 52", "1070 Bruxelles"], ["+442079460958", "+32498642052"]),
])
def test_a_plus_read_as_plus_four_is_the_cards_own_country(lines, numbers):
    assert [p.number for p in _fields(lines).phones] == numbers


def test_numbers_grouped_alike_in_another_country_do_not_outvote_the_cards_domain():
    # Brazilian numbers without their area code; Singapore groups eight digits 4 + 4 too
    f = _fields(["AUTO PEÇAS", "contato@autopecasimperio.com.br",
                 "Av. Rio das Pedras, 1553 - Tel/Fax: 3123-0800", "Av. Sapopemba, 2449 - Tel/Fax: 2966-2550",
                 "Av. do Cursino, 2283 - Tel/Fax: 5067-1991"])
    assert f.region == "BR"
