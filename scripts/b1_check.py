"""A B1 check of the resident pages' Dutch interface text (taalniveau B1: short sentences,
everyday words).

It reads the Dutch msgids that the public templates use ({% translate %} and
{% blocktranslate %}, both branches of a plural) and those of the Python modules that write
sentences for public pages, and reports:

- a sentence longer than MAX_WORDS words (a placeholder such as {{ naam }} or %(naam)s counts
  as one word; HTML tags are left out; sentences end at . ! ? or ;);
- a word from scripts/b1_moeilijke_woorden.txt (whole words, any case), with the plainer
  word the list suggests.

This is a rough, honest check: it cannot judge meaning, and B1 is more than length and a word
list. What it finds is worth a look; what it misses is not proof of plain language.
tests/test_b1_taal.py runs it and fails on anything it reports.

    python scripts/b1_check.py          # report; exit status 1 when something is found
"""

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_WORDS = 15
HARD_WORDS_FILE = Path(__file__).with_name("b1_moeilijke_woorden.txt")

# The templates residents see. The portal (beheer/), sign-in (account/, mfa/, allauth/) and
# e-mails to staff (partners/) are for staff and are not checked.
PUBLIC_TEMPLATES = [
    "templates/base.html",
    "templates/403.html",
    "templates/404.html",
    "templates/500.html",
    "templates/publiek/*.html",
    "templates/activiteiten/*.html",
    "templates/activiteiten/includes/*.html",
    "templates/includes/*.html",
    "templates/meldingen/*.html",
    "templates/vrijwilligers/*.html",
    "templates/opendata/*.html",
]
# Python modules whose translated strings end up as sentences on public pages.
PUBLIC_MODULES = [
    "locaties/opening.py",
    "activiteiten/agenda.py",
    "activiteiten/templatetags/agenda.py",
    "publiek/views.py",
    "meldingen/forms.py",
    "vrijwilligers/forms.py",
]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}

TRANSLATE = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.*?)\1""", re.S)
BLOCK = re.compile(
    r"\{%\s*blocktrans(?:late)?\b[^%]*%\}(.*?)\{%\s*endblocktrans(?:late)?\s*%\}", re.S
)
PLURAL = re.compile(r"\{%\s*plural\s*%\}")
PLACEHOLDER = re.compile(r"\{\{.*?\}\}|%\(\w+\)[sd]|%[sd]")
TAG = re.compile(r"<[^>]+>")
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
WORD = re.compile(r"\d+(?:[.,]\d+)*|[\wÀ-ÿ’'-]+")  # 2.1 and 1,50 are one word


@dataclass(frozen=True)
class Finding:
    where: str
    text: str
    problem: str

    def __str__(self):
        return f"{self.where}: {self.problem}\n    “{self.text}”"


def hard_words() -> dict[str, str]:
    """{word: plainer word} from the list (one `word = plainer` a line, # for comments)."""
    words = {}
    for line in HARD_WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            word, _sep, plainer = line.partition("=")
            words[word.strip().lower()] = plainer.strip()
    return words


def template_strings(path: Path) -> list[str]:
    """The Dutch msgids of a template, each branch of a plural on its own."""
    source = path.read_text(encoding="utf-8")
    strings = [match.group(2) for match in TRANSLATE.finditer(source)]
    for match in BLOCK.finditer(source):
        strings += PLURAL.split(match.group(1))
    return strings


def module_strings(path: Path) -> list[str]:
    """The string literals passed to gettext and friends in a Python module."""
    strings = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in GETTEXT_NAMES:
            strings += [
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
    return strings


def public_strings() -> list[tuple[str, str]]:
    """(file, msgid) for every checked string."""
    found = []
    for pattern in PUBLIC_TEMPLATES:
        for path in sorted(ROOT.glob(pattern)):
            found += [(str(path.relative_to(ROOT)), s) for s in template_strings(path)]
    for name in PUBLIC_MODULES:
        found += [(name, s) for s in module_strings(ROOT / name)]
    return found


def sentences(text: str) -> list[str]:
    plain = TAG.sub(" ", PLACEHOLDER.sub("X", text))
    plain = " ".join(plain.split())
    return [s for s in SENTENCE_END.split(plain) if s]


def words(sentence: str) -> list[str]:
    return [w for w in WORD.findall(sentence) if any(c.isalnum() for c in w)]


def check(strings: list[tuple[str, str]] | None = None) -> list[Finding]:
    strings = public_strings() if strings is None else strings
    hard = hard_words()
    findings = []
    for where, text in strings:
        for sentence in sentences(text):
            count = len(words(sentence))
            if count > MAX_WORDS:
                findings.append(Finding(where, sentence, f"{count} woorden (meer dan 15)"))
        lowered = " ".join(TAG.sub(" ", PLACEHOLDER.sub("X", text)).lower().split())
        for word, plainer in hard.items():
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered):
                hint = f"; eenvoudiger: {plainer}" if plainer else ""
                findings.append(Finding(where, text, f"moeilijk woord ‘{word}’{hint}"))
    return findings


def main() -> int:
    findings = check()
    for finding in findings:
        print(finding)
    checked = len(public_strings())
    print(f"{checked} teksten bekeken, {len(findings)} gevonden.", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
