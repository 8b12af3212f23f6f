"""The shared change history (kern/history.py): values as people read them, names instead
of ids in one query per model, newest first, limited, and saying when older entries exist."""

import datetime as dt
from decimal import Decimal

import pytest

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit
from kern.history import TEXT_LIMIT, Source, format_value, history_entries
from locaties.models import Locatie
from partners.models import Lidmaatschap
from tests.factories import ActiviteitFactory, LocatieFactory, PartnerFactory, WijkFactory

pytestmark = pytest.mark.django_db


# Stored in UTC, shown in the Netherlands' time (CET in winter).
WINTER_MORNING_UTC = dt.datetime(2026, 1, 2, 8, 5, tzinfo=dt.UTC)


def field(model, name):
    return model._meta.get_field(name)


@pytest.mark.parametrize(
    ("model", "name", "value", "shown"),
    [
        (Activiteit, "titel", None, "—"),
        (Activiteit, "titel", "", "—"),
        (Activiteit, "titel", "Koffieochtend", "Koffieochtend"),
        (Activiteit, "aanmelden_nodig", True, "ja"),
        (Activiteit, "aanmelden_nodig", False, "nee"),
        (Locatie, "rolstoeltoegankelijk", None, "onbekend"),
        (Activiteit, "status", ActiviteitStatus.GEPUBLICEERD, "Gepubliceerd"),
        (Activiteit, "status", "iets-onbekends", "iets-onbekends"),
        (Activiteit, "startdatum", dt.date(2026, 3, 5), "05-03-2026"),
        (Activiteit, "begintijd", dt.time(9, 30), "09:30"),
        (Activiteit, "kosten", Decimal("1.50"), "1,50"),
        (Lidmaatschap, "aangemaakt_op", WINTER_MORNING_UTC, "02-01-2026 09:05"),
    ],
)  # fmt: skip
def test_each_kind_of_value_is_shown_as_people_read_it(model, name, value, shown):
    assert format_value(field(model, name), value) == shown


def test_long_text_is_cut_with_an_ellipsis():
    shown = format_value(field(Activiteit, "omschrijving"), "x" * (TEXT_LIMIT + 50))

    assert len(shown) == TEXT_LIMIT
    assert shown.endswith("…")


def test_a_foreign_key_is_shown_by_name_and_a_missing_target_as_deleted():
    partner = PartnerFactory(naam="Stimenz")
    organisator = field(Activiteit, "organisator")

    assert format_value(organisator, partner.pk, {partner.pk: partner}) == "Stimenz"
    assert format_value(organisator, partner.pk + 1, {partner.pk: partner}) == "(verwijderd)"
    assert format_value(organisator, None, {}) == "—"


def activity_history(activiteiten, **kwargs):
    return history_entries(
        [
            Source(
                Activiteit.history.filter(id__in=[a.pk for a in activiteiten]),
                lambda row, names: row.titel,
            )
        ],
        **kwargs,
    )


@pytest.mark.parametrize("aantal", [2, 20])
def test_foreign_keys_are_named_in_one_query_per_related_model(aantal, django_assert_num_queries):
    activiteiten = ActiviteitFactory.create_batch(aantal)
    for n, activiteit in enumerate(activiteiten):
        activiteit.organisator = PartnerFactory(naam=f"Nieuwe organisator {n}")
        activiteit.save()

    # The history rows with their users, then the partners the changes name.
    with django_assert_num_queries(2):
        history = activity_history(activiteiten, limit=100)

    changed = [entry for entry in history.entries if entry.actie == "gewijzigd"]
    assert len(changed) == aantal
    assert {entry.wijzigingen[0].nieuw for entry in changed} == {
        f"Nieuwe organisator {n}" for n in range(aantal)
    }
    assert {entry.wijzigingen[0].veld for entry in changed} == {"Georganiseerd door"}


def test_a_foreign_key_to_a_deleted_record_is_shown_as_deleted(gemeente):
    oud = WijkFactory(gemeente=gemeente, naam="De Maten")
    nieuw = WijkFactory(gemeente=gemeente, naam="Zevenhuizen")
    locatie = LocatieFactory(gemeente=gemeente, wijk=oud)
    locatie.wijk = nieuw
    locatie.save()
    oud.delete()

    history = history_entries(
        [Source(locatie.history.all(), lambda row, names: "Locatie")], limit=10
    )

    assert [(c.veld, c.oud, c.nieuw) for c in history.entries[0].wijzigingen] == [
        ("Wijk", "(verwijderd)", "Zevenhuizen")
    ]


def test_a_subject_can_name_a_foreign_key_and_sources_are_merged_newest_first(gemeente):
    locatie = LocatieFactory(gemeente=gemeente, naam="De Linde")
    activiteit = ActiviteitFactory(locatie=locatie, organisator=PartnerFactory(naam="Stimenz"))
    locatie.naam = "De Eik"
    locatie.save()

    history = history_entries(
        [
            Source(locatie.history.all(), lambda row, names: "Locatie"),
            Source(
                activiteit.history.all(),
                lambda row, names: f"Activiteit van {names.of(row, 'organisator')}",
                named=("organisator",),
            ),
        ],
        limit=10,
    )

    assert [(entry.onderwerp, entry.actie) for entry in history.entries] == [
        ("Locatie", "gewijzigd"),
        ("Activiteit van Stimenz", "aangemaakt"),
        ("Locatie", "aangemaakt"),
    ]


def test_the_newest_entries_up_to_the_limit_are_kept_and_the_cut_is_flagged():
    activiteit = ActiviteitFactory(titel="Titel 0")
    for n in range(1, 4):
        activiteit.titel = f"Titel {n}"
        activiteit.save()

    cut = activity_history([activiteit], limit=2)
    whole = activity_history([activiteit], limit=4)

    assert [entry.wijzigingen[0].nieuw for entry in cut.entries] == ["Titel 3", "Titel 2"]
    assert (cut.limit, cut.cut_off) == (2, True)
    assert len(whole.entries) == 4
    assert whole.cut_off is False
    assert whole.entries[-1].actie == "aangemaakt"


def test_a_save_without_visible_change_is_left_out_unless_it_gives_a_reason():
    activiteit = ActiviteitFactory()
    activiteit.save()
    activiteit._change_reason = "Gecontroleerd"
    activiteit.save()

    entries = activity_history([activiteit], limit=10).entries

    assert [(entry.actie, entry.reden, entry.wie) for entry in entries] == [
        ("gewijzigd", "Gecontroleerd", "het systeem"),
        ("aangemaakt", "", "het systeem"),
    ]
    assert entries[0].wijzigingen == []
