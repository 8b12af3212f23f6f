"""The tables of the coverage dashboard and the risk lists, each defined once for the page and
the export: a list of columns, each with its Dutch header and how to get its value.

The page renders a table from its columns (templates/beheer/dekking/_tabel.html and
_risico_tabel.html: a header per column, a cell per column per row) and the export writes the
same columns as a kern.export.Tabel. A column can be for the page only (`in_export=False`,
such as a few words that sum up the state) or for the export only (`op_pagina=False`, such as
a CBS code the page shows inside the name); a cell that needs more than text (a link, a date)
names a small template in `sjabloon`, which gets the cell's `object` and the row as `rij`.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.utils import formats, timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dekking.dekking import DEKKING_MARGE_M, Cijfers
from dekking.week import DAGDELEN, DEELTEN
from kern.export import Tabel
from locaties.geo import format_distance

# Formatting --------------------------------------------------------------------------------


def aantal(waarde) -> str:
    if waarde is None:
        return _("onbekend")
    return number_format(round(waarde), 0, force_grouping=True)


def uren(waarde: float) -> str:
    return number_format(round(waarde, 1), 1, force_grouping=True)


def afstand(waarde: float | None) -> str:
    if waarde is None:
        return _("geen grens")
    if math.isinf(waarde):
        return _("meer dan %(km)s km") % {"km": DEKKING_MARGE_M // 1000}
    if waarde < 10:
        return _("in de buurt")  # the centre is (next to) a place
    return format_distance(waarde)


def procent(waarde: float) -> str:
    """'37%'; '<1%' and '>99%' rather than rounding a little to nothing or to everything."""
    if 0 < waarde < 0.005:
        return "<1%"
    if 0.995 <= waarde < 1:
        return ">99%"
    return f"{number_format(round(waarde * 100), 0)}%"


def aandeel(cijfers: Cijfers, waarde: float | None) -> str:
    if waarde is not None:
        return procent(waarde)
    if not cijfers.heeft_grens:
        return _("geen grens")
    if cijfers.inwoners == 0:
        return _("geen inwoners")
    return _("onbekend")


def per_plek(cijfers: Cijfers, waarde: float | None) -> str:
    if cijfers.inwoners == 0:
        return _("geen inwoners")
    if not cijfers.plekken:
        return _("geen plek")
    return aantal(waarde)


def _export_getal(waarde, decimalen: int):
    if waarde is None:
        return None
    if isinstance(waarde, float) and math.isinf(waarde):
        return _("meer dan %(m)s") % {"m": DEKKING_MARGE_M}
    return round(waarde, decimalen) if decimalen else round(waarde)


# Columns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom:
    """A column of a table on the page and in its export.

    `waarde` gives the value of a row: written to the export (rounded to `decimalen` when
    that is set) and used to sort on `sleutel` (?sort=). `tekst` gives the text of the cell on
    the page (default: the value); `sjabloon` a template for a cell that needs more, rendered
    with `object` (the row, or what `object` picks from it) and `rij`. The export's header is
    `titel`, with the `eenheid` the page writes in each cell instead ("Afstand (m)")."""

    titel: str
    waarde: Callable[[Any], Any]
    tekst: Callable[[Any], str] | None = None
    sleutel: str = ""
    decimalen: int | None = None
    numeriek: bool = False
    rijkop: bool = False  # the cell names the row: <th scope="row">
    sjabloon: str = ""
    object: Callable[[Any], Any] | None = None
    eenheid: str = ""
    op_pagina: bool = True
    in_export: bool = True

    @property
    def export_titel(self) -> str:
        return f"{self.titel} ({self.eenheid})" if self.eenheid else self.titel

    def export_waarde(self, rij):
        waarde = self.waarde(rij)
        return waarde if self.decimalen is None else _export_getal(waarde, self.decimalen)

    def cel(self, rij) -> dict:
        """What the page's template shows of `rij` in this column."""
        return {
            "titel": self.titel,
            "tekst": self.tekst(rij) if self.tekst else self.waarde(rij),
            "numeriek": self.numeriek,
            "rijkop": self.rijkop,
            "sjabloon": self.sjabloon,
            "object": self.object(rij) if self.object else rij,
        }


