"""Turkish casing, word by word in English text."""

from socialbot.domain.turkish import turkish_title, turkish_upper, upper_words


def test_turkish_rules_where_str_upper_is_wrong() -> None:
    assert "istanbul".upper() == "ISTANBUL"  # why this module exists
    assert turkish_upper("istanbul") == "İSTANBUL"
    assert turkish_upper("ığdır") == "IĞDIR"
    assert turkish_title("ığdır") == "Iğdır" and turkish_title("izmir") == "İzmir"


def test_upper_words_mixes_english_and_turkish() -> None:
    text = "Türkiye wins in İzmir, says Şahin's minister; İstanbul'da rain"
    assert upper_words(text) == "TÜRKİYE WINS IN İZMİR, SAYS ŞAHİN'S MINISTER; İSTANBUL'DA RAIN"


def test_configured_words_and_turkish_articles() -> None:
    assert upper_words("Visit Istanbul and Ankara", turkish_words=["Ankara"]) == "VISIT ISTANBUL AND ANKARA"
    assert upper_words("bir iki", language="tr") == "BİR İKİ"
    assert upper_words("kiosk ankara", turkish_words=["ankara"]) == "KIOSK ANKARA"
    assert upper_words("Sivas visit", turkish_words=["sivas"]) == "SİVAS VISIT"
