from odoo import _, fields, models


class CtxhCampaign(models.Model):
    """The published statement of a campaign (sao kê, issue #11): every receipt and every use of
    its money, read from the fund's ledger, so that its totals are the ledger's."""

    _inherit = "ctxh.campaign"

    statement_published = fields.Boolean(
        string="Publish the Statement",
        tracking=True,
        help="The public page of the campaign lists every receipt (date, amount, transfer content "
        "with the donors' names masked unless they agreed to be named) and every use of the "
        "money (date, support type, amount; never a patient), with a download.",
    )

    def _ctxh_public_statement(self):
        """The campaign's statement as plain values, for the public page and the downloads:
        {"receipts": [{"date", "amount", "content"}], "uses": [{"date", "support_type",
        "amount"}], "received", "used", "currency"}. One row per journal item of the fund's
        ledger charged to the campaign (a cancelled gift or payment shows with its reversal)."""
        self.ensure_one()
        # sudo: the public sees the campaign's ledger rows as plain values: dates, amounts,
        # support types and masked transfer contents; no patient, no case, no record
        campaign = self.sudo()
        fund = campaign.fund_id
        fund._ctxh_flush_ledger()
        self.env.cr.execute(
            """
            SELECT l.date, l.received, l.disbursed, am.ctxh_res_model, am.ctxh_res_id,
                   am.reversed_entry_id IS NOT NULL
              FROM ctxh_fund_ledger l
              JOIN account_move am ON am.id = l.move_id
             WHERE l.fund_id = %s AND l.campaign_id = %s AND (l.received != 0 OR l.disbursed != 0)
          ORDER BY l.date, l.move_line_id
            """,
            [fund.id, campaign.id],
        )
        rows = self.env.cr.fetchall()
        ids = {}
        for _date, _received, _disbursed, model, res_id, _reversal in rows:
            if model:
                ids.setdefault(model, set()).add(res_id)
        donations = self.env["ctxh.donation"].sudo().browse(ids.get("ctxh.donation", ()))
        allocations = self.env["ctxh.allocation"].sudo().browse(ids.get("ctxh.allocation", ()))
        distributions = self.env["ctxh.distribution"].sudo().browse(ids.get("ctxh.distribution", ()))
        contents = donations._ctxh_public_contents()
        support_types = {
            ("ctxh.allocation", allocation.id): allocation.support_type_id.name for allocation in allocations
        }
        support_types.update(
            {
                ("ctxh.distribution", distribution.id): distribution.support_type_id.name
                for distribution in distributions
            }
        )
        receipts, uses = [], []
        for day, received, disbursed, model, res_id, reversal in rows:
            if received:
                content = contents.get(res_id, "") if model == "ctxh.donation" else ""
                if reversal:
                    content = _("Cancelled: %s", content)
                receipts.append({"date": day, "amount": float(received), "content": content})
            if disbursed:
                uses.append(
                    {
                        "date": day,
                        "support_type": support_types.get((model, res_id), _("Other")),
                        "amount": float(disbursed),
                    }
                )
        return {
            "receipts": receipts,
            "uses": uses,
            "received": sum(row["amount"] for row in receipts),
            "used": sum(row["amount"] for row in uses),
            "currency": fund.currency_id,
        }
