from odoo import _, fields, models
from odoo.exceptions import UserError


class CtxhCaseStageWizard(models.TransientModel):
    """Close, cancel or reopen a case with the information each step requires."""

    _name = "ctxh.case.stage.wizard"
    _inherit = ["ctxh.input.check"]
    _description = "Close, Cancel or Reopen a Case"

    case_id = fields.Many2one("ctxh.case", required=True, ondelete="cascade")
    mode = fields.Selection(
        [("close", "Close"), ("cancel", "Cancel"), ("reopen", "Reopen")], required=True, default="close"
    )
    closure_reason_id = fields.Many2one("ctxh.closure.reason")
    outcome = fields.Text()
    follow_up_needed = fields.Boolean()
    reason = fields.Text()
    stage_id = fields.Many2one(
        "ctxh.case.stage",
        string="Reopen In Stage",
        domain=[("phase", "not in", ("closed", "cancelled"))],
    )

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "close":
            if not self.closure_reason_id or not (self.outcome or "").strip():
                raise UserError(_("Give a closure reason and the outcome of the case."))
            self.case_id.action_close(self.closure_reason_id, self.outcome, self.follow_up_needed)
        elif self.mode == "cancel":
            if not (self.reason or "").strip():
                raise UserError(_("Give the reason for cancelling the case."))
            self.case_id.action_cancel(self.reason)
        else:
            self.case_id.action_reopen(self.stage_id or None, self.reason)
        return {"type": "ir.actions.act_window_close"}
