"""The stored search documents of places and activities on PostgreSQL (publiek/zoeken.py).

Search by word looks in one `tsvector` per place and one per activity instead of in five
tables at once:

- a place's document (`locaties_locatie.zoekdocument`): its name and description, the labels
  of its kind, facilities and target groups, the words of its accessibility features
  (zoeken.TOEGANKELIJKHEID), the names of its partners (Samenwerking), and the title,
  description and category label of each of its published activities;
- an activity's document (`activiteiten_activiteit.zoekdocument`): its title and description,
  the labels of its category and target groups, the name of its organiser and of its place.

Labels are written in every language of the site (settings.LANGUAGES), so a word matches a
label as it did when labels were compared in Python. They sit in a small table,
`publiek_zoeklabel`, filled from the choices by `vernieuw_labels`.

The documents are an index, not data: like the GIN index on them, PostgreSQL keeps them
current itself, in the same transaction as the change. Triggers on the seven tables a
document reads recompute the documents the change touches (a place renamed, a facility
added, a partner renamed, an activity cancelled). So no write path (forms, admin, imports,
demo data, bulk updates) has to remember to refresh them, and a record that stops being
public drops out of search at once. `vernieuw_alles` (the `vernieuw_zoekdocumenten` command)
recomputes every document (and remakes the functions), for after a change of labels or of
this module, or a bulk load with triggers off.

The columns are not model fields: SQLite cannot compute them and searches whole words in
Python (zoeken.py), so they exist on PostgreSQL only, made by publiek/migrations/0002. No
trigger names a column, so a migration may change a column's type; one that drops or renames
a column read here must remake the functions (`vernieuw_alles`).

What it costs: saving an activity writes its place's row, so two transactions saving
activities of one place wait for each other until the first commits."""

from django.conf import settings
from django.db import connection
from django.utils import translation

from activiteiten.constants import ActiviteitStatus, Categorie
from locaties.constants import DoelgroepCode, LocatieSoort, LocatieStatus, VoorzieningCode

CONFIG = "ontmoeting_nl"
COLUMN = "zoekdocument"
LABELS = "publiek_zoeklabel"
# (kind of label in publiek_zoeklabel, the choices it holds)
KEUZES = (
    ("soort", LocatieSoort),
    ("voorziening", VoorzieningCode),
    ("doelgroep", DoelgroepCode),
    ("categorie", Categorie),
)
# An activity's text is in its place's document while the activity is published: the
# activity half of ActiviteitQuerySet.openbaar_q(); the place half is asked when searching.
GEPUBLICEERD = ActiviteitStatus.GEPUBLICEERD.value
TOEGANKELIJKHEID_VELDEN = (
    "rolstoeltoegankelijk",
    "aangepast_toilet",
    "ringleiding",
    "prikkelarme_ruimte",
    "gehandicaptenparkeerplaats",
)


def label_rijen() -> list[tuple[str, str, str]]:
    """(kind, code, words) for every choice, with the code and its label in every language,
    and for every accessibility feature the words that ask for it."""
    from publiek.zoeken import TOEGANKELIJKHEID

    rijen = []
    for soort, keuzes in KEUZES:
        for code, label in keuzes.choices:
            woorden = [code.replace("_", " ")]
            for taal, _naam in settings.LANGUAGES:
                with translation.override(taal):
                    woorden.append(str(label))
            rijen.append((soort, code, " ".join(dict.fromkeys(woorden))))
    for veld in TOEGANKELIJKHEID_VELDEN:
        woorden = [begin for begin, doel in TOEGANKELIJKHEID.items() if doel == veld]
        rijen.append(("toegankelijkheid", veld, " ".join(woorden)))
    return rijen


