"""factory-boy factories, one per model. Every factory builds a valid record on its own;
tests pass what matters to them. Doelgroep and Voorziening rows come from a data migration:
fetch them with `Doelgroep.objects.get(code=...)`."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory, Password

from activiteiten import occurrences
from activiteiten.constants import ActiviteitStatus, Categorie
from activiteiten.models import Activiteit, Uitzondering
from locaties.constants import (
    FinancieringBron,
    LocatieSoort,
    LocatieStatus,
    SamenwerkingRol,
    Weekdag,
    WijkSoort,
)
from locaties.models import (
    Begeleidingstijd,
    Financiering,
    Locatie,
    Openingstijd,
    Ruimte,
    Samenwerking,
    Sluiting,
    Verhuur,
    Wijk,
)
from meldingen.models import Melding
from partners.constants import LidmaatschapRol, PartnerSoort, Rechtsvorm
from partners.invitations import hash_token
from partners.models import Gemeente, Lidmaatschap, Partner, Uitnodiging, User
from vrijwilligers.constants import HulpvraagSoort, HulpvraagStatus, ReactieStatus
from vrijwilligers.models import Hulpvraag, Koppeling, Reactie, Vacature

PASSWORD = "een-lang-wachtwoord-voor-tests"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"medewerker{n}@example.org")
    naam = factory.Sequence(lambda n: f"Medewerker {n}")
    password = Password(PASSWORD)


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente

    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    # GM1000 and up: valid codes that stay clear of the real ones used in tests (GM0200 …).
    cbs_code = factory.Sequence(lambda n: f"GM{1000 + n % 9000:04d}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")


class PartnerFactory(DjangoModelFactory):
    """A welzijn stichting with general-interest statutes, unless a trait says otherwise:
    `PartnerFactory(gemeentepartner=True)`, `corporatie=True`, `zorg=True`."""

    class Meta:
        model = Partner
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    soort = PartnerSoort.WELZIJN
    rechtsvorm = Rechtsvorm.STICHTING
    statuten_algemeen_belang = True

    class Params:
        gemeentepartner = factory.Trait(
            soort=PartnerSoort.GEMEENTE,
            rechtsvorm=Rechtsvorm.PUBLIEKRECHTELIJK,
            statuten_algemeen_belang=False,
            gemeente=factory.SubFactory(GemeenteFactory),
            naam=factory.LazyAttribute(lambda o: f"Gemeente {o.gemeente.naam}"),
        )
        corporatie = factory.Trait(
            soort=PartnerSoort.WONINGCORPORATIE,
            rechtsvorm=Rechtsvorm.STICHTING,
            statuten_algemeen_belang=False,
            naam=factory.Sequence(lambda n: f"Woningcorporatie {n}"),
        )
        zorg = factory.Trait(
            soort=PartnerSoort.ZORG,
            naam=factory.Sequence(lambda n: f"Zorgorganisatie {n}"),
        )

    @factory.post_generation
    def werkgebied(self, create, extracted, **kwargs):
        if create and extracted:
            self.werkgebied.set(extracted)


class LidmaatschapFactory(DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    user = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    rol = LidmaatschapRol.MEDEWERKER


class WijkFactory(DjangoModelFactory):
    """A wijk with a CBS code of its gemeente: WK + the gemeente's 4 digits + 2 digits."""

    class Meta:
        model = Wijk

    gemeente = factory.SubFactory(GemeenteFactory)
    soort = WijkSoort.WIJK
    cbs_code = factory.LazyAttributeSequence(
        lambda o, n: f"WK{o.gemeente.code_cijfers}{n % 100:02d}"
    )
    naam = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")


class BuurtFactory(WijkFactory):
    """A buurt inside a wijk: BU + the wijk's 6 digits + 2 digits."""

    soort = WijkSoort.BUURT
    wijk = factory.SubFactory(WijkFactory)
    gemeente = factory.SelfAttribute("wijk.gemeente")
    cbs_code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.wijk.cbs_code[2:]}{n % 100:02d}")
    naam = factory.Sequence(lambda n: f"Buurt {n}")
    slug = factory.Sequence(lambda n: f"buurt-{n}")


