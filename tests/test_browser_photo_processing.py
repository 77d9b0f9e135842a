"""An editor's upload answers at once; the photo shows Processing until the worker
has made its renditions."""

import pytest
from playwright.sync_api import expect

from articles import tasks
from tests.base import image_bytes, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_uploaded_photo_is_processing_until_the_worker_is_done(
    page, staff_groups, editor, tmp_path
):
    upload = tmp_path / "harbour.jpg"
    upload.write_bytes(image_bytes((1200, 800)))
    log_in(page, "editor")

    page.goto("/admin/articles/photo/add/")
    page.get_by_label("Image").set_input_files(upload)
    page.get_by_label("Alt text").fill("סירות דיג ברציף")
    page.get_by_label("Credit").fill("AFP")
    page.get_by_role("button", name="Save", exact=True).click()

    row = page.locator("#result_list tbody tr").first
    expect(row.locator(".photo-status")).to_have_text("Processing")
    expect(row.locator("td.field-status")).to_have_text("Processing")

    tasks.run_queued_jobs()
    page.reload()

    expect(row.locator("td.field-status")).to_have_text("Ready")
    thumbnail = row.locator("img.photo-thumbnail")
    expect(thumbnail).to_have_js_property("complete", True)
    assert thumbnail.evaluate("img => img.naturalWidth") > 0
    assert "-crop-960.jpg" in thumbnail.get_attribute("src")  # a rendition
