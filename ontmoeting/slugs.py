from django.utils.text import slugify


def unique_slug(model, text: str, *, exclude_pk=None, max_length: int = 200) -> str:
    """A slug for `text` that no other row of `model` has: 'de-kern', 'de-kern-2', …"""
    base = slugify(text)[: max_length - 4].strip("-") or "item"
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, counter = base, 2
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    return slug
