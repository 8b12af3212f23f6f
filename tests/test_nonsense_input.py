"""Nonsense typed into every field of every form and every parameter of every page that reads
one never yields a 500: the page answers with a Dutch message, keeps what was typed, escapes it,
and saves nothing of a refused form.

The forms are not listed by hand. For every URL of the staff portal (the "beheer" namespace,
walked as tests/test_beheer_authorization.py does) a persona allowed to use it GETs the page,
and the pages next to it, and reads the rendered forms whose action is that URL. Each field of
such a form, starting from what the form showed, gets each value of NONSENSE in turn. The
public pages that read GET parameters or take a form are listed in PUBLIC_PAGES.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import messages
from django.contrib.messages import get_messages
from django.db import connection, transaction
from django.urls import reverse
from django.utils.html import escape

from locaties.constants import LocatieStatus
from tests.beheer_access import ANONIEM, GEMEENTE, SIGNED_IN, World
from tests.factories import LocatieFactory
from tests.test_beheer_authorization import CASES, MODULES, portal_url_names

SCRIPT = "<script>alert(1)</script>"
TYPED = "🏠 مرحبا بالجيران " + SCRIPT  # emoji, right-to-left text: kept in the form, escaped
HUGE = "99999999999999999999"  # beyond a 64-bit integer
NUL = "a\x00b"  # PostgreSQL refuses it in text
SEVERAL = ["1", "2", "onbekend"]  # several values for a field that takes one
# Every field gets every value once, all fields at once (the form's own checks across fields
# see nonsense everywhere); then each field alone, in a form otherwise as shown, gets the
# values that could get past its own kind of check.
NONSENSE = [
    "x" * 5000,
    NUL,
    TYPED,
    "'; DROP TABLE locaties_locatie; --",
    "-1",
    HUGE,
    "2026-02-30",
    "",
    SEVERAL,
]
NONSENSE_BY_KIND = {
    "text": ["x" * 5000, NUL, TYPED],
    "number": [HUGE, "1e400", "NaN"],
    "date": ["2026-02-30", NUL],
    "time": ["25:99"],
    "choice": ["onbekende-keuze", HUGE, NUL, SEVERAL],
}
KIND_OF_INPUT = {
    **dict.fromkeys(["text", "email", "url", "search", "tel", "textarea", "password"], "text"),
    **dict.fromkeys(["number", "range"], "number"),
    **dict.fromkeys(["date", "datetime-local", "month", "week"], "date"),
    "time": "time",
}
NONSENSE_PARAMETERS = [NUL, HUGE, TYPED]
TEXT_INPUTS = {"text", "email", "url", "search", "tel", "textarea"}
APPS = {"locaties", "partners", "activiteiten", "meldingen", "vrijwilligers"}
# Fields of the login form rendered in every page's header are no part of the page's forms.
LATER_FORM_OF_FORMSET = re.compile(r"-[1-9][0-9]*-")
MANAGEMENT_SUFFIXES = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")


@dataclass
class Field:
    name: str
    kind: str  # the input's type, "select", "select-multiple" or "textarea"
    maxlength: int | None = None


@dataclass
class Form:
    action: str
    method: str
    query: str = ""  # the action's query string, kept when posting
    fields: dict[str, Field] = field(default_factory=dict)
    values: list[tuple[str, str]] = field(default_factory=list)  # what a browser would send

    @property
    def target(self) -> str:
        return f"{self.action}?{self.query}" if self.query else self.action


class FormParser(HTMLParser):
    """The forms of a page as a browser submits them: each control's name, kind and value."""

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: tuple[Field, list[str], list[str]] | None = None  # field, options, chosen
        self.textarea: Field | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urlsplit(attrs.get("action") or self.page_url)
            self.form = Form(
                action=action.path,
                method=(attrs.get("method") or "get").lower(),
                query=action.query,
            )
            self.forms.append(self.form)
            return
        if self.form is None or not attrs.get("name") or "disabled" in attrs:
            if tag == "option" and self.select:
                self._option(attrs)
            return
        name = attrs["name"]
        maxlength = int(attrs["maxlength"]) if attrs.get("maxlength", "").isdigit() else None
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            self.form.fields.setdefault(name, Field(name, kind, maxlength))
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.form.values.append((name, attrs.get("value", "on")))
            elif kind != "submit":
                self.form.values.append((name, attrs.get("value", "")))
        elif tag == "button" and attrs.get("type", "submit") == "submit":
            self.form.fields.setdefault(name, Field(name, "submit"))
        elif tag == "select":
            kind = "select-multiple" if "multiple" in attrs else "select"
            self.select = (self.form.fields.setdefault(name, Field(name, kind)), [], [])
        elif tag == "textarea":
            self.textarea = self.form.fields.setdefault(name, Field(name, "textarea", maxlength))
            self.text = ""

    def _option(self, attrs):
        _field, options, chosen = self.select
        options.append(attrs.get("value", ""))
        if "selected" in attrs:
            chosen.append(attrs.get("value", ""))

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select:
            select, options, chosen = self.select
            if not chosen and select.kind == "select" and options:
                chosen = options[:1]
            self.form.values.extend((select.name, value) for value in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.form.values.append((self.textarea.name, self.text.removeprefix("\n")))
            self.textarea = None


def forms_on(response) -> list[Form]:
    if "html" not in response.get("Content-Type", ""):
        return []  # a download (CSV, XLSX) next to the page holds no forms
    parser = FormParser(response.wsgi_request.path)
    parser.feed(response.content.decode())
    return parser.forms


def row_counts() -> tuple[int, ...]:
    """The number of rows of every table of the project's apps, in one query."""
    tables = sorted(
        {model._meta.db_table for model in apps.get_models() if model._meta.app_label in APPS}
    )
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables))
        return tuple(cursor.fetchone())


