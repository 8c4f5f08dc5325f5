from odoo import _, api, fields, models

from odoo.addons.ctxh_case.tools.vietnamese import sort_key

# Donors listed by name on a public page; the others are summed on one line (the printed
# disclosure and the published statement list every gift).
PUBLIC_DONORS = 100


class CtxhFundDisclosure(models.AbstractModel):
    """Figures the public sees: aggregates per support type, never a patient.

    Everything here reads with ``sudo()`` and returns plain values (no records), so that the
    public pages and the printed disclosure can show nothing but these figures: amounts per
    support type, counts of people helped, donors only with their consent. No case code, no
    name, no initial, no record number ever leaves these methods.
    """

    _name = "ctxh.fund.disclosure"
    _description = "Fund Public Disclosure"

    def _get_public_report(self, date_from=None, date_to=None, campaign=None, donor_limit=None):
        """Aggregate figures of one fund (or one of its campaigns) for a period.

        With ``campaign``: the campaign's own receipts and the disbursements charged to it.
        With ``donor_limit``: the largest donors only, the others summed in ``other_donors``
        (the public page of a fund of thousands of donors; the printed disclosure lists all).
        """
        self.ensure_one()
        # sudo: aggregates of the fund only, returned as plain values (see the class docstring)
        fund = self.sudo()
        today = fields.Date.context_today(fund.with_context(tz=fund.company_id.partner_id.tz))
        period = fund._get_balances(date_from, date_to, campaign=campaign)[fund.id]
        # the balance at the end of the period: the same figures when the period has no start
        totals = period if not date_from else fund._get_balances(None, date_to, campaign=campaign)[fund.id]
        allocation_domain = [("fund_id", "=", fund.id), ("state", "=", "paid")]
        line_domain = [("distribution_id.fund_id", "=", fund.id), ("distribution_id.state", "=", "done")]
        if campaign:
            allocation_domain.append(("campaign_id", "=", campaign.id))
            line_domain.append(("distribution_id.campaign_id", "=", campaign.id))
        if date_from:
            allocation_domain.append(("date_paid", ">=", date_from))
            line_domain.append(("distribution_id.date", ">=", date_from))
        if date_to:
            allocation_domain.append(("date_paid", "<=", date_to))
            line_domain.append(("distribution_id.date", "<=", date_to))
        # per named donor (partner) who agreed to be named, and one line of the others: the
        # largest ones read in one query, the rest summed by the same query (a fund of tens of
        # thousands of donors sends a hundred rows, not all of them)
        self.env["ctxh.donation"].flush_model(
            [
                "partner_id",
                "is_anonymous",
                "publish_name",
                "amount",
                "fund_id",
                "state",
                "campaign_id",
                "date",
            ]
        )
        self.env.cr.execute(
            """
            WITH groups AS (
                SELECT CASE WHEN d.partner_id IS NOT NULL AND NOT COALESCE(d.is_anonymous, FALSE)
                                 AND COALESCE(d.publish_name, FALSE) THEN d.partner_id END AS donor,
                       SUM(d.amount) AS amount, COUNT(*) AS count
                  FROM ctxh_donation d
                 WHERE d.fund_id = %(fund)s AND d.state = 'confirmed'
                   AND (%(campaign)s::int IS NULL OR d.campaign_id = %(campaign)s::int)
                   AND (%(date_from)s::date IS NULL OR d.date >= %(date_from)s::date)
                   AND (%(date_to)s::date IS NULL OR d.date <= %(date_to)s::date)
              GROUP BY 1
            )
            SELECT donor, amount, count, COUNT(*) OVER (), SUM(amount) OVER (), SUM(count) OVER ()
              FROM groups
          ORDER BY amount DESC, donor NULLS FIRST
             LIMIT %(limit)s
            """,
            {
                "fund": fund.id,
                "campaign": campaign.id if campaign else None,
                "date_from": date_from,
                "date_to": date_to,
                "limit": donor_limit,
            },
        )
        rows = self.env.cr.fetchall()
        ranked = [(donor, {"amount": float(amount), "count": count}) for donor, amount, count, *_all in rows]
        other_donors = None
        if rows and rows[0][3] > len(rows):
            _donor, _amount, _count, groups, total_amount, total_count = rows[0]
            other_donors = {
                "donors": groups - len(rows),
                "count": int(total_count) - sum(entry["count"] for _key, entry in ranked),
                "amount": float(total_amount) - sum(entry["amount"] for _key, entry in ranked),
            }
        # sudo: the names of the donors who agreed to be named (the query above keeps no other
        # partner), which a visitor may not read as contacts; test_public asserts the others
        # (anonymous, not consenting) never appear
        names = {
            partner.id: partner.name
            for partner in self.env["res.partner"].sudo().browse([key for key, _entry in ranked if key])
        }
        # the method's own frame (not a comprehension's) gives _() the reader's language
        anonymous = _("Anonymous donor")
        donors = [{"name": names[key] if key else anonymous, **entry} for key, entry in ranked]
        used = {}
        beneficiaries = set()
        for support_type, amount, case_ids in (
            self.env["ctxh.allocation"]
            .sudo()
            ._read_group(allocation_domain, ["support_type_id"], ["amount:sum", "case_id:array_agg"])
        ):
            entry = used.setdefault(support_type, {"amount": 0.0, "cases": set()})
            entry["amount"] += amount
            entry["cases"].update(case_ids)
        for distribution, value, case_ids in (
            self.env["ctxh.distribution.line"]
            .sudo()
            ._read_group(line_domain, ["distribution_id"], ["value:sum", "case_id:array_agg"])
        ):
            entry = used.setdefault(distribution.support_type_id, {"amount": 0.0, "cases": set()})
            entry["amount"] += value
            entry["cases"].update(case_ids)
        lines = []
        for support_type, entry in sorted(used.items(), key=lambda item: (item[0].sequence, item[0].id)):
            beneficiaries |= entry["cases"]
            lines.append(
                {"name": support_type.name, "amount": entry["amount"], "case_count": len(entry["cases"])}
            )
        return {
            "company_name": fund.company_id.name,
            "company_id": fund.company_id.id,
            "fund_name": fund.name,
            "fund_code": fund.code,
            "purpose": fund.purpose or "",
            "campaign_name": campaign.name if campaign else "",
            "campaign_target": campaign.target_amount if campaign else 0.0,
            "date_from": date_from,
            "date_to": date_to,
            # the figures run up to the period's end, or up to today in the hospital's timezone
            # (no further: nothing is dated after today)
            "as_of": min(date_to or today, today),
            "currency": fund.currency_id,
            "received": period["received"],
            "disbursed": period["disbursed"],
            "used": lines,
            "balance": totals["received"] - totals["disbursed"],
            "committed": totals["committed"],
            "donors": sorted(donors, key=lambda d: (-d["amount"], sort_key(d["name"]))),
            "other_donors": other_donors,
            "beneficiary_count": len(beneficiaries),
        }

    @api.model
    def _ctxh_public_index(self, company_id=None):
        """The funds and campaigns one hospital publishes, or None for an unknown company."""
        # sudo: the public reads names of active funds and campaigns of one company, nothing else
        Company = self.env["res.company"].sudo()
        company = (
            Company.browse(company_id).exists() if company_id else Company.search([], order="id", limit=1)
        )
        if not company:
            return None
        funds = self.env["ctxh.fund"].sudo().search([("company_id", "=", company.id)])
        campaigns = (
            self.env["ctxh.campaign"]
            .sudo()
            .search([("company_id", "=", company.id), ("fund_id", "in", funds.ids)])
        )
        return {
            "company_name": company.name,
            "company_id": company.id,
            "funds": [{"id": fund.id, "name": fund.name} for fund in funds],
            "campaigns": [{"id": campaign.id, "name": campaign.name} for campaign in campaigns],
        }

    @api.model
    def _ctxh_public_version(self, fund_id=None, campaign_id=None):
        """What the public page of a fund or campaign depends on, read in one query, or None when
        there is no such page: the last entry of the fund's journal (every posting and reversal
        adds one), the support committed (approved, not paid), whether the campaign publishes its
        statement, and when the fund, the campaign and the hospital were last changed. A page kept
        in the cache is served again only while this is the same."""
        # sudo-free SQL: figures of existence and change only, for the cache key of the page
        self.env["ctxh.allocation"].flush_model(["state", "amount", "fund_id"])
        self.env["ctxh.fund"].flush_model(["active", "journal_id"])
        self.env["ctxh.campaign"].flush_model(["active", "fund_id", "statement_published"])
        self.env.cr.execute(
            """
            SELECT f.id, f.write_date, c.write_date, c.statement_published, co.write_date,
                   (SELECT MAX(m.id) FROM account_move m WHERE m.journal_id = f.journal_id),
                   (SELECT COUNT(*) || ':' || COALESCE(SUM(a.amount), 0) FROM ctxh_allocation a
                     WHERE a.fund_id = f.id AND a.state = 'approved')
              FROM ctxh_fund f
              JOIN res_company co ON co.id = f.company_id
         LEFT JOIN ctxh_campaign c ON c.id = %(campaign)s AND c.fund_id = f.id AND c.active
             WHERE f.active
               AND f.id = COALESCE(%(fund)s, (SELECT fund_id FROM ctxh_campaign WHERE id = %(campaign)s))
               AND (%(campaign)s::int IS NULL OR c.id IS NOT NULL)
            """,
            {"fund": fund_id, "campaign": campaign_id},
        )
        row = self.env.cr.fetchone()
        return tuple(str(value) for value in row) if row else None

    @api.model
    def _ctxh_public_page(self, fund_id=None, campaign_id=None, date_from=None, date_to=None):
        """Public figures of an active fund or campaign, or None when there is no such page."""
        # sudo: existence and activity of the fund or campaign asked for; figures come from
        # _get_public_report (aggregates only)
        campaign = self.env["ctxh.campaign"]
        if campaign_id:
            campaign = campaign.sudo().browse(campaign_id).exists()
            if not campaign or not campaign.active:
                return None
            fund = campaign.fund_id
        else:
            fund = self.env["ctxh.fund"].sudo().browse(fund_id).exists()
        if not fund or not fund.active:
            return None
        data = fund._get_public_report(
            date_from, date_to, campaign=campaign or None, donor_limit=PUBLIC_DONORS
        )
        # how to give (VietQR into the fund's bank account, with the campaign's reference) and,
        # when the campaign publishes it, its statement (ctxh_campaign_statement.py)
        data["vietqr"] = campaign._ctxh_vietqr() if campaign else fund._ctxh_vietqr()
        data["campaign_id"] = campaign.id if campaign else False
        data["statement"] = campaign._ctxh_public_statement() if campaign.statement_published else None
        return data