class LocatieFactory(DjangoModelFactory):
    """A complete concept Locatie in the centre of Apeldoorn: coordinates, omschrijving and a
    telephone number are filled in, so it can be published."""

    class Meta:
        model = Locatie

    naam = factory.Sequence(lambda n: f"Ontmoetingsplek {n}")
    slug = factory.Sequence(lambda n: f"ontmoetingsplek-{n}")
    soort = LocatieSoort.PLUS_PUNT
    status = LocatieStatus.CONCEPT
    omschrijving = "Een huiskamer in de buurt: koffie, een praatje en activiteiten."
    straat = "Hoofdstraat"
    huisnummer = factory.Sequence(lambda n: 1 + n % 999)
    postcode = factory.Sequence(lambda n: f"{7300 + n % 40} AB")
    plaats = "Apeldoorn"
    gemeente = factory.SubFactory(GemeenteFactory)
    latitude = 52.211
    longitude = 5.970
    telefoon = "055 123 45 67"

    class Params:
        sterlocatie = factory.Trait(is_sterlocatie=True, begeleiding_verstandelijk=True)
        gepubliceerd = factory.Trait(
            status=LocatieStatus.GEPUBLICEERD,
            gepubliceerd_op=factory.LazyFunction(
                lambda: dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC)
            ),
        )


class OpeningstijdFactory(DjangoModelFactory):
    class Meta:
        model = Openingstijd

    locatie = factory.SubFactory(LocatieFactory)
    weekdag = Weekdag.MAANDAG
    van = dt.time(9, 0)
    tot = dt.time(12, 0)


class BegeleidingstijdFactory(DjangoModelFactory):
    class Meta:
        model = Begeleidingstijd

    locatie = factory.SubFactory(LocatieFactory, sterlocatie=True)
    weekdag = Weekdag.DINSDAG
    van = dt.time(10, 0)
    tot = dt.time(15, 0)


class SluitingFactory(DjangoModelFactory):
    class Meta:
        model = Sluiting

    locatie = factory.SubFactory(LocatieFactory)
    van = dt.date(2027, 7, 19)
    tot = dt.date(2027, 8, 13)
    reden = "Zomerstop"


class RuimteFactory(DjangoModelFactory):
    class Meta:
        model = Ruimte

    locatie = factory.SubFactory(LocatieFactory)
    naam = factory.Sequence(lambda n: f"Zaal {n}")
    capaciteit = 20
    verhuurbaar = True
    huurprijs_per_dagdeel = Decimal("25.00")


class SamenwerkingFactory(DjangoModelFactory):
    class Meta:
        model = Samenwerking

    locatie = factory.SubFactory(LocatieFactory)
    partner = factory.SubFactory(PartnerFactory)
    rol = SamenwerkingRol.BEHEERDER


class VerhuurFactory(DjangoModelFactory):
    class Meta:
        model = Verhuur

    ruimte = factory.SubFactory(RuimteFactory)
    huurder = factory.SubFactory(PartnerFactory)
    ingangsdatum = dt.date(2027, 1, 1)
    doel = "Wekelijkse koffieochtend voor de buurt"


class FinancieringFactory(DjangoModelFactory):
    """Temporary Wmo money for 2027."""

    class Meta:
        model = Financiering

    locatie = factory.SubFactory(LocatieFactory)
    bron = FinancieringBron.WMO
    bedrag_per_jaar = Decimal("12500.00")
    structureel = False
    ingangsdatum = dt.date(2027, 1, 1)
    einddatum = dt.date(2027, 12, 31)