def _tabellen() -> list[str]:
    """The label table, the document columns and their indexes."""
    return [
        f"""CREATE TABLE IF NOT EXISTS {LABELS} (
            soort text NOT NULL, code text NOT NULL, woorden text NOT NULL,
            PRIMARY KEY (soort, code))""",
        f"ALTER TABLE locaties_locatie ADD COLUMN IF NOT EXISTS {COLUMN} tsvector",
        f"ALTER TABLE activiteiten_activiteit ADD COLUMN IF NOT EXISTS {COLUMN} tsvector",
        f"CREATE INDEX IF NOT EXISTS locatie_zoekdocument_gin ON locaties_locatie "
        f"USING gin ({COLUMN})",
        f"CREATE INDEX IF NOT EXISTS activiteit_zoekdocument_gin ON activiteiten_activiteit "
        f"USING gin ({COLUMN})",
        # The place names of public places, for recognising "Zeist" in "breien Zeist"
        # (zoeken._plaatsnaam) from the index alone.
        "CREATE INDEX IF NOT EXISTS locatie_openbaar_plaats_idx ON locaties_locatie "
        f"(lower(plaats), plaats) WHERE status = '{LocatieStatus.GEPUBLICEERD.value}'",
    ]


def _functies() -> list[str]:
    """The functions that compute and refresh documents, and the triggers' functions."""
    toegankelijk = " OR ".join(
        f"(z.code = '{veld}' AND l.{veld})" for veld in TOEGANKELIJKHEID_VELDEN
    )
    return [
        # A place's document from its row and the rows around it.
        f"""CREATE OR REPLACE FUNCTION ontmoeting_locatie_zoekdocument(l locaties_locatie)
        RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT to_tsvector('{CONFIG}', concat_ws(' ',
            l.naam, l.omschrijving,
            (SELECT z.woorden FROM {LABELS} z WHERE z.soort = 'soort' AND z.code = l.soort),
            (SELECT string_agg(z.woorden, ' ') FROM locaties_locatie_voorzieningen v
                JOIN {LABELS} z ON z.soort = 'voorziening' AND z.code = v.voorziening_id
                WHERE v.locatie_id = l.id),
            (SELECT string_agg(z.woorden, ' ') FROM locaties_locatie_doelgroepen d
                JOIN {LABELS} z ON z.soort = 'doelgroep' AND z.code = d.doelgroep_id
                WHERE d.locatie_id = l.id),
            (SELECT string_agg(z.woorden, ' ') FROM {LABELS} z
                WHERE z.soort = 'toegankelijkheid' AND ({toegankelijk})),
            (SELECT string_agg(p.naam, ' ') FROM locaties_samenwerking s
                JOIN partners_partner p ON p.id = s.partner_id WHERE s.locatie_id = l.id),
            (SELECT string_agg(concat_ws(' ', a.titel, a.omschrijving, z.woorden), ' ')
                FROM activiteiten_activiteit a
                LEFT JOIN {LABELS} z ON z.soort = 'categorie' AND z.code = a.categorie
                WHERE a.locatie_id = l.id AND a.status = '{GEPUBLICEERD}')
        ))
        $$""",
        f"""CREATE OR REPLACE FUNCTION ontmoeting_activiteit_zoekdocument(
            a activiteiten_activiteit)
        RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT to_tsvector('{CONFIG}', concat_ws(' ',
            a.titel, a.omschrijving,
            (SELECT z.woorden FROM {LABELS} z
                WHERE z.soort = 'categorie' AND z.code = a.categorie),
            (SELECT string_agg(z.woorden, ' ') FROM activiteiten_activiteit_doelgroepen d
                JOIN {LABELS} z ON z.soort = 'doelgroep' AND z.code = d.doelgroep_id
                WHERE d.activiteit_id = a.id),
            (SELECT p.naam FROM partners_partner p WHERE p.id = a.organisator_id),
            (SELECT l.naam FROM locaties_locatie l WHERE l.id = a.locatie_id)
        ))
        $$""",
        # Recompute the documents of some places or activities: the row triggers below
        # write a row's document whenever the row is written.
        f"""CREATE OR REPLACE FUNCTION ontmoeting_vernieuw_locaties(ids bigint[])
        RETURNS void LANGUAGE sql AS $$
        UPDATE locaties_locatie SET {COLUMN} = NULL WHERE id = ANY(ids)
        $$""",
        f"""CREATE OR REPLACE FUNCTION ontmoeting_vernieuw_activiteiten(ids bigint[])
        RETURNS void LANGUAGE sql AS $$
        UPDATE activiteiten_activiteit SET {COLUMN} = NULL WHERE id = ANY(ids)
        $$""",
        # A place as it is written: its own document; when renamed, its activities' too.
        f"""CREATE OR REPLACE FUNCTION ontmoeting_locatie_trigger()
        RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_WHEN = 'BEFORE' THEN
                NEW.{COLUMN} := ontmoeting_locatie_zoekdocument(NEW);
                RETURN NEW;
            END IF;
            IF OLD.naam IS DISTINCT FROM NEW.naam THEN
                PERFORM ontmoeting_vernieuw_activiteiten(ARRAY(
                    SELECT id FROM activiteiten_activiteit WHERE locatie_id = NEW.id));
            END IF;
            RETURN NULL;
        END $$""",
        # An activity as it is written: its own document; its place's when what the place's
        # document holds of it changed (or it came or went).
        f"""CREATE OR REPLACE FUNCTION ontmoeting_activiteit_trigger()
        RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_WHEN = 'BEFORE' THEN
                NEW.{COLUMN} := ontmoeting_activiteit_zoekdocument(NEW);
                RETURN NEW;
            END IF;
            IF TG_OP = 'INSERT' THEN
                PERFORM ontmoeting_vernieuw_locaties(ARRAY[NEW.locatie_id::bigint]);
            ELSIF TG_OP = 'DELETE' THEN
                PERFORM ontmoeting_vernieuw_locaties(ARRAY[OLD.locatie_id::bigint]);
            ELSIF (OLD.titel, OLD.omschrijving, OLD.categorie, OLD.status, OLD.locatie_id)
                IS DISTINCT FROM
                (NEW.titel, NEW.omschrijving, NEW.categorie, NEW.status, NEW.locatie_id) THEN
                PERFORM ontmoeting_vernieuw_locaties(
                    ARRAY[OLD.locatie_id::bigint, NEW.locatie_id::bigint]);
            END IF;
            RETURN NULL;
        END $$""",
        # A row that belongs to a place (facility, target group, partner): the place's
        # document, before and after.
        """CREATE OR REPLACE FUNCTION ontmoeting_van_locatie_trigger()
        RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE ids bigint[] := '{}';
        BEGIN
            IF TG_OP <> 'INSERT' THEN ids := ids || OLD.locatie_id::bigint; END IF;
            IF TG_OP <> 'DELETE' THEN ids := ids || NEW.locatie_id::bigint; END IF;
            PERFORM ontmoeting_vernieuw_locaties(ids);
            RETURN NULL;
        END $$""",
        """CREATE OR REPLACE FUNCTION ontmoeting_van_activiteit_trigger()
        RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE ids bigint[] := '{}';
        BEGIN
            IF TG_OP <> 'INSERT' THEN ids := ids || OLD.activiteit_id::bigint; END IF;
            IF TG_OP <> 'DELETE' THEN ids := ids || NEW.activiteit_id::bigint; END IF;
            PERFORM ontmoeting_vernieuw_activiteiten(ids);
            RETURN NULL;
        END $$""",
        # A renamed partner: the places it works at, the activities it organises.
        """CREATE OR REPLACE FUNCTION ontmoeting_partner_trigger()
        RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.naam IS DISTINCT FROM NEW.naam THEN
                PERFORM ontmoeting_vernieuw_locaties(ARRAY(
                    SELECT locatie_id FROM locaties_samenwerking WHERE partner_id = NEW.id));
                PERFORM ontmoeting_vernieuw_activiteiten(ARRAY(
                    SELECT id FROM activiteiten_activiteit WHERE organisator_id = NEW.id));
            END IF;
            RETURN NULL;
        END $$""",
    ]