def with_value(form: Form, name: str, value) -> dict[str, list[str]]:
    """The form's data as shown, with `value` (or values) for `name` instead."""
    data: dict[str, list[str]] = {}
    for key, shown in form.values:
        data.setdefault(key, []).append(shown)
    data[name] = value if isinstance(value, list) else [value]
    return data


def must_refuse(field: Field, value) -> bool:
    """Whether a browser-side-valid form may not accept `value` in `field`: a NUL byte in text,
    text longer than the field holds, a date or time or number that does not exist."""
    if isinstance(value, list) or field.kind in {"hidden", "checkbox", "radio", "submit"}:
        return False
    if field.kind in TEXT_INPUTS and "\x00" in value:
        return True
    if field.maxlength and len(value) > field.maxlength:
        return True
    if field.kind in {"date", "time"}:
        return value != ""
    if field.kind == "number":
        return value not in {"", "-1"}
    return False


def refused_with_message(response) -> bool:
    """An action that redirects back refuses with an error message (django.contrib.messages)."""
    return any(m.level == messages.ERROR for m in get_messages(response.wsgi_request))


class Nonsense:
    """Sends the values and keeps what went wrong, to report every failure of a URL at once."""

    def __init__(self, client):
        self.client = client
        self.requests = 0
        self.failures: list[str] = []

    def post(self, url: str, form: Form, label: str):
        names = [name for name in form.fields if name != "csrfmiddlewaretoken"]
        everywhere = Field("*", "hidden")
        for value in NONSENSE if names else []:
            data = with_value(form, "csrfmiddlewaretoken", "")
            data.update({name: value if isinstance(value, list) else [value] for name in names})
            self._post_one(url, data, label, everywhere, value)
        for name in names:
            if LATER_FORM_OF_FORMSET.search(name):
                continue  # the formset's first form stands for the others
            fieldinfo = form.fields[name]
            for value in NONSENSE_BY_KIND[KIND_OF_INPUT.get(fieldinfo.kind, "choice")]:
                self._post_one(url, with_value(form, name, value), label, fieldinfo, value)
        # A formset's management form missing altogether.
        management = [name for name in form.fields if name.endswith(MANAGEMENT_SUFFIXES)]
        if management:
            data = {k: v for k, v in with_value(form, "x", "").items() if k not in management}
            self._post_one(url, data, label, Field("management", "hidden"), "")

    def _post_one(self, url, data, label, fieldinfo, value):
        savepoint = transaction.savepoint()
        before = row_counts()
        self.requests += 1
        response = self.client.post(url, data)
        where = f"POST {url} ({label}) {fieldinfo.name}={value!r:.40}"
        try:
            self._check(response, where)
            if response.status_code == 200:
                if row_counts() != before:
                    self.failures.append(f"{where}: form shown again but rows were saved")
                if value == TYPED and fieldinfo.kind in TEXT_INPUTS:
                    if escape(TYPED) not in response.content.decode():
                        self.failures.append(f"{where}: the typed text is not kept")
            elif response.status_code == 302 and refused_with_message(response):
                if row_counts() != before:
                    self.failures.append(f"{where}: refused with a message but rows were saved")
            elif response.status_code == 302 and must_refuse(fieldinfo, value):
                self.failures.append(f"{where}: accepted (302) a value it must refuse")
        finally:
            transaction.savepoint_rollback(savepoint)

    def get(self, url: str, params: dict[str, list[str]], label: str):
        self.requests += 1
        response = self.client.get(url, params)
        self._check(response, f"GET {url} ({label}) {params!r:.80}")

    def _check(self, response, where):
        if response.status_code >= 500:
            self.failures.append(f"{where}: {response.status_code}")
        elif response.status_code not in {200, 302, 400, 404, 405}:
            self.failures.append(f"{where}: unexpected {response.status_code}")
        elif SCRIPT in response.content.decode(errors="replace"):
            self.failures.append(f"{where}: the script came back unescaped")