class ActiviteitFactory(DjangoModelFactory):
    """A koffie-ochtend every Tuesday 10:00–12:00 from Tuesday 5 January 2027."""

    class Meta:
        model = Activiteit
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Koffieochtend {n}")
    slug = factory.Sequence(lambda n: f"koffieochtend-{n}")
    locatie = factory.SubFactory(LocatieFactory)
    organisator = factory.SubFactory(PartnerFactory)
    categorie = Categorie.KOFFIE
    startdatum = dt.date(2027, 1, 5)
    begintijd = dt.time(10, 0)
    eindtijd = dt.time(12, 0)
    herhaling = "FREQ=WEEKLY;BYDAY=TU"
    status = ActiviteitStatus.GEPUBLICEERD

    class Params:
        eenmalig = factory.Trait(herhaling="")

    @factory.post_generation
    def dates(activiteit, create, extracted, **kwargs):
        """Store the dates, as every save through the portal does."""
        if create:
            occurrences.regenerate(activiteit)


class UitzonderingFactory(DjangoModelFactory):
    class Meta:
        model = Uitzondering
        skip_postgeneration_save = True

    activiteit = factory.SubFactory(ActiviteitFactory)
    datum = dt.date(2027, 1, 12)
    reden = "Vervalt: de ruimte is bezet"

    @factory.post_generation
    def dates(uitzondering, create, extracted, **kwargs):
        if create:
            occurrences.regenerate(uitzondering.activiteit)


# Reports from residents (meldingen) ---------------------------------------------------------


class MeldingFactory(DjangoModelFactory):
    """An open report about a published place, with an e-mail address for a reply."""

    class Meta:
        model = Melding

    locatie = factory.SubFactory(LocatieFactory, gepubliceerd=True)
    omschrijving = "De openingstijden op de website kloppen niet meer."
    email = factory.Sequence(lambda n: f"bewoner{n}@example.net")


# Volunteers ----------------------------------------------------------------------------


class VacatureFactory(DjangoModelFactory):
    """An open vacature at a published place."""

    class Meta:
        model = Vacature

    locatie = factory.SubFactory(LocatieFactory, gepubliceerd=True)
    titel = factory.Sequence(lambda n: f"Gastvrouw Café Noord {n}")
    omschrijving = "Koffie schenken en bezoekers ontvangen."
    wanneer = "dinsdag 10.00–14.00 uur"
    hoe_vaak = "elke week"


class HulpvraagFactory(DjangoModelFactory):
    """A resident's request, reviewed and shown, at a published place."""

    class Meta:
        model = Hulpvraag

    soort = HulpvraagSoort.VRAAG
    locatie = factory.SubFactory(LocatieFactory, gepubliceerd=True)
    tekst = "Ik zoek iemand om mee te wandelen."
    naam = "Els Wandel"
    telefoon = "030 123 45 67"
    status = HulpvraagStatus.ZICHTBAAR


class ReactieFactory(DjangoModelFactory):
    """A new answer to a vacature, from a resident who gave an e-mail address."""

    class Meta:
        model = Reactie

    vacature = factory.SubFactory(VacatureFactory)
    locatie = factory.SelfAttribute("vacature.locatie")
    naam = "Anja Helpt"
    email = factory.Sequence(lambda n: f"vrijwilliger{n}@example.net")
    bericht = "Ik kan op dinsdag."


class KoppelingFactory(DjangoModelFactory):
    class Meta:
        model = Koppeling

    reactie = factory.SubFactory(ReactieFactory, status=ReactieStatus.GEKOPPELD)
    locatie = factory.SelfAttribute("reactie.locatie")


# Staff portal: accounts, invitations and organisations -----------------------------------


class UitnodigingFactory(DjangoModelFactory):
    """An open invitation, valid for a week. Its link's token is `token` (the factory stores
    only the hash, as the application does): `/uitnodiging/<token>/`."""

    class Meta:
        model = Uitnodiging
        exclude = ["token"]

    partner = factory.SubFactory(PartnerFactory)
    email = factory.Sequence(lambda n: f"collega{n}@example.org")
    rol = LidmaatschapRol.MEDEWERKER
    token = factory.Sequence(lambda n: f"test-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    verloopt_op = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=7))