# (name, table, when, function). No column lists or WHEN clauses: PostgreSQL would then refuse
# a later migration that changes such a column's type; the functions compare instead.
VOOR = "BEFORE INSERT OR UPDATE"
NA = "AFTER INSERT OR UPDATE OR DELETE"
LOCATIE = "ontmoeting_locatie_trigger"
ACTIVITEIT = "ontmoeting_activiteit_trigger"
VAN_LOCATIE = "ontmoeting_van_locatie_trigger"
TRIGGERS = (
    ("locatie_zoekdocument", "locaties_locatie", VOOR, LOCATIE),
    ("locatie_naam_zoekdocument", "locaties_locatie", "AFTER UPDATE", LOCATIE),
    ("voorziening_zoekdocument", "locaties_locatie_voorzieningen", NA, VAN_LOCATIE),
    ("doelgroep_zoekdocument", "locaties_locatie_doelgroepen", NA, VAN_LOCATIE),
    ("samenwerking_zoekdocument", "locaties_samenwerking", NA, VAN_LOCATIE),
    ("partner_zoekdocument", "partners_partner", "AFTER UPDATE", "ontmoeting_partner_trigger"),
    ("activiteit_zoekdocument", "activiteiten_activiteit", VOOR, ACTIVITEIT),
    ("activiteit_locatie_zoekdocument", "activiteiten_activiteit", NA, ACTIVITEIT),
    ("activiteit_doelgroep_zoekdocument", "activiteiten_activiteit_doelgroepen", NA,
     "ontmoeting_van_activiteit_trigger"),
)  # fmt: skip


