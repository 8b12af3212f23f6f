"""The Celery app: background jobs and the scheduled work (CELERY_BEAT_SCHEDULE in settings).

With CELERY_BROKER_URL set (Redis in production) tasks go to the workers:

    celery -A ontmoeting worker --loglevel INFO
    celery -A ontmoeting beat --loglevel INFO

Without it (`make run`, `make test`) CELERY_TASK_ALWAYS_EAGER runs every task at once in the
process that asked for it, with the same code.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")

app = Celery("ontmoeting")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
