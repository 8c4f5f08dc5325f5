from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CtxhDonationCommon


@tagged("post_install", "-at_install")
class TestDistribution(CtxhDonationCommon):
    def test_distribution_consumes_in_kind_donation(self):
        product = self.env["product.product"].create({"name": "Quà Tết"})
        donation = self._donation(
            0,
            channel="in_kind",
            line_ids=self.commands({"product_id": product.id, "quantity": 10, "unit_value": 500_000}),
        )
        donation.with_user(self.finance).action_confirm()
        goods = donation.line_ids
        tet = self.env.ref("ctxh_case.support_type_tet_gift")
        distribution = (
            self.env["ctxh.distribution"]
            .with_user(self.officer)
            .create(
                {
                    "name": "Phát quà Tết",
                    "fund_id": self.fund.id,
                    "support_type_id": tet.id,
                    "date": "2026-01-20",
                    "line_ids": self.commands(
                        {"case_id": self.case_a.id, "donation_line_id": goods.id, "quantity": 2},
                        {"case_id": self.case_b.id, "donation_line_id": goods.id, "quantity": 3},
                    ),
                }
            )
        )
        self.assertEqual(distribution.total_value, 2_500_000)
        self.assertEqual(distribution.case_count, 2)
        distribution.with_user(self.finance).action_done()
        self.assertMoveLines(
            distribution.move_id,
            [
                (self.expense_account, 2_500_000, 0, self.fund_distribution()),
                (self.in_kind_account, 0, 2_500_000, None),
            ],
        )
        goods.invalidate_recordset()
        self.assertEqual(goods.remaining_quantity, 5)
        self.assertBalances(5_000_000, 2_500_000, 0, 2_500_000)
        too_much = self.env["ctxh.distribution"].create(
            {
                "name": "Phát quà lần 2",
                "fund_id": self.fund.id,
                "support_type_id": tet.id,
                "line_ids": self.commands(
                    {"case_id": self.case_a.id, "donation_line_id": goods.id, "quantity": 6}
                ),
            }
        )
        with self.assertRaisesRegex(UserError, r"Only 5 of .*Quà Tết.* are left; 6 cannot be handed out\."):
            too_much.with_user(self.finance).action_done()
        # quantities as a Vietnamese reader writes them (no "5.0"), in their language
        with self.assertRaisesRegex(UserError, r"Chỉ còn 5 .*Quà Tết.*; không thể trao 6\."):
            too_much.with_user(self.finance).with_context(lang="vi_VN").action_done()
        distribution.with_user(self.finance).action_cancel()
        self.assertEqual(distribution.reversal_move_id.reversed_entry_id, distribution.move_id)
        goods.invalidate_recordset()
        self.assertEqual(goods.remaining_quantity, 10)
        self.assertBalances(5_000_000, 0, 0, 5_000_000)
