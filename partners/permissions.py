"""Who may do what, decided in one place.

Rights follow from a person's memberships (Lidmaatschap), the kind of each organisation
(Partner.soort) and that organisation's Samenwerking with a Locatie; nothing is stored as a
`can_*` flag. Only a Samenwerking in force today (`active_samenwerking`) gives rights: one
that has ended or has not yet started gives none. Every rule is a queryset narrower — "the
records this person may …" — and the yes/no checks are built on the same narrowers, so a list
page, a view that fetches one record (`get_object_or_404(editable_locaties(user), slug=slug)`)
and a template's buttons cannot disagree. Outsiders get a 404 from such a fetch: the record's
existence does not leak.

`partners` imports no other app (DESIGN.md): the records of `locaties`, `activiteiten` and
`meldingen` are reached through relation paths and `apps.get_model`, not through imports, and
what "public" means is asked of them (`openbaar()`), never spelled out here.

One name per rule: a page that needs a rule calls it by that name; nothing is written twice
under another name, and no view or other module decides a right by itself.

In short (DESIGN.md has the table):
- register a Locatie: any organisation but a zorgkantoor; a corporatie becomes eigenaar, a
  gemeente needs no role (it edits its whole gemeente), any other becomes beheerder;
- edit a Locatie, its Ruimten and hours: a corporatie where eigenaar or beheerder, other
  organisations where beheerder, gemeente staff in their own gemeente;
- the rooms overview (who rents a room, which activities use it, when it is free): the
  Ruimten of the places one may edit (managed_ruimten);
- schedule, change, cancel an Activiteit: one's own organisation's activities at places where
  it has a Samenwerking; gemeente staff in their own gemeente;
- publish, send back, archive: gemeente staff in their own gemeente;
- residents' reports: read (with the reporter's e-mail address) and handle them for a place
  one may edit or an activity one may edit;
- volunteers: staff of an organisation that works at a place (any Samenwerking but financier)
  post its vacatures, review residents' requests there and see the answers with the residents'
  contact details; gemeente staff see only the counts for their gemeente, unless their own
  organisation works at the place;
- wijken, coverage, financing: read in the gemeenten one works in, manage in one's own;
- members: an organisation's beheerder, and gemeente staff for partners in their gemeente.
"""

from allauth.mfa.utils import is_mfa_enabled
from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from partners.constants import LidmaatschapRol, PartnerSoort
from partners.models import Gemeente, Lidmaatschap, Partner, User

# Values of locaties.constants.SamenwerkingRol (partners may not import locaties; a test
# checks that these stay in step).
ROL_EIGENAAR = "eigenaar"
ROL_BEHEERDER = "beheerder"
ROL_FINANCIER = "financier"

# Which Samenwerking roles let an organisation of a kind edit a place.
EDITING_ROLES: dict[str, set[str]] = {PartnerSoort.WONINGCORPORATIE: {ROL_EIGENAAR, ROL_BEHEERDER}}
DEFAULT_EDITING_ROLES = {ROL_BEHEERDER}

# Kinds of organisation that finance or oversee rather than run places: they read, they do
# not register places.
NON_REGISTERING_KINDS = {PartnerSoort.ZORGKANTOOR}


def active_samenwerking(prefix: str = "") -> Q:
    """A filter for Samenwerkingen in force today: started (no ingangsdatum, or on or before
    today) and not ended (no einddatum, or today or later). Only these give rights; `prefix`
    is the relation path to the Samenwerking (e.g. "samenwerkingen__")."""
    today = timezone.localdate()
    started = Q(**{f"{prefix}ingangsdatum__isnull": True}) | Q(
        **{f"{prefix}ingangsdatum__lte": today}
    )
    not_ended = Q(**{f"{prefix}einddatum__isnull": True}) | Q(**{f"{prefix}einddatum__gte": today})
    return started & not_ended


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


# People and organisations ----------------------------------------------------------------


