import itertools
from collections import defaultdict

from odoo import models

# Open donations read per query when attributing: enough for most payments in one read.
CHUNK = 200


class _OpenDonations:
    """The open donations of one fund (money not attributed yet), oldest first, read lazily by
    chunks along the partial index ``ctxh_donation_open_attribution_idx`` (fund, date, id): a
    payment reads the few oldest donations it consumes, however many the fund ever received."""

    def __init__(self, cr, fund_id, exclude_ids, remaining):
        self.cr = cr
        self.fund_id = fund_id
        self.exclude_ids = exclude_ids or (0,)
        self.remaining = remaining  # {donation_id: money left}, shared by the funds of a call
        self.rows = []  # [(donation_id, designated_case_id)] in FIFO order
        self.last = None  # (date, id) of the last row read
        self.exhausted = False

    def _fetch(self):
        keyset = "AND (date, id) > (%(date)s, %(id)s)" if self.last else ""
        self.cr.execute(
            f"""
            SELECT id, date, amount - attributed_amount, designated_case_id
              FROM ctxh_donation
             WHERE fund_id = %(fund)s AND state = 'confirmed' AND amount > attributed_amount
               AND id NOT IN %(exclude)s {keyset}
          ORDER BY date, id
             LIMIT %(limit)s
            """,  # noqa: S608 - the keyset clause is a constant
            {
                "fund": self.fund_id,
                "exclude": self.exclude_ids,
                "date": self.last and self.last[0],
                "id": self.last and self.last[1],
                "limit": CHUNK,
            },
        )
        rows = self.cr.fetchall()
        if len(rows) < CHUNK:
            self.exhausted = True
        for donation_id, day, left, case_id in rows:
            self.remaining.setdefault(donation_id, float(left))
            self.rows.append((donation_id, case_id))
            self.last = (day, donation_id)

    def __iter__(self):
        index = 0
        while True:
            if index == len(self.rows):
                if self.exhausted:
                    return
                self._fetch()
                continue
            yield self.rows[index]
            index += 1


class CtxhFundAttribution(models.AbstractModel):
    """Which donors' money paid which support: FIFO attribution, kept up to date incrementally.

    A paid allocation consumes the oldest donations of its fund that still have money not
    attributed (its designated donation first; never money designated to another patient). A
    cancelled allocation releases only its own sources; a cancelled donation hands its sources
    over to the oldest remaining donations. Nothing is rebuilt: each payment reads only the oldest
    donations that still have money left, a chunk at a time (``ctxh_donation.attributed_amount``
    < ``amount``, an indexed condition), and writes its own rows. The caller holds the fund lock.
    """

    _name = "ctxh.fund.attribution"
    _description = "Fund Donor Attribution"

    def _ctxh_own_donations(self, donations, exclude, remaining):
        """Money left on the designated donations of the allocations (one query)."""
        ids = tuple(set(donations.ids) - set(exclude) - set(remaining))
        if not ids:
            return
        self.env.cr.execute(
            """
            SELECT id, amount - attributed_amount FROM ctxh_donation
             WHERE id IN %s AND state = 'confirmed' AND amount > attributed_amount
            """,
            [ids],
        )
        for donation_id, left in self.env.cr.fetchall():
            remaining[donation_id] = float(left)

    def _ctxh_attribute(self, needs, exclude=None):
        """Attribute money to allocations: ``needs`` is a list of (allocation, amount), in the
        order of payment. Writes the sources and the donations' attributed amounts."""
        if not needs:
            return
        self.env["ctxh.donation"].flush_model(
            ["attributed_amount", "amount", "state", "fund_id", "designated_case_id", "date"]
        )
        exclude_ids = tuple(exclude.ids) if exclude else ()
        remaining = {}
        streams = {}
        allocations = self.env["ctxh.allocation"].concat(*(allocation for allocation, _amount in needs))
        self._ctxh_own_donations(allocations.donation_id, exclude_ids, remaining)
        vals_list = []
        consumed = defaultdict(float)
        for allocation, amount in needs:
            currency = allocation.currency_id
            fund_id = allocation.fund_id.id
            if fund_id not in streams:
                streams[fund_id] = _OpenDonations(self.env.cr, fund_id, exclude_ids, remaining)
            own_id = allocation.donation_id.id
            case_id = allocation.case_id.id
            to_cover = amount
            stream = streams[fund_id]
            candidates = itertools.chain(
                [own_id] if own_id else [],
                (
                    donation_id
                    for donation_id, designated_case_id in stream
                    if donation_id != own_id and designated_case_id in (None, case_id)
                ),
            )
            for donation_id in candidates:
                if currency.compare_amounts(to_cover, 0.0) <= 0:
                    break
                take = min(remaining.get(donation_id, 0.0), to_cover)
                if currency.compare_amounts(take, 0.0) <= 0:
                    continue
                remaining[donation_id] -= take
                to_cover -= take
                consumed[donation_id] += take
                vals_list.append(
                    {
                        "allocation_id": allocation.id,
                        "donation_id": donation_id,
                        "fund_id": fund_id,
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
