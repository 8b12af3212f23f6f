"""The registry as Open Referral HSDS 3.0 records: Partner → organization, Locatie → location,
Activiteit → service (with its one service_at_location, schedule, cost option and taxonomy
attributes), and the kinds, categories and target groups as taxonomies.

Only public records reach these functions (the querysets in `api.querysets` ask `openbaar()`).
Fields without a value are left out rather than sent as null: the HSDS schemas type them as
strings or numbers.

Ids: Partner, Locatie and Activiteit carry a stored uuid. Records that exist once per activity
or place (its schedule, cost option, address, accessibility) and the
taxonomy terms get a uuid5 derived from a stable name, so they never change either.
"""

import contextvars
import datetime as dt
import uuid

from django.urls import reverse

from activiteiten.constants import Categorie
from locaties import geo
from locaties.constants import DoelgroepCode, LocatieSoort, SamenwerkingRol

HSDS_VERSION = "3.0"
# Namespace of the derived ids: uuid5 of the URL namespace and the registry's own name.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://ontmoetingsplekken.nl/hsds/")

# The published taxonomies: key, name, description, and the choices that are their terms.
TAXONOMIES = {
    "activiteit-categorie": (
        "Categorie van een activiteit",
        "Wat voor activiteit het is, zoals koffie-ochtend, maaltijd of spreekuur.",
        Categorie,
    ),
    "locatie-soort": (
        "Soort ontmoetingsplek",
        "Wat voor plek het is, zoals een +Punt, wijkservicepunt of buurthuis.",
        LocatieSoort,
    ),
    "doelgroep": (
        "Doelgroep",
        "Voor wie een activiteit of plek bedoeld is.",
        DoelgroepCode,
    ),
}
# Which partner's role makes it the location's organization: the one who runs the place first.
ORGANIZATION_ROLES = (SamenwerkingRol.BEHEERDER, SamenwerkingRol.EIGENAAR)


def derived_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def taxonomy_id(key: str) -> str:
    return derived_id("taxonomy", key)


def term_id(key: str, code: str) -> str:
    return derived_id("term", key, code)


def taxonomy(key: str) -> dict:
    name, description, _choices = TAXONOMIES[key]
    return {
        "id": taxonomy_id(key),
        "name": name,
        "description": description,
        "uri": _absolute(reverse("opendata:pagina")) + f"#{key}",
        "version": "1",
    }


def taxonomy_terms() -> list[dict]:
    """Every term of every published taxonomy, in a fixed order."""
    terms = []
    for key, (_name, _description, choices) in TAXONOMIES.items():
        for code, label in choices.choices:
            terms.append(
                {
                    "id": term_id(key, code),
                    "code": code,
                    "name": str(label),
                    "description": str(label),
                    "taxonomy": TAXONOMIES[key][0],
                    "taxonomy_id": taxonomy_id(key),
                    "language": "nl",
                }
            )
    return terms


def terms_by_id() -> dict[str, tuple[str, str]]:
    """{term id: (taxonomy key, code)}: what a `taxonomy_term_id` parameter stands for."""
    return {
        term_id(key, code): (key, code)
        for key, (_n, _d, choices) in TAXONOMIES.items()
        for code in choices.values
    }


