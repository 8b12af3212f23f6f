"""Who may do what, decided in one place.

Rights follow from a person's memberships (Lidmaatschap), the kind of each organisation
(Partner.soort) and that organisation's Samenwerking with a Locatie; nothing is stored as a
`can_*` flag. Only a Samenwerking in force today (`active_samenwerking`) gives rights: one
that has ended or has not yet started gives none. Every rule is a queryset narrower — "the
records this person may …" — and the yes/no checks are built on the same narrowers, so a list
page, a view that fetches one record (`get_object_or_404(editable_locaties(user), slug=slug)`)
and a template's buttons cannot disagree. Outsiders get a 404 from such a fetch: the record's
existence does not leak.

`partners` imports no other app (DESIGN.md): the records of `locaties` and `activiteiten` are
reached through relation paths and `apps.get_model`, not through imports.

In short (DESIGN.md has the table):
- register a Locatie: any organisation but a zorgkantoor; a corporatie becomes eigenaar, a
  gemeente needs no role (it edits its whole gemeente), any other becomes beheerder;
- edit a Locatie, its Ruimten and hours: a corporatie where eigenaar or beheerder, other
  organisations where beheerder, gemeente staff in their own gemeente;
- schedule, change, cancel an Activiteit: one's own organisation's activities at places where
  it has a Samenwerking; gemeente staff in their own gemeente;
- publish, send back, archive: gemeente staff in their own gemeente;
- residents' reports: read (with the reporter's e-mail address) and handle them for a place
  one may edit or an activity one may edit;
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


def _model(label: str):
    return apps.get_model(label)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


# People and organisations ----------------------------------------------------------------


def user_partners(user) -> QuerySet:
    """The organisations `user` is a member of."""
    if not _signed_in(user):
        return Partner.objects.none()
    return Partner.objects.filter(lidmaatschappen__user=user)


def own_gemeenten(user) -> QuerySet:
    """The gemeenten `user` works for as a member of that gemeente's own organisation."""
    if not _signed_in(user):
        return Gemeente.objects.none()
    return Gemeente.objects.filter(
        gemeentepartners__soort=PartnerSoort.GEMEENTE,
        gemeentepartners__lidmaatschappen__user=user,
    )


def werkgebied_gemeenten(user) -> QuerySet:
    """The gemeenten any of `user`'s organisations works in (read access to their figures)."""
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
    if not hasattr(user, "_is_member"):
        user._is_member = Lidmaatschap.objects.filter(user=user).exists()
    return user._is_member


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


def _in_own_gemeente(user) -> Q:
    """Partners working in (werkgebied) or standing for one of `user`'s own gemeenten, as an
    Exists() filter: no join, so a queryset built on it can be annotated and counted."""
    Werkgebied = Partner.werkgebied.through
    eigen = own_gemeenten(user)
    return Q(Exists(Werkgebied.objects.filter(partner=OuterRef("pk"), gemeente__in=eigen))) | Q(
        gemeente__in=eigen
    )


def member_manageable_partners(user) -> QuerySet:
    """Organisations whose members `user` may invite, re-role and remove: those where they
    are the organisation's beheerder, and for gemeente staff every other partner in their
    gemeente. The gemeente's own organisation is managed by its beheerders only, so that a
    medewerker cannot make themselves beheerder."""
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
    return queryset.annotate(
        kan_leden_beheren=Exists(member_manageable_partners(user).filter(pk=OuterRef("pk"))),
        kan_bewerken=Exists(editable_partners(user).filter(pk=OuterRef("pk"))),
    )


def werkgebied_choices(user) -> QuerySet:
    """The gemeenten gemeente staff may add to or remove from an organisation's werkgebied:
    their own gemeenten only; the other gemeenten in it are another gemeente's to change.
    Others (an organisation's beheerder) change no werkgebied."""
    return own_gemeenten(user)


def editable_partners(user) -> QuerySet:
    """Organisations whose details (name, contact, legal form) `user` may change."""
    return member_manageable_partners(user)


def can_create_partners(user) -> bool:
    """Gemeente staff add the organisations that work in their gemeente."""
    return own_gemeenten(user).exists()


def can_manage_members(user, partner) -> bool:
    return member_manageable_partners(user).filter(pk=partner.pk).exists()


