"""The resident pages' Dutch interface text stays at taalniveau B1 as far as a program can
tell (scripts/b1_check.py): no sentence longer than 15 words, no word from the list of hard
words (scripts/b1_moeilijke_woorden.txt). A new long sentence or hard word in a public
template fails here; rewrite it in short sentences and everyday words."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "b1_check.py"
_spec = importlib.util.spec_from_file_location("b1_check", SCRIPT)
b1_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(b1_check)


def test_the_public_texts_have_no_long_sentences_or_hard_words():
    findings = b1_check.check()

    assert not findings, "Not B1 (scripts/b1_check.py):\n" + "\n".join(map(str, findings))


def test_the_check_reads_the_public_templates_and_modules():
    strings = b1_check.public_strings()
    files = {where for where, _text in strings}

    assert len(strings) > 300
    assert "templates/publiek/privacy.html" in files
    assert "templates/vrijwilligers/vacature.html" in files
    assert "locaties/opening.py" in files
    assert not any(where.startswith("templates/beheer/") for where in files)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "Een zin van zestien woorden is te lang voor wie Nederlands nog maar "
            "een beetje leest.",
            "16 woorden",
        ),
        ("Je kunt je middels dit formulier aanmelden.", "‘middels’"),
        ("Indien je wilt, bel ons.", "‘indien’"),
        ("Dit kan i.v.m. de verbouwing niet.", "‘i.v.m.’"),
        ("Het bedrag is conform de afspraak.", "‘conform’"),
    ],
)
def test_the_check_finds_a_long_sentence_or_a_hard_word(text, problem):
    findings = b1_check.check([("voorbeeld.html", text)])

    assert len(findings) == 1
    assert problem in findings[0].problem


@pytest.mark.parametrize(
    "text",
    [
        "Kom binnen voor koffie. Iedereen is welkom, ook zonder afspraak.",
        "Open van 09:00 tot 12:00 bij {{ naam }} in {{ plaats }}.",
        "Dit is <strong>een korte zin</strong> met opmaak.",
        "De norm is WCAG 2.1 op niveau A en AA.",
        "Je kunt je inschrijven; dat is gratis.",
    ],
)
def test_plain_short_sentences_pass(text):
    assert b1_check.check([("voorbeeld.html", text)]) == []


def test_sentences_end_at_full_stops_question_marks_and_semicolons():
    assert b1_check.sentences("Een. Twee? Drie; vier! Vijf") == [
        "Een.",
        "Twee?",
        "Drie;",
        "vier!",
        "Vijf",
    ]


def test_a_template_gives_its_translate_and_both_plural_branches(tmp_path):
    template = tmp_path / "t.html"
    template.write_text(
        '{% translate "Eén zin." %}{% blocktranslate count n=x %}{{ n }} plek'
        "{% plural %}{{ n }} plekken{% endblocktranslate %}",
        encoding="utf-8",
    )

    assert b1_check.template_strings(template) == ["Eén zin.", "{{ n }} plek", "{{ n }} plekken"]
