from django.utils.text import slugify


def unique_slug(model, text: str, *, exclude_pk=None, max_length: int = 200) -> str:
    """A slug for `text` that no other row of `model` has: 'de-kern', 'de-kern-2', …

    The result never exceeds `max_length`: a long name is shortened to make room for the number.
    """
    base = slugify(text)[:max_length].strip("-") or "item"
    # Candidates share at least this prefix, whatever suffix shortened them.
    prefix = base[: max(1, max_length - 10)]
    taken = set(
        model.objects.filter(slug__startswith=prefix)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    return free_slug(text, taken, max_length=max_length)


def free_slug(text: str, taken: set[str], *, max_length: int, fallback: str = "item") -> str:
    """A slug for `text` that is not in `taken`, numbered like `unique_slug`. For bulk work
    that knows the slugs in use (an import adds to `taken` as it goes)."""
    base = slugify(text)[:max_length].strip("-") or fallback
    slug, counter = base, 1
    while slug in taken:
        counter += 1
        suffix = f"-{counter}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug
