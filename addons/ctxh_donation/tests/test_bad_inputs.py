"""Bad inputs of the money addon (issue #10, item 6): donations, allocations, campaigns, funds,
distributions, the bank statement import and the public pages, each refused with a Vietnamese
message a user understands and nothing half-written.

Each row runs as the lowest user who may do the operation (a finance officer records and confirms
donations, a social worker requests support and drafts distributions, a manager approves, runs
campaigns and funds), so that the refusal comes from validation, not from access rights.
"""

import base64
from datetime import timedelta
from pathlib import Path

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.ctxh_case.tests.bad_inputs import BadInput, BadInputMixin, long_text

from ..controllers.main import public_pages
from .common import CtxhDonationCommon, setup_ctxh_donation_data

DATA = Path(__file__).parent / "data"

TOO_LONG = "quá dài"
NEGATIVE = "không được âm"
POSITIVE = "phải lớn hơn 0"
AFTER_TODAY = "sau ngày hôm nay"
WINDOW = "không nhận khoản tài trợ ngày"
DONOR = "Hãy chọn nhà hảo tâm hoặc đánh dấu khoản tài trợ là ẩn danh"
CLOSED = "đã đóng: không thể nhận hỗ trợ"
NOT_FOUND = "Không tìm thấy trang"


def _future():
    return fields.Date.today() + timedelta(days=30)


def _gift(t, **vals):
    return {
        "partner_id": t.donor.id,
        "fund_id": t.fund.id,
        "channel": "bank",
        "amount_currency": 200_000,
        "date": "2026-01-10",
        **vals,
    }


def _request(t, **vals):
    return {
        "case_id": t.case_a.id,
        "fund_id": t.fund.id,
        "support_type_id": t.hospital_fees.id,
        "method": "bank",
        "amount": 100_000,
        **vals,
    }


def _campaign(t, **vals):
    return {"name": "Tết sum vầy", "fund_id": t.fund.id, "date_start": "2026-01-01", **vals}


def _fund(t, **vals):
    return {
        "name": "Quỹ thử nghiệm",
        "code": "QTN26",
        "journal_id": t.journal.id,
        "income_account_id": t.income_account.id,
        "expense_account_id": t.expense_account.id,
        **vals,
    }


def _goods(t, **vals):
    return {
        "name": "Trao gạo",
        "fund_id": t.fund.id,
        "support_type_id": t.tet_gift.id,
        "date": "2026-01-20",
        "line_ids": [
            Command.create({"case_id": t.case_a.id, "donation_line_id": t.goods.line_ids.id, "quantity": 1})
        ],
        **vals,
    }


def _statement_file(t, content, filename, journal=None):
    journal = journal or t.journal_bank
    return (
        {
            "ctxh_journal_id": journal.id,
            "sheet_mapping_id": journal.default_sheet_mapping_id.id,
            "statement_file": base64.b64encode(content),
            "statement_filename": filename,
        },
        "import_file_button",
    )


def _finance(t):
    return t.finance


def _officer(t):
    return t.officer


def _manager(t):
    return t.manager


# "call" rows: values is (records, method name); a transition of records made in setUpClass.
DONATION_BAD_INPUTS = [
    # --- donations (finance officer)
    BadInput(
        "negative donation", "ctxh.donation", "create", lambda t: _gift(t, amount_currency=-500_000), NEGATIVE
    ),
    BadInput(
        "negative donation in a batch",
        "ctxh.donation",
        "batch",
        lambda t: [_gift(t), _gift(t, amount_currency=-1), _gift(t, amount_currency=300_000)],
        NEGATIVE,
    ),
    BadInput(
        "negative amount written on a draft",
        "ctxh.donation",
        "write",
        lambda t: (t.draft_gift, {"amount_currency": -200_000}),
        NEGATIVE,
    ),
    BadInput(
        "donation of 0 confirmed",
        "ctxh.donation",
        "wizard",
        lambda t: (_gift(t, amount_currency=0), "action_confirm"),
        POSITIVE,
    ),
    BadInput(
        "donation dated after today confirmed",
        "ctxh.donation",
        "wizard",
        lambda t: (_gift(t, date=_future()), "action_confirm"),
        AFTER_TODAY,
    ),
    BadInput(
        "donation before the campaign opens",
        "ctxh.donation",
        "create",
        lambda t: _gift(t, campaign_id=t.campaign.id, date="2025-12-31"),
        WINDOW,
    ),
    BadInput(
        "donation after the campaign closed",
        "ctxh.donation",
        "create",
        lambda t: _gift(t, campaign_id=t.campaign.id, date="2026-02-01"),
        "31/01/2026",
    ),
    BadInput(
        "draft moved out of its campaign's window",
        "ctxh.donation",
        "write",
        lambda t: (t.campaign_gift, {"date": "2026-02-15"}),
        WINDOW,
    ),
    BadInput(
        "neither donor nor anonymous",
        "ctxh.donation",
        "create",
        lambda t: _gift(t, partner_id=False, is_anonymous=False),
        DONOR,
    ),
    BadInput(
        "donor removed from a named draft",
        "ctxh.donation",
        "write",
        lambda t: (t.draft_gift, {"partner_id": False}),
        DONOR,
    ),
    BadInput(
        "anonymous flag removed from a gift without donor",
        "ctxh.donation",
        "write",
        lambda t: (t.anonymous_gift, {"is_anonymous": False}),
        DONOR,
    ),
    BadInput(
        "gift from the bank statement confirmed without donor",
        "ctxh.donation",
        "wizard",
        lambda t: (
            _gift(
                t,
                partner_id=False,
                fund_id=t.fund_bank.id,
                amount_currency=300_000,
                statement_line_id=t.line.id,
            ),
            "action_confirm",
        ),
        DONOR,
    ),
    BadInput(
        "to a named patient without the case",
        "ctxh.donation",
        "create",
        lambda t: _gift(t, restriction="case"),
        "cần có hồ sơ của người bệnh",
    ),
    BadInput(
        "to a programme without the programme",
        "ctxh.donation",
        "create",
        lambda t: _gift(t, restriction="programme"),
        "cần chọn chương trình",
    ),
    BadInput(
        "draft switched to a named patient without the case",
        "ctxh.donation",
        "write",
        lambda t: (t.draft_gift, {"restriction": "case"}),
        "cần có hồ sơ của người bệnh",
    ),
    BadInput(
        "statement line of another journal",
        "ctxh.donation",
        "create",
        lambda t: _gift(t, amount_currency=300_000, statement_line_id=t.line.id),
        "thuộc sổ nhật ký khác",
    ),
    BadInput(
        "statement line of another amount",
        "ctxh.donation",
        "create",
        lambda t: _gift(t, fund_id=t.fund_bank.id, amount_currency=350_000, statement_line_id=t.line.id),
        "không khớp với số tiền tài trợ (",  # the amounts in the company's currency
    ),
    BadInput(
        "statement line explained by another donation",
        "ctxh.donation",
        "create",
        lambda t: _gift(
            t, fund_id=t.fund_bank.id, amount_currency=400_000, statement_line_id=t.line_taken.id
        ),
        "chỉ được đối chiếu với một khoản tài trợ",
    ),
    BadInput(
        "bank gift into a statement-fed fund without its line",
        "ctxh.donation",
        "wizard",
        lambda t: (_gift(t, fund_id=t.fund_bank.id), "action_confirm"),
        "nhận chuyển khoản qua sao kê ngân hàng",
    ),
    BadInput(
        "in-kind gift without goods confirmed",
        "ctxh.donation",
        "wizard",
        lambda t: (_gift(t, channel="in_kind", amount_currency=0), "action_confirm"),
        "cần ghi các hiện vật đã nhận",
    ),
    BadInput(
        "goods mixed into a bank gift",
        "ctxh.donation",
        "wizard",
        lambda t: (
            _gift(
                t,
                line_ids=[Command.create({"product_id": t.product.id, "quantity": 1, "unit_value": 10_000})],
            ),
            "action_confirm",
        ),
        "Không gộp hiện vật",
    ),
    BadInput(
        "goods of quantity 0",
        "ctxh.donation",
        "create",
        lambda t: _gift(
            t,
            channel="in_kind",
            amount_currency=0,
            line_ids=[Command.create({"product_id": t.product.id, "quantity": 0, "unit_value": 10_000})],
        ),
        "số lượng và giá trị dương",
    ),
    BadInput(
        "goods of negative value",
        "ctxh.donation",
        "create",
        lambda t: _gift(
            t,
            channel="in_kind",
            amount_currency=0,
            line_ids=[Command.create({"product_id": t.product.id, "quantity": 5, "unit_value": -10_000})],
        ),
        "số lượng và giá trị dương",
    ),
    BadInput(
        "amount of a confirmed donation rewritten",
        "ctxh.donation",
        "write",
        lambda t: (t.general_gift, {"amount_currency": 1}),
        "Không thể sửa khoản tài trợ đã xác nhận",
    ),
    BadInput(
        "donation note too long",
        "ctxh.donation",
        "create",
        lambda t: _gift(t, note=long_text(200_000)),
        TOO_LONG,
    ),
    BadInput(
        "import of donations with a negative amount",
        "ctxh.donation",
        "import",
        lambda t: (
            ["partner_id/.id", "fund_id/.id", "amount_currency", "date"],
            [
                [str(t.donor.id), str(t.fund.id), "100000", "2026-01-10"],
                [str(t.donor.id), str(t.fund.id), "-100000", "2026-01-11"],
            ],
        ),
        NEGATIVE,
    ),
    BadInput(
        "import of gifts to a named patient without the case",
        "ctxh.donation",
        "import",
        lambda t: (
            ["partner_id/.id", "fund_id/.id", "amount_currency", "date", "restriction"],
            [[str(t.donor.id), str(t.fund.id), "100000", "2026-01-10", "case"]],
        ),
        "cần có hồ sơ của người bệnh",
    ),
    BadInput(
        "re-designation of a gift to the fund",
        "ctxh.donation.redesignation",
        "create",
        lambda t: {
            "donation_id": t.general_gift.id,
            "new_case_id": t.case_a.id,
            "consent_document": base64.b64encode(b"%PDF-1.4 consent"),
            "reason": "Người bệnh đã ra viện",
        },
        "Chỉ khoản tài trợ cho người bệnh cụ thể",
        _manager,
    ),
    # --- allocations (a social worker requests, a manager approves, finance pays)
    BadInput(
        "support of 0", "ctxh.allocation", "create", lambda t: _request(t, amount=0), POSITIVE, _officer
    ),
    BadInput(
        "negative support",
        "ctxh.allocation",
        "create",
        lambda t: _request(t, amount=-100_000),
        POSITIVE,
        _officer,
    ),
    BadInput(
        "negative support in a batch",
        "ctxh.allocation",
        "batch",
        lambda t: [_request(t), _request(t, amount=-1)],
        POSITIVE,
        _officer,
    ),
    BadInput(
        "support for a closed case",
        "ctxh.allocation",
        "wizard",
        lambda t: (_request(t, case_id=t.case_closed.id), "action_submit"),
        CLOSED,
        _officer,
    ),
    BadInput(
        "support from a restricted fund for an ineligible case",
        "ctxh.allocation",
        "wizard",
        lambda t: (_request(t, fund_id=t.fund_restricted.id), "action_submit"),
        "không thuộc đối tượng của",
        _officer,
    ),
    BadInput(
        "designated gift of another patient",
        "ctxh.allocation",
        "wizard",
        lambda t: (_request(t, donation_id=t.designated_gift.id), "action_submit"),
        "được chỉ định cho người bệnh khác",
        _officer,
    ),
    BadInput(
        "designated gift not confirmed",
        "ctxh.allocation",
        "wizard",
        lambda t: (_request(t, donation_id=t.draft_designated.id, case_id=t.case_b.id), "action_submit"),
        "phải là khoản đã xác nhận của cùng quỹ",
        _officer,
    ),
    BadInput(
        "gift of a programme used for another support type",
        "ctxh.allocation",
        "wizard",
        lambda t: (_request(t, donation_id=t.programme_gift.id), "action_submit"),
        "có chỉ định cho chương trình",
        _officer,
    ),
    BadInput(
        "campaign of another fund",
        "ctxh.allocation",
        "create",
        lambda t: _request(t, campaign_id=t.campaign_bank.id),
        "quyên góp cho một quỹ khác",
        _officer,
    ),
    BadInput(
        "more than the fund has available",
        "ctxh.allocation",
        "call",
        lambda t: (t.request_too_big, "action_approve"),
        "khả dụng cho hồ sơ này",
        _manager,
    ),
    BadInput(
        "more than the designated gift has left",
        "ctxh.allocation",
        "call",
        lambda t: (t.request_over_gift, "action_approve"),
        "nhưng khoản tài trợ có chỉ định",  # "... chỉ còn <amount in the company's currency>"
        _manager,
    ),
    BadInput(
        "cash support paid without the signed receipt",
        "ctxh.allocation",
        "call",
        lambda t: (t.request_cash, "action_pay"),
        "giấy biên nhận có chữ ký",
        _finance,
    ),
    BadInput(
        "amount of an approved allocation rewritten",
        "ctxh.allocation",
        "write",
        lambda t: (t.request_cash, {"amount": 5_000_000}),
        "Chỉ sửa được khoản hỗ trợ ở trạng thái nháp",
        _officer,
    ),
    BadInput(
        "support purpose too long",
        "ctxh.allocation",
        "create",
        lambda t: _request(t, description=long_text(200_000)),
        TOO_LONG,
        _officer,
    ),
    BadInput(
        "import of support requests of 0",
        "ctxh.allocation",
        "import",
        lambda t: (
            ["case_id/.id", "fund_id/.id", "support_type_id/.id", "amount"],
            [
                [str(t.case_a.id), str(t.fund.id), str(t.hospital_fees.id), "100000"],
                [str(t.case_a.id), str(t.fund.id), str(t.hospital_fees.id), "0"],
            ],
        ),
        POSITIVE,
        _officer,
    ),
    # --- campaigns (manager)
    BadInput(
        "campaign ending before it starts",
        "ctxh.campaign",
        "create",
        lambda t: _campaign(t, date_end="2025-12-31"),
        "có ngày kết thúc trước ngày bắt đầu",
        _manager,
    ),
    BadInput(
        "negative campaign target",
        "ctxh.campaign",
        "create",
        lambda t: _campaign(t, target_amount=-1_000_000),
        "Mục tiêu của đợt vận động không được âm",
        _manager,
    ),
    BadInput(
        "transfer reference of another campaign",
        "ctxh.campaign",
        "create",
        lambda t: _campaign(t, reference="TET26"),
        "Mã chuyển khoản TET26 đã được dùng cho đợt vận động Xuân yêu thương",
        _manager,
    ),
    BadInput(
        "transfer reference of another campaign, typed differently",
        "ctxh.campaign",
        "create",
        lambda t: _campaign(t, reference="tết-26"),
        "đã được dùng cho đợt vận động",
        _manager,
    ),
    BadInput(
        "transfer reference taken by a rename",
        "ctxh.campaign",
        "write",
        lambda t: (t.campaign_bank, {"reference": "TET26"}),
        "đã được dùng cho đợt vận động",
        _manager,
    ),
    BadInput(
        "one transfer reference for two new campaigns",
        "ctxh.campaign",
        "batch",
        lambda t: [_campaign(t, reference="HE26"), _campaign(t, name="Hè vui", reference="HE26")],
        "đã được dùng cho đợt vận động",
        _manager,
    ),
    BadInput(
        "transfer reference of one letter",
        "ctxh.campaign",
        "create",
        lambda t: _campaign(t, reference="T"),
        "gồm 2 đến 12 chữ cái hoặc chữ số",
        _manager,
    ),
    BadInput(
        "transfer reference UH",
        "ctxh.campaign",
        "create",
        lambda t: _campaign(t, reference="uh"),
        "không thể là mã chuyển khoản",
        _manager,
    ),
    BadInput(
        "appeal for a patient without consent",
        "ctxh.campaign",
        "create",
        lambda t: _campaign(t, case_id=t.case_a.id),
        "cần có sự đồng ý của người bệnh",
        _manager,
    ),
    BadInput(
        "campaign name too long",
        "ctxh.campaign",
        "create",
        lambda t: _campaign(t, name=long_text(300)),
        TOO_LONG,
        _manager,
    ),
    BadInput(
        "import of campaigns ending before they start",
        "ctxh.campaign",
        "import",
        lambda t: (
            ["name", "fund_id/.id", "date_start", "date_end"],
            [["Trung thu", str(t.fund.id), "2026-09-01", "2026-08-01"]],
        ),
        "có ngày kết thúc trước ngày bắt đầu",
        _manager,
    ),
    # --- funds (manager)
    BadInput(
        "income fund receiving on an expense account",
        "ctxh.fund",
        "create",
        lambda t: _fund(t, income_account_id=t.expense_account.id),
        "phải là tài khoản thu nhập",
        _manager,
    ),
    BadInput(
        "income fund paying from an income account",
        "ctxh.fund",
        "create",
        lambda t: _fund(t, expense_account_id=t.income_account.id),
        "phải là tài khoản chi phí",
        _manager,
    ),
    BadInput(
        "held fund receiving on an income account",
        "ctxh.fund",
        "create",
        lambda t: _fund(t, booking_mode="liability"),
        "phải là tài khoản nợ phải trả",
        _manager,
    ),
    BadInput(
        "held fund paying from another account",
        "ctxh.fund",
        "create",
        lambda t: _fund(t, booking_mode="liability", income_account_id=t.held_account.id),
        "chi từ chính tài khoản nợ phải trả",
        _manager,
    ),
    BadInput(
        "fund journal without the hash lock",
        "ctxh.fund",
        "create",
        lambda t: _fund(t, journal_id=t.journal_unhashed.id),
        "mã hash chống sửa đổi",
        _manager,
    ),
    BadInput(
        "transit account that is the journal's bank account",
        "ctxh.fund",
        "create",
        lambda t: _fund(t, transit_account_id=t.bank_account.id),
        "không được là tài khoản ngân hàng",
        _manager,
    ),
    BadInput(
        "transit account without reconciliation",
        "ctxh.fund",
        "create",
        lambda t: _fund(t, transit_account_id=t.in_kind_account.id),
        "phải cho phép đối chiếu",
        _manager,
    ),
    BadInput(
        "code of another fund",
        "ctxh.fund",
        "create",
        lambda t: _fund(t, code=t.fund.code),
        "Mã quỹ TFUND đã được dùng cho Test Fund",
        _manager,
    ),
    BadInput(
        "code of another fund, typed in lower case",
        "ctxh.fund",
        "write",
        lambda t: (t.fund_restricted, {"code": " tfund "}),
        "đã được dùng cho",
        _manager,
    ),
    BadInput(
        "journal of a fund with entries changed",
        "ctxh.fund",
        "write",
        lambda t: (t.fund, {"journal_id": t.journal_other.id}),
        "đã có bút toán",
        _manager,
    ),
    BadInput(
        "fund name too long",
        "ctxh.fund",
        "create",
        lambda t: _fund(t, name=long_text(300)),
        TOO_LONG,
        _manager,
    ),
    BadInput(
        "disclosure period ending before it starts",
        "ctxh.fund.publication",
        "create",
        lambda t: {"fund_id": t.fund.id, "date_from": "2026-02-01", "date_to": "2026-01-01"},
        "Kỳ công khai có ngày kết thúc trước ngày bắt đầu",
        _manager,
    ),
    # --- in-kind distributions (a social worker drafts, finance posts)
    BadInput(
        "goods handed out in quantity 0",
        "ctxh.distribution",
        "create",
        lambda t: _goods(
            t,
            line_ids=[
                Command.create(
                    {"case_id": t.case_a.id, "donation_line_id": t.goods.line_ids.id, "quantity": 0}
                )
            ],
        ),
        "Số lượng trao phải lớn hơn 0",
        _officer,
    ),
    BadInput(
        "goods handed out in negative quantity",
        "ctxh.distribution",
        "create",
        lambda t: _goods(
            t,
            line_ids=[
                Command.create(
                    {"case_id": t.case_a.id, "donation_line_id": t.goods.line_ids.id, "quantity": -2}
                )
            ],
        ),
        "Số lượng trao phải lớn hơn 0",
        _officer,
    ),
    BadInput(
        "more goods than received",
        "ctxh.distribution",
        "call",
        lambda t: (t.distribution_over, "action_done"),
        "Chỉ còn 9",
        _finance,
    ),
    BadInput(
        "two distributions together over what was received",
        "ctxh.distribution",
        "call",
        lambda t: (t.distribution_pair, "action_done"),
        "không thể trao 12",
        _finance,
    ),
    BadInput(
        "goods of a gift not confirmed",
        "ctxh.distribution",
        "call",
        lambda t: (t.distribution_draft_goods, "action_done"),
        "Chỉ được trao hiện vật từ các khoản tài trợ hiện vật đã xác nhận",
        _finance,
    ),
    BadInput(
        "goods of another fund",
        "ctxh.distribution",
        "call",
        lambda t: (t.distribution_other_fund, "action_done"),
        "thuộc quỹ khác",
        _finance,
    ),
    BadInput(
        "goods for a closed case",
        "ctxh.distribution",
        "call",
        lambda t: (t.distribution_closed_case, "action_done"),
        CLOSED,
        _finance,
    ),
    BadInput(
        "distribution without goods",
        "ctxh.distribution",
        "call",
        lambda t: (t.distribution_empty, "action_done"),
        "Hãy thêm các hồ sơ và hiện vật được trao",
        _finance,
    ),
    BadInput(
        "distribution dated after today",
        "ctxh.distribution",
        "call",
        lambda t: (t.distribution_future, "action_done"),
        AFTER_TODAY,
        _finance,
    ),
    BadInput(
        "distribution name too long",
        "ctxh.distribution",
        "create",
        lambda t: _goods(t, name=long_text(300)),
        TOO_LONG,
        _officer,
    ),
    BadInput(
        "done distribution redated",
        "ctxh.distribution",
        "write",
        lambda t: (t.distribution_done, {"date": "2026-01-25"}),
        "Không thể sửa đợt trao hiện vật đã hoàn tất",
        _finance,
    ),
    # --- bank statements (finance officer, OCA's import wizard)
    BadInput(
        "statement file that is no statement",
        "account.statement.import",
        "wizard",
        lambda t: _statement_file(t, b"\x00\x01 not a statement \xff", "sao_ke.csv"),
        "Không đọc được tệp",
        _finance,
    ),
    BadInput(
        "statement of another bank's layout",
        "account.statement.import",
        "wizard",
        lambda t: _statement_file(
            t, (DATA / "vietcombank_sao_ke.xlsx").read_bytes(), "vietcombank_sao_ke.xlsx"
        ),
        "Không đọc được tệp",
        _finance,
    ),
    BadInput(
        "statement without the fund's journal",
        "account.statement.import",
        "wizard",
        lambda t: (
            {
                "statement_file": base64.b64encode((DATA / "bidv_sao_ke.csv").read_bytes()),
                "statement_filename": "bidv_sao_ke.csv",
                "sheet_mapping_id": t.env.ref("ctxh_donation.sheet_mapping_bidv").id,
            },
            "import_file_button",
        ),
        "Hãy chọn sổ nhật ký của quỹ",
        _finance,
    ),
    BadInput(
        "statement file imported twice",
        "account.statement.import",
        "wizard",
        lambda t: _statement_file(
            t, (DATA / "bidv_sao_ke.csv").read_bytes(), "bidv_sao_ke.csv", t.journal_bidv
        ),
        "đã được nhập",
        _finance,
    ),
    BadInput(
        "statement line into a fund journal without transit account",
        "account.bank.statement.line",
        "create",
        lambda t: {"journal_id": t.journal.id, "amount": 10_000, "payment_ref": "UH", "date": "2026-01-05"},
        "tài khoản tiền đang chuyển của quỹ, mà quỹ chưa có",
        _finance,
    ),
]


