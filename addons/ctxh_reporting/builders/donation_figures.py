"""Figures from ctxh_donation: resources mobilised, support disbursed, patients helped, and the
dataset of the fund disclosure report (Decree 93/2021 style)."""

from datetime import timedelta

from odoo.tools import SQL

DONOR_TYPES = ("individual", "business", "ngo", "religious", "foreign")


def build(env, company, date_from, date_to):
    """Resources mobilised (confirmed donations) and support disbursed (paid allocations, in-kind
    distributions done) during the period; ``*_ledger`` figures are read from posted journal items."""
    figures = {}
    Donation = env["ctxh.donation"].sudo()
    domain = [
        ("company_id", "=", company.id),
        ("state", "=", "confirmed"),
        ("date", ">=", date_from),
        ("date", "<=", date_to),
    ]
    by_channel = {
        channel: (amount, count)
        for channel, amount, count in Donation._read_group(domain, ["channel"], ["amount:sum", "__count"])
    }
    amounts = {channel: amount for channel, (amount, _count) in by_channel.items()}
    figures["resources_cash"] = amounts.get("cash", 0.0) + amounts.get("bank", 0.0)
    figures["resources_in_kind"] = amounts.get("in_kind", 0.0)
    figures["resources_total"] = figures["resources_cash"] + figures["resources_in_kind"]
    by_donor = dict(Donation._read_group(domain, ["donor_type"], ["amount:sum"]))
    for donor_type in DONOR_TYPES:
        figures[f"resources.donor.{donor_type}"] = by_donor.get(donor_type, 0.0)
    figures["donations"] = sum(count for _amount, count in by_channel.values())

    funds = env["ctxh.fund"].sudo().with_context(active_test=False).search([("company_id", "=", company.id)])
    balances = funds._get_balances(date_from, date_to)
    for fund in funds:
        figures[f"resources.fund.{fund.code}"] = balances[fund.id]["received"]
    figures["resources_ledger"] = sum(values["received"] for values in balances.values())
    figures["support_ledger"] = sum(values["disbursed"] for values in balances.values())

    Allocation = env["ctxh.allocation"].sudo()
    alloc_domain = [
        ("company_id", "=", company.id),
        ("state", "=", "paid"),
        ("date_paid", ">=", date_from),
        ("date_paid", "<=", date_to),
    ]
    support_types = env["ctxh.support.type"].sudo().with_context(active_test=False).search([])
    by_type = dict.fromkeys(support_types, 0.0)
    for stype, amount in Allocation._read_group(alloc_domain, ["support_type_id"], ["amount:sum"]):
        by_type[stype] = by_type.get(stype, 0.0) + amount
    # Goods handed out: a distribution's total value is the sum of its lines' (ctxh_donation).
    dist_domain = [
        ("company_id", "=", company.id),
        ("state", "=", "done"),
        ("date", ">=", date_from),
        ("date", "<=", date_to),
    ]
    for stype, value in (
        env["ctxh.distribution"].sudo()._read_group(dist_domain, ["support_type_id"], ["total_value:sum"])
    ):
        by_type[stype] = by_type.get(stype, 0.0) + value
    for stype, amount in by_type.items():
        figures[f"support.type.{stype.code}"] = amount
    figures["support_disbursed"] = sum(by_type.values())
    # Cases and patients helped by money or by goods, each once, counted by PostgreSQL.
    Line = env["ctxh.distribution.line"].sudo()
    line_domain = [("company_id", "=", company.id), ("distribution_id", "any", dist_domain)]
    helped = SQL(" UNION ").join(
        query.subselect(model._field_to_sql(query.table, "case_id", query))
        for model, query in (
            (Allocation, Allocation._search(alloc_domain)),
            (Line, Line._search(line_domain)),
        )
    )
    [(cases, patients)] = (
        env["ctxh.case"]
        .sudo()
        .with_context(active_test=False)
        ._read_group([("id", "in", SQL("(%s)", helped))], [], ["__count", "partner_id:count_distinct"])
    )
    figures["support_cases"] = cases
    figures["support_patients"] = patients
    return figures