def user_partners(user) -> QuerySet:
    """The organisations `user` is a member of."""
    if not _signed_in(user):
        return Partner.objects.none()
    return Partner.objects.filter(lidmaatschappen__user=user)


def own_gemeenten(user) -> QuerySet:
    """The gemeenten `user` works for as a member of that gemeente's own organisation: whose
    places they review and whose wijken and coverage they manage."""
    if not _signed_in(user):
        return Gemeente.objects.none()
    return Gemeente.objects.filter(
        gemeentepartners__soort=PartnerSoort.GEMEENTE,
        gemeentepartners__lidmaatschappen__user=user,
    )


def werkgebied_gemeenten(user) -> QuerySet:
    """The gemeenten any of `user`'s organisations works in: whose wijken, coverage and
    financing they may read."""
    if not _signed_in(user):
        return Gemeente.objects.none()
    return Gemeente.objects.filter(
        Q(actieve_partners__lidmaatschappen__user=user)
        | Q(gemeentepartners__lidmaatschappen__user=user)
    ).distinct()


def is_member(user) -> bool:
    """Staff of some partner organisation: the people the portal is for."""
    if not _signed_in(user):
        return False
    # Asked by the portal's guards and again by the header of the same request: kept on the
    # request's user object, so the answer costs one query per request.
    _load_portal_answers(user)
    return user._is_member


def manages_ruimten(user) -> bool:
    """Whether `user` manages any room (managed_ruimten): the portal's menu then links the
    rooms overview."""
    if not _signed_in(user):
        return False
    _load_portal_answers(user)
    return user._manages_ruimten


def _load_portal_answers(user) -> None:
    """is_member and manages_ruimten in one query, kept on the request's user object: the
    portal's guards and its menu ask both on every page."""
    if hasattr(user, "_is_member"):
        return
    answers = (
        User.objects.filter(pk=user.pk)
        .values_list(
            Exists(Lidmaatschap.objects.filter(user=user)),
            Exists(managed_ruimten(user)),
        )
        .first()
    )
    # No row: the account was deleted while the person was signed in.
    user._is_member, user._manages_ruimten = answers or (False, False)


def has_write_rights(user) -> bool:
    """Whether `user` can change anything at all, in the portal (staff of a partner) or in
    the Django admin (a superuser); such people must use two-factor login."""
    if _signed_in(user) and user.is_superuser:
        return True
    return is_member(user)


def requires_mfa_setup(user) -> bool:
    """True when `user` may change records but has not set up two-factor authentication and
    the installation demands it (settings.MFA_REQUIRED_FOR_EDITORS; relaxed for the demo)."""
    if not settings.MFA_REQUIRED_FOR_EDITORS or not has_write_rights(user):
        return False
    return not is_mfa_enabled(user)


def is_reviewer(user) -> bool:
    """Gemeente staff: they review, publish and archive the places of their own gemeente."""
    return own_gemeenten(user).exists()


def _in_own_gemeente(user) -> Q:
    """Partners working in (werkgebied) or standing for one of `user`'s own gemeenten, as an
    Exists() filter: no join, so a queryset built on it can be annotated and counted."""
    Werkgebied = Partner.werkgebied.through
    eigen = own_gemeenten(user)
    return Q(Exists(Werkgebied.objects.filter(partner=OuterRef("pk"), gemeente__in=eigen))) | Q(
        gemeente__in=eigen
    )


def member_manageable_partners(user) -> QuerySet:
    """Organisations whose details (name, contact, legal form) and members `user` may change
    (invite, re-role, remove): those where they are the organisation's beheerder, and for
    gemeente staff every other partner in their gemeente. The gemeente's own organisation is
    managed by its beheerders only, so that a medewerker cannot make themselves beheerder."""
    if not _signed_in(user):
        return Partner.objects.none()
    as_beheerder = Q(
        Exists(
            Lidmaatschap.objects.filter(
                partner=OuterRef("pk"), user=user, rol=LidmaatschapRol.BEHEERDER
            )
        )
    )
    other_partner_in_own_gemeente = _in_own_gemeente(user) & ~Q(soort=PartnerSoort.GEMEENTE)
    return Partner.objects.filter(as_beheerder | other_partner_in_own_gemeente)


