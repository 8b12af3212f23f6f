"""Expectations of the authorization matrix (tests/test_beheer_authorization.py) for the
portal's coverage and risk pages (dekking/views.py)."""

from tests.beheer_access import Case, every_member

# A page that only reads answers 405 to a POST from anyone signed in, before any lookup.
READ_ONLY_POST = every_member(405)

# Coverage. Every persona works in a gemeente (the World's organisations all have a
# werkgebied), so everyone signed in reads a dashboard: gemeente staff their own gemeente, the
# others the gemeente they work in. Another gemeente's slug answers 404 and staff of an
# organisation without any gemeente get a page that says so (export: 404); see
# tests/dekking/test_dekking_views.py. Read-only: a POST answers 405.
CASES = {
    "dekking": Case(get=every_member(200), post=READ_ONLY_POST),
    "dekking_csv": Case(get=every_member(200), post=READ_ONLY_POST),
    "dekking_xlsx": Case(get=every_member(200), post=READ_ONLY_POST),
}
# Risks: anyone whose organisation works in a gemeente reads its risks (each persona works
# somewhere: the page shows their own gemeente).
CASES |= {
    "risico": Case(get=every_member(200), post=READ_ONLY_POST),
    "risico_export_csv": Case(get=every_member(200), post=READ_ONLY_POST),
    "risico_export_xlsx": Case(get=every_member(200), post=READ_ONLY_POST),
}
# Financing as a budget: the same readers as the risks (their gemeente's register, narrowed
# by visible_locaties); another gemeente's slug answers 404 (tests/dekking/test_begroting.py).
CASES |= {
    "begroting": Case(get=every_member(200), post=READ_ONLY_POST),
    "begroting_csv": Case(get=every_member(200), post=READ_ONLY_POST),
    "begroting_xlsx": Case(get=every_member(200), post=READ_ONLY_POST),
}
# The week grid: the same readers as the dashboard.
CASES |= {
    "week": Case(get=every_member(200), post=READ_ONLY_POST),
    "week_csv": Case(get=every_member(200), post=READ_ONLY_POST),
    "week_xlsx": Case(get=every_member(200), post=READ_ONLY_POST),
}
# What if: the same readers; the places one may add are narrowed by visible_locaties.
CASES |= {"wat_als": Case(get=every_member(200), post=READ_ONLY_POST)}
