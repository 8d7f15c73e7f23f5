"""Report jobs: queued from the page, reused when identical, run by the worker, followed with a progress bar,
downloaded, expired; refusals at once; other users' jobs are 404."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core.testing import Cast
from reports.jobs import report_jobs_expire
from reports.models import JobStatus, ReportJob

pytestmark = pytest.mark.django_db


def test_job_from_page_to_download(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.district_officer)
    url = f"/figures/{cast.district_a.pk}/report/"
    form = {"year": "2020", "format": "docx", "background": "on", "place": "An Bình"}
    answer = client.post(url, form)
    assert answer.status_code == 302
    job = ReportJob.objects.get()
    assert answer["Location"] == f"/figures/jobs/{job.pk}/"
    again = client.post(url, form)
    assert again["Location"] == f"/figures/jobs/{job.pk}/?reused=1" and ReportJob.objects.count() == 1
    page = client.get(again["Location"]).content.decode()
    assert 'id="job-reused"' in page and f"{job.pk}" in page and 'hx-trigger="every 1s"' in page
    assert 'id="job-progress"' in page and "<script>" not in page
    out = io.StringIO()
    call_command("report_worker", once=True, stdout=out)
    assert "1 report job(s) run" in out.getvalue()
    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.DONE, 100)
    fragment = client.get(f"/figures/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger' not in fragment and 'id="job-download"' in fragment
    download = client.get(f"/figures/jobs/{job.pk}/download")
    assert download.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs)
    assert "BÁO CÁO" in text
    tables = docx.Document(io.BytesIO(download.content)).tables
    assert "An Bình, ngày" in "\n".join(c.text for t in tables for r in t.rows for c in r.cells)
    # another user does not see it; a finished job is not reused
    stranger = Client()
    stranger.force_login(cast.province_officer)
    assert stranger.get(f"/figures/jobs/{job.pk}/").status_code == 404
    assert stranger.get(f"/figures/jobs/{job.pk}/download").status_code == 404
    assert client.post(url, form)["Location"] != again["Location"]
    # kept for a set time, then the file is dropped and the page says so
    ReportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert report_jobs_expire() == 1
    assert client.get(f"/figures/jobs/{job.pk}/download").status_code == 404
    assert 'id="job-expired"' in client.get(f"/figures/jobs/{job.pk}/").content.decode()


def test_job_refusals_and_failures(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.district_officer)
    url = f"/figures/{cast.district_a.pk}/report/"
    answer = client.post(url, {"year": "1950", "format": "pdf", "background": "on"})
    assert answer.status_code == 400 and "1950" in answer.content.decode()
    assert not ReportJob.objects.exists()
    assert client.post(f"/figures/{cast.district_b.pk}/report/", {"year": "2020", "format": "pdf",
                                                                  "background": "on"}).status_code == 404
    # a build that fails leaves no file and says why
    client.post(url, {"year": "2020", "format": "xlsx", "background": "on"})
    job = ReportJob.objects.get()
    ReportJob.objects.filter(pk=job.pk).update(params={**job.params, "from": "2020-12-31", "to": "2020-01-01"})
    call_command("report_worker", once=True, stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.content is None and job.error
    assert 'id="job-error"' in client.get(f"/figures/jobs/{job.pk}/").content.decode()
