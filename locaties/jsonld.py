"""schema.org data (JSON-LD) for public pages, so search engines and assistants can read a
place's address and hours. Built as dicts and written with `script_tag`, which escapes the
JSON for an HTML page: a data block is not executed, so the Content-Security-Policy allows it."""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString

# The characters that could end the <script> element or open a comment inside it; the same
# escapes as Django's json_script.
_HTML_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

SCHEMA_DAYS = (
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
)


def script_tag(data) -> SafeString:
    """`<script type="application/ld+json">` holding `data`, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False).translate(_HTML_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))


def postal_address(locatie) -> dict:
    """The address as residents may see it: without house number and postcode when the
    place's full address is not public."""
    address = {
        "@type": "PostalAddress",
        "addressLocality": locatie.plaats,
        "addressCountry": "NL",
    }
    if locatie.adres_openbaar:
        address["streetAddress"] = f"{locatie.straat} {locatie.huisnummer_volledig}"
        address["postalCode"] = locatie.postcode
    else:
        address["streetAddress"] = locatie.straat
    return address


def place(locatie, url: str, *, point) -> dict:
    """A schema.org Place for a published Locatie; `url` is its absolute page address and
    `point` its geo.public_point (None: no geo). Uses the prefetched `openingstijden`."""
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "@id": url,
        "url": url,
        "name": locatie.naam,
        "address": postal_address(locatie),
    }
    if locatie.omschrijving:
        data["description"] = locatie.omschrijving
    if locatie.telefoon:
        data["telephone"] = locatie.telefoon
    if point is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": point.latitude,
            "longitude": point.longitude,
        }
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": SCHEMA_DAYS[tijd.weekdag],
            "opens": tijd.van.strftime("%H:%M"),
            "closes": tijd.tot.strftime("%H:%M"),
        }
        for tijd in locatie.openingstijden.all()
    ]
    if hours:
        data["openingHoursSpecification"] = hours
    if locatie.rolstoeltoegankelijk is not None:
        data["amenityFeature"] = [
            {
                "@type": "LocationFeatureSpecification",
                "name": "Rolstoeltoegankelijk",
                "value": locatie.rolstoeltoegankelijk,
            }
        ]
    return data