@tagged("post_install", "-at_install")
class TestDonationBadInputs(BadInputMixin, CtxhDonationCommon):
    """Each bad input of the money addon is refused in Vietnamese, and nothing is half-written:
    no new record, the written record unchanged, no journal entry posted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.bad_input_user = cls.finance
        cls.product = env["product.product"].create({"name": "Gạo tẻ"})
        cls.tet_gift = env.ref("ctxh_case.support_type_tet_gift")
        Account = env["account.account"]
        Journal = env["account.journal"]
        Fund = env["ctxh.fund"]
        cls.transit = Account.create(
            {"name": "Tiền đang chuyển", "code": "T1131Q", "account_type": "asset_current", "reconcile": True}
        )
        cls.held_account = Account.create(
            {"name": "Nhận giữ hộ", "code": "T3388Q", "account_type": "liability_current"}
        )
        bidv = env.ref("ctxh_donation.sheet_mapping_bidv")
        cls.journal_bank = Journal.create(
            {"name": "Quỹ chuyển khoản", "code": "TQB", "type": "bank", "restrict_mode_hash_table": True}
        )
        cls.journal_bidv = Journal.create(
            {
                "name": "Quỹ BIDV",
                "code": "TQBI",
                "type": "bank",
                "restrict_mode_hash_table": True,
                "default_sheet_mapping_id": bidv.id,
            }
        )
        cls.journal_bank.default_sheet_mapping_id = bidv
        cls.journal_other = Journal.create(
            {"name": "Quỹ khác", "code": "TQK", "type": "bank", "restrict_mode_hash_table": True}
        )
        cls.journal_unhashed = Journal.create({"name": "Sổ không khóa", "code": "TQU", "type": "bank"})
        cls.fund_bank = Fund.create(
            {
                "name": "Quỹ nhận chuyển khoản",
                "code": "QCK26",
                "journal_id": cls.journal_bank.id,
                "income_account_id": cls.income_account.id,
                "expense_account_id": cls.expense_account.id,
                "transit_account_id": cls.transit.id,
            }
        )
        Fund.create(
            {
                "name": "Quỹ BIDV",
                "code": "QBIDV",
                "journal_id": cls.journal_bidv.id,
                "income_account_id": cls.income_account.id,
                "expense_account_id": cls.expense_account.id,
                "transit_account_id": cls.transit.id,
            }
        )
        cls.fund_restricted = Fund.create(
            {
                "name": "Quỹ nạn nhân bạo lực",
                "code": "QBL26",
                "journal_id": cls.journal.id,
                "income_account_id": cls.income_account.id,
                "expense_account_id": cls.expense_account.id,
                "in_kind_account_id": cls.in_kind_account.id,
                "restricted": True,
                "case_type_ids": [Command.set(cls.other_case_type.ids)],
            }
        )
        Line = env["account.bank.statement.line"]
        cls.line = Line.create(
            {
                "journal_id": cls.journal_bank.id,
                "amount": 300_000,
                "payment_ref": "UH QCK26",
                "date": "2026-01-05",
            }
        )
        cls.line_taken = Line.create(
            {
                "journal_id": cls.journal_bank.id,
                "amount": 400_000,
                "payment_ref": "UH QCK26",
                "date": "2026-01-06",
            }
        )
        # the BIDV file already imported once: a second import adds nothing
        env["account.statement.import"].with_user(cls.finance).create(
            _statement_file(
                cls, (DATA / "bidv_sao_ke.csv").read_bytes(), "bidv_sao_ke.csv", cls.journal_bidv
            )[0]
        ).import_file_button()
        Campaign = env["ctxh.campaign"]
        cls.campaign = Campaign.create(
            {
                "name": "Xuân yêu thương",
                "fund_id": cls.fund.id,
                "date_start": "2026-01-01",
                "date_end": "2026-01-31",
                "reference": "TET26",
            }
        )
        cls.campaign_bank = Campaign.create(
            {
                "name": "Mổ tim cho em",
                "fund_id": cls.fund_bank.id,
                "date_start": "2026-01-01",
                "reference": "MO26",
            }
        )
        # a case closed after its support was asked
        cls.case_closed = env["ctxh.case"].create(
            {
                "partner_id": env["res.partner"].create({"name": "Lê Văn Đã Ra Viện"}).id,
                "case_type_id": cls.case_type.id,
                "team_id": cls.team.id,
            }
        )
        env["ctxh.case.assessment"].create({"case_id": cls.case_closed.id}).action_done()
        cls.case_closed.stage_id = env.ref("ctxh_case.stage_services")
        # gifts (recorded and confirmed by finance)
        Donation = env["ctxh.donation"].with_user(cls.finance)
        cls.general_gift = Donation.create(_gift(cls, amount_currency=5_000_000))
        # a gift to a named patient is recorded by a social worker who reads the case
        cls.designated_gift = Donation.with_user(cls.officer).create(
            _gift(cls, amount_currency=1_000_000, restriction="case", case_id=cls.case_b.id)
        )
        cls.programme_gift = Donation.create(
            _gift(
                cls, amount_currency=500_000, restriction="programme", support_type_id=cls.emergency_cash.id
            )
        )
        cls.goods = Donation.create(
            _gift(
                cls,
                channel="in_kind",
                amount_currency=0,
                line_ids=[
                    Command.create({"product_id": cls.product.id, "quantity": 10, "unit_value": 50_000})
                ],
            )
        )
        (cls.general_gift | cls.designated_gift | cls.programme_gift | cls.goods).with_user(
            cls.finance
        ).action_confirm()
        Donation.create(
            _gift(cls, fund_id=cls.fund_bank.id, amount_currency=400_000, statement_line_id=cls.line_taken.id)
        )
        cls.draft_gift = Donation.create(_gift(cls))
        cls.anonymous_gift = Donation.create(_gift(cls, partner_id=False, is_anonymous=True))
        cls.campaign_gift = Donation.create(_gift(cls, campaign_id=cls.campaign.id))
        cls.draft_designated = Donation.with_user(cls.officer).create(
            _gift(cls, restriction="case", case_id=cls.case_b.id)
        )
        cls.draft_goods = Donation.create(
            _gift(
                cls,
                channel="in_kind",
                amount_currency=0,
                line_ids=[
                    Command.create({"product_id": cls.product.id, "quantity": 5, "unit_value": 50_000})
                ],
            )
        )
        # support requests (a social worker asks; the manager approves)
        Allocation = env["ctxh.allocation"].with_user(cls.officer)
        cls.request_too_big = Allocation.create(_request(cls, amount=9_000_000))
        cls.request_over_gift = Allocation.create(
            _request(cls, amount=1_500_000, case_id=cls.case_b.id, donation_id=cls.designated_gift.id)
        )
        cls.request_cash = Allocation.create(
            _request(cls, method="cash", support_type_id=cls.emergency_cash.id)
        )
        (cls.request_too_big | cls.request_over_gift | cls.request_cash).action_submit()
        cls.request_cash.with_user(cls.manager).action_approve()
        # distributions (a social worker drafts; finance posts)
        Distribution = env["ctxh.distribution"].with_user(cls.officer)
        goods_line = cls.goods.line_ids

        def lines(quantity, case=None, goods=goods_line):
            return [
                Command.create(
                    {"case_id": (case or cls.case_a).id, "donation_line_id": goods.id, "quantity": quantity}
                )
            ]

        cls.distribution_done = Distribution.create(_goods(cls, line_ids=lines(1)))
        cls.distribution_done.with_user(cls.finance).action_done()
        cls.distribution_over = Distribution.create(_goods(cls, line_ids=lines(11)))
        cls.distribution_pair = Distribution.create(_goods(cls, line_ids=lines(6))) | Distribution.create(
            _goods(cls, line_ids=lines(6, case=cls.case_b))
        )
        cls.distribution_draft_goods = Distribution.create(
            _goods(cls, line_ids=lines(1, goods=cls.draft_goods.line_ids))
        )
        cls.distribution_other_fund = Distribution.create(
            _goods(cls, fund_id=cls.fund_restricted.id, line_ids=lines(1))
        )
        cls.distribution_closed_case = Distribution.create(
            _goods(cls, line_ids=lines(1, case=cls.case_closed))
        )
        cls.distribution_empty = Distribution.create(_goods(cls, line_ids=[]))
        cls.distribution_future = Distribution.create(_goods(cls, date=_future()))
        cls.case_closed.action_close(env.ref("ctxh_case.closure_reason_discharged"), "Ra viện, ổn định.")

    def _assert_bad_input_refused(self, row):
        """Also runs "call" rows, and checks for every row that no journal entry was posted."""
        moves = self.env["account.move"].sudo().search_count([])
        if row.operation == "call":
            result = self._assert_call_refused(row)
        else:
            result = super()._assert_bad_input_refused(row)
        self.assertEqual(
            self.env["account.move"].sudo().search_count([]), moves, f"{row.label}: an entry was posted"
        )
        return result

    def _assert_call_refused(self, row):
        """A transition of existing records (values: records, method name) is refused with the
        message, and leaves their status, entry and approvals as they were."""
        env = self._bad_input_env(row)
        records, method = row.values(self)
        records = records.with_env(env)
        watched = [
            name for name in ("state", "move_id", "approved_by_id", "date_paid") if name in records._fields
        ]
        before = records.sudo().read(watched)
        count = self._bad_input_count(row.model)
        with self.assertRaises(UserError) as caught:
            getattr(records, method)()
        self.assertIn(row.fragment, caught.exception.args[0], row.label)
        records.invalidate_recordset()
        self.assertEqual(records.sudo().read(watched), before, f"{row.label}: record changed")
        self.assertEqual(self._bad_input_count(row.model), count, f"{row.label}: a row was written")

    def test_table_has_enough_rows(self):
        self.assertGreaterEqual(len(DONATION_BAD_INPUTS), 25)

    def test_bad_inputs_refused_in_vietnamese(self):
        self.assertBadInputsRefused(DONATION_BAD_INPUTS)

    def test_bad_statement_files_leave_no_line_nor_donation(self):
        lines = self.env["account.bank.statement.line"].search_count([])
        donations = self.env["ctxh.donation"].search_count([])
        rows = [row for row in DONATION_BAD_INPUTS if row.model == "account.statement.import"]
        self.assertBadInputsRefused(rows)
        self.assertEqual(self.env["account.bank.statement.line"].search_count([]), lines)
        self.assertEqual(self.env["ctxh.donation"].search_count([]), donations)

    def test_good_inputs_accepted(self):
        """The inputs refused above have valid counterparts that pass."""
        Donation = self.env["ctxh.donation"].with_user(self.finance)
        gift = Donation.create(
            _gift(self, campaign_id=self.campaign.id, date="2026-01-31", is_anonymous=True)
        )
        gift.action_confirm()
        self.assertEqual(gift.state, "confirmed")
        from_bank = Donation.create(
            _gift(
                self,
                partner_id=False,
                fund_id=self.fund_bank.id,
                amount_currency=300_000,
                statement_line_id=self.line.id,
            )
        )
        self.assertEqual(from_bank.state, "draft", "a draft from the bank waits for its donor")
        campaign = (
            self.env["ctxh.campaign"].with_user(self.manager).create(_campaign(self, reference="tet-27"))
        )
        self.assertEqual(campaign.reference, "TET27")
        campaign.reference = "TET27"  # its own reference again
        fund = self.env["ctxh.fund"].with_user(self.manager).create(_fund(self, code="QTN27"))
        fund.code = "QTN27"


@tagged("post_install", "-at_install")
class TestDonationBadInputsPublic(HttpCase):
    """The public pages refuse bad dates with a 400 and unknown or unpublished funds and
    campaigns with a 404, each with a Vietnamese message."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        setup_ctxh_donation_data(cls, cls.env, suffix="BQ")
        Campaign = cls.env["ctxh.campaign"]
        cls.campaign = Campaign.create(
            {
                "name": "Áo ấm mùa đông",
                "fund_id": cls.fund.id,
                "date_start": "2026-01-01",
                "statement_published": True,
            }
        )
        cls.unpublished = Campaign.create(
            {"name": "Chưa công khai", "fund_id": cls.fund.id, "date_start": "2026-01-01"}
        )
        cls.archived_fund = cls.env["ctxh.fund"].create(
            {
                "name": "Quỹ đã đóng",
                "code": "QDD",
                "journal_id": cls.journal.id,
                "income_account_id": cls.income_account.id,
                "expense_account_id": cls.expense_account.id,
                "active": False,
            }
        )

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)  # a public session on the test database
        public_pages.clear()

    def test_public_pages_refuse_bad_parameters(self):
        fund = f"/ctxh/transparency/fund/{self.fund.id}"
        campaign = f"/ctxh/transparency/campaign/{self.campaign.id}"
        rows = [
            ("date as dd/mm/yyyy", f"{fund}?date_from=31/01/2026", 400, "năm-tháng-ngày"),
            ("date as words", f"{fund}?date_to=hôm-qua", 400, "năm-tháng-ngày"),
            ("30 February", f"{fund}?date_from=2026-02-30", 400, "năm-tháng-ngày"),
            ("date with trailing text", f"{fund}?date_from=2026-01-31abc", 400, "năm-tháng-ngày"),
            (
                "period ending before it starts",
                f"{fund}?date_from=2026-02-01&date_to=2026-01-01",
                400,
                "sau ngày kết thúc",
            ),
            ("campaign with a bad date", f"{campaign}?date_to=2026-13-01", 400, "năm-tháng-ngày"),
            ("unknown fund", "/ctxh/transparency/fund/999999", 404, NOT_FOUND),
            ("archived fund", f"/ctxh/transparency/fund/{self.archived_fund.id}", 404, NOT_FOUND),
            ("unknown campaign", "/ctxh/transparency/campaign/999999", 404, NOT_FOUND),
            ("unknown hospital", "/ctxh/transparency/999999", 404, NOT_FOUND),
            ("hospital given as text", "/ctxh/transparency?company=abc", 404, NOT_FOUND),
            (
                "statement of an unknown campaign",
                "/ctxh/transparency/campaign/999999/statement.csv",
                404,
                NOT_FOUND,
            ),
            (
                "statement of an unpublished campaign",
                f"/ctxh/transparency/campaign/{self.unpublished.id}/statement.xlsx",
                404,
                NOT_FOUND,
            ),
        ]
        for label, url, status, fragment in rows:
            with self.subTest(label):
                response = self.url_open(url)
                self.assertEqual(response.status_code, status, label)
                self.assertIn(fragment, response.text, label)
        self.assertEqual(self.url_open(f"{fund}?date_from=2026-01-01&date_to=2026-01-31").status_code, 200)