def _build_world():
    world = World()
    for module in MODULES:
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    return world


def _persona(expected: dict[str, int]) -> str | None:
    """A signed-in role the URL serves (the gemeente's officer when it may), or None."""
    served = [role for role in SIGNED_IN if expected.get(role) in {200, 302}]
    return GEMEENTE if GEMEENTE in served else (served[0] if served else None)


def _url(name, case, world):
    return reverse(f"beheer:{name}", kwargs=case.kwargs(world, "eigen") if case.kwargs else None)


def _neighbours(url: str, world) -> list[str]:
    """The portal pages a form for `url` may be on: the URL itself and the pages that share
    its first path segments (a place's page holds the forms of its status actions)."""
    prefix = url.split("/")[:4]
    pages = []
    for other_name, other_case in sorted(CASES.items()):
        other_url = _url(other_name, other_case, world)
        if other_url == url or other_url.split("/")[:4] == prefix:
            pages.append(other_url)
    return pages


def _fuzz_params(nonsense: Nonsense, url: str, names: set[str], label: str):
    """Each parameter alone gets NONSENSE_PARAMETERS, then all at once get every value of
    NONSENSE, and all at once a repeated value."""
    for name in sorted(names):
        for value in NONSENSE_PARAMETERS:
            nonsense.get(url, {name: value}, label)
    for value in NONSENSE:
        nonsense.get(url, dict.fromkeys(names, value), label)
    nonsense.get(url, {name: [NUL, HUGE] for name in names}, label)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(portal_url_names()))
