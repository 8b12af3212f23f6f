"""Template helpers for the subscribe links of the feeds (activiteiten/feeds.py) on pages of
other apps, which may not import activiteiten:

    {% load abonneren %}
    {% with organisatoren=programma.items|organisator_ids %}
      {% if partner.pk in organisatoren %}… feed of the organisation …{% endif %}
    {% endwith %}
"""

from django import template

register = template.Library()


@register.filter
def organisator_ids(items) -> set[int]:
    """The ids of the organisers of the activities of `items` (anything with `.activiteit`,
    such as the dates of a programme), without a query."""
    return {item.activiteit.organisator_id for item in items}
