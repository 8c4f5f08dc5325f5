import base64
import random
from datetime import date, timedelta

from odoo import Command, api, models

DONORS = [
    ("Nguyễn Văn An", "individual", "Hà Nội"),
    ("Trần Thị Bích", "individual", "Thành phố Hồ Chí Minh"),
    ("Lê Hoàng Cường", "individual", "Đà Nẵng"),
    ("Phạm Thị Dung", "individual", "Hải Phòng"),
    ("Hoàng Minh Đức", "individual", "Cần Thơ"),
    ("Vũ Thị Hạnh", "individual", "Nghệ An"),
    ("Đặng Quốc Khánh", "individual", "Thanh Hóa"),
    ("Bùi Thị Lan", "individual", "Nam Định"),
    ("Đỗ Văn Minh", "individual", "Thừa Thiên Huế"),
    ("Ngô Thị Ngọc", "individual", "Bình Định"),
    ("Công ty TNHH Thương mại Sao Mai", "business", "Hà Nội"),
    ("Công ty Cổ phần Dược phẩm Hòa Bình", "business", "Bắc Ninh"),
    ("Ngân hàng TMCP Phương Đông - Chi nhánh Hà Nội", "business", "Hà Nội"),
    ("Hội Chữ thập đỏ quận Đống Đa", "ngo", "Hà Nội"),
    ("Quỹ Từ thiện Ánh Sáng", "ngo", "Thành phố Hồ Chí Minh"),
    ("Chùa Quán Sứ", "religious", "Hà Nội"),
    ("Giáo xứ Thái Hà", "religious", "Hà Nội"),
    ("Hội người Việt tại Nhật Bản", "foreign", "Tokyo"),
]

PATIENTS = [
    ("Lò Văn Páo", "Điện Biên"),
    ("Hà Thị Mai", "Hòa Bình"),
    ("Triệu Văn Sơn", "Cao Bằng"),
    ("Nguyễn Thị Thu", "Thái Bình"),
    ("Lường Văn Hùng", "Sơn La"),
]