# Places ----------------------------------------------------------------------------------


def _samenwerking_of_user(user, rollen_by_kind: dict[str, set[str]] | None = None):
    """An Exists() over Samenwerking for the Locatie in OuterRef('pk') with one of the user's
    organisations; with `rollen_by_kind`, limited to the editing roles of each kind."""
    Samenwerking = _model("locaties.Samenwerking")
    samenwerkingen = Samenwerking.objects.filter(
        active_samenwerking(), locatie=OuterRef("pk"), partner__lidmaatschappen__user=user
    )
    if rollen_by_kind is not None:
        editing = Q(rol__in=DEFAULT_EDITING_ROLES) & ~Q(partner__soort__in=list(rollen_by_kind))
        for soort, rollen in rollen_by_kind.items():
            editing |= Q(partner__soort=soort, rol__in=rollen)
        samenwerkingen = samenwerkingen.filter(editing)
    return Exists(samenwerkingen)


def portal_locaties(user) -> QuerySet:
    """The places `user` works with: where one of their organisations has a Samenwerking, and
    for gemeente staff every place in their gemeente. Any status."""
    Locatie = _model("locaties.Locatie")
    if not _signed_in(user):
        return Locatie.objects.none()
    return Locatie.objects.filter(
        _samenwerking_of_user(user) | Q(gemeente__in=own_gemeenten(user))
    )


def editable_locaties(user) -> QuerySet:
    """Places whose details, Ruimten, hours, Samenwerkingen and Financiering `user` may edit."""
    Locatie = _model("locaties.Locatie")
    if not _signed_in(user):
        return Locatie.objects.none()
    return Locatie.objects.filter(
        _samenwerking_of_user(user, EDITING_ROLES) | Q(gemeente__in=own_gemeenten(user))
    )


def reviewable_locaties(user) -> QuerySet:
    """Places `user` may publish, send back to concept or archive: their own gemeente's."""
    Locatie = _model("locaties.Locatie")
    if not _signed_in(user):
        return Locatie.objects.none()
    return Locatie.objects.filter(gemeente__in=own_gemeenten(user))


def visible_locaties(user) -> QuerySet:
    """Places `user` may see: everything published, and whatever they work with."""
    Locatie = _model("locaties.Locatie")
    published = Q(status="gepubliceerd")
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


def schedulable_locaties(user) -> QuerySet:
    """Places where `user` may schedule activities: where one of their organisations has a
    Samenwerking (any role), and every place in a gemeente they work for."""
    return portal_locaties(user)


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
    Activiteit = _model("activiteiten.Activiteit")
    Samenwerking = _model("locaties.Samenwerking")
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
    Melding = _model("meldingen.Melding")
    if not _signed_in(user):
        return Melding.objects.none()
    return Melding.objects.filter(
        Q(locatie__in=editable_locaties(user).values("pk"))
        | Q(activiteit__in=editable_activiteiten(user).values("pk"))
    )


def can_handle_melding(user, melding) -> bool:
    return handleable_meldingen(user).filter(pk=melding.pk).exists()


def melding_handlers(melding) -> list:
    """The active people who may handle `melding`, for its notification: candidates are the
    members of organisations working at the place or organising the activity and the staff of
    the place's gemeente, each checked against handleable_meldingen so the rule stays one."""
    candidates = Q(lidmaatschappen__partner__samenwerkingen__locatie=melding.locatie_id) | Q(
        lidmaatschappen__partner__soort=PartnerSoort.GEMEENTE,
        lidmaatschappen__partner__gemeente=melding.locatie.gemeente_id,
    )
    if melding.activiteit_id:
        candidates |= Q(lidmaatschappen__partner=melding.activiteit.organisator_id)
    users = User.objects.filter(candidates, is_active=True).distinct().order_by("email")
    return [user for user in users if can_handle_melding(user, melding)]


# Neighbourhoods, coverage and financing --------------------------------------------------


def readable_gemeenten(user) -> QuerySet:
    """Gemeenten whose wijken, coverage and financing `user` may read."""
    return werkgebied_gemeenten(user)


def managed_gemeenten(user) -> QuerySet:
    """Gemeenten whose wijken and coverage `user` manages: their own gemeente."""
    return own_gemeenten(user)
