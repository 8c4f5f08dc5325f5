"""The access matrix of ctxh: what each role may do with each kind of record.

One row per (model, kind of record), one column per role. A cell lists what the role may do
with a record of that kind:

    c  create (a record like it)     r  read (and find it by search)
    w  write                         u  unlink (delete)
    -  nothing

``tests/test_access_matrix.py`` builds one user per role with the lowest groups of the role and
one record per kind, then checks every cell against Odoo's own checks and fails on any
difference (all of them listed in one message):

- create: the model's access rights and the ``create`` record rules evaluated on a record of
  that kind, i.e. what Odoo checks on a record it has just created;
- read: access rights and ``read`` rules on the record (``record.has_access('read')``) AND
  ``search([('id', '=', record.id)])`` finds it (both must agree, or the cell is reported);
- write, unlink: access rights and the ``write`` / ``unlink`` rules on the record.

The matrix is about access rights and record rules. What the models refuse in their own code
comes on top and is not in this table (tested elsewhere, see docs/SECURITY.md): status fields
changed only by the transition methods, posted money documents and their lines locked, notes
whose author cannot change and that only managers delete, the access log that nobody edits,
self sign-up only for oneself, support only for a readable case, fields with ``groups=``
(identifiers of patients), money rights checked in the action methods. So "w" on a confirmed
donation means "the rules let the finance officer write it"; the model then refuses changes to
a posted document. The record rules of ctxh do not depend on the status of money documents.

Adding a model: add its rows here (copy a row of a similar model: ``any`` and ``other_company``
for a company's records, ``own`` and ``other`` for a wizard) and its records in the
``_build_<addon>`` method of ``tests/test_access_matrix.py``, e.g.
``cls._add_company_record("ctxh.new.model", record)`` or
``cls._add_wizard("ctxh.new.wizard", vals)``. The test fails when a ctxh model has no row (every
model whose name starts with ``ctxh.``, wizards included, abstract models excluded), when a row
names a model that no longer exists, or a kind that has no record; on a difference it prints the
actual rows, ready to paste once the change is intended.

Rows are whitespace-separated; ``#`` starts a comment. Docs: docs/SECURITY.md, "Access matrix".
"""

from odoo.addons.ctxh_case.tests.common import CTXH_ROLE_GROUPS

# column -> groups of the role's user (lowest rights for the role). ``None``: Odoo's public user
# (base.public_user), the visitor of the website.
ROLES = {
    "employee": CTXH_ROLE_GROUPS["employee"],  # plain employee: Internal User only
    "collab": CTXH_ROLE_GROUPS["collaborator"],  # collaborator (cộng tác viên)
    # social workers register patients: Contact Creation, restricted by the contact rules
    "officer": CTXH_ROLE_GROUPS["officer"],
    "sensitive": CTXH_ROLE_GROUPS["sensitive"],  # officer with the Sensitive Cases group
    "supervisor": CTXH_ROLE_GROUPS["supervisor"],
    "manager": CTXH_ROLE_GROUPS["manager"],
    "dpo": CTXH_ROLE_GROUPS["dpo"],  # Data Protection Officer
    "coord": "ctxh_volunteer.group_ctxh_volunteer_coordinator",
    "hr": CTXH_ROLE_GROUPS["hr"],  # HR officer (hr.group_hr_user)
    "finance": "ctxh_donation.group_ctxh_finance_officer",
    "auditor": "ctxh_donation.group_ctxh_finance_auditor",
    "dataset": "ctxh_reporting.group_ctxh_dataset_reader",  # Period Dataset Reader (API)
    "portal": "base.group_portal",  # a volunteer with a portal login
    "public": None,
}