class CtxhFund(models.Model):
    _inherit = "ctxh.fund"

    @api.model
    def _ctxh_generate_demo(self):
        """Demo data with real posted entries: 100+ donations, allocations in every state."""
        rng = random.Random(93)
        env = self.env(context=dict(self.env.context, tracking_disable=True, mail_create_nolog=True))
        general = env.ref("ctxh_donation.ctxh_fund_general_demo")
        meals = env.ref("ctxh_donation.ctxh_fund_meals_demo")
        oncology = env.ref("ctxh_donation.ctxh_fund_oncology_demo")
        tet = env.ref("ctxh_donation.ctxh_campaign_tet_demo")
        chemo = env.ref("ctxh_donation.ctxh_campaign_oncology_demo")
        vietnam = env.ref("base.vn")
        donors = env["res.partner"].create(
            [
                {
                    "name": name,
                    "is_company": kind != "individual",
                    "city": city,
                    "country_id": vietnam.id if kind != "foreign" else env.ref("base.jp").id,
                }
                for name, kind, city in DONORS
            ]
        )
        kinds = [kind for _name, kind, _city in DONORS]
        # cases: the open demo cases of ctxh_case, completed with a few patients of our own
        oncology_group = env.ref("ctxh_case.vulnerable_group_oncology")
        patients = env["res.partner"].create([{"name": name, "city": city} for name, city in PATIENTS])
        services = env.ref("ctxh_case.stage_services")
        own_cases = env["ctxh.case"].create(
            [
                {
                    "partner_id": patient.id,
                    "case_type_id": env.ref("ctxh_case.case_type_serious_illness").id,
                    "vulnerable_group_ids": [Command.set(oncology_group.ids)],
                    "medical_record_number": f"BA-2026-{7000 + index}",
                }
                for index, patient in enumerate(patients)
            ]
        )
        # the case workflow wants a completed needs assessment before services
        env["ctxh.case.assessment"].create(
            [{"case_id": case.id, "score_finances": "4"} for case in own_cases]
        ).action_done()
        own_cases.stage_id = services
        cases = own_cases | env["ctxh.case"].search([("is_open", "=", True)], limit=5)
        Donation = env["ctxh.donation"]
        vals_list = []
        start = date(2025, 7, 1)
        for index in range(108):
            donor_index = rng.randrange(len(donors))
            fund = rng.choice([general, general, meals, oncology])
            day = start + timedelta(days=rng.randrange(0, 200))
            campaign = False
            if fund == meals and tet._accepts_date(day):
                campaign = tet
            elif fund == oncology and chemo._accepts_date(day):
                campaign = chemo
            anonymous = index % 9 == 0
            vals_list.append(
                {
                    "partner_id": False if anonymous else donors[donor_index].id,
                    "is_anonymous": anonymous,
                    "publish_name": index % 3 != 0,
                    "donor_type": kinds[donor_index],
                    "fund_id": fund.id,
                    "campaign_id": campaign and campaign.id,
                    "channel": "cash" if fund.journal_id.type == "cash" else "bank",
                    "amount_currency": rng.choice(
                        [200_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000]
                    ),
                    "date": day,
                }
            )
        # a gift designated for one patient
        vals_list.append(
            {
                "partner_id": donors[10].id,
                "donor_type": "business",
                "fund_id": general.id,
                "channel": "bank",
                "amount_currency": 20_000_000,
                "date": date(2025, 12, 15),
                "restriction": "case",
                "case_id": own_cases[0].id,
                "publish_name": True,
            }
        )
        donations = Donation.create(vals_list)
        regular = donations[:-1]
        (regular.sorted("date")[:-3] | donations[-1]).action_confirm()
        regular.filtered(lambda d: d.state == "confirmed")[:2].action_cancel()
        # in-kind gifts and a Tết distribution
        rice = env["product.product"].create({"name": "Gạo tẻ (bao 10 kg)"})
        gift = env["product.product"].create({"name": "Túi quà Tết"})
        in_kind = Donation.create(
            {
                "partner_id": donors[15].id,
                "donor_type": "religious",
                "fund_id": meals.id,
                "campaign_id": tet.id,
                "channel": "in_kind",
                "date": date(2026, 1, 10),
                "publish_name": True,
                "line_ids": [
                    Command.create({"product_id": rice.id, "quantity": 50, "unit_value": 200_000}),
                    Command.create({"product_id": gift.id, "quantity": 100, "unit_value": 300_000}),
                ],
            }
        )
        in_kind.action_confirm()
        distribution = env["ctxh.distribution"].create(
            {
                "name": "Phát quà Tết cho người bệnh ở lại viện",
                "fund_id": meals.id,
                "support_type_id": env.ref("ctxh_case.support_type_tet_gift").id,
                "date": date(2026, 2, 10),
                "line_ids": [
                    Command.create(
                        {"case_id": case.id, "donation_line_id": in_kind.line_ids[1].id, "quantity": 2}
                    )
                    for case in cases
                ],
            }
        )
        distribution.action_done()
        # allocations in every state
        Allocation = env["ctxh.allocation"]
        types = [
            env.ref("ctxh_case.support_type_hospital_fees"),
            env.ref("ctxh_case.support_type_medicine"),
            env.ref("ctxh_case.support_type_transport"),
            env.ref("ctxh_case.support_type_meals"),
        ]
        receipt = base64.b64encode(b"%PDF-1.4 Giay bien nhan co chu ky nguoi benh")

        def make(case, fund, amount, support_type, **kwargs):
            vals = {
                "case_id": case.id,
                "fund_id": fund.id,
                "support_type_id": support_type.id,
                "amount": amount,
                "method": "bank",
            }
            vals.update(kwargs)
            return Allocation.create(vals)

        paid = Allocation
        for index, case in enumerate(cases):
            allocation = make(case, general, 1_000_000 + 500_000 * index, types[index % len(types)])
            allocation.action_submit()
            allocation.action_approve()
            paid |= allocation
        cash = make(
            own_cases[1], general, 500_000, env.ref("ctxh_case.support_type_emergency_cash"), method="cash"
        )
        cash.signed_receipt = receipt
        cash.action_submit()
        cash.action_approve()
        (paid | cash).action_pay()
        designated = donations[-1]
        own = make(own_cases[0], general, 8_000_000, types[0], donation_id=designated.id)
        own.action_submit()
        own.action_approve()
        own.action_pay()
        chemo_paid = make(own_cases[2], oncology, 3_000_000, types[1])
        chemo_paid.action_submit()
        chemo_paid.action_approve()
        chemo_paid.action_pay()
        make(own_cases[3], general, 700_000, types[2])  # draft
        make(own_cases[4], general, 900_000, types[0]).action_submit()  # to approve
        approved = make(own_cases[3], general, 1_500_000, types[0])
        approved.action_submit()
        approved.action_approve()  # approved, not paid
        second = make(own_cases[4], general, 12_000_000, types[0])
        second.action_submit()
        second.action_approve()  # waiting for a second approval
        refused = make(own_cases[1], general, 400_000, types[2])
        refused.action_submit()
        refused.action_refuse()
        cancelled = make(own_cases[2], oncology, 600_000, types[1])
        cancelled.action_submit()
        cancelled.action_approve()
        cancelled.action_pay()
        cancelled.action_cancel()  # paid then cancelled: reversal posted
        env["ctxh.fund.publication"].create(
            {
                "fund_id": meals.id,
                "campaign_id": tet.id,
                "date": date(2026, 3, 5),
                "channel": "notice_board",
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 2, 28),
            }
        )
        return True
