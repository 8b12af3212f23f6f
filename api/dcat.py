"""The dataset description for data.overheid.nl: DCAT-AP in the DONL profile, as JSON-LD,
with one distribution per channel (the HSDS API, its OpenAPI description, the GeoJSON and the
dates feed)."""

from django.conf import settings
from django.urls import reverse

LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
DUTCH = "http://publications.europa.eu/resource/authority/language/NLD"
THEME = "http://standaarden.overheid.nl/owms/terms/Zorg_en_gezondheid"

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "overheid": "http://standaarden.overheid.nl/owms/terms/",
    "donl": "https://data.overheid.nl/",
}


def _distribution(url: str, title: str, description: str, media_type: str, kind: str) -> dict:
    return {
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dct:description": description,
        "dcat:accessURL": {"@id": url},
        "dcat:mediaType": media_type,
        "dct:license": {"@id": LICENCE},
        "dct:language": {"@id": DUTCH},
        "dct:type": kind,
    }


def dataset(request) -> dict:
    def url(name: str, query: str = "") -> str:
        return request.build_absolute_uri(reverse(name)) + query

    page = url("opendata:pagina")
    contact = settings.SPECTACULAR_SETTINGS["CONTACT"]
    return {
        "@context": CONTEXT,
        "@id": url("api:dataset"),
        "@type": "dcat:Dataset",
        "dct:identifier": url("api:dataset"),
        "dct:title": f"{settings.SITE_NAME}: ontmoetingsplekken en activiteiten in de wijk",
        "dct:description": (
            "Het openbare register van ontmoetingsplekken in de wijk: waar ze zijn, wie ze "
            "draaien, hoe toegankelijk ze zijn en welke activiteiten er zijn. Alleen "
            "gepubliceerde gegevens; van plekken in een wooncomplex zonder openbaar adres "
            "staan geen exacte coördinaten in de data."
        ),
        "dct:language": {"@id": DUTCH},
        "dct:license": {"@id": LICENCE},
        "dcat:theme": {"@id": THEME},
        "dcat:keyword": ["ontmoetingsplek", "buurthuis", "activiteiten", "sociaal domein", "HSDS"],
        "dcat:landingPage": {"@id": page},
        "dct:accessRights": "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
        "overheid:authority": settings.SITE_NAME,
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": settings.SITE_NAME},
        "dcat:contactPoint": {
            "@type": "vcard:Kind",
            "vcard:fn": contact["name"],
            "vcard:hasEmail": {"@id": f"mailto:{contact['email']}"},
        },
        "dct:conformsTo": [{"@id": "https://docs.openreferral.org/en/3.0/"}],
        "dcat:distribution": [
            _distribution(
                url("api:hsds"),
                "Open Referral HSDS 3.0 API",
                "Plekken, activiteiten en organisaties volgens HSDS 3.0 (JSON, ndjson).",
                "application/json",
                "API",
            ),
            _distribution(
                url("api:openapi"),
                "OpenAPI-beschrijving",
                "De beschrijving van de API in OpenAPI 3.",
                "application/vnd.oai.openapi+json",
                "Documentatie",
            ),
            _distribution(
                url("api:geojson"),
                "Ontmoetingsplekken als GeoJSON",
                "Alle gepubliceerde plekken; ?gemeente=<slug> voor één gemeente.",
                "application/geo+json",
                "Download",
            ),
            _distribution(
                url("api:agenda"),
                "Komende activiteiten (JSON)",
                "De komende data per plek, wijk of organisatie (?locatie=, ?wijk=, "
                "?organisatie=).",
                "application/json",
                "API",
            ),
        ],
    }