def visible_partners(user) -> QuerySet:
    """Organisations whose portal page (details, members) `user` may see: their own, and for
    gemeente staff every partner in their gemeente."""
    if not _signed_in(user):
        return Partner.objects.none()
    member = Q(Exists(Lidmaatschap.objects.filter(partner=OuterRef("pk"), user=user)))
    return Partner.objects.filter(member | _in_own_gemeente(user))


def with_partner_rights(queryset: QuerySet, user) -> QuerySet:
    """Annotate a Partner queryset with `kan_leden_beheren` and `kan_bewerken` in the same
    query, for pages that show buttons per organisation."""
    manageable = Exists(member_manageable_partners(user).filter(pk=OuterRef("pk")))
    return queryset.annotate(kan_leden_beheren=manageable, kan_bewerken=manageable)


def werkgebied_choices(user) -> QuerySet:
    """The gemeenten gemeente staff may add to or remove from an organisation's werkgebied:
    their own gemeenten only; the other gemeenten in it are another gemeente's to change.
    Others (an organisation's beheerder) change no werkgebied."""
    return own_gemeenten(user)


def can_create_partners(user) -> bool:
    """Gemeente staff add the organisations that work in their gemeente."""
    return own_gemeenten(user).exists()


def can_manage_members(user, partner) -> bool:
    return member_manageable_partners(user).filter(pk=partner.pk).exists()


# Places ----------------------------------------------------------------------------------


def _samenwerking_of_user(user, rollen_by_kind: dict[str, set[str]] | None = None):
    """An Exists() over Samenwerking for the Locatie in OuterRef('pk') with one of the user's
    organisations; with `rollen_by_kind`, limited to the editing roles of each kind."""
    samenwerkingen = apps.get_model("locaties.Samenwerking").objects.filter(
        active_samenwerking(), locatie=OuterRef("pk"), partner__lidmaatschappen__user=user
    )
    if rollen_by_kind is not None:
        samenwerkingen = samenwerkingen.filter(_editing_role(rollen_by_kind))
    return Exists(samenwerkingen)


def _editing_role(rollen_by_kind: dict[str, set[str]]) -> Q:
    """Samenwerkingen whose role lets their organisation edit the place, by its kind."""
    editing = Q(rol__in=DEFAULT_EDITING_ROLES) & ~Q(partner__soort__in=list(rollen_by_kind))
    for soort, rollen in rollen_by_kind.items():
        editing |= Q(partner__soort=soort, rol__in=rollen)
    return editing


def _gemeente_staff(gemeente_id) -> Q:
    """Users who work for the gemeente's own organisation (the other side of own_gemeenten)."""
    return Q(
        lidmaatschappen__partner__soort=PartnerSoort.GEMEENTE,
        lidmaatschappen__partner__gemeente=gemeente_id,
    )


def portal_locaties(user) -> QuerySet:
    """The places `user` works with: where one of their organisations has a Samenwerking, and
    for gemeente staff every place in their gemeente. Any status."""
    Locatie = apps.get_model("locaties.Locatie")
    if not _signed_in(user):
        return Locatie.objects.none()
    return Locatie.objects.filter(
        _samenwerking_of_user(user) | Q(gemeente__in=own_gemeenten(user))
    )


def editable_locaties(user) -> QuerySet:
    """Places whose details, Ruimten, hours, Samenwerkingen and Financiering `user` may edit."""
    Locatie = apps.get_model("locaties.Locatie")
    if not _signed_in(user):
        return Locatie.objects.none()
    return Locatie.objects.filter(
        _samenwerking_of_user(user, EDITING_ROLES) | Q(gemeente__in=own_gemeenten(user))
    )


