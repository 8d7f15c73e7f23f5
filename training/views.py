"""Training pages: the list of classes with filters and its XLSX export, a class's page with its learners, the
class form, the bulk learner form (pasted list or XLSX, all or none) and a learner's result. Views parse, ask
queries or one service, and render."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import DomainError, NotInScope
from core.scope import holds
from core.views import as_404, form_submit
from training import learner_list, queries, services, services_edit
from training.exports import XLSX_CONTENT_TYPE, classes_xlsx, learners_xlsx
from training.forms import ClassEditForm, ClassFilterForm, ClassForm, LearnerForm, LearnersForm, ResultForm
from training.models import TrainingClass

MAX_ROWS = 500


def _filtered(request: HttpRequest) -> tuple[ClassFilterForm, object]:
    form = ClassFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_bound and form.is_valid() else {}
    organization = None
    if values.get("organization"):
        try:
            organization = queries.organization_get(request.user, code=values["organization"])
        except NotInScope:
            form.add_error("organization", _("No organization with this code in your scope."))
            return form, TrainingClass.objects.none()
    classes = queries.class_list(request.user, kind=values.get("kind"), organization=organization,
                                 date_from=values.get("date_from"), date_to=values.get("date_to"),
                                 organizer=values.get("organizer") or "")
    return form, classes


@login_required
@require_GET
def class_list(request: HttpRequest) -> HttpResponse:
    form, classes = _filtered(request)
    return render(request, "training/class_list.html", {
        "form": form, "classes": classes[:MAX_ROWS],  # type: ignore[index]
        "can_add": holds(request.user, queries.CHANGE_PERMISSION), "query": request.GET.urlencode(),
    })


@login_required
@require_GET
def class_list_export(request: HttpRequest) -> HttpResponse:
    _form, classes = _filtered(request)
    content = classes_xlsx(classes, title=_("Training classes"))  # type: ignore[arg-type]
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="training-classes.xlsx"'
    return response


@login_required
@require_GET
@as_404
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = queries.class_get(request.user, pk=pk)
    return render(request, "training/class_detail.html", {
        "training_class": training_class, "learners": queries.learners_of(training_class),
        "can_change": queries.can_change(request.user, training_class),
    })


@login_required
@require_GET
@as_404
def class_export(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = queries.class_get(request.user, pk=pk)
    response = HttpResponse(learners_xlsx(training_class, queries.learners_of(training_class)),
                            content_type=XLSX_CONTENT_TYPE)
    code = re.sub(r"[^A-Za-z0-9_-]", "", training_class.code) or str(training_class.pk)
    response["Content-Disposition"] = f'attachment; filename="class-{code}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def class_create(request: HttpRequest) -> HttpResponse:
    hosts = queries.host_choices(request.user)
    if not hosts.exists():
        raise NotInScope(_("Not found."))
    form = ClassForm(request.POST or None, hosts=hosts)
    answer = form_submit(request, form, lambda data: services.class_create(actor=request.user, **data),
                         lambda created: redirect("training:learners_add", pk=created.pk),
                         success=_("The class was recorded."))
    return answer or render(request, "training/class_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def learners_add(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = queries.class_get(request.user, pk=pk, action=queries.CHANGE_PERMISSION)
    form = LearnersForm(request.POST or None, request.FILES or None)

    def add(data: dict[str, Any]) -> Any:
        upload = data.get("file")
        rows = (learner_list.parse_xlsx(upload.read(learner_list.MAX_XLSX_BYTES + 1)) if upload
                else learner_list.parse_pasted(data["pasted"]))
        return services.learners_add(actor=request.user, training_class=training_class, learners=rows)

    def added(learners: Any) -> HttpResponse:
        messages.success(request, _("%(count)d learners were added.") % {"count": len(learners)})
        return redirect("training:class_detail", pk=training_class.pk)

    def beside_the_list(error: DomainError) -> None:  # a row's fault goes beside the file or the pasted text
        for fault in getattr(error, "errors", [error]):
            form.add_error("file" if fault.field == "file" else "pasted", str(fault.message))

    answer = form_submit(request, form, add, added, attach=beside_the_list)
    return answer or render(request, "training/learners_form.html", {"form": form, "training_class": training_class})


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def learner_result(request: HttpRequest, pk: int) -> HttpResponse:
    learner = queries.learner_get(request.user, pk=pk)
    form = ResultForm(request.POST or None, initial={"result": learner.result})
    answer = form_submit(request, form,
                         lambda data: services.learner_result_record(actor=request.user, learner=learner, **data),
                         lambda _learner: redirect("training:class_detail", pk=learner.training_class_id),
                         success=_("The result was recorded."))
    return answer or render(request, "training/result_form.html", {"form": form, "learner": learner})


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def class_edit(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = queries.class_get(request.user, pk=pk, action=queries.CHANGE_PERMISSION)
    initial = {name: getattr(training_class, name) for name in services_edit.CLASS_FIELDS}
    form = ClassEditForm(request.POST or None, initial=initial)
    answer = form_submit(
        request, form,
        lambda data: services_edit.class_update(actor=request.user, training_class=training_class, **data),
        lambda _class: redirect("training:class_detail", pk=training_class.pk), success=_("The class was corrected."))
    return answer or render(request, "training/class_edit.html", {"form": form, "training_class": training_class})


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def learner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    learner = queries.learner_get(request.user, pk=pk)
    initial = {"full_name": learner.full_name, "birth_date": learner.birth_date, "unit": learner.unit,
               "attended": learner.attended, "note": learner.note,
               "tags": ", ".join(learner.tags.values_list("name", flat=True))}
    form = LearnerForm(request.POST or None, initial=initial, member=bool(learner.person_id))
    answer = form_submit(request, form,
                         lambda data: services_edit.learner_update(actor=request.user, learner=learner, **data),
                         lambda _learner: redirect("training:class_detail", pk=learner.training_class_id),
                         success=_("The learner was corrected."))
    return answer or render(request, "training/learner_edit.html", {"form": form, "learner": learner})