def op_pagina(kolommen: list[Kolom]) -> list[Kolom]:
    return [kolom for kolom in kolommen if kolom.op_pagina]


def pagina_rij(kolommen: list[Kolom], rij) -> dict:
    """A row of the page's table: the row itself and a cell per column on the page."""
    return {"object": rij, "cellen": [kolom.cel(rij) for kolom in op_pagina(kolommen)]}


def export_tabel(
    titel: str, kolommen: list[Kolom], rijen, kenmerken: list[tuple[str, Any]]
) -> Tabel:
    """The columns of the export over `rijen`, as one table of a file."""
    kolommen = [kolom for kolom in kolommen if kolom.in_export]
    return Tabel(
        titel=titel,
        kolommen=[kolom.export_titel for kolom in kolommen],
        rijen=[[kolom.export_waarde(rij) for kolom in kolommen] for rij in rijen],
        kenmerken=kenmerken,
    )


# Coverage ----------------------------------------------------------------------------------

NAAM_SJABLOON = "beheer/dekking/_cel_gebied.html"


def cijferkolommen(straal: int) -> list[Kolom]:
    """The figures of an area, after its name: the same for buurten, wijken and the gemeente."""

    def cijfer(sleutel, titel, waarde, tekst, decimalen=0, **opties) -> Kolom:
        return Kolom(
            titel, waarde, tekst, sleutel=sleutel, decimalen=decimalen, numeriek=True, **opties
        )

    alleen_export = {"op_pagina": False}
    return [
        cijfer("inwoners", _("Inwoners"), attrgetter("inwoners"), lambda c: aantal(c.inwoners)),
        cijfer(
            "ouderen",
            _("65-plussers"),
            attrgetter("inwoners_65_plus"),
            lambda c: aantal(c.inwoners_65_plus),
        ),
        cijfer("plekken", _("Plekken"), attrgetter("plekken"), lambda c: aantal(c.plekken)),
        cijfer(
            "sterlocaties",
            _("Sterlocaties"),
            attrgetter("sterlocaties"),
            lambda c: aantal(c.sterlocaties),
        ),
        cijfer("kernen", _("Kernen"), attrgetter("kernen"), None, **alleen_export),
        cijfer(
            "openingsuren",
            _("Openingsuren per week"),
            attrgetter("openingsuren"),
            lambda c: uren(c.openingsuren),
            decimalen=2,
        ),
        cijfer(
            "activiteitenuren",
            _("Activiteitenuren per week"),
            attrgetter("activiteitenuren"),
            lambda c: uren(c.activiteitenuren),
            decimalen=2,
        ),
        cijfer(
            "activiteitenuren_doelgroep",
            _("Waarvan alleen voor een doelgroep"),
            attrgetter("activiteitenuren_doelgroep"),
            lambda c: uren(c.activiteitenuren_doelgroep),
            decimalen=2,
        ),
        cijfer(
            "activiteitenuren_open",
            _("Activiteitenuren open voor iedereen per week"),
            attrgetter("activiteitenuren_open"),
            None,
            decimalen=2,
            **alleen_export,
        ),
        cijfer(
            "per_plek",
            _("Inwoners per plek"),
            attrgetter("inwoners_per_plek"),
            lambda c: per_plek(c, c.inwoners_per_plek),
        ),
        cijfer(
            "ouderen_per_plek",
            _("65-plussers per plek"),
            attrgetter("inwoners_65_plus_per_plek"),
            lambda c: per_plek(c, c.inwoners_65_plus_per_plek),
        ),
        cijfer(
            "afstand",
            _("Afstand tot een plek"),
            attrgetter("afstand_plek_m"),
            lambda c: afstand(c.afstand_plek_m),
            eenheid="m",
        ),
        cijfer(
            "afstand_ster",
            _("Afstand tot sterlocatie (m)"),
            attrgetter("afstand_sterlocatie_m"),
            None,
            **alleen_export,
        ),
        cijfer(
            "afstand_kern",
            _("Afstand tot kern (m)"),
            attrgetter("afstand_kern_m"),
            None,
            **alleen_export,
        ),
        cijfer(
            "bereik",
            _("Binnen %(straal)s m van een plek") % {"straal": straal},
            attrgetter("aandeel_plek"),
            lambda c: aandeel(c, c.aandeel_plek),
            decimalen=4,
        ),
        cijfer(
            "bereik_ouderen",
            _("65-plussers binnen %(straal)s m van een plek") % {"straal": straal},
            attrgetter("aandeel_plek_65_plus"),
            None,
            decimalen=4,
            **alleen_export,
        ),
        cijfer(
            "bereik_ster",
            _("Binnen %(straal)s m van een sterlocatie") % {"straal": straal},
            attrgetter("aandeel_sterlocatie"),
            lambda c: aandeel(c, c.aandeel_sterlocatie),
            decimalen=4,
        ),
        cijfer(
            "bereik_kern",
            _("Binnen 2 km van een kern"),
            attrgetter("aandeel_kern"),
            lambda c: aandeel(c, c.aandeel_kern),
            decimalen=4,
        ),
        cijfer(
            "buiten_bereik_ouderen",
            _("65-plussers zonder plek binnen %(straal)s m") % {"straal": straal},
            attrgetter("buiten_bereik_65_plus"),
            None,
            **alleen_export,
        ),
    ]


