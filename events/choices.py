"""The vocabulary of registrations, shared by the models, the form and the registration
service (events/registrations.py), which work without importing the models."""

from django.db import models


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "参加確定"
    WAITING = "waiting", "キャンセル待ち"
    CANCELLED = "cancelled", "キャンセル済み"


class ParticipantType(models.TextChoices):
    MUNICIPALITY = "municipality", "自治体"
    COMPANY = "company", "企業"
    ACADEMIA = "academia", "学術"
    CITIZEN = "citizen", "市民"
    STUDENT = "student", "学生"