def managed_ruimten(user) -> QuerySet:
    """Rooms `user` manages: the Ruimten of the places they may edit (editable_locaties). Their
    overview shows who rents them, which activities use them and when they are free."""
    Ruimte = apps.get_model("locaties.Ruimte")
    if not _signed_in(user):
        return Ruimte.objects.none()
    return Ruimte.objects.filter(locatie__in=editable_locaties(user).values("pk"))


def reviewable_locaties(user) -> QuerySet:
    """Places `user` may publish, send back to concept or archive: their own gemeente's."""
    Locatie = apps.get_model("locaties.Locatie")
    if not _signed_in(user):
        return Locatie.objects.none()
    return Locatie.objects.filter(gemeente__in=own_gemeenten(user))


def visible_locaties(user) -> QuerySet:
    """Places `user` may see: everything published, and whatever they work with."""
    Locatie = apps.get_model("locaties.Locatie")
    published = Locatie.objects.openbaar_q()
    if not _signed_in(user):
        return Locatie.objects.filter(published)
    return Locatie.objects.filter(
        published | _samenwerking_of_user(user) | Q(gemeente__in=own_gemeenten(user))
    )


def registering_partners(user) -> QuerySet:
    """The organisations on whose behalf `user` may register a new place."""
    return user_partners(user).exclude(soort__in=NON_REGISTERING_KINDS)


def registration_role(partner) -> str | None:
    """The Samenwerking role an organisation gets at a place it registers: a corporatie
    becomes eigenaar, a gemeente needs none (it edits everything in its gemeente), any other
    organisation becomes beheerder."""
    if partner.soort == PartnerSoort.WONINGCORPORATIE:
        return ROL_EIGENAAR
    if partner.soort == PartnerSoort.GEMEENTE:
        return None
    return ROL_BEHEERDER


def can_register_locatie(user) -> bool:
    return registering_partners(user).exists()


def can_edit_locatie(user, locatie) -> bool:
    return editable_locaties(user).filter(pk=locatie.pk).exists()


def submittable_locaties(user) -> QuerySet:
    """Concept places `user` may send to the gemeente for review: those they may edit."""
    return editable_locaties(user).concept()


def can_submit_locatie(user, locatie, *, may_edit: bool | None = None) -> bool:
    """Whether `user` may submit `locatie` for review; `may_edit` is can_edit_locatie's
    answer when the caller has it already (saves the query)."""
    if not locatie.is_concept:
        return False
    if may_edit is None:
        return submittable_locaties(user).filter(pk=locatie.pk).exists()
    return may_edit


def can_review_locatie(user, locatie) -> bool:
    return reviewable_locaties(user).filter(pk=locatie.pk).exists()


def with_locatie_rights(queryset: QuerySet, user) -> QuerySet:
    """Annotate a Locatie queryset with `kan_bewerken` and `kan_beoordelen` in the same query,
    for list pages that show buttons per row."""
    return queryset.annotate(
        kan_bewerken=Exists(editable_locaties(user).filter(pk=OuterRef("pk"))),
        kan_beoordelen=Exists(reviewable_locaties(user).filter(pk=OuterRef("pk"))),
    )


# Activities ------------------------------------------------------------------------------


def organising_partners(user, locatie) -> QuerySet:
    """The organisations `user` may name as organiser of an activity at `locatie`."""
    if own_gemeenten(user).filter(pk=locatie.gemeente_id).exists():
        return Partner.objects.filter(
            (Q(samenwerkingen__locatie=locatie) & active_samenwerking("samenwerkingen__"))
            | Q(lidmaatschappen__user=user)
        ).distinct()
    return (
        user_partners(user)
        .filter(active_samenwerking("samenwerkingen__"), samenwerkingen__locatie=locatie)
        .distinct()
    )