def test_nonsense_in_a_portal_form_or_parameter_is_refused_without_an_error(client, name):
    world = _build_world()
    case = CASES[name]
    role = _persona(case.post) or _persona(case.get)
    assert role, f"beheer:{name} serves nobody"
    client.force_login(world.users[role])
    url = _url(name, case, world)
    nonsense = Nonsense(client)

    forms = []
    for page in _neighbours(url, world):
        response = client.get(page)
        # Downloads (CSV, XLSX) hold no forms.
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            forms += [(page, form) for form in forms_on(response) if form.action == url]
    post_forms = [(page, form) for page, form in forms if form.method == "post"]
    get_params = {name for _page, form in forms if form.method == "get" for name in form.fields}
    if case.get.get(role) == 200:
        get_params |= {"pagina", "status"}
        _fuzz_params(nonsense, url, get_params, role)
    for page, form in post_forms:
        nonsense.post(form.target, form, f"{role}, form on {page}")
    if not post_forms and case.post.get(role) in {200, 302}:
        # An action without a form in any page: its parameters are what its Case posts.
        keys = set(case.data(world, "eigen")) if case.data else set()
        form = Form(action=url, method="post", fields={k: Field(k, "text") for k in keys})
        nonsense.post(url, form, role)

    assert not nonsense.failures, "\n".join(nonsense.failures)


# Public pages and the GET parameters each reads (beyond those of its rendered forms).
PUBLIC_PAGES = {
    "publiek:home": {"q", "lat", "lon", "gemeente", "wijk", "soort", "pagina"},
    "publiek:lijst": {"q", "lat", "lon", "pagina", "gemeente", "wijk", "soort", "toon"},
    "publiek:kaart": {"q", "lat", "lon", "gemeente", "wijk", "soort"},
    "activiteiten:agenda": {"week", "gemeente", "wijk", "doelgroep", "soort", "pagina"},
    "meldingen:nieuw": {"locatie", "activiteit"},
    "vrijwilligers:lijst": {"gemeente", "wijk", "zonder_vog", "pagina"},
    "vrijwilligers:hulpvraag_nieuw": {"locatie"},
    # The answer form of one vacature: tests/vrijwilligers/test_nonsense.py.
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PUBLIC_PAGES))
def test_nonsense_in_a_public_parameter_or_form_is_refused_without_an_error(client, name):
    world = _build_world()
    gepubliceerd = LocatieFactory(gemeente=world.gemeente, status=LocatieStatus.GEPUBLICEERD)
    url = reverse(name)
    nonsense = Nonsense(client)
    response = client.get(url, {"locatie": gepubliceerd.slug})
    assert response.status_code == 200
    forms = [form for form in forms_on(response) if form.action == url]
    params = set(PUBLIC_PAGES[name])
    params |= {name for form in forms if form.method == "get" for name in form.fields}
    _fuzz_params(nonsense, url, params, "anoniem")
    for form in forms:
        if form.method == "post":
            nonsense.post(form.target, form, ANONIEM)

    assert not nonsense.failures, "\n".join(nonsense.failures)


def test_the_form_parser_reads_fields_as_a_browser_submits_them():
    parser = FormParser("/pagina/")
    parser.feed(
        '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="t">'
        '<input name="naam" value="De Buurt" maxlength="200">'
        '<input type="checkbox" name="actief" checked><input type="checkbox" name="uit">'
        '<select name="soort"><option value="a">A</option><option value="b" selected>B'
        '</option></select><select name="leeg"><option value="x">X</option></select>'
        '<textarea name="tekst">\nregel</textarea><button name="actie" value="ok">Ok</button>'
        '</form><form action="/zoek/?q=1"><input name="q"></form>'
    )
    post, search = parser.forms
    assert post.action == "/pagina/" and post.method == "post"
    assert post.values == [
        ("csrfmiddlewaretoken", "t"),
        ("naam", "De Buurt"),
        ("actief", "on"),
        ("soort", "b"),
        ("leeg", "x"),
        ("tekst", "regel"),
    ]
    assert post.fields["naam"].maxlength == 200
    assert post.fields["actie"].kind == "submit"
    assert (search.target, search.method, list(search.fields)) == ("/zoek/?q=1", "get", ["q"])