def dekking_kolommen(soort: str, straal: int) -> list[Kolom]:
    """The columns of the table of buurten, wijken or the gemeente (`soort`): the CBS code
    (in the export; the page shows it with the name), the name, for a buurt its wijk, and the
    figures. On the page the gemeente is the last row of the table of wijken."""
    titels = {"buurt": _("Buurt"), "wijk": _("Wijk"), "gemeente": _("Gemeente")}
    kolommen = [
        Kolom(_("CBS-code"), attrgetter("code"), op_pagina=False),
        Kolom(
            titels[soort],
            attrgetter("naam"),
            sleutel=soort,
            rijkop=True,
            sjabloon=NAAM_SJABLOON,
        ),
    ]
    if soort == "buurt":
        kolommen.append(Kolom(_("Wijk"), attrgetter("wijk_naam"), sleutel="wijk"))
    return kolommen + cijferkolommen(straal)


# The week ----------------------------------------------------------------------------------


def week_kolommen(soort: str, dagen: list) -> list[Kolom]:
    """The columns of the week grid's export for buurten, wijken or the gemeente (`soort`):
    the CBS code, the name (for a buurt its wijk's code), the residents, the share within
    reach of an open place in each part of each of the `dagen`, and the four parts of the
    week; for wijken and the gemeente also those four for residents 65+ (in a buurt they are
    the same as for everyone)."""
    titels = {"buurt": _("Buurt"), "wijk": _("Wijk"), "gemeente": _("Gemeente")}
    kolommen = [Kolom(_("CBS-code"), attrgetter("code")), Kolom(titels[soort], attrgetter("naam"))]
    if soort == "buurt":
        kolommen.append(Kolom(_("Wijk (CBS-code)"), attrgetter("wijk_code")))
    kolommen.append(Kolom(_("Inwoners"), attrgetter("inwoners"), decimalen=0))
    for d, dag in enumerate(dagen):
        for j, (_code, label, _van, _tot) in enumerate(DAGDELEN):
            kolommen.append(
                Kolom(
                    f"{formats.date_format(dag, 'l j F')}, {label}",
                    lambda c, d=d, j=j: c.cel(d, j),
                    decimalen=4,
                )
            )
    for code, label in DEELTEN:
        kolommen.append(Kolom(str(label), lambda c, code=code: c.deel(code), decimalen=4))
    if soort != "buurt":
        for code, label in DEELTEN:
            kolommen.append(
                Kolom(
                    _("65-plussers, %(deel)s") % {"deel": label},
                    lambda c, code=code: c.deel(code, ouderen=True),
                    decimalen=4,
                )
            )
    return kolommen


