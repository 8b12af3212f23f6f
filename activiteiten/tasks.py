"""Background jobs of the agenda (ontmoeting/celery.py runs them)."""

import logging

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from activiteiten import feeds
from activiteiten.occurrences import extend_horizon

logger = logging.getLogger(__name__)

# One extension at a time across every worker: the lock lives in the shared cache and expires
# by itself should its worker die.
LOCK_KEY = "taak:verleng_agenda"
LOCK_SECONDS = 60 * 60


@shared_task
def verleng_agenda() -> dict:
    """The nightly `manage.py verleng_agenda`: every activity's dates up to the horizon. A second
    run while one is busy does nothing; a run after it adds only what is missing."""
    if not cache.add(LOCK_KEY, "bezig", LOCK_SECONDS):
        logger.info("verleng_agenda already running elsewhere; skipped")
        return {"overgeslagen": True}
    try:
        result = extend_horizon()
    finally:
        cache.delete(LOCK_KEY)
    logger.info(
        "verleng_agenda: %d activities, %d dates added", result.activiteiten, result.datums
    )
    return {
        "overgeslagen": False,
        "activiteiten": result.activiteiten,
        "datums": result.datums,
        "tot": result.tot.isoformat(),
    }


@shared_task
def bouw_feeds_vooruit(activiteit_ids: list[int]) -> int:
    """Build again, into the cache, the iCalendar feeds that hold these activities (their
    own, their place's, wijk's, buurt's and organisation's), in every form they were asked
    for, so that calendar apps polling after a change are served from the cache
    (feeds.build_ahead). Returns the number of feeds built."""
    try:
        built = feeds.build_ahead(activiteit_ids, today=timezone.localdate())
    except Exception:
        # Only a head start: the next request builds the feed itself. Without a broker this
        # runs after a portal save has committed, which must not turn into an error page.
        logger.exception("bouw_feeds_vooruit failed for %s", activiteit_ids)
        return 0
    logger.info("bouw_feeds_vooruit: %d feeds for %d activities", built, len(activiteit_ids))
    return built
