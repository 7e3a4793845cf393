# Django's Japanese formats, with a space between a date and its time: the admin's lists read
# 「2026年12月5日 7:12」, not 「2026年12月5日7:12」.
from django.conf.locale.ja.formats import *  # noqa: F403

DATETIME_FORMAT = "Y年n月j日 G:i"