# Risks -------------------------------------------------------------------------------------

LOCATIE_SJABLOON = "beheer/dekking/_risico_locatie.html"


def _ja_nee(waarde: bool) -> str:
    return _("ja") if waarde else _("nee")


def _datum(waarde) -> str:
    return formats.date_format(waarde, "j F Y") if waarde else "–"


def financiering_kolommen() -> list[Kolom]:
    """Places whose financing runs out or is missing (dekking/risico.py, financing_at_risk)."""
    return [
        Kolom(_("Locatie"), attrgetter("naam"), rijkop=True, sjabloon=LOCATIE_SJABLOON),
        Kolom(_("Status"), lambda rij: rij.get_status_display(), op_pagina=False),
        Kolom(_("Reden"), attrgetter("reden"), op_pagina=False),
        Kolom(
            _("Einde tijdelijke financiering"),
            attrgetter("einde"),
            sjabloon="beheer/dekking/_cel_datum.html",
            object=attrgetter("einde"),
        ),
        Kolom(
            _("Wat"), attrgetter("toestand"), lambda rij: capfirst(rij.toestand), in_export=False
        ),
        Kolom(_("Bron"), attrgetter("bron"), sjabloon="beheer/dekking/_cel_bron.html"),
        Kolom(_("Financier"), attrgetter("einde_financier"), op_pagina=False),
        Kolom(
            _("Structureel gefinancierd"),
            attrgetter("structureel"),
            lambda rij: _ja_nee(rij.structureel),
        ),
    ]


def samenwerking_kolommen() -> list[Kolom]:
    """Running cooperation not laid down in writing (risico.unwritten_samenwerkingen)."""
    return [
        Kolom(
            _("Locatie"),
            lambda rij: rij.locatie.naam,
            rijkop=True,
            sjabloon=LOCATIE_SJABLOON,
            object=attrgetter("locatie"),
        ),
        Kolom(_("Partner"), lambda rij: rij.partner.naam),
        Kolom(_("Rol"), lambda rij: rij.get_rol_display()),
        Kolom(_("Sinds"), attrgetter("ingangsdatum"), lambda rij: _datum(rij.ingangsdatum)),
        Kolom(_("Tot"), attrgetter("einddatum"), op_pagina=False),
    ]


def _lokale_datum(moment):
    return timezone.localdate(moment) if moment else None


def onbevestigd_kolommen() -> list[Kolom]:
    """Places not confirmed for a year (risico.unconfirmed_locaties)."""
    return [
        Kolom(_("Locatie"), attrgetter("naam"), rijkop=True, sjabloon=LOCATIE_SJABLOON),
        Kolom(_("Status"), lambda rij: rij.get_status_display(), op_pagina=False),
        Kolom(
            _("Laatst bevestigd"),
            attrgetter("laatst_bevestigd_op"),
            sjabloon="beheer/dekking/_cel_bevestigd.html",
            in_export=False,
        ),
        Kolom(
            _("Laatst bevestigd op"),
            lambda rij: _lokale_datum(rij.laatst_bevestigd_op),
            op_pagina=False,
        ),
        Kolom(
            _("Laatst bevestigd door"),
            lambda rij: str(rij.laatst_bevestigd_door or ""),
            op_pagina=False,
        ),
        Kolom(
            _("Geregistreerd op"), lambda rij: _lokale_datum(rij.aangemaakt_op), op_pagina=False
        ),
    ]


