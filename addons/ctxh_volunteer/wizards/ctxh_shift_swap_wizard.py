from odoo import _, fields, models
from odoo.exceptions import UserError


class CtxhShiftSwapWizard(models.TransientModel):
    _name = "ctxh.shift.swap.wizard"
    _description = "Replace a Volunteer on a Shift"

    assignment_id = fields.Many2one("ctxh.shift.assignment", required=True, ondelete="cascade")
    shift_id = fields.Many2one(related="assignment_id.shift_id")
    volunteer_id = fields.Many2one(related="assignment_id.volunteer_id", string="Current Volunteer")
    new_volunteer_id = fields.Many2one(
        "ctxh.volunteer", string="Replacement", required=True, domain=[("state", "=", "active")]
    )
    reason = fields.Char()

    def action_swap(self):
        """Cancel the assignment and create the replacement, linked to each other."""
        self.ensure_one()
        old = self.assignment_id
        if old.state not in ("planned", "confirmed"):
            raise UserError(_("Only planned or confirmed assignments can be handed over."))
        if self.new_volunteer_id == old.volunteer_id:
            raise UserError(_("Choose another volunteer as the replacement."))
        previous_state = old.state
        old.write({"state": "cancelled"})
        new = old.create(
            {
                "shift_id": old.shift_id.id,
                "volunteer_id": self.new_volunteer_id.id,
                "state": previous_state,
                "replacement_of_id": old.id,
                "note": self.reason,
            }
        )
        old.write({"replaced_by_id": new.id})
        old._close_requests()
        # A logged note needs no sender address (message_post refuses users without e-mail).
        old._message_log(
            body=_(
                "Replaced by %(volunteer)s. %(reason)s",
                volunteer=new.volunteer_id.name,
                reason=self.reason or "",
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "ctxh.shift.assignment",
            "res_id": new.id,
            "view_mode": "form",
        }