def fund_disclosure(env, fund, date_from, date_to):
    """The public disclosure of one fund for a period; balances from the accounting ledger.

    Returns plain values (no beneficiary names): opening and closing balances, the receipts
    (one per confirmed donation, donors named only when they accept it), receipts and
    disbursements of the period per the ledger, disbursements by purpose and per campaign.
    """
    fund = fund.sudo()
    opening = fund._get_balances(None, date_from - timedelta(days=1))[fund.id]
    period = fund._get_balances(date_from, date_to)[fund.id]
    closing = fund._get_balances(None, date_to)[fund.id]
    # Receipts: the journal items behind the fund's "received" (ctxh.fund._ctxh_ledger_lines, the
    # one definition of a fund's money), so that their total is the ledger's to the đồng (a
    # donation cancelled later shows its reversal when it falls in the period).
    ledger = fund._ctxh_ledger_lines(date_from, date_to, "received")
    lines = env["account.move.line"].sudo().browse([line.id for line, _amount in ledger])
    amounts = {line.id: amount for line, amount in ledger}
    Donation = env["ctxh.donation"].sudo()
    donations = Donation.search(
        ["|", ("move_id", "in", lines.move_id.ids), ("reversal_move_id", "in", lines.move_id.ids)]
    )
    by_move = {donation.move_id: donation for donation in donations}
    by_move.update(
        {donation.reversal_move_id: donation for donation in donations if donation.reversal_move_id}
    )
    receipts = []
    for line in lines:
        donation = by_move.get(line.move_id, Donation)
        receipts.append(
            {
                "date": line.date,
                "receipt_number": donation.receipt_number or line.move_id.name,
                "donor": donation.partner_id.name
                if donation.partner_id and donation.publish_name and not donation.is_anonymous
                else None,
                "channel": donation.channel or "",
                "campaign": donation.campaign_id.name or "",
                "amount": amounts[line.id],
                "reversal": bool(donation) and line.move_id == donation.reversal_move_id,
            }
        )
    purposes = {}
    alloc_domain = [
        ("fund_id", "=", fund.id),
        ("state", "=", "paid"),
        ("date_paid", ">=", date_from),
        ("date_paid", "<=", date_to),
    ]
    for stype, amount, case_ids in (
        env["ctxh.allocation"]
        .sudo()
        ._read_group(alloc_domain, ["support_type_id"], ["amount:sum", "case_id:array_agg"])
    ):
        entry = purposes.setdefault(stype, {"amount": 0.0, "cases": set()})
        entry["amount"] += amount
        entry["cases"].update(case_ids)
    line_domain = [
        ("distribution_id.fund_id", "=", fund.id),
        ("distribution_id.state", "=", "done"),
        ("distribution_id.date", ">=", date_from),
        ("distribution_id.date", "<=", date_to),
    ]
    for distribution, value, case_ids in (
        env["ctxh.distribution.line"]
        .sudo()
        ._read_group(line_domain, ["distribution_id"], ["value:sum", "case_id:array_agg"])
    ):
        entry = purposes.setdefault(distribution.support_type_id, {"amount": 0.0, "cases": set()})
        entry["amount"] += value
        entry["cases"].update(case_ids)
    campaigns = {}
    for donation in donations.filtered("campaign_id"):
        campaign = donation.campaign_id
        entry = campaigns.setdefault(
            campaign, {"name": campaign.name, "target": campaign.target_amount, "received": 0.0}
        )
        entry["received"] += donation.amount
    return {
        "fund": fund,
        "opening_balance": opening["received"] - opening["disbursed"],
        "receipts": receipts,
        "receipts_total": sum(receipt["amount"] for receipt in receipts),
        "received": period["received"],
        "disbursements": [
            {"purpose": stype.name, "amount": entry["amount"], "case_count": len(entry["cases"])}
            for stype, entry in sorted(purposes.items(), key=lambda item: (item[0].sequence, item[0].id))
        ],
        "disbursed": period["disbursed"],
        "closing_balance": closing["received"] - closing["disbursed"],
        "committed": closing["committed"],
        "campaigns": list(campaigns.values()),
    }
