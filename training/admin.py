"""Administration of class kinds and learner tags (logged, through core's reference-row service); classes and
learners are read-only here (training.services writes them)."""

from django.contrib import admin

from core.admin import LoggedAdmin, ReadOnlyAdmin
from training.models import ClassKind, Learner, LearnerTag, TrainingClass


@admin.register(ClassKind)
class ClassKindAdmin(LoggedAdmin):
    list_display = ["code", "name", "category", "regulation", "is_active"]


@admin.register(LearnerTag)
class LearnerTagAdmin(LoggedAdmin):
    list_display = ["code", "name"]


@admin.register(TrainingClass)
class TrainingClassAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "kind", "host", "starts_on", "ends_on"]
    raw_id_fields = ["host", "organizer"]


@admin.register(Learner)
class LearnerAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "training_class", "result", "certificate_number"]
    raw_id_fields = ["training_class", "person"]