def editable_activiteiten(user) -> QuerySet:
    """Activities `user` may change, cancel or archive: those their own organisation organises
    at a place where it has a Samenwerking, and for gemeente staff every activity at a place in
    their gemeente."""
    Activiteit = apps.get_model("activiteiten.Activiteit")
    Samenwerking = apps.get_model("locaties.Samenwerking")
    if not _signed_in(user):
        return Activiteit.objects.none()
    organiser_works_there = Exists(
        Samenwerking.objects.filter(
            active_samenwerking(),
            locatie=OuterRef("locatie"),
            partner=OuterRef("organisator"),
            partner__lidmaatschappen__user=user,
        )
    )
    return Activiteit.objects.filter(
        organiser_works_there | Q(locatie__gemeente__in=own_gemeenten(user))
    )


def can_edit_activiteit(user, activiteit) -> bool:
    return editable_activiteiten(user).filter(pk=activiteit.pk).exists()


# Reports from residents ("Klopt er iets niet?") -------------------------------------------


def handleable_meldingen(user) -> QuerySet:
    """Reports `user` may read (with the reporter's e-mail address) and mark handled: those
    about a place they may edit, and those about an activity they may edit. A report about an
    activity reaches the place's editors too, because the place page shows the activity."""
    Melding = apps.get_model("meldingen.Melding")
    if not _signed_in(user):
        return Melding.objects.none()
    return Melding.objects.filter(
        Q(locatie__in=editable_locaties(user).values("pk"))
        | Q(activiteit__in=editable_activiteiten(user).values("pk"))
    )


def can_handle_melding(user, melding) -> bool:
    return handleable_meldingen(user).filter(pk=melding.pk).exists()


def melding_handlers(melding) -> QuerySet:
    """The active people who may handle `melding`, for its notification, in one query: the
    rules of handleable_meldingen seen from the other side (editors of the place: an editing
    Samenwerking or the gemeente's staff; editors of the activity: members of its organiser
    where that works at the place), built from the same pieces (_editing_role,
    _gemeente_staff)."""
    Samenwerking = apps.get_model("locaties.Samenwerking")
    locatie = melding.locatie
    place_editor = Exists(
        Samenwerking.objects.filter(
            active_samenwerking(),
            _editing_role(EDITING_ROLES),
            locatie=locatie.pk,
            partner__lidmaatschappen__user=OuterRef("pk"),
        )
    )
    may_handle = Q(place_editor) | _gemeente_staff(locatie.gemeente_id)
    if melding.activiteit_id:
        activiteit = melding.activiteit
        may_handle |= Q(
            Exists(
                Samenwerking.objects.filter(
                    active_samenwerking(),
                    locatie=activiteit.locatie_id,
                    partner=activiteit.organisator_id,
                    partner__lidmaatschappen__user=OuterRef("pk"),
                )
            )
        ) | _gemeente_staff(activiteit.locatie.gemeente_id)
    return User.objects.filter(may_handle, is_active=True).distinct().order_by("email")


# Volunteers ("koppelen") -------------------------------------------------------------------


def _works_at(*, locatie, user) -> Exists:
    """A Samenwerking in force, other than financier, of one of `user`'s organisations at
    `locatie`; either may be an OuterRef."""
    Samenwerking = apps.get_model("locaties.Samenwerking")
    return Exists(
        Samenwerking.objects.filter(
            active_samenwerking(), locatie=locatie, partner__lidmaatschappen__user=user
        ).exclude(rol=ROL_FINANCIER)
    )


def vrijwilligers_locaties(user) -> QuerySet:
    """Places whose vacatures, residents' requests and answers (with the residents' contact
    details) `user` handles: where one of their organisations works, i.e. has a Samenwerking
    in any role but financier. Narrower than portal_locaties on purpose: gemeente staff do not
    see residents' details for every place in their gemeente (AVG: only those who do the
    matching), only the counts (vrijwilligers_cijfer_locaties)."""
    Locatie = apps.get_model("locaties.Locatie")
    if not _signed_in(user):
        return Locatie.objects.none()
    return Locatie.objects.filter(_works_at(locatie=OuterRef("pk"), user=user))


def vrijwilligers_cijfer_locaties(user) -> QuerySet:
    """Places whose counts of volunteers' sign-ups and matches `user` may read (no names):
    the places they work with, and for gemeente staff every place in their gemeente."""
    return portal_locaties(user)


