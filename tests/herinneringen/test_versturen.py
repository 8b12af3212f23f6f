"""The daily reminders: one test per trigger in Dutch and English, sent once, choices kept,
a failed send retried, and a fixed number of queries however many places there are."""

import datetime as dt
import smtplib

import pytest
from dateutil.relativedelta import relativedelta
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from herinneringen import versturen
from herinneringen.constants import Soort
from herinneringen.models import Herinnering, Voorkeur
from herinneringen.versturen import stuur_herinneringen
from locaties.constants import LocatieStatus, SamenwerkingRol
from locaties.models import Financiering, Locatie, Samenwerking
from locaties.publication import change_status
from tests.factories import (
    FinancieringFactory,
    LidmaatschapFactory,
    LocatieFactory,
    PartnerFactory,
    SamenwerkingFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://ontmoeten.example.nl"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def plek(gemeente, corporatie):
    """A published place the corporatie owns (its members edit it)."""
    locatie = LocatieFactory(gemeente=gemeente, naam="Buurthuiskamer De Eik", gepubliceerd=True)
    SamenwerkingFactory(locatie=locatie, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    return locatie


def _mails_to(mailoutbox, user):
    return [mail for mail in mailoutbox if mail.to == [user.email]]


def _english(user):
    Voorkeur.objects.create(user=user, taal="en")


def _age(locatie, months: int, days: int = 2):
    """Make `locatie`'s last confirmation `months` months and `days` days old."""
    moment = timezone.now() - relativedelta(months=months) - dt.timedelta(days=days)
    Locatie.objects.filter(pk=locatie.pk).update(aangemaakt_op=moment, laatst_bevestigd_op=moment)


# (a) A place submitted for review -------------------------------------------------------


def test_a_submitted_place_is_mailed_to_the_gemeentes_reviewers_in_dutch(
    mailoutbox, plek, gemeente_medewerker, corporatie_medewerker, buitenstaander
):
    concept = LocatieFactory(gemeente=plek.gemeente, naam="Wijkcentrum Het Anker")
    change_status(concept, LocatieStatus.TER_BEOORDELING, door=corporatie_medewerker)

    stuur_herinneringen()

    [mail] = _mails_to(mailoutbox, gemeente_medewerker)
    assert mail.subject == "Ontmoetingsplekken: 1 herinnering"
    assert "Ingediend ter beoordeling" in mail.body
    assert "Wijkcentrum Het Anker (Apeldoorn), ingediend op" in mail.body
    assert f"{SITE}{reverse('beheer:locatie', args=[concept.slug])}" in mail.body
    assert f"{SITE}{reverse('beheer:herinneringen_voorkeuren')}" in mail.body
    assert mail.extra_headers["Content-Language"] == "nl"
    assert not _mails_to(mailoutbox, corporatie_medewerker)
    assert not _mails_to(mailoutbox, buitenstaander)


def test_a_submitted_place_is_mailed_in_english_to_a_reviewer_who_chose_english(
    mailoutbox, plek, gemeente_medewerker
):
    _english(gemeente_medewerker)
    LocatieFactory(
        gemeente=plek.gemeente, naam="Wijkcentrum Het Anker", status=LocatieStatus.TER_BEOORDELING
    )

    stuur_herinneringen()

    [mail] = _mails_to(mailoutbox, gemeente_medewerker)
    assert mail.subject == "Ontmoetingsplekken: 1 reminder"
    assert "Submitted for review" in mail.body
    assert "Wijkcentrum Het Anker (Apeldoorn), submitted on" in mail.body
    assert "Ingediend" not in mail.body
    assert mail.extra_headers["Content-Language"] == "en"


def test_a_place_sent_back_and_submitted_again_is_a_new_reminder(
    mailoutbox, plek, gemeente_medewerker, corporatie_medewerker
):
    concept = LocatieFactory(gemeente=plek.gemeente, naam="Wijkcentrum Het Anker")
    change_status(concept, LocatieStatus.TER_BEOORDELING, door=corporatie_medewerker)
    stuur_herinneringen()
    change_status(concept, LocatieStatus.CONCEPT, door=gemeente_medewerker, reden="Foto mist.")
    stuur_herinneringen()
    assert len(_mails_to(mailoutbox, gemeente_medewerker)) == 1

    change_status(concept, LocatieStatus.TER_BEOORDELING, door=corporatie_medewerker)
    stuur_herinneringen()

    assert len(_mails_to(mailoutbox, gemeente_medewerker)) == 2
    assert Herinnering.objects.filter(soort=Soort.TER_BEOORDELING).count() == 2


# (b) Not confirmed for 11 months ------------------------------------------------------------


def test_a_place_unconfirmed_for_eleven_months_is_mailed_to_its_editors_with_a_klopt_nog_link(
    mailoutbox, plek, corporatie_medewerker, gemeente_medewerker, welzijn_medewerker
):
    _age(plek, 11)

    stuur_herinneringen()

    [mail] = _mails_to(mailoutbox, corporatie_medewerker)
    assert "Kloppen de gegevens nog?" in mail.body
    assert "Buurthuiskamer De Eik: laatst bevestigd op" in mail.body
    assert f"Klopt nog: {SITE}/beheer/klopt-nog/" in mail.body
    assert f"Aanpassen: {SITE}{reverse('beheer:locatie_bewerken', args=[plek.slug])}" in mail.body
    assert "De link ‘Klopt nog’ werkt 30 dagen." in mail.body
    # The gemeente edits every place but is not bothered while the owner is there to confirm.
    assert not _mails_to(mailoutbox, gemeente_medewerker)
    assert not _mails_to(mailoutbox, welzijn_medewerker)


def test_the_confirmation_reminder_in_english(mailoutbox, plek, corporatie_medewerker):
    _english(corporatie_medewerker)
    _age(plek, 11)

    stuur_herinneringen()

    [mail] = _mails_to(mailoutbox, corporatie_medewerker)
    assert "Are the details still correct?" in mail.body
    # Links lead to the English pages.
    assert f"Still correct: {SITE}/en/beheer/klopt-nog/" in mail.body
    assert "Kloppen" not in mail.body


def test_a_place_confirmed_ten_months_ago_gets_no_reminder(mailoutbox, plek):
    _age(plek, 10)
    stuur_herinneringen()
    assert mailoutbox == []


def test_a_place_without_an_editing_organisation_reminds_the_gemeente(
    mailoutbox, gemeente, gemeente_medewerker
):
    locatie = LocatieFactory(gemeente=gemeente, naam="Gemeentehuis Ontmoetingsruimte")
    _age(locatie, 13)

    stuur_herinneringen()

    [mail] = _mails_to(mailoutbox, gemeente_medewerker)
    assert "Gemeentehuis Ontmoetingsruimte" in mail.body


def test_archived_places_give_no_reminders(mailoutbox, plek):
    _age(plek, 14)
    Locatie.objects.filter(pk=plek.pk).update(status=LocatieStatus.GEARCHIVEERD)
    Samenwerking.objects.filter(locatie=plek).update(
        schriftelijk_vastgelegd=True, einddatum=timezone.localdate() + dt.timedelta(days=10)
    )
    stuur_herinneringen()
    assert mailoutbox == []


# (c) A written agreement or temporary financing that ends ---------------------------------


def test_an_agreement_ending_in_three_months_and_again_in_one_month(
    mailoutbox, plek, corporatie_medewerker, gemeente_medewerker, today
):
    einde = today + relativedelta(months=2, days=20)
    Samenwerking.objects.filter(locatie=plek).update(schriftelijk_vastgelegd=True, einddatum=einde)

    stuur_herinneringen()

    for user in (corporatie_medewerker, gemeente_medewerker):
        [mail] = _mails_to(mailoutbox, user)
        assert "Samenwerkingsovereenkomst loopt af" in mail.body
        assert "De Woonmensen, eigenaar bij Buurthuiskamer De Eik: loopt af op" in mail.body
    assert set(Herinnering.objects.values_list("drempel_maanden", flat=True)) == {3}

    # Nothing new until the last month begins; then once more.
    stuur_herinneringen(now=timezone.now() + dt.timedelta(days=20))
    assert len(mailoutbox) == 2
    stuur_herinneringen(now=timezone.now() + relativedelta(months=1, days=25))
    assert len(_mails_to(mailoutbox, corporatie_medewerker)) == 2
    assert set(Herinnering.objects.values_list("drempel_maanden", flat=True)) == {3, 1}


def test_an_agreement_ending_reminder_in_english(mailoutbox, plek, corporatie_medewerker, today):
    _english(corporatie_medewerker)
    Samenwerking.objects.filter(locatie=plek).update(
        schriftelijk_vastgelegd=True, einddatum=today + dt.timedelta(days=40)
    )
    stuur_herinneringen()
    [mail] = _mails_to(mailoutbox, corporatie_medewerker)
    assert "Cooperation agreement ends" in mail.body
    assert "De Woonmensen, owner at Buurthuiskamer De Eik: ends on" in mail.body


def test_an_agreement_not_on_paper_gives_no_reminder_of_its_end(mailoutbox, plek, today):
    Samenwerking.objects.filter(locatie=plek).update(einddatum=today + dt.timedelta(days=10))
    stuur_herinneringen()
    assert mailoutbox == []


def test_financing_ending_within_a_month_is_mailed_once_at_one_month(
    mailoutbox, plek, corporatie_medewerker, gemeente_medewerker, today
):
    funder = PartnerFactory(naam="Fonds Buurtgeluk", werkgebied=[plek.gemeente])
    funder_member = LidmaatschapFactory(partner=funder).user
    FinancieringFactory(
        locatie=plek, financier=funder, ingangsdatum=None, einddatum=today + dt.timedelta(days=20)
    )

    stuur_herinneringen()

    for user in (corporatie_medewerker, gemeente_medewerker):
        [mail] = _mails_to(mailoutbox, user)
        assert "Tijdelijke financiering loopt af" in mail.body
        assert "Buurthuiskamer De Eik: Wmo (gemeente), Fonds Buurtgeluk, loopt af op" in mail.body
    assert not _mails_to(mailoutbox, funder_member)
    assert set(Herinnering.objects.values_list("drempel_maanden", flat=True)) == {1}


def test_the_financing_reminder_in_english(mailoutbox, plek, corporatie_medewerker, today):
    _english(corporatie_medewerker)
    FinancieringFactory(locatie=plek, ingangsdatum=None, einddatum=today + dt.timedelta(days=70))
    stuur_herinneringen()
    [mail] = _mails_to(mailoutbox, corporatie_medewerker)
    assert "Temporary financing ends" in mail.body
    assert "Buurthuiskamer De Eik: Wmo (municipality), ends on" in mail.body


def test_renewed_financing_gives_no_reminder(mailoutbox, plek, today):
    einde = today + dt.timedelta(days=20)
    FinancieringFactory(locatie=plek, ingangsdatum=None, einddatum=einde)
    FinancieringFactory(locatie=plek, ingangsdatum=einde, einddatum=einde + dt.timedelta(days=365))
    stuur_herinneringen()
    assert mailoutbox == []


def test_structural_financing_gives_no_reminder(mailoutbox, plek, today):
    FinancieringFactory(
        locatie=plek, structureel=True, ingangsdatum=None, einddatum=today + dt.timedelta(days=9)
    )
    stuur_herinneringen()
    assert mailoutbox == []


# Sent once, choices, failures -------------------------------------------------------------


@pytest.fixture
def everything_due(plek, today, corporatie_medewerker, gemeente_medewerker):
    """For the corporatie: confirm, agreement, money; for the gemeente: review, agreement,
    money."""
    _age(plek, 12)
    Samenwerking.objects.filter(locatie=plek).update(
        schriftelijk_vastgelegd=True, einddatum=today + dt.timedelta(days=50)
    )
    FinancieringFactory(locatie=plek, ingangsdatum=None, einddatum=today + dt.timedelta(days=50))
    LocatieFactory(gemeente=plek.gemeente, status=LocatieStatus.TER_BEOORDELING)


def test_one_email_per_person_holds_everything_due_for_them(
    mailoutbox, everything_due, corporatie_medewerker, gemeente_medewerker
):
    stuur_herinneringen()

    [mail] = _mails_to(mailoutbox, corporatie_medewerker)
    assert mail.subject == "Ontmoetingsplekken: 3 herinneringen"
    [mail] = _mails_to(mailoutbox, gemeente_medewerker)
    assert mail.subject == "Ontmoetingsplekken: 3 herinneringen"  # review, agreement, money
    assert Herinnering.objects.filter(verstuurd_op__isnull=True).count() == 0


def test_running_twice_sends_nothing_new(mailoutbox, everything_due):
    first = stuur_herinneringen()
    sent = len(mailoutbox)
    recorded = Herinnering.objects.count()

    second = stuur_herinneringen()

    assert first.emails == sent == 2
    assert second.emails == 0
    assert len(mailoutbox) == sent
    assert Herinnering.objects.count() == recorded


def test_a_kind_switched_off_is_not_sent_and_the_rest_is(
    mailoutbox, everything_due, corporatie_medewerker
):
    Voorkeur.objects.create(user=corporatie_medewerker, bevestigen=False)

    resultaat = stuur_herinneringen()

    [mail] = _mails_to(mailoutbox, corporatie_medewerker)
    assert mail.subject == "Ontmoetingsplekken: 2 herinneringen"
    assert "klopt-nog" not in mail.body
    assert resultaat.overgeslagen_voorkeur == 1


def test_a_person_with_every_kind_off_gets_nothing(
    mailoutbox, everything_due, corporatie_medewerker
):
    Voorkeur.objects.create(
        user=corporatie_medewerker,
        ter_beoordeling=False,
        bevestigen=False,
        samenwerking_loopt_af=False,
        financiering_loopt_af=False,
    )
    stuur_herinneringen()
    assert not _mails_to(mailoutbox, corporatie_medewerker)


def test_inactive_people_get_nothing(mailoutbox, everything_due, corporatie_medewerker):
    corporatie_medewerker.is_active = False
    corporatie_medewerker.save()
    stuur_herinneringen()
    assert not _mails_to(mailoutbox, corporatie_medewerker)


def test_a_failed_send_records_nothing_and_the_next_run_sends_it(
    mailoutbox, everything_due, monkeypatch
):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("mail server away")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMessage, "send", refuse)
        resultaat = stuur_herinneringen()
    assert resultaat.mislukt == 2
    assert Herinnering.objects.count() == 0

    assert stuur_herinneringen().emails == 2
    assert len(mailoutbox) == 2


def test_a_dry_run_sends_and_records_nothing(mailoutbox, everything_due):
    resultaat = stuur_herinneringen(dry_run=True)
    assert resultaat.emails == 2
    assert mailoutbox == []
    assert Herinnering.objects.count() == 0


def test_the_command_reports_and_sends_once(mailoutbox, everything_due, capsys):
    call_command("stuur_herinneringen", "--dry-run")
    assert "2 e-mails zou versturen met 6 herinneringen" in capsys.readouterr().out
    assert mailoutbox == []

    call_command("stuur_herinneringen")
    assert "2 e-mails verstuurd met 6 herinneringen" in capsys.readouterr().out
    call_command("stuur_herinneringen")
    assert "0 e-mails verstuurd" in capsys.readouterr().out
    assert len(mailoutbox) == 2


def test_without_a_site_url_nothing_is_sent(settings, mailoutbox, everything_due):
    from django.core.exceptions import ImproperlyConfigured

    settings.SITE_URL = ""
    with pytest.raises(ImproperlyConfigured):
        stuur_herinneringen()
    assert mailoutbox == []


def test_the_beat_task_is_the_same_function(mailoutbox, everything_due, settings):
    from herinneringen.tasks import stuur_herinneringen as task

    assert "herinneringen.tasks.stuur_herinneringen" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert task.delay().get() == 2
    assert len(mailoutbox) == 2


# Queries ---------------------------------------------------------------------------------------


def _places(n, *, gemeente, corporatie, today):
    """n places of every kind of signal, all for the same two people."""
    moment = timezone.now() - relativedelta(months=11, days=3)
    for i in range(n):
        locatie = LocatieFactory(
            gemeente=gemeente,
            status=LocatieStatus.TER_BEOORDELING if i % 2 else LocatieStatus.GEPUBLICEERD,
        )
        SamenwerkingFactory(
            locatie=locatie,
            partner=corporatie,
            rol=SamenwerkingRol.EIGENAAR,
            schriftelijk_vastgelegd=True,
            einddatum=today + dt.timedelta(days=10 + i),
        )
        Financiering.objects.create(
            locatie=locatie, bron="wmo", structureel=False, einddatum=today + dt.timedelta(days=60)
        )
    Locatie.objects.filter(gemeente=gemeente).update(aangemaakt_op=moment)


@pytest.mark.parametrize("n", [3, 30])
def test_the_run_costs_the_same_queries_for_few_places_and_many(
    n,
    django_assert_num_queries,
    gemeente,
    corporatie,
    corporatie_medewerker,
    gemeente_medewerker,
    today,
    mailoutbox,
):
    _places(n, gemeente=gemeente, corporatie=corporatie, today=today)
    # Collecting the signals and their records, what was recorded before, the people and their
    # choices: a fixed number; then per person e-mailed (two here) the claim and the mark.
    with django_assert_num_queries(25):
        resultaat = stuur_herinneringen()
    assert resultaat.emails == 2
    # The corporatie: confirm, agreement, money per place; the gemeente: agreement and money per
    # place and the places under review.
    assert resultaat.items == 3 * n + 2 * n + n // 2


def test_a_long_list_is_cut_short_and_points_to_the_start_page(
    mailoutbox, gemeente, corporatie, corporatie_medewerker, monkeypatch
):
    monkeypatch.setattr(versturen, "MAX_PER_SECTIE", 2)
    for naam in ("Plek A", "Plek B", "Plek C", "Plek D"):
        locatie = LocatieFactory(gemeente=gemeente, naam=naam)
        SamenwerkingFactory(locatie=locatie, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
        _age(locatie, 11)

    stuur_herinneringen()

    [mail] = _mails_to(mailoutbox, corporatie_medewerker)
    assert mail.subject == "Ontmoetingsplekken: 4 herinneringen"
    assert mail.body.count("/beheer/klopt-nog/") == 2
    assert "- en nog 2: die staan op je startpagina." in mail.body
    assert Herinnering.objects.filter(user=corporatie_medewerker).count() == 4


def test_two_runs_at_once_do_not_send_an_item_twice(mailoutbox, everything_due, monkeypatch):
    """The second run read "nothing recorded yet" before the first one claimed: its claim hits
    the unique constraint, and it sends nothing."""
    stuur_herinneringen()
    assert len(mailoutbox) == 2
    monkeypatch.setattr(versturen, "new_signals", lambda due: due)  # blind to the records

    resultaat = stuur_herinneringen()

    assert resultaat.emails == 0
    assert len(mailoutbox) == 2
    assert Herinnering.objects.filter(verstuurd_op__isnull=True).count() == 0


def test_only_organisations_that_edit_the_place_now_are_reminded_to_confirm(
    mailoutbox, plek, gemeente, corporatie_medewerker, zorg_medewerker, welzijn_medewerker, today
):
    """A zorgpartner does not edit the place; a beheerder whose role ended, or has not begun,
    no longer or not yet."""
    zorg = zorg_medewerker.lidmaatschappen.get().partner
    SamenwerkingFactory(locatie=plek, partner=zorg, rol=SamenwerkingRol.ZORGPARTNER)
    welzijn = welzijn_medewerker.lidmaatschappen.get().partner
    SamenwerkingFactory(
        locatie=plek,
        partner=welzijn,
        rol=SamenwerkingRol.BEHEERDER,
        ingangsdatum=today - dt.timedelta(days=400),
        einddatum=today - dt.timedelta(days=1),
    )
    later = PartnerFactory(naam="Welzijn Later", werkgebied=[gemeente])
    later_member = LidmaatschapFactory(partner=later).user
    SamenwerkingFactory(
        locatie=plek,
        partner=later,
        rol=SamenwerkingRol.BEHEERDER,
        ingangsdatum=today + dt.timedelta(days=1),
    )
    _age(plek, 11)

    stuur_herinneringen()

    for outsider in (zorg_medewerker, welzijn_medewerker, later_member):
        assert not _mails_to(mailoutbox, outsider)
    assert [mail.to for mail in mailoutbox] == [[corporatie_medewerker.email]]
