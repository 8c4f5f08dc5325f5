from collections import defaultdict

from odoo import models


class CtxhFundAttribution(models.AbstractModel):
    """Which donors' money paid which support: FIFO attribution, kept up to date incrementally.

    A paid allocation consumes the oldest donations of its fund that still have money not
    attributed (its designated donation first; never money designated to another patient). A
    cancelled allocation releases only its own sources; a cancelled donation hands its sources
    over to the oldest remaining donations. Nothing is rebuilt: each payment reads only the
    donations that still have money left (``ctxh_donation.attributed_amount`` < ``amount``, an
    indexed condition) and writes its own rows. The caller holds the fund lock.
    """

    _name = "ctxh.fund.attribution"
    _description = "Fund Donor Attribution"

    def _ctxh_open_donations(self, exclude=None):
        """{fund_id: [[donation_id, remaining, designated_case_id], ...]} oldest first."""
        self.env["ctxh.donation"].flush_model(
            ["attributed_amount", "amount", "state", "fund_id", "designated_case_id"]
        )
        self.env.cr.execute(
            """
            SELECT id, fund_id, amount - attributed_amount, designated_case_id
              FROM ctxh_donation
             WHERE fund_id IN %s AND state = 'confirmed' AND amount > attributed_amount
               AND id NOT IN %s
          ORDER BY date, id
            """,
            [tuple(self.ids) or (0,), tuple(exclude.ids if exclude else ()) or (0,)],
        )
        result = defaultdict(list)
        for donation_id, fund_id, remaining, case_id in self.env.cr.fetchall():
            result[fund_id].append([donation_id, float(remaining), case_id])
        return result

    def _ctxh_attribute(self, needs, exclude=None):
        """Attribute money to allocations: ``needs`` is a list of (allocation, amount), in the
        order of payment. Writes the sources and the donations' attributed amounts."""
        if not needs:
            return
        funds = self.env["ctxh.fund"].browse({allocation.fund_id.id for allocation, _amount in needs})
        open_donations = funds._ctxh_open_donations(exclude=exclude)
        vals_list = []
        consumed = defaultdict(float)
        for allocation, amount in needs:
            to_cover = amount
            candidates = open_donations[allocation.fund_id.id]
            own = [row for row in candidates if row[0] == allocation.donation_id.id]
            others = [
                row
                for row in candidates
                if row[0] != allocation.donation_id.id and row[2] in (None, allocation.case_id.id)
            ]
            for row in own + others:
                if allocation.currency_id.compare_amounts(to_cover, 0.0) <= 0:
                    break
                take = min(row[1], to_cover)
                if allocation.currency_id.compare_amounts(take, 0.0) <= 0:
                    continue
                row[1] -= take
                to_cover -= take
                consumed[row[0]] += take
                vals_list.append(
                    {
                        "allocation_id": allocation.id,
                        "donation_id": row[0],
                        "fund_id": allocation.fund_id.id,
                        "amount": take,
                    }
                )
        # sudo: attribution rows are derived from a payment the user was allowed to make; nobody
        # writes them by hand (read-only for every group)
        self.env["ctxh.allocation.source"].sudo().create(vals_list)
        self._ctxh_add_attributed(consumed)

    def _ctxh_add_attributed(self, amounts):
        """Add ``{donation_id: amount}`` to the donations' attributed amounts (one query)."""
        if not amounts:
            return
        self.env["ctxh.donation"].flush_model(["attributed_amount"])
        self.env.cr.execute(
            """
            UPDATE ctxh_donation d SET attributed_amount = d.attributed_amount + v.amount
              FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::numeric[]) AS amount) v
             WHERE d.id = v.id
            """,
            [list(amounts), list(amounts.values())],
        )
        self.env["ctxh.donation"].browse(list(amounts)).invalidate_recordset(["attributed_amount"])

    def _ctxh_release_allocations(self, allocations):
        """A cancelled allocation gives back only the money of its own sources."""
        sources = allocations.sudo().source_ids  # sudo: derived rows, see _ctxh_attribute
        released = defaultdict(float)
        for source in sources:
            released[source.donation_id.id] -= source.amount
        sources.unlink()
        self._ctxh_add_attributed(released)

    def _ctxh_release_donations(self, donations):
        """A cancelled donation: the allocations it paid for are attributed to the oldest
        donations still having money, in the order they were paid."""
        sources = donations.sudo().source_ids.sorted(  # sudo: derived rows, see _ctxh_attribute
            lambda s: (s.allocation_id.date_paid, s.allocation_id.id)
        )
        needs = [(source.allocation_id, source.amount) for source in sources]
        released = defaultdict(float)
        for source in sources:
            released[source.donation_id.id] -= source.amount
        sources.unlink()
        self._ctxh_add_attributed(released)
        self._ctxh_attribute(needs, exclude=donations)