def _triggers() -> list[str]:
    statements = []
    for naam, tabel, wanneer, functie in TRIGGERS:
        statements.append(f"DROP TRIGGER IF EXISTS {naam} ON {tabel}")
        statements.append(
            f"CREATE TRIGGER {naam} {wanneer} ON {tabel} FOR EACH ROW EXECUTE FUNCTION {functie}()"
        )
    return statements


def installeer(cursor) -> tuple[int, int]:
    """Make (or remake) the label table, the columns, functions and triggers, fill the labels
    and every document; (places, activities) done. Idempotent; PostgreSQL only."""
    for statement in _tabellen() + _functies() + _triggers():
        cursor.execute(statement)
    return vernieuw_alles(cursor)


def verwijder(cursor) -> None:
    """Undo `installeer`."""
    for naam, tabel, *_rest in TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {naam} ON {tabel}")
    for functie in (
        "ontmoeting_partner_trigger()",
        "ontmoeting_van_activiteit_trigger()",
        "ontmoeting_van_locatie_trigger()",
        "ontmoeting_activiteit_trigger()",
        "ontmoeting_locatie_trigger()",
        "ontmoeting_vernieuw_activiteiten(bigint[])",
        "ontmoeting_vernieuw_locaties(bigint[])",
        "ontmoeting_activiteit_zoekdocument(activiteiten_activiteit)",
        "ontmoeting_locatie_zoekdocument(locaties_locatie)",
    ):
        cursor.execute(f"DROP FUNCTION IF EXISTS {functie}")
    cursor.execute("DROP INDEX IF EXISTS locatie_openbaar_plaats_idx")
    cursor.execute(f"ALTER TABLE activiteiten_activiteit DROP COLUMN IF EXISTS {COLUMN}")
    cursor.execute(f"ALTER TABLE locaties_locatie DROP COLUMN IF EXISTS {COLUMN}")
    cursor.execute(f"DROP TABLE IF EXISTS {LABELS}")


def vernieuw_labels(cursor) -> None:
    """The label table from the choices as the code has them now."""
    cursor.execute(f"DELETE FROM {LABELS}")
    cursor.executemany(
        f"INSERT INTO {LABELS} (soort, code, woorden) VALUES (%s, %s, %s)", label_rijen()
    )


def vernieuw_alles(cursor=None) -> tuple[int, int]:
    """The functions as this code writes them, the labels, and every document recomputed;
    (places, activities) done. Changes no table, so it may run inside any transaction."""
    if cursor is None:
        with connection.cursor() as cursor:
            return vernieuw_alles(cursor)
    for statement in _functies():
        cursor.execute(statement)
    vernieuw_labels(cursor)
    cursor.execute(f"UPDATE locaties_locatie l SET {COLUMN} = ontmoeting_locatie_zoekdocument(l)")
    locaties = cursor.rowcount
    cursor.execute(
        f"UPDATE activiteiten_activiteit a SET {COLUMN} = ontmoeting_activiteit_zoekdocument(a)"
    )
    return locaties, cursor.rowcount