def _attribute(link_id: str, link_entity: str, key: str, code: str, link_type: str) -> dict:
    name, _description, choices = TAXONOMIES[key]
    term = {
        "id": term_id(key, code),
        "code": code,
        "name": str(choices(code).label),
        "description": str(choices(code).label),
        "taxonomy": name,
        "taxonomy_id": taxonomy_id(key),
        "language": "nl",
    }
    return {
        "id": derived_id("attribute", link_id, key, code),
        "link_id": link_id,
        "link_entity": link_entity,
        "link_type": link_type,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


# Scheme and host of the request being answered ("https://ontmoeten.example.nl"), set by the
# API views, so that the records carry absolute links to the resident pages.
BASE_URL: contextvars.ContextVar[str] = contextvars.ContextVar("hsds_base_url", default="")


def _absolute(path: str) -> str:
    return f"{BASE_URL.get()}{path}"


def _compact(record: dict) -> dict:
    """`record` without the fields that have no value."""
    return {key: value for key, value in record.items() if value not in (None, "", [])}


# --------------------------------------------------------------------------- organization


def organization(partner, *, services=None) -> dict:
    record = {
        "id": str(partner.uuid),
        "name": partner.naam,
        # Required by HSDS; the kind of organisation when the partner wrote nothing itself.
        "description": partner.omschrijving or str(partner.get_soort_display()),
        "email": partner.email,
        "website": partner.website,
    }
    record = _compact(record)
    record.setdefault("description", partner.naam)
    if services is not None:
        record["services"] = services
    return record


# --------------------------------------------------------------------------- location


def address(locatie) -> dict:
    """The address as residents may see it: street and place only (and the four digits of the
    postcode, which HSDS requires) when the full address is not public."""
    location_id = str(locatie.uuid)
    if locatie.adres_openbaar:
        address_1 = f"{locatie.straat} {locatie.huisnummer_volledig}"
        postal_code = locatie.postcode
    else:
        address_1 = locatie.straat
        postal_code = locatie.postcode[:4]
    return {
        "id": derived_id("address", location_id),
        "location_id": location_id,
        "address_1": address_1,
        "city": locatie.plaats,
        "region": locatie.gemeente.naam,
        # HSDS requires a province; the registry does not keep one.
        "state_province": "",
        "postal_code": postal_code,
        "country": "NL",
        "address_type": "physical",
    }


ACCESSIBILITY_FIELDS = (
    ("rolstoeltoegankelijk", "Rolstoeltoegankelijk", "Niet rolstoeltoegankelijk"),
    ("aangepast_toilet", "Aangepast toilet", "Geen aangepast toilet"),
    ("ringleiding", "Ringleiding", "Geen ringleiding"),
    ("prikkelarme_ruimte", "Prikkelarme ruimte", "Geen prikkelarme ruimte"),
    (
        "gehandicaptenparkeerplaats",
        "Gehandicaptenparkeerplaats",
        "Geen gehandicaptenparkeerplaats",
    ),
)


def accessibility(locatie) -> list[dict]:
    """One entry per known accessibility fact (unknown ones are left out, not read as "no")."""
    location_id = str(locatie.uuid)
    entries = []
    for field, yes, no in ACCESSIBILITY_FIELDS:
        value = getattr(locatie, field)
        if value is None:
            continue
        entries.append(
            {
                "id": derived_id("accessibility", location_id, field),
                "location_id": location_id,
                "description": yes if value else no,
            }
        )
    if locatie.toegankelijkheid_toelichting:
        entries.append(
            {
                "id": derived_id("accessibility", location_id, "toelichting"),
                "location_id": location_id,
                "description": "Toelichting",
                "details": locatie.toegankelijkheid_toelichting,
            }
        )
    return entries


def location(locatie, *, organization_id: str | None = None) -> dict:
    location_id = str(locatie.uuid)
    record = {
        "id": location_id,
        "location_type": "physical",
        "url": _absolute(reverse("publiek:locatie", args=[locatie.slug])),
        "organization_id": organization_id,
        "name": locatie.naam,
        "description": locatie.omschrijving,
        "addresses": [address(locatie)],
        "accessibility": accessibility(locatie),
        "attributes": [
            _attribute(location_id, "location", "locatie-soort", locatie.soort, "soort"),
        ],
    }
    # The one rule of every public channel: the exact point only for a public address, else
    # the rounded centre of the buurt or wijk (locaties.geo.public_points).
    point = locatie.public_point if hasattr(locatie, "public_point") else geo.public_point(locatie)
    if point is not None:
        record["latitude"], record["longitude"] = point.latitude, point.longitude
    return _compact(record)


# --------------------------------------------------------------------------- service

WEEKLY_OR_MONTHLY = {"WEEKLY", "MONTHLY"}


def _rule_parts(herhaling: str) -> dict[str, str]:
    text = herhaling.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    parts = {}
    for part in text.split(";"):
        key, sep, value = part.partition("=")
        if sep:
            parts[key.strip().upper()] = value.strip().upper()
    return parts


def _until(value: str) -> str | None:
    for fmt in ("%Y%m%dT%H%M%SZ", "%Y%m%dT%H%M%S", "%Y%m%d"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def schedule(activiteit) -> dict:
    """The activity's schedule in HSDS's iCalendar fields. HSDS knows only WEEKLY and MONTHLY;
    other rules (DAILY, YEARLY) keep their RRULE in `description`. Times are wall-clock times
    in Europe/Amsterdam (said in `notes`)."""
    service_id = str(activiteit.uuid)
    record = {
        "id": derived_id("schedule", service_id),
        "service_id": service_id,
        "service_at_location_id": service_at_location_id(activiteit),
        "location_id": str(activiteit.locatie.uuid),
        "dtstart": activiteit.startdatum.isoformat(),
        "valid_from": activiteit.startdatum.isoformat(),
        "opens_at": activiteit.begintijd.strftime("%H:%M"),
        "closes_at": activiteit.eindtijd.strftime("%H:%M"),
        "attending_type": "in_person",
        "notes": "Tijden in Europe/Amsterdam.",
    }
    if not activiteit.herhaling:
        record["valid_to"] = activiteit.startdatum.isoformat()
        record["description"] = "Eenmalig"
        return _compact(record)
    parts = _rule_parts(activiteit.herhaling)
    if parts.get("FREQ") in WEEKLY_OR_MONTHLY:
        record["freq"] = parts["FREQ"]
        if "BYDAY" in parts:
            record["byday"] = parts["BYDAY"]
        if "BYMONTHDAY" in parts:
            record["bymonthday"] = parts["BYMONTHDAY"]
        if "WKST" in parts:
            record["wkst"] = parts["WKST"]
        for key, field in (("INTERVAL", "interval"), ("COUNT", "count")):
            if parts.get(key, "").isdigit():
                record[field] = int(parts[key])
        if "UNTIL" in parts and (until := _until(parts["UNTIL"])):
            record["until"] = until
            record["valid_to"] = until
    record["description"] = f"RRULE:{activiteit.herhaling.strip().removeprefix('RRULE:')}"
    return _compact(record)


def cost_option(activiteit) -> dict:
    service_id = str(activiteit.uuid)
    record = {
        "id": derived_id("cost_option", service_id),
        "service_id": service_id,
        "option": "Gratis" if activiteit.is_gratis else "Deelname",
        "currency": "EUR",
        "amount": float(activiteit.kosten),
        "amount_description": activiteit.kosten_toelichting,
    }
    return _compact(record)


def service_at_location_id(activiteit) -> str:
    """An activity happens at one place, so its service_at_location shares its uuid (HSDS ids
    are unique per table)."""
    return str(activiteit.uuid)


def _eligibility(activiteit, doelgroepen) -> str:
    labels = [str(DoelgroepCode(code).label) for code in doelgroepen]
    if not activiteit.alleen_voor_doelgroep or not labels:
        return "Iedereen is welkom." + (f" Bedoeld voor: {', '.join(labels)}." if labels else "")
    return f"Alleen voor: {', '.join(labels)}."


def service_list_item(activiteit) -> dict:
    """A service with its one-to-one fields only, as the paginated list gives it."""
    record = {
        "id": str(activiteit.uuid),
        "organization_id": str(activiteit.organisator.uuid),
        "name": activiteit.titel,
        "description": activiteit.omschrijving,
        "url": _absolute(reverse("activiteiten:detail", args=[activiteit.slug])),
        "status": "active",
        "application_process": (
            f"Aanmelden via {activiteit.aanmelden_via}." if activiteit.aanmelden_nodig else ""
        ),
        "fees_description": activiteit.kosten_toelichting,
        "last_modified": activiteit.gewijzigd_op.isoformat(),
    }
    return _compact(record)


def service(activiteit, *, with_locations: bool = True) -> dict:
    """A fully nested service: organization, schedule, cost option, taxonomy attributes,
    eligibility and (unless nested inside one) its service_at_location with the location."""
    service_id = str(activiteit.uuid)
    doelgroepen = [doelgroep.code for doelgroep in activiteit.doelgroepen.all()]
    record = service_list_item(activiteit)
    record["eligibility_description"] = _eligibility(activiteit, doelgroepen)
    record["organization"] = organization(activiteit.organisator)
    record["schedules"] = [schedule(activiteit)]
    record["cost_options"] = [cost_option(activiteit)]
    record["attributes"] = [
        _attribute(
            service_id, "service", "activiteit-categorie", activiteit.categorie, "categorie"
        ),
        *(
            _attribute(service_id, "service", "doelgroep", code, "eligibility")
            for code in doelgroepen
        ),
    ]
    record["languages"] = [
        {
            "id": derived_id("language", service_id, "nl"),
            "service_id": service_id,
            "name": "Nederlands",
            "code": "nl",
        }
    ]
    if with_locations:
        record["service_at_locations"] = [service_at_location(activiteit, with_service=False)]
    return record


def service_at_location(activiteit, *, with_service: bool = True) -> dict:
    record = {
        "id": service_at_location_id(activiteit),
        "service_id": str(activiteit.uuid),
        "location_id": str(activiteit.locatie.uuid),
        "location": location(
            activiteit.locatie, organization_id=getattr(activiteit.locatie, "hsds_org", None)
        ),
        "schedules": [schedule(activiteit)],
    }
    if with_service:
        record["service"] = service(activiteit, with_locations=False)
    return record


def service_at_location_list_item(activiteit) -> dict:
    return {
        "id": service_at_location_id(activiteit),
        "service_id": str(activiteit.uuid),
        "location_id": str(activiteit.locatie.uuid),
        "description": f"{activiteit.titel} in {activiteit.locatie.naam}",
    }


def api_info(openapi_url: str) -> dict:
    return {
        "version": HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/3.0/",
        "openapi_url": openapi_url,
    }