# The kinds of records. Team A: the team of the officer, the sensitive-cases officer and the
# supervisor (its leader); its cases are assigned to a teammate who is none of the roles and
# supervised by the supervisor. Team B: no role is a member. Every user of a role belongs to
# company A (where the records are) and company B.
KINDS = {
    "any": "a record of company A (configuration, shared data)",
    "shared": "a record without company (shared by every company)",
    "team": "a case of team A, or a record of it",
    "assigned": "a case of team B assigned to the officer",
    "supervised": "a case of team B supervised by the supervisor",
    "other_team": "a case of team B, or a record of it",
    "sensitive": "a sensitive case (violence) of team A, or a record of it",
    "confidential": "a confidential note of a team A case, written by a teammate",
    "own_confidential": "a confidential note of a team A case, written by the officer",
    "own": "the role user's own record: created by them (wizards), or theirs (volunteer profile, "
    "availability, training, shift, assignment and service log of the user)",
    "other": "the same, of someone else",
    "open": "a shift of a post open to self sign-up, without the role user",
    "closed": "a shift of a post not open to self sign-up, without the role user",
    "draft": "a draft money document",
    "confirmed": "a confirmed (posted) donation",
    "paid": "a paid support allocation (of a team A case)",
    "patient_team": "contact of the patient of a team A case",
    "relative_team": "contact of a relative (household member) of a team A case",
    "patient_other_team": "contact of the patient of a team B case",
    "patient_sensitive": "contact of the patient of a sensitive team A case",
    "donor": "contact of a donor (an ordinary contact)",
    "own_contact": "the role user's own contact (the contact of their volunteer profile)",
    "other_volunteer": "contact of another volunteer",
    "other_company": "the record of the row above, seen by the role user working in company B",
}