# Budget ------------------------------------------------------------------------------------


def euro(waarde) -> str:
    """'€ 12.500' with a no-break space (whole euros on the page; the export keeps the
    cents)."""
    if waarde is None:
        return "–"
    return f"€\u00a0{number_format(round(waarde), 0, force_grouping=True)}"


def _bedrag(titel: str, waarde: Callable[[Any], Any], sleutel: str, **opties) -> Kolom:
    return Kolom(
        titel,
        waarde,
        lambda rij: euro(waarde(rij)),
        sleutel=sleutel,
        decimalen=2,
        numeriek=True,
        eenheid="€",
        **opties,
    )


def bedragkolommen(jaren: list[int], horizon_maanden: int) -> list[Kolom]:
    """The amounts of a group of financing lines (dekking/begroting.py, Post): the same for a
    place, a wijk, a source, a funder and the total."""
    return [
        _bedrag(_("Per jaar nu"), attrgetter("per_jaar_nu"), "nu"),
        _bedrag(_("Waarvan structureel"), attrgetter("structureel_nu"), "structureel"),
        _bedrag(_("Waarvan tijdelijk"), attrgetter("tijdelijk_nu"), "tijdelijk"),
        _bedrag(
            _("Loopt af binnen %(maanden)s mnd.") % {"maanden": horizon_maanden},
            attrgetter("afloop"),
            "afloop",
        ),
        *(
            _bedrag(
                _("In %(jaar)s") % {"jaar": jaar},
                lambda rij, jaar=jaar: rij.jaren[jaar],
                str(jaar),
            )
            for jaar in jaren
        ),
        Kolom(
            _("Regels zonder bedrag"),
            attrgetter("zonder_bedrag"),
            sleutel="zonder_bedrag",
            numeriek=True,
        ),
    ]


def begroting_kolommen(soort: str, jaren: list[int], horizon_maanden: int) -> list[Kolom]:
    """A budget table by `soort`: 'plek', 'wijk', 'bron', 'financier' or 'totaal'."""
    if soort == "plek":
        naam = [
            Kolom(
                _("Locatie"),
                attrgetter("naam"),
                rijkop=True,
                sjabloon=LOCATIE_SJABLOON,
                object=attrgetter("locatie"),
            ),
            Kolom(_("Wijk"), attrgetter("wijk")),
        ]
    else:
        titels = {
            "wijk": _("Wijk"),
            "bron": _("Bron"),
            "financier": _("Financier"),
            "totaal": _("Gemeente"),
        }
        naam = [
            Kolom(
                titels[soort],
                attrgetter("naam"),
                rijkop=True,
                sjabloon="beheer/dekking/_cel_tekst.html",
                object=attrgetter("naam"),
            )
        ]
    return naam + bedragkolommen(jaren, horizon_maanden)


def in_gevaar_kolommen(straal: int) -> list[Kolom]:
    """Places whose only money is temporary and ends within the horizon (begroting.in_gevaar)."""
    return [
        Kolom(
            _("Locatie"),
            attrgetter("naam"),
            rijkop=True,
            sjabloon=LOCATIE_SJABLOON,
            object=attrgetter("locatie"),
        ),
        Kolom(_("Wijk"), attrgetter("wijk")),
        Kolom(
            _("Tijdelijk geld loopt af op"),
            attrgetter("einde_tijdelijk"),
            sjabloon="beheer/dekking/_cel_datum.html",
            object=attrgetter("einde_tijdelijk"),
        ),
        _bedrag(_("Op het spel (per jaar)"), attrgetter("afloop"), "afloop"),
        Kolom(
            _("65-plussers voor wie dit de enige plek binnen %(straal)s m is")
            % {"straal": straal},
            attrgetter("ouderen_alleen_hier"),
            lambda rij: aantal(rij.ouderen_alleen_hier),
            decimalen=0,
            numeriek=True,
        ),
    ]
