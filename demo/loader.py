"""Writing the demo data to the database: the tables of demo/data.py, filled in by the rules
of demo/rules.py.

Loading is idempotent: every record is looked up by a natural key and saved only when a value
differs, so a second run writes nothing (and adds no django-simple-history rows).
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import hashers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from activiteiten import occurrences, schedule
from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit, Uitzondering
from demo import rules
from demo.data import (
    ACTIVITEITEN,
    BEGELEIDERS,
    BEVESTIGERS,
    DEMO_PASSWORD,
    DEMO_UITNODIGING_DOOR,
    DEMO_UITNODIGING_EMAIL,
    DEMO_UITNODIGING_PARTNER,
    DEMO_UITNODIGING_TOKEN,
    GEBRUIKERS,
    INVENTED,
    PARTNERS,
    PLEKKEN,
    STEDEN,
    VERHUUR,
    ActiviteitData,
    Plek,
    Stad,
)
from kern.timezones import AMSTERDAM
from locaties.constants import LocatieSoort, SamenwerkingRol, WijkSoort
from locaties.models import (
    Begeleidingstijd,
    Doelgroep,
    Financiering,
    Locatie,
    Openingstijd,
    Ruimte,
    Samenwerking,
    Sluiting,
    Verhuur,
    Voorziening,
    Wijk,
)
from partners.constants import LidmaatschapRol
from partners.invitations import hash_token
from partners.models import Gemeente, Lidmaatschap, Partner, Uitnodiging, User
from vrijwilligers import demo as vrijwilligers_demo

# ---------------------------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------------------------


@dataclass
class GemeenteCounts:
    gemeente: str
    cbs_code: str
    locaties: int
    gepubliceerd: int
    sterlocaties: int
    partners: int
    activiteiten: int
    wijken: int
    buurten: int


@dataclass
class DemoUser:
    email: str
    naam: str
    partner: str
    rol: str


@dataclass
class DemoResult:
    gemeenten: list[GemeenteCounts]
    users: list[DemoUser]
    password: str
    invented: str
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)


# ---------------------------------------------------------------------------------------------
# Writing: look up by natural key, save only what differs
# ---------------------------------------------------------------------------------------------


def _differs(obj, name: str, value) -> bool:
    model_field = obj._meta.get_field(name)
    if model_field.many_to_one:
        return getattr(obj, model_field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def sync(result: DemoResult, model, *, lookup: dict, values: dict | None = None, m2m=None):
    """The row of `model` matching `lookup`, created or updated to carry `values` and the
    many-to-many sets in `m2m`; saved (after full_clean) only when something differs."""
    values = values or {}
    label = model._meta.label
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        result.created[label] += 1
    else:
        changed = {name: value for name, value in values.items() if _differs(obj, name, value)}
        if changed:
            for name, value in changed.items():
                setattr(obj, name, value)
            obj.full_clean()
            obj.save()
            result.updated[label] += 1
    for name, wanted in (m2m or {}).items():
        manager = getattr(obj, name)
        if created:
            manager.set(wanted)
        elif set(manager.values_list("pk", flat=True)) != {item.pk for item in wanted}:
            manager.set(wanted)
            result.updated[f"{label}.{name}"] += 1
    return obj


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def _load_partners(result: DemoResult, gemeenten: dict[str, Gemeente]) -> dict[str, Partner]:
    partners = {}
    for data in PARTNERS:
        partners[data.slug] = sync(
            result,
            Partner,
            lookup={"slug": data.slug},
            values={
                "naam": data.naam,
                "soort": data.soort,
                "rechtsvorm": data.rechtsvorm,
                "statuten_algemeen_belang": data.algemeen_belang,
                "kvk_nummer": data.kvk_nummer,
                "gemeente": gemeenten[data.gemeente] if data.gemeente else None,
                "email": data.email,
                "telefoon": data.telefoon,
                "website": data.website,
                "omschrijving": data.omschrijving,
                "is_demo": data.is_demo,
            },
            m2m={"werkgebied": [gemeenten[naam] for naam in data.werkgebied]},
        )
    return partners


def _load_wijken(result: DemoResult, stad: Stad, gemeente: Gemeente) -> dict[str, Wijk]:
    """Wijken and buurten of `stad`, by name (buurt names are unique within a gemeente)."""
    by_naam = {}
    for spec in rules.wijk_specs(stad):
        wijk = sync(
            result,
            Wijk,
            lookup={"cbs_code": spec.code},
            values={
                "gemeente": gemeente,
                "naam": spec.data.naam,
                "slug": slugify(f"{stad.naam} {spec.data.naam}"),
                "soort": WijkSoort.WIJK,
                "wijk": None,
                "grens": spec.grens,
                "inwoners": spec.inwoners,
                "aandeel_65_plus": spec.aandeel_65_plus,
                "is_demo": True,
            },
        )
        by_naam[spec.data.naam] = wijk
        for buurt in spec.buurten:
            by_naam[buurt.naam] = sync(
                result,
                Wijk,
                lookup={"cbs_code": buurt.code},
                values={
                    "gemeente": gemeente,
                    "naam": buurt.naam,
                    "slug": slugify(f"{stad.naam} {buurt.naam}"),
                    "soort": WijkSoort.BUURT,
                    "wijk": wijk,
                    "grens": buurt.grens,
                    "inwoners": buurt.inwoners,
                    "aandeel_65_plus": buurt.aandeel_65_plus,
                    "is_demo": True,
                },
            )
    return by_naam


def _sync_tijdvakken(result: DemoResult, model, locatie: Locatie, tijden: dict) -> None:
    """Make the weekly periods of `locatie` exactly `tijden`: {weekdag: ((van, tot), ...)}."""
    wanted = {
        (dag, _time(van)): _time(tot) for dag, vakken in tijden.items() for van, tot in vakken
    }
    stale = [
        row.pk
        for row in model.objects.filter(locatie=locatie)
        if (row.weekdag, row.van) not in wanted
    ]
    if stale:
        model.objects.filter(pk__in=stale).delete()
        result.deleted[model._meta.label] += len(stale)
    for (weekdag, van), tot in sorted(wanted.items()):
        sync(
            result,
            model,
            lookup={"locatie": locatie, "weekdag": weekdag, "van": van},
            values={"tot": tot},
        )


def _load_locatie(
    result: DemoResult,
    *,
    plek: Plek,
    index: int,
    stad: Stad,
    gemeente: Gemeente,
    wijken: dict[str, Wijk],
    partners: dict[str, Partner],
    voorzieningen: dict[str, Voorziening],
    doelgroepen: dict[str, Doelgroep],
) -> tuple[Locatie, dict[str, Ruimte], dict]:
    values, voorziening_codes, doelgroep_codes = rules.locatie_gegevens(
        plek=plek, index=index, stad=stad, wijken=wijken, partners=partners
    )
    locatie = sync(
        result,
        Locatie,
        lookup={"slug": rules.locatie_slug(stad, plek.naam)},
        values={**values, "gemeente": gemeente},
        m2m={
            "voorzieningen": [voorzieningen[code] for code in voorziening_codes],
            "doelgroepen": [doelgroepen[code] for code in doelgroep_codes],
        },
    )

    uren = rules.uren(plek, index)
    _sync_tijdvakken(result, Openingstijd, locatie, uren)
    begeleiding = {dag: (tijd,) for dag, tijd in rules.begeleidingstijden(plek, uren).items()}
    _sync_tijdvakken(result, Begeleidingstijd, locatie, begeleiding)

    for van, tot, reden in rules.sluitingen(plek, index):
        sync(result, Sluiting, lookup={"locatie": locatie, "van": van},
             values={"tot": tot, "reden": reden})  # fmt: skip

    eigenaar = partners[plek.eigenaar]
    ruimten = {}
    for data in rules.ruimten(plek, index):
        ruimten[data.naam] = sync(
            result,
            Ruimte,
            lookup={"locatie": locatie, "naam": data.naam},
            values={
                "capaciteit": data.capaciteit,
                "oppervlakte_m2": Decimal(data.oppervlakte_m2),
                "verhuurbaar": bool(data.huurprijs),
                "huurprijs_per_dagdeel": Decimal(data.huurprijs) if data.huurprijs else None,
                "huurvoorwaarden": rules.huurvoorwaarden(data, eigenaar),
            },
            m2m={"voorzieningen": [voorzieningen[code] for code in data.voorzieningen]},
        )

    sinds = plek.sinds or dt.date(2010 + index % 14, 1 + index % 12, 1)
    rollen = (
        (plek.eigenaar, SamenwerkingRol.EIGENAAR),
        (plek.beheerder, SamenwerkingRol.BEHEERDER),
        *plek.partners,
    )
    # The +Punten (since 2005) took in dagbesteding and its partners much later.
    dagbesteding_sinds = dt.date(2016, 1, 1)
    for nummer, (partner_slug, rol) in enumerate(rollen):
        vaste_rol = rol in (SamenwerkingRol.EIGENAAR, SamenwerkingRol.BEHEERDER)
        later = not vaste_rol and plek.soort == LocatieSoort.PLUS_PUNT
        sync(
            result,
            Samenwerking,
            lookup={"locatie": locatie, "partner": partners[partner_slug], "rol": rol},
            values={
                "schriftelijk_vastgelegd": vaste_rol or (index + nummer) % 4 != 3,
                "ingangsdatum": dagbesteding_sinds if later else sinds,
                "einddatum": None,
                "toelichting": "" if vaste_rol else "Rol verzonnen voor de demo.",
            },
        )

    gemeentepartner = next(p for p in partners.values() if p.gemeente_id == gemeente.pk)
    for regel in rules.financiering(plek, index, gemeentepartner.slug, eigenaar):
        sync(
            result,
            Financiering,
            lookup={"locatie": locatie, "bron": regel.bron},
            values={
                "financier": partners[regel.financier] if regel.financier else None,
                "bedrag_per_jaar": Decimal(regel.bedrag),
                "structureel": regel.einddatum is None,
                "ingangsdatum": (
                    sinds if regel.einddatum is None else dt.date(regel.einddatum.year - 2, 1, 1)
                ),
                "einddatum": regel.einddatum,
                "toelichting": regel.toelichting,
            },
        )
    return locatie, ruimten, uren


def _load_activiteit(result, data: ActiviteitData, locatie, ruimten, partners, doelgroepen):
    organisator = partners[data.organisator]
    if not locatie.samenwerkingen.filter(partner=organisator).exists():
        raise ValueError(f"{organisator} heeft geen samenwerking met {locatie}")
    if data.herhaling:
        first = schedule.parse_rule(data.herhaling, data.start)[0]
        startdatum = first.date()
    else:
        startdatum = data.start
    activiteit = sync(
        result,
        Activiteit,
        lookup={"slug": slugify(f"{locatie.slug} {data.titel}")},
        values={
            "titel": data.titel,
            "omschrijving": data.omschrijving,
            "locatie": locatie,
            "ruimte": ruimten[data.ruimte] if data.ruimte else None,
            "organisator": organisator,
            "categorie": data.categorie,
            "alleen_voor_doelgroep": data.alleen_voor_doelgroep,
            "kosten": Decimal(data.kosten),
            "kosten_toelichting": data.kosten_toelichting,
            "aanmelden_nodig": bool(data.aanmelden_via),
            "aanmelden_via": data.aanmelden_via,
            "startdatum": startdatum,
            "begintijd": _time(data.tijd[0]),
            "eindtijd": _time(data.tijd[1]),
            "herhaling": data.herhaling,
            "status": ActiviteitStatus.GEPUBLICEERD,
            "is_demo": True,
        },
        m2m={"doelgroepen": [doelgroepen[code] for code in data.doelgroepen]},
    )
    sluitingen = locatie.sluitingen.values_list("van", "tot", "reden")
    for datum, reden in sorted(rules.uitzonderingen(data, startdatum, sluitingen).items()):
        sync(
            result,
            Uitzondering,
            lookup={"activiteit": activiteit, "datum": datum},
            values={"reden": reden},
        )
    occurrences.regenerate(activiteit)
    return activiteit


def _load_users(result: DemoResult, partners: dict[str, Partner]) -> list[DemoUser]:
    # One hash for all new accounts and one check per distinct hash: PBKDF2 is slow on purpose.
    new_hash = None
    verified_hashes = set()
    users = []
    for data in GEBRUIKERS:
        user = User.objects.filter(email=data.email).first()
        if user is None or not (
            user.password in verified_hashes
            or hashers.check_password(DEMO_PASSWORD, user.password)
        ):
            new_hash = new_hash or hashers.make_password(DEMO_PASSWORD)
            password = new_hash
        else:
            password = user.password
        verified_hashes.add(password)
        user = sync(
            result,
            User,
            lookup={"email": data.email},
            values={
                "naam": data.naam,
                "password": password,
                "is_superuser": data.superuser,
                "is_active": True,
            },
        )
        sync(
            result,
            EmailAddress,
            lookup={"user": user, "email": data.email},
            values={"verified": True, "primary": True},
        )
        if data.partner:
            partner = partners[data.partner]
            sync(
                result,
                Lidmaatschap,
                lookup={"user": user, "partner": partner},
                values={"rol": data.rol},
            )
            rol = LidmaatschapRol(data.rol).label
        else:
            partner, rol = None, "functioneel beheerder (superuser, geen organisatie)"
        users.append(DemoUser(data.email, data.naam, str(partner or ""), str(rol)))
    return users


def _load_bevestigingen(result: DemoResult, locaties: list[Locatie]) -> None:
    """Confirmation of currency on fixed dates, so a second run changes nothing: a third of
    the places recently confirmed, a third long ago (they show up as overdue on the start
    pages), a third never."""
    bevestigers = {
        user.email: user for user in User.objects.filter(email__in=BEVESTIGERS.values())
    }
    gemeente_namen = dict(Gemeente.objects.values_list("pk", "naam"))
    openbaar = set(
        Locatie.objects.openbaar()
        .filter(pk__in=[locatie.pk for locatie in locaties])
        .values_list("pk", flat=True)
    )
    for nummer, locatie in enumerate(sorted(locaties, key=lambda locatie: locatie.slug)):
        if locatie.pk not in openbaar or nummer % 3 == 2:
            continue
        if nummer % 3 == 0:
            moment = dt.datetime(2026, 2 + nummer % 8, 1 + nummer % 27, 10, 0, tzinfo=AMSTERDAM)
        else:
            moment = dt.datetime(2024, 1 + nummer % 12, 1 + nummer % 27, 10, 0, tzinfo=AMSTERDAM)
        sync(
            result,
            Locatie,
            lookup={"pk": locatie.pk},
            values={
                "laatst_bevestigd_op": moment,
                "laatst_bevestigd_door": bevestigers.get(
                    BEVESTIGERS[gemeente_namen[locatie.gemeente_id]]
                ),
            },
        )


def _load_uitnodiging(result: DemoResult, partners: dict[str, Partner]) -> None:
    """One pending invitation to de Woonmensen. Created once; an open one that has expired is
    given a new week, an accepted one is left alone."""
    label = Uitnodiging._meta.label
    now = timezone.now()
    expiry = now + dt.timedelta(days=settings.INVITATION_VALID_DAYS)
    uitnodiging = Uitnodiging.objects.filter(token_hash=hash_token(DEMO_UITNODIGING_TOKEN)).first()
    if uitnodiging is None:
        partner = partners[DEMO_UITNODIGING_PARTNER]
        if Uitnodiging.objects.filter(
            partner=partner,
            email=DEMO_UITNODIGING_EMAIL,
            geaccepteerd_op__isnull=True,
            ingetrokken_op__isnull=True,
        ).exists():
            return
        Uitnodiging.objects.create(
            partner=partner,
            email=DEMO_UITNODIGING_EMAIL,
            rol=LidmaatschapRol.MEDEWERKER,
            token_hash=hash_token(DEMO_UITNODIGING_TOKEN),
            uitgenodigd_door=User.objects.get(email=DEMO_UITNODIGING_DOOR),
            verloopt_op=expiry,
        )
        result.created[label] += 1
    elif uitnodiging.is_open and uitnodiging.is_verlopen:
        uitnodiging.verloopt_op = expiry
        uitnodiging.save(update_fields=["verloopt_op"])
        result.updated[label] += 1


def _counts(gemeente: Gemeente) -> GemeenteCounts:
    locaties = Locatie.objects.filter(gemeente=gemeente)
    wijken = Wijk.objects.filter(gemeente=gemeente)
    return GemeenteCounts(
        gemeente=gemeente.naam,
        cbs_code=gemeente.cbs_code,
        locaties=locaties.count(),
        gepubliceerd=locaties.openbaar().count(),
        sterlocaties=locaties.filter(is_sterlocatie=True).count(),
        partners=Partner.objects.filter(Q(werkgebied=gemeente) | Q(gemeente=gemeente))
        .distinct()
        .count(),
        activiteiten=Activiteit.objects.filter(locatie__gemeente=gemeente).count(),
        wijken=wijken.filter(soort=WijkSoort.WIJK).count(),
        buurten=wijken.filter(soort=WijkSoort.BUURT).count(),
    )


@transaction.atomic
def load_demodata() -> DemoResult:
    """Create or bring up to date the demo data of the three towns; see the module docstring."""
    result = DemoResult(gemeenten=[], users=[], password=DEMO_PASSWORD, invented=INVENTED)
    gemeenten = {
        stad.naam: sync(
            result,
            Gemeente,
            lookup={"cbs_code": stad.cbs_code},
            values={"naam": stad.naam, "slug": slugify(stad.naam)},
        )
        for stad in STEDEN
    }
    partners = _load_partners(result, gemeenten)
    voorzieningen = {v.code: v for v in Voorziening.objects.all()}
    doelgroepen = {d.code: d for d in Doelgroep.objects.all()}

    hand_activiteiten = {}
    for data in ACTIVITEITEN:
        hand_activiteiten.setdefault(data.plek, []).append(data)
    plaatsen = {}  # locatie naam -> (locatie, ruimten)
    for stad in STEDEN:
        gemeente = gemeenten[stad.naam]
        wijken = _load_wijken(result, stad, gemeente)
        for index, plek in enumerate(PLEKKEN[stad.naam]):
            if stad.naam == "Apeldoorn":
                plek = replace(plek, partners=rules.apeldoorn_partners(plek))
            locatie, ruimten, uren = _load_locatie(
                result,
                plek=plek,
                index=index,
                stad=stad,
                gemeente=gemeente,
                wijken=wijken,
                partners=partners,
                voorzieningen=voorzieningen,
                doelgroepen=doelgroepen,
            )
            plaatsen[plek.naam] = (locatie, ruimten)
            activiteiten = rules.standaard_activiteiten(
                plek, index, uren, list(ruimten.values()), BEGELEIDERS[stad.naam]
            )
            for data in activiteiten + hand_activiteiten.pop(plek.naam, []):
                _load_activiteit(result, data, locatie, ruimten, partners, doelgroepen)
    if hand_activiteiten:
        raise ValueError(f"Activiteiten bij onbekende plekken: {sorted(hand_activiteiten)}")

    for data in VERHUUR:
        locatie, ruimten = plaatsen[data.plek]
        sync(
            result,
            Verhuur,
            lookup={
                "ruimte": ruimten[data.ruimte],
                "huurder": partners[data.huurder],
                "ingangsdatum": data.ingangsdatum,
            },
            values={"einddatum": data.einddatum, "doel": data.doel, "niet_commercieel": True},
        )

    result.users = _load_users(result, partners)
    _load_bevestigingen(result, [locatie for locatie, _ruimten in plaatsen.values()])
    _load_uitnodiging(result, partners)
    # Zeist's volunteers ("koppelen" at Wijkservicepunt Noord): the app keeps its own demo.
    vrijwilligers_demo.laad_demo()
    result.gemeenten = [_counts(gemeenten[stad.naam]) for stad in STEDEN]
    return result
