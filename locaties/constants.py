from django.db import models
from django.utils.translation import gettext_lazy as _


class LocatieSoort(models.TextChoices):
    PLUS_PUNT = "plus_punt", _("+Punt / buurthuiskamer")
    WIJKSERVICEPUNT = "wijkservicepunt", _("Wijkservicepunt")
    BUURTHUIS = "buurthuis", _("Buurthuis / wijkcentrum")
    ONTMOETINGSRUIMTE = "ontmoetingsruimte", _("Ontmoetingsruimte in wooncomplex")
    WOONZORGLOCATIE = "woonzorglocatie", _("Woonzorglocatie")
    STEUNPUNT = "steunpunt", _("Steunpunt / kern")
    OVERIG = "overig", _("Overig")


class LocatieStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_BEOORDELING = "ter_beoordeling", _("Ter beoordeling")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
    GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")


class Beheervorm(models.TextChoices):
    BEWONERS = "bewoners", _("Bewoners")
    BEHEERGROEP = "beheergroep", _("Beheergroep")
    WELZIJNSORGANISATIE = "welzijnsorganisatie", _("Welzijnsorganisatie")
    ZORGORGANISATIE = "zorgorganisatie", _("Zorgorganisatie")
    CORPORATIE = "corporatie", _("Woningcorporatie")
    SOCIAAL_ONDERNEMER = "sociaal_ondernemer", _("Sociaal ondernemer")


class DoelgroepCode(models.TextChoices):
    IEDEREEN = "iedereen", _("Alle buurtbewoners")
    OUDEREN = "ouderen", _("Ouderen")
    LICHAMELIJKE_BEPERKING = "lichamelijke_beperking", _("Mensen met een lichamelijke beperking")
    VERSTANDELIJKE_BEPERKING = (
        "verstandelijke_beperking",
        _("Mensen met een verstandelijke beperking"),
    )
    PSYCHISCHE_KWETSBAARHEID = (
        "psychische_kwetsbaarheid",
        _("Mensen met een psychische kwetsbaarheid"),
    )
    MANTELZORGERS = "mantelzorgers", _("Mantelzorgers")
    JONGEREN = "jongeren", _("Jongeren")
    GEZINNEN = "gezinnen", _("Ouders en kinderen")
    NIEUWKOMERS = "nieuwkomers", _("Nieuwkomers")
    WERKZOEKENDEN = "werkzoekenden", _("Mensen op weg naar werk")


class VoorzieningCode(models.TextChoices):
    KEUKEN = "keuken", _("Keuken")
    MAALTIJDEN = "maaltijden", _("Maaltijden / café")
    POSTNL_PUNT = "postnl_punt", _("PostNL-punt")
    COMPUTERS = "computers", _("Computers voor bezoekers")
    WIFI = "wifi", _("Gratis wifi")
    BUITENRUIMTE = "buitenruimte", _("Buitenruimte of tuin")
    SPREEKUURRUIMTE = "spreekuurruimte", _("Spreekuurruimte")
    WINKEL = "winkel", _("Winkel")
    BIBLIOTHEEK = "bibliotheek", _("Boekenkast / bibliotheekpunt")
    BEAMER = "beamer", _("Beamer of scherm")
    PARKEREN = "parkeren", _("Parkeerplaatsen")


class Weekdag(models.IntegerChoices):
    MAANDAG = 0, _("maandag")
    DINSDAG = 1, _("dinsdag")
    WOENSDAG = 2, _("woensdag")
    DONDERDAG = 3, _("donderdag")
    VRIJDAG = 4, _("vrijdag")
    ZATERDAG = 5, _("zaterdag")
    ZONDAG = 6, _("zondag")


class SamenwerkingRol(models.TextChoices):
    EIGENAAR = "eigenaar", _("Eigenaar")
    BEHEERDER = "beheerder", _("Beheerder / exploitant")
    ZORGPARTNER = "zorgpartner", _("Zorgpartner")
    WELZIJNSPARTNER = "welzijnspartner", _("Welzijnspartner")
    FINANCIER = "financier", _("Financier")
    VASTE_GEBRUIKER = "vaste_gebruiker", _("Vaste gebruiker")


class FinancieringBron(models.TextChoices):
    WMO = "wmo", _("Wmo (gemeente)")
    CORPORATIE = "corporatie", _("Woningcorporatie")
    FONDS = "fonds", _("Fonds")
    ZORGKANTOOR = "zorgkantoor", _("Zorgkantoor / VPT")
    SUBSIDIE = "subsidie", _("Subsidie")
    BIJDRAGE_GEBRUIKERS = "bijdrage_gebruikers", _("Bijdrage van gebruikers")
    OVERIG = "overig", _("Overig")


class WijkSoort(models.TextChoices):
    WIJK = "wijk", _("Wijk")
    BUURT = "buurt", _("Buurt")