def can_handle_vrijwilligers(user, locatie) -> bool:
    return vrijwilligers_locaties(user).filter(pk=locatie.pk).exists()


def handleable_vacatures(user) -> QuerySet:
    Vacature = apps.get_model("vrijwilligers.Vacature")
    return Vacature.objects.filter(locatie__in=vrijwilligers_locaties(user).values("pk"))


def handleable_hulpvragen(user) -> QuerySet:
    Hulpvraag = apps.get_model("vrijwilligers.Hulpvraag")
    return Hulpvraag.objects.filter(locatie__in=vrijwilligers_locaties(user).values("pk"))


def handleable_reacties(user) -> QuerySet:
    """Residents' answers `user` may read with their contact details, match and close."""
    Reactie = apps.get_model("vrijwilligers.Reactie")
    return Reactie.objects.filter(locatie__in=vrijwilligers_locaties(user).values("pk"))


def vrijwilligers_handlers(locatie) -> QuerySet:
    """The active people who handle volunteers at `locatie`, for the e-mail on a new answer or
    request, in one query: vrijwilligers_locaties seen from the other side (_works_at)."""
    return (
        User.objects.filter(_works_at(locatie=locatie.pk, user=OuterRef("pk")), is_active=True)
        .distinct()
        .order_by("email")
    )


# Neighbourhoods, coverage and financing --------------------------------------------------


# Wijken, coverage and financing: read in werkgebied_gemeenten(user), managed (wijken
# imported, figures set) in own_gemeenten(user).


# Reminders by e-mail (herinneringen) -------------------------------------------------------
#
# The daily reminders go to the people who can act on them. Each rule below answers pairs
# (record id, user id) for a whole set of records in one query, seen from the other side of the
# narrowers above, so the run costs the same number of queries for ten places or ten thousand.
# With `user` the same rule answers for one person (the portal's start page).


def _pairs(queryset: QuerySet, user_path: str, *, user=None, **filters) -> QuerySet:
    """(record id, user id) for the active users at `user_path`; `filters` go into the same
    filter() call, so they narrow the very join the users come from."""
    filters[f"{user_path}__is_active"] = True
    if user is not None:
        filters[user_path] = user
    return queryset.filter(**filters).order_by().values_list("pk", user_path).distinct()


def gemeente_staff_pairs(queryset: QuerySet, *, locatie: str = "", user=None) -> QuerySet:
    """(record id, user id) for the staff of the gemeente each record's place lies in: who
    review it (reviewable_locaties seen from the other side). `locatie` is the path from the
    record to its Locatie ("" for Locatie itself, "locatie__" for its Samenwerkingen)."""
    partner = f"{locatie}gemeente__gemeentepartners"
    return _pairs(
        queryset,
        f"{partner}__lidmaatschappen__user",
        user=user,
        **{f"{partner}__soort": PartnerSoort.GEMEENTE},
    )


def place_editor_pairs(locaties: QuerySet, *, user=None) -> QuerySet:
    """(locatie id, user id) for the members of the organisations that edit each place through
    a Samenwerking in force (editable_locaties without the gemeente's staff: they are asked
    by gemeente_staff_pairs)."""
    Samenwerking = apps.get_model("locaties.Samenwerking")
    samenwerkingen = Samenwerking.objects.filter(
        active_samenwerking(), _editing_role(EDITING_ROLES), locatie__in=locaties.values("pk")
    )
    user_path = "partner__lidmaatschappen__user"
    filters = {f"{user_path}__is_active": True}
    if user is not None:
        filters[user_path] = user
    return (
        samenwerkingen.filter(**filters).order_by().values_list("locatie_id", user_path).distinct()
    )


def partner_member_pairs(queryset: QuerySet, *, user=None) -> QuerySet:
    """(samenwerking id, user id) for the members of each Samenwerking's partner."""
    return _pairs(queryset, "partner__lidmaatschappen__user", user=user)
