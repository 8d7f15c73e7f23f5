"""Report jobs: submit a build to the background worker, run it, follow it, expire its file.

`report_job_submit` checks the parameters as the build would (period, as-of date, format) so that a refusal is
shown at once, then reuses an identical job still waiting or being built (same user, organization and
parameters) instead of queueing a second one. The worker (`manage.py report_worker`, started by scripts/start.sh)
claims the oldest waiting job with a conditional update (safe with several workers on PostgreSQL), builds the file
in memory and stores it in one update when done: a failed build leaves no file, only its reason."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.changelog import log_change
from core.errors import DomainError, NotInScope
from core.models import ChangeAction
from organizations.models import Organization
from organizations.queries import organization_get
from reports.annual.model import check_as_of
from reports.build import FORMATS, report_file
from reports.figures import make_request
from reports.models import KEEP_FOR, JobStatus, ReportJob

PARAMS = ("format", "from", "to", "as_of", "number", "place", "signer", "next_tasks", "with_predecessors")


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def report_job_submit(*, actor: Any, organization: Organization, params: dict[str, Any]) -> tuple[ReportJob, bool]:
    """Queue a build (or return the identical one waiting or running: reused=True). Dates as ISO text."""
    clean = {name: params.get(name) or "" for name in PARAMS}
    if clean["format"] not in FORMATS:
        raise DomainError(_("Unknown format %(format)s: choose docx, pdf or xlsx.") % {"format": clean["format"]},
                          field="format")
    request = make_request(organization=organization, date_from=_day(clean["from"]), date_to=_day(clean["to"]),
                           as_of=_day(clean["as_of"]) or _day(clean["to"]))
    if not clean["with_predecessors"]:
        check_as_of(organization, request.as_of)
    key = hashlib.sha256(json.dumps([organization.pk, actor.pk, clean], sort_keys=True).encode()).hexdigest()
    with transaction.atomic():
        running = (ReportJob.objects.filter(key=key, status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
                   .order_by("pk").first())
        if running is not None:
            return running, True
        job = ReportJob.objects.create(organization=organization, requested_by=actor, params=clean, key=key)
        log_change(actor=actor, action=ChangeAction.CREATE, instance=job,
                   after={"organization": organization.code, **clean})
    return job, False


def report_job_get(actor: Any, *, pk: int) -> ReportJob:
    """A job of the actor's, on an organization still in scope; anything else is NotInScope (404)."""
    job = ReportJob.objects.select_related("organization").filter(pk=pk, requested_by=actor).first()
    if job is None:
        raise NotInScope(_("No such report job."))
    organization_get(actor, pk=job.organization_id)
    return job


def _set(job: ReportJob, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    ReportJob.objects.filter(pk=job.pk).update(**fields)


def report_job_claim() -> ReportJob | None:
    """The oldest waiting job, marked running; None when none waits (or another worker took it first)."""
    for job in ReportJob.objects.filter(status=JobStatus.QUEUED).order_by("pk")[:5]:
        taken = ReportJob.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, started_at=timezone.now(), progress=10)
        if taken:
            job.refresh_from_db()
            return job
    return None


def report_job_run(job: ReportJob) -> None:
    """Build the job's file; store it in one update (done), or the reason (failed)."""
    params = job.params
    try:
        organization = organization_get(job.requested_by, pk=job.organization_id)
        _set(job, progress=30)
        built = report_file(actor=job.requested_by, organization=organization, fmt=params["format"],
                            date_from=_day(params["from"]), date_to=_day(params["to"]), as_of=_day(params["as_of"]),
                            number=params["number"], place=params["place"], signer=params["signer"],
                            next_tasks=params["next_tasks"], with_predecessors=bool(params.get("with_predecessors")))
    except DomainError as error:
        _set(job, status=JobStatus.FAILED, error=str(error.message), finished_at=timezone.now(), progress=100)
        return
    except Exception as error:  # a worker must survive any build and say why it failed
        _set(job, status=JobStatus.FAILED, finished_at=timezone.now(), progress=100,
             error=_("The build failed (%(error)s).") % {"error": type(error).__name__})
        return
    now = timezone.now()
    _set(job, status=JobStatus.DONE, progress=100, content=built.content, filename=built.filename,
         content_type=built.content_type, finished_at=now, expires_at=now + KEEP_FOR)


def report_jobs_expire() -> int:
    """Drop the files of jobs past their keeping time (the job row stays, saying so). Returns how many."""
    return ReportJob.objects.filter(expires_at__lt=timezone.now(), content__isnull=False).update(content=None)


def report_jobs_work(*, once: bool = False, idle_seconds: float = 1.0) -> int:
    """The worker's loop: run waiting jobs; with `once`, stop when none is left. Returns the jobs run."""
    import time

    done = 0
    while True:
        report_jobs_expire()
        job = report_job_claim()
        if job is None:
            if once:
                return done
            time.sleep(idle_seconds)
            continue
        report_job_run(job)
        done += 1
