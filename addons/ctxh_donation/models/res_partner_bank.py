import base64

from odoo import models
from odoo.tools.image import image_data_uri


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    def _ctxh_vietqr(self, content, amount=0.0, size=256):
        """A VietQR payment code for this bank account, made by Odoo's EMV QR encoder
        (account_qr_code_emv, l10n_vn): the bank's BIN (``bank_bic`` of a Vietnamese bank is its
        Napas BIN, e.g. 970418 for BIDV), the account number, the amount when given (VND only)
        and the transfer content ``content``, which carries the reference a statement line is
        matched by.

        The account needs no EMV settings of its own: unless it has them, the code pays into the
        account number (proxy type 'Bank Account'), and the content is always included. Those
        settings are set on an in-memory copy of the account, never written.

        :return: {"image": data URI of the PNG, "payload": the EMV string, "content": the
                  content as the code carries it} or None when the account cannot have a VietQR
                  code (not a Vietnamese bank account, no BIN, no city or province of the holder)
        """
        self.ensure_one()
        vnd = self.env.ref("base.VND")
        configured = self.proxy_type and self.proxy_type != "none" and self.proxy_value
        # a fresh in-memory record (no origin: two new records of one origin share their cache)
        qr_bank = self.new(
            {
                "acc_number": self.acc_number,
                "bank_id": self.bank_id.id,
                "partner_id": self.partner_id.id,
                "currency_id": self.currency_id.id,
                "include_reference": True,
                "proxy_type": self.proxy_type if configured else "bank_acc",
                "proxy_value": self.proxy_value if configured else self.sanitized_acc_number,
            }
        )
        if self.country_code != "VN":
            return None
        args = (float(amount or 0.0), content, None, vnd, None)
        vals = qr_bank._build_qr_code_vals(*args, qr_method="emv_qr", silent_errors=True)
        if not vals:
            return None
        params = qr_bank._get_qr_code_generation_params(**vals)
        params.update(width=size, height=size)
        png = self.env["ir.actions.report"].barcode(**params)
        return {
            "image": image_data_uri(base64.b64encode(png)),
            "payload": params["value"],
            "content": qr_bank._remove_accents(content or ""),
        }
