import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


@contextmanager
def assert_raises_message(case, exception, text):
    """``case.assertRaises`` (which rolls back to a savepoint, unlike assertRaisesRegex) and check
    that the message contains ``text``."""
    with case.assertRaises(exception) as cm:
        yield cm
    case.assertIn(text, str(cm.exception))


def pdf_text(pdf):
    """The text of a PDF as a reader sees it (poppler's pdftotext), spaces normalised: one space
    between words (no-break spaces of amounts included), lines kept."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return "\n".join(" ".join(line.replace("\xa0", " ").split()) for line in text.splitlines())


def assert_prints_on_a4(test, sheet, header_row, landscape=False):
    """``sheet`` prints on A4 (paper size 9), fitted to the width of the page, the column headers
    of its 1-based ``header_row`` repeated on every page."""
    setup = sheet.page_setup
    test.assertEqual(int(setup.paperSize), 9)
    test.assertEqual(setup.orientation, "landscape" if landscape else "portrait")
    test.assertTrue(sheet.sheet_properties.pageSetUpPr.fitToPage)
    test.assertEqual(int(setup.fitToWidth or 1), 1)  # absent from the file means 1 page wide
    test.assertEqual(int(setup.fitToHeight), 0)  # as many pages high as needed
    test.assertEqual(sheet.print_title_rows, f"${header_row}:${header_row}")
    test.assertEqual(sheet.oddFooter.center.text, "&P / &N")


def to_pdf(content):
    """Convert an xlsx with LibreOffice headless; return the PDF bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "report.xlsx")
        with open(src, "wb") as handle:
            handle.write(content)
        subprocess.run(
            [
                shutil.which("soffice"),
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                src,
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = os.path.join(tmp, "report.pdf")
        with open(pdf, "rb") as handle:
            return handle.read()


class CtxhCaseCommon(TransactionCase):
    """Two teams, one user per security group, a case per team.

    Does not rely on demo data: every record a test needs is created here.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.company = cls.env.company
        cls.collaborator = new_test_user(
            cls.env, login="ctxh_collab", groups="ctxh_case.group_ctxh_collaborator"
        )
        cls.officer = new_test_user(cls.env, login="ctxh_officer", groups="ctxh_case.group_ctxh_officer")
        cls.officer_mate = new_test_user(
            cls.env, login="ctxh_officer_mate", groups="ctxh_case.group_ctxh_officer"
        )
        cls.officer_other = new_test_user(
            cls.env, login="ctxh_officer_other", groups="ctxh_case.group_ctxh_officer"
        )
        cls.supervisor = new_test_user(
            cls.env, login="ctxh_supervisor", groups="ctxh_case.group_ctxh_supervisor"
        )
        cls.manager = new_test_user(cls.env, login="ctxh_manager", groups="ctxh_case.group_ctxh_manager")
        Team = cls.env["ctxh.team"]
        cls.team = Team.create(
            {
                "name": "Test Team A",
                "leader_id": cls.supervisor.id,
                "member_ids": [(6, 0, [cls.officer.id, cls.officer_mate.id])],
            }
        )
        cls.team_other = Team.create({"name": "Test Team B", "member_ids": [(6, 0, [cls.officer_other.id])]})
        cls.case_type = cls.env["ctxh.case.type"].create(
            {"name": "Test Type", "code": "test_type", "review_interval_days": 14}
        )
        cls.patient = cls.env["res.partner"].create({"name": "Bệnh nhân Thử"})
        cls.patient_other = cls.env["res.partner"].create({"name": "Bệnh nhân Khác"})
        Case = cls.env["ctxh.case"]
        cls.case = Case.create(
            {
                "partner_id": cls.patient.id,
                "case_type_id": cls.case_type.id,
                "team_id": cls.team.id,
                "user_id": cls.officer_mate.id,
                "medical_record_number": "MRN-A-1",
            }
        )
        cls.case_other = Case.create(
            {
                "partner_id": cls.patient_other.id,
                "case_type_id": cls.case_type.id,
                "team_id": cls.team_other.id,
                "user_id": cls.officer_other.id,
                "medical_record_number": "MRN-B-1",
            }
        )

    @classmethod
    def _complete_assessment(cls, case, **scores):
        assessment = cls.env["ctxh.case.assessment"].create({"case_id": case.id, **scores})
        assessment.action_done()
        return assessment


# Groups of each role that case data must be protected from or shown to. A test (or a later
# access matrix across addons) builds one user per role with ``ctxh_role_users``.
CTXH_ROLE_GROUPS = {
    "employee": "base.group_user",
    "collaborator": "ctxh_case.group_ctxh_collaborator",
    # the Volunteer Coordinator group (ctxh_volunteer) is a collaborator who creates contacts
    "contact_manager": "ctxh_case.group_ctxh_collaborator,base.group_partner_manager",
    "officer": "ctxh_case.group_ctxh_officer,base.group_partner_manager",
    "sensitive": "ctxh_case.group_ctxh_sensitive,base.group_partner_manager",
    "supervisor": "ctxh_case.group_ctxh_supervisor,base.group_partner_manager",
    "manager": "ctxh_case.group_ctxh_manager",
    "dpo": "ctxh_case.group_ctxh_dpo",
    "hr": "hr.group_hr_user",
}


def ctxh_role_users(env, prefix="ctxh_role", roles=None, export=True):
    """``{role: user}``: one new user per role of CTXH_ROLE_GROUPS (or of ``roles``, a dict of
    the same shape), allowed to export when ``export`` (so that exports can be attacked)."""
    users = {}
    for role, groups in (roles or CTXH_ROLE_GROUPS).items():
        if export:
            groups = f"{groups},base.group_allow_export"
        users[role] = new_test_user(env, login=f"{prefix}_{role}", groups=groups)
    return users


class CtxhPrivacyCommon(CtxhCaseCommon):
    """CtxhCaseCommon with one user per role, a sensitive case, a relative linked as a contact,
    and ordinary contacts (a donor, an agency, a company) that everyone may see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = ctxh_role_users(cls.env)
        # the officer-like roles work in team A
        cls.team.member_ids = [(4, cls.roles["officer"].id), (4, cls.roles["sensitive"].id)]
        Partner = cls.env["res.partner"]
        cls.patient.write(
            {
                "ctxh_national_id": "040123456789",
                "ctxh_hospital_patient_id": "BN-PRIV-1",
                "phone": "0912345678",
            }
        )
        cls.patient_other.write({"ctxh_national_id": "001198000001"})
        cls.victim = Partner.create({"name": "Nạn nhân Bạo lực", "ctxh_national_id": "038190000123"})
        cls.sensitive_case = cls.env["ctxh.case"].create(
            {
                "partner_id": cls.victim.id,
                "case_type_id": cls.case_type.id,
                "team_id": cls.team.id,
                "user_id": cls.roles["sensitive"].id,
                "medical_record_number": "MRN-PRIV-S",
                "vulnerable_group_ids": [(6, 0, cls.env.ref("ctxh_case.vulnerable_group_violence").ids)],
            }
        )
        cls.relative = Partner.create({"name": "Người nhà Bệnh nhân", "phone": "0987654321"})
        cls.env["ctxh.case.member"].create(
            {"case_id": cls.case.id, "name": cls.relative.name, "partner_id": cls.relative.id}
        )
        cls.donor = Partner.create({"name": "Nhà hảo tâm Thử", "email": "donor@example.com"})
        cls.agency = Partner.create(
            {
                "name": "Công an phường",
                "is_company": True,
                "ctxh_agency_kind_id": cls.env.ref("ctxh_case.agency_kind_police").id,
            }
        )
        cls.protected = cls.patient | cls.patient_other | cls.victim | cls.relative
        cls.ordinary = cls.donor | cls.agency | cls.company.partner_id
