from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import DemoResult, load_demodata

COLUMNS = (
    ("gemeente", "gemeente"),
    ("plekken", "locaties"),
    ("gepubliceerd", "gepubliceerd"),
    ("sterlocaties", "sterlocaties"),
    ("partners", "partners"),
    ("activiteiten", "activiteiten"),
    ("wijken", "wijken"),
    ("buurten", "buurten"),
)


class Command(BaseCommand):
    help = (
        "Laadt de demogegevens van Apeldoorn, Zeist en Purmerend, met demo-accounts. "
        "Opnieuw draaien verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook laden als DEBUG uit staat (maakt accounts met een openbaar wachtwoord).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Geweigerd: DEBUG staat uit. De demogegevens maken accounts met een openbaar "
                "wachtwoord; gebruik --force als je dat op deze installatie echt wilt. "
                "(Refused: DEBUG is off and demo accounts have a published password; "
                "use --force to load them anyway.)"
            )
        result = load_demodata()
        self.stdout.write(format_result(result))


def format_result(result: DemoResult) -> str:
    widths = [max(len(title), 12 if name == "gemeente" else 0) for title, name in COLUMNS]
    rows = [[str(getattr(counts, name)) for _, name in COLUMNS] for counts in result.gemeenten]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(cells):
        first, *rest = cells
        return "  ".join(
            [first.ljust(widths[0])] + [c.rjust(w) for c, w in zip(rest, widths[1:], strict=True)]
        )

    lines = ["Demogegevens geladen.", "", line([title for title, _ in COLUMNS])]
    lines.append(line(["-" * width for width in widths]))
    lines += [line(row) for row in rows]
    lines += ["", f"Demo-accounts (wachtwoord voor allemaal: {result.password}):"]
    email_width = max(len(user.email) for user in result.users)
    naam_width = max(len(user.naam) for user in result.users)
    for user in result.users:
        lines.append(
            f"  {user.email.ljust(email_width)}  {user.naam.ljust(naam_width)}  "
            + (f"{user.partner} — {user.rol}" if user.partner else user.rol)
        )
    changes = [
        ("aangemaakt", result.created),
        ("bijgewerkt", result.updated),
        ("verwijderd", result.deleted),
    ]
    lines.append("")
    for label, counter in changes:
        total = sum(counter.values())
        detail = ", ".join(f"{name} {count}" for name, count in sorted(counter.items()))
        lines.append(f"{label}: {total}" + (f" ({detail})" if detail else ""))
    lines += ["", result.invented]
    return "\n".join(lines)
