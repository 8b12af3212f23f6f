"""The load of scripts/scale_out.sh: residents searching and reading public pages, and staff
editing the same few places at once (each edit appends a token to the description, so a lost
update shows as a saved token missing from the final text).

Reads SCALE_OUT_DATA (JSON written by jobs.py `prepare`): place slugs to read and to edit, and
the staff login. Writes the tokens of saved edits to SCALE_OUT_EDITS at the end.
"""

import json
import os
import random
import re
import uuid
from html.parser import HTMLParser

import urllib3
from locust import HttpUser, between, events, task

urllib3.disable_warnings()  # the self-signed certificate of the test nginx

DATA = json.loads(open(os.environ["SCALE_OUT_DATA"]).read())
STALE = "Iemand anders heeft deze gegevens intussen opgeslagen"
SAVED: list[dict] = []
REFUSED: list[str] = []


class FormParser(HTMLParser):
    """The fields of each form with method=post, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.select = None
        self.select_value = None
        self.textarea = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post":
            self.in_form = True
            self.fields = []
            self.forms.append(self.fields)
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self.select, self.select_value = name, None
            self.multiple = "multiple" in a
            self.first_option = None
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = a.get("value", "")
            if "selected" in a:
                self.fields.append((self.select, a.get("value", "")))
                self.select_value = True
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "select" and self.select:
            if not self.select_value and not self.multiple and self.first_option is not None:
                self.fields.append((self.select, self.first_option))
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, "".join(self.text).lstrip("\n")))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)


def form_fields(html: str, field: str) -> list[tuple[str, str]]:
    """The fields of the post form that has `field`."""
    parser = FormParser()
    parser.feed(html)
    return next((form for form in parser.forms if any(n == field for n, _ in form)), [])


class Bewoner(HttpUser):
    """A resident: home page, a search by place name, a place's page, the agenda."""

    weight = 1
    wait_time = between(0.3, 1.5)

    def on_start(self):
        self.client.verify = False  # nginx's certificate is self-signed

    @task(2)
    def home(self):
        self.client.get("/", name="bewoner: home")

    @task(4)
    def zoeken(self):
        plaats = random.choice(["Apeldoorn", "Zeist", "Purmerend", "7311"])
        self.client.get(f"/locaties/?q={plaats}", name="bewoner: zoeken")

    @task(4)
    def locatie(self):
        self.client.get(f"/locaties/{random.choice(DATA['lezen'])}/", name="bewoner: locatie")

    @task(1)
    def agenda(self):
        self.client.get("/activiteiten/", name="bewoner: agenda")


class Medewerker(HttpUser):
    """A gemeente officer editing one of a few shared places: open the form, append a token to
    the description, save. Saved or refused as stale are both correct outcomes."""

    fixed_count = DATA.get("staff", 8)
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.client.verify = False
        self.client.headers["Referer"] = self.host + "/accounts/login/"
        self.client.get("/accounts/login/", name="medewerker: inloggen")
        response = self.client.post(
            "/accounts/login/",
            data={
                "login": DATA["login"],
                "password": DATA["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="medewerker: inloggen",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"login failed: {response.status_code}")

    @task
    def bewerken(self):
        slug = random.choice(DATA["bewerken"])
        url = f"/beheer/locaties/{slug}/bewerken/"
        page = self.client.get(url, name="medewerker: formulier")
        if page.status_code != 200:
            return
        fields = form_fields(page.text, "omschrijving")
        token = f"e{uuid.uuid4().hex[:8]}"
        fields = [
            (name, f"{value.rstrip()} {token}" if name == "omschrijving" else value)
            for name, value in fields
        ]
        self.client.headers["Referer"] = self.host + url
        with self.client.post(
            url,
            data=fields,
            name="medewerker: opslaan",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                SAVED.append({"slug": slug, "token": token})
                response.success()
            elif response.status_code == 200 and STALE in response.text:
                REFUSED.append(token)
                response.success()
            else:
                errors = re.findall(r"Fout: ([^<]{0,80})", response.text)
                response.failure(f"status {response.status_code}: {errors[:3]}")


@events.test_stop.add_listener
def write_edits(environment, **kwargs):
    with open(os.environ["SCALE_OUT_EDITS"], "w") as out:
        json.dump({"saved": SAVED, "refused": REFUSED}, out)