# fmt: off
MATRIX = """
model                             kind               employee collab officer sensitive supervisor manager dpo  coord hr   finance auditor dataset portal public

# Contacts (res.partner): patients and relatives reach only who reads one of their cases
res.partner                       patient_team       -        -      crwu    crwu      crwu       r       -    -     -    -       -       -       -      -
res.partner                       relative_team      -        -      crwu    crwu      crwu       r       -    -     -    -       -       -       -      -
res.partner                       patient_other_team -        -      -       -         -          r       -    -     -    -       -       -       -      -
res.partner                       patient_sensitive  -        -      -       crwu      -          r       -    -     -    -       -       -       -      -
res.partner                       other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
# other contacts: Odoo's rights (Contact Creation writes them); the portal user and the public only their own
res.partner                       donor              r        r      crwu    crwu      crwu       r       r    crwu  r    r       r       r       -      -
res.partner                       own_contact        r        r      crwu    crwu      crwu       r       r    crwu  r    r       r       r       r      r
res.partner                       other_volunteer    r        r      crwu    crwu      crwu       r       r    crwu  r    r       r       r       -      -

# ctxh_case: teams, cases and the records of a case (the readers of the case)
ctxh.team                         any                -        r      r       r         r          crwu    -    r     -    -       -       -       -      -
ctxh.team                         other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.case                         team               -        -      crw     crw       crw        crwu    -    -     -    -       -       -       -      -
ctxh.case                         assigned           -        -      crw     -         -          crwu    -    -     -    -       -       -       -      -
ctxh.case                         supervised         -        -      -       -         crw        crwu    -    -     -    -       -       -       -      -
ctxh.case                         other_team         -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
ctxh.case                         sensitive          -        -      -       crw       -          crwu    -    -     -    -       -       -       -      -
ctxh.case                         other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.case.assessment              team               -        -      crwu    crwu      crwu       crwu    -    -     -    -       -       -       -      -
ctxh.case.assessment              other_team         -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
ctxh.case.assessment              sensitive          -        -      -       crwu      -          crwu    -    -     -    -       -       -       -      -
ctxh.case.assessment              other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.case.plan                    team               -        -      crwu    crwu      crwu       crwu    -    -     -    -       -       -       -      -
ctxh.case.plan                    other_team         -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
ctxh.case.plan                    sensitive          -        -      -       crwu      -          crwu    -    -     -    -       -       -       -      -
ctxh.case.plan                    other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.case.plan.line               team               -        -      crwu    crwu      crwu       crwu    -    -     -    -       -       -       -      -
ctxh.case.plan.line               other_team         -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
ctxh.case.plan.line               sensitive          -        -      -       crwu      -          crwu    -    -     -    -       -       -       -      -
ctxh.case.plan.line               other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.case.intervention            team               -        -      crw     crw       crw        crwu    -    -     -    -       -       -       -      -
ctxh.case.intervention            other_team         -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
ctxh.case.intervention            sensitive          -        -      -       crw       -          crwu    -    -     -    -       -       -       -      -
ctxh.case.intervention            other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.case.consent                 team               -        -      crw     crw       crw        crwu    -    -     -    -       -       -       -      -
ctxh.case.consent                 other_team         -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
ctxh.case.consent                 sensitive          -        -      -       crw       -          crwu    -    -     -    -       -       -       -      -
ctxh.case.consent                 other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.case.referral                team               -        -      crw     crw       crw        crwu    -    -     -    -       -       -       -      -
ctxh.case.referral                other_team         -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
ctxh.case.referral                sensitive          -        -      -       crw       -          crwu    -    -     -    -       -       -       -      -
ctxh.case.referral                other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.case.member                  team               -        -      crwu    crwu      crwu       crwu    -    -     -    -       -       -       -      -
ctxh.case.member                  other_team         -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
ctxh.case.member                  sensitive          -        -      -       crwu      -          crwu    -    -     -    -       -       -       -      -
ctxh.case.member                  other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.case.tracing                 team               -        -      crw     crw       crw        crwu    -    -     -    -       -       -       -      -
ctxh.case.tracing                 other_team         -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
ctxh.case.tracing                 sensitive          -        -      -       crw       -          crwu    -    -     -    -       -       -       -      -
ctxh.case.tracing                 other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -

# ctxh_case: notes (confidential: the author and the case's supervisor), earlier versions, close/cancel wizard
ctxh.case.note                    team               -        -      crw     crw       crw        crwu    -    -     -    -       -       -       -      -
ctxh.case.note                    other_team         -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
ctxh.case.note                    sensitive          -        -      -       crw       -          crwu    -    -     -    -       -       -       -      -
ctxh.case.note                    confidential       -        -      -       -         crw        crwu    -    -     -    -       -       -       -      -
ctxh.case.note                    own_confidential   -        -      crw     -         crw        crwu    -    -     -    -       -       -       -      -
ctxh.case.note                    other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.case.note.revision           team               -        -      r       r         r          r       -    -     -    -       -       -       -      -
ctxh.case.note.revision           other_team         -        -      -       -         -          r       -    -     -    -       -       -       -      -
ctxh.case.note.revision           sensitive          -        -      -       r         -          r       -    -     -    -       -       -       -      -
ctxh.case.note.revision           confidential       -        -      -       -         r          r       -    -     -    -       -       -       -      -
ctxh.case.note.revision           other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
# a wizard holds what its user typed (outcome, reason): its creator only
ctxh.case.stage.wizard            own                -        -      crwu    crwu      crwu       crwu    -    -     -    -       -       -       -      -
ctxh.case.stage.wizard            other              -        -      -       -         -          -       -    -     -    -       -       -       -      -

# ctxh_case: access log (managers and the data protection officer read it, nobody writes it)
ctxh.access.log                   any                -        -      -       -         -          r       r    -     -    -       -       -       -      -
ctxh.access.log                   other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -

# ctxh_case: configuration
ctxh.agency.kind                  shared             r        r      r       r         r          crwu    r    r     r    r       r       r       -      -
ctxh.case.stage                   shared             -        r      r       r         r          crwu    -    r     -    -       -       -       -      -
ctxh.case.type                    shared             -        r      r       r         r          crwu    -    r     -    -       -       -       -      -
ctxh.closure.reason               shared             -        r      r       r         r          crwu    -    r     -    -       -       -       -      -
ctxh.intervention.type            shared             r        r      r       r         r          crwu    r    r     r    r       r       r       -      -
ctxh.support.type                 shared             r        r      r       r         r          crwu    r    r     r    r       r       r       -      -
ctxh.task.group                   shared             -        r      r       r         r          crwu    -    r     -    -       -       -       -      -
ctxh.vulnerable.group             shared             -        r      r       r         r          crwu    -    r     -    -       -       -       -      -

# ctxh_case: workforce (HR officers and managers keep it) and the service log (own entries)
ctxh.training                     any                -        -      r       r         r          crwu    -    -     crwu -       -       -       -      -
ctxh.training                     other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.supervised.practice          any                -        -      r       r         r          crwu    -    -     crwu -       -       -       -      -
ctxh.supervised.practice          other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.role.period                  any                -        -      r       r         r          crwu    -    -     crwu -       -       -       -      -
ctxh.role.period                  other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.award                        any                -        -      r       r         r          crwu    -    -     crwu -       -       -       -      -
ctxh.award                        other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.service.log                  own                -        crwu   crwu    crwu      crwu       crwu    -    crwu  -    -       -       -       -      -
ctxh.service.log                  other              -        -      r       r         r          crwu    -    -     -    -       -       -       -      -
ctxh.service.log                  other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -

# ctxh_volunteer: a volunteer sees their own profile and shifts, the coordinator all
ctxh.volunteer                    own                -        r      r       r         r          r       -    crw   -    -       -       -       r      -
ctxh.volunteer                    other              -        -      -       -         -          -       -    crw   -    -       -       -       -      -
ctxh.volunteer                    other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.volunteer.availability       own                -        r      r       r         r          r       -    crwu  -    -       -       -       r      -
ctxh.volunteer.availability       other              -        -      -       -         -          -       -    crwu  -    -       -       -       -      -
ctxh.volunteer.availability       other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.volunteer.training           own                -        r      r       r         r          r       -    crwu  -    -       -       -       r      -
ctxh.volunteer.training           other              -        -      -       -         -          -       -    crwu  -    -       -       -       -      -
ctxh.volunteer.training           other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.volunteer.skill              shared             -        r      r       r         r          r       -    crwu  -    -       -       -       r      r
ctxh.shift.post                   any                -        r      r       r         r          r       -    crwu  -    -       -       -       r      -
ctxh.shift.post                   other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.shift.template               any                -        -      -       -         -          -       -    crwu  -    -       -       -       -      -
ctxh.shift.template               other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.shift                        own                -        r      r       r         r          r       -    crwu  -    -       -       -       r      -
ctxh.shift                        open               -        r      r       r         r          r       -    crwu  -    -       -       -       r      -
ctxh.shift                        closed             -        -      -       -         -          -       -    crwu  -    -       -       -       -      -
ctxh.shift                        other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.shift.assignment             own                -        cr     cr      cr        cr         cr      -    crwu  -    -       -       -       cr     -
ctxh.shift.assignment             other              -        -      -       -         -          -       -    crwu  -    -       -       -       -      -
ctxh.shift.assignment             other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
# the other wizards carry no patient data: shared by the users of the same role
ctxh.shift.generate.wizard        own                -        -      -       -         -          -       -    crwu  -    -       -       -       -      -
ctxh.shift.generate.wizard        other              -        -      -       -         -          -       -    crwu  -    -       -       -       -      -
ctxh.shift.swap.wizard            own                -        -      -       -         -          -       -    crwu  -    -       -       -       -      -
ctxh.shift.swap.wizard            other              -        -      -       -         -          -       -    crwu  -    -       -       -       -      -
ctxh.volunteer.certificate.wizard own                -        -      -       -         -          -       -    crwu  -    -       -       -       -      -
ctxh.volunteer.certificate.wizard other              -        -      -       -         -          -       -    crwu  -    -       -       -       -      -

# ctxh_donation: money (finance reads all, the auditor only reads; support of a case for its readers)
ctxh.fund                         any                -        -      r       r         r          crw     -    -     -    r       r       -       -      -
ctxh.fund                         other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
# account schemes (Circular 200 / 24): shipped configuration, read by every internal user, changed by accountants
ctxh.fund.account.scheme          shared             r        r      r       r         r          r       r    r     r    r       r       r       -      -
ctxh.fund.account.scheme.line     shared             r        r      r       r         r          r       r    r     r    r       r       r       -      -
ctxh.campaign                     any                -        -      r       r         r          crwu    -    -     -    r       r       -       -      -
ctxh.campaign                     other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.donation                     draft              -        -      crw     crw       crw        crwu    -    -     -    crw     r       -       -      -
ctxh.donation                     confirmed          -        -      crw     crw       crw        crwu    -    -     -    crw     r       -       -      -
ctxh.donation                     other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.donation.line                draft              -        -      crwu    crwu      crwu       crwu    -    -     -    crwu    r       -       -      -
ctxh.donation.line                confirmed          -        -      crwu    crwu      crwu       crwu    -    -     -    crwu    r       -       -      -
ctxh.donation.line                other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
# a re-designation (reason, donor's consent) for the readers of the cases it moves money from or to
ctxh.donation.redesignation       team               -        -      r       r         r          crw     -    -     -    r       r       -       -      -
ctxh.donation.redesignation       sensitive          -        -      -       r         -          crw     -    -     -    r       r       -       -      -
ctxh.donation.redesignation       other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
# support of a case: its purpose and the beneficiary's signed receipt follow the case rules
ctxh.allocation                   team               -        -      crw     crw       crw        crwu    -    -     -    rw      r       -       -      -
ctxh.allocation                   other_team         -        -      -       -         -          crwu    -    -     -    rw      r       -       -      -
ctxh.allocation                   sensitive          -        -      -       crw       -          crwu    -    -     -    rw      r       -       -      -
ctxh.allocation                   paid               -        -      crw     crw       crw        crwu    -    -     -    rw      r       -       -      -
ctxh.allocation                   other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.allocation.source            any                -        -      r       r         r          r       -    -     -    r       r       -       -      -
ctxh.allocation.source            other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.distribution                 draft              -        -      crw     crw       crw        crwu    -    -     -    crw     r       -       -      -
ctxh.distribution                 other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
# a distribution is an event across cases, its lines show case codes only: shared by the officers
ctxh.distribution.line            team               -        -      crwu    crwu      crwu       crwu    -    -     -    crwu    r       -       -      -
ctxh.distribution.line            other_team         -        -      crwu    crwu      crwu       crwu    -    -     -    crwu    r       -       -      -
ctxh.distribution.line            other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.fund.publication             any                -        -      r       r         r          crw     -    -     -    r       r       -       -      -
ctxh.fund.publication             other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -

# ctxh_reporting: report templates, provincial consolidation, dashboard
ctxh.report.template              shared             -        -      -       -         r          crwu    -    -     -    -       -       r       -      -
ctxh.report.template              any                -        -      -       -         r          crwu    -    -     -    -       -       r       -      -
ctxh.report.template              other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.report.template.line         any                -        -      -       -         r          crwu    -    -     -    -       -       r       -      -
ctxh.report.template.line         other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.consolidation                any                -        -      -       -         r          crwu    -    -     -    -       -       -       -      -
ctxh.consolidation                other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.consolidation.line           any                -        -      -       -         r          crwu    -    -     -    -       -       -       -      -
ctxh.consolidation.line           other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.consolidation.value          any                -        -      -       -         r          crwu    -    -     -    -       -       -       -      -
ctxh.consolidation.value          other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.consolidation.source         any                -        -      -       -         r          crwu    -    -     -    -       -       -       -      -
ctxh.consolidation.source         other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.dashboard.kpi                any                -        -      -       -         r          r       -    -     -    -       -       -       -      -
ctxh.dashboard.kpi                other_company      -        -      -       -         -          -       -    -     -    -       -       -       -      -
ctxh.report.wizard                own                -        -      -       -         crwu       crwu    -    -     -    -       -       -       -      -
ctxh.report.wizard                other              -        -      -       -         crwu       crwu    -    -     -    -       -       -       -      -
ctxh.consolidation.import         own                -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
ctxh.consolidation.import         other              -        -      -       -         -          crwu    -    -     -    -       -       -       -      -
"""  # noqa: E501
# fmt: on


def parse_matrix(text=MATRIX):
    """``{(model, kind): {role: set of letters}}`` and the rows in their order; raises
    ValueError on a malformed row (unknown column, letters other than crwu, duplicate)."""
    cells, order = {}, []
    header = None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        words = line.split()
        if words[0] == "model":
            header = words[2:]
            if header != list(ROLES):
                raise ValueError(f"line {number}: the columns must be {list(ROLES)}, not {header}")
            continue
        if header is None:
            raise ValueError(f"line {number}: a row before the header")
        if len(words) != 2 + len(header):
            raise ValueError(f"line {number}: {len(words) - 2} cells for {len(header)} roles: {line!r}")
        model, kind, values = words[0], words[1], words[2:]
        if kind not in KINDS:
            raise ValueError(f"line {number}: unknown kind {kind!r} (see KINDS)")
        if (model, kind) in cells:
            raise ValueError(f"line {number}: {model} {kind} is listed twice")
        row = {}
        for role, value in zip(header, values, strict=True):
            letters = set() if value == "-" else set(value)
            if value != "-" and (
                not letters <= set("crwu") or value != "".join(c for c in "crwu" if c in letters)
            ):
                raise ValueError(
                    f"line {number}: {role}: {value!r} is not '-' or letters of 'crwu' in that order"
                )
            row[role] = letters
        cells[(model, kind)] = row
        order.append((model, kind))
    return cells, order


def format_cell(letters):
    return "".join(c for c in "crwu" if c in letters) or "-"
