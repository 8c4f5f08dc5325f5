import contextvars

from odoo import _, api, models
from odoo.exceptions import UserError

# Records whose guarded fields the running transition method may write: a set of
# (model name, record id) pairs held in a context variable of the current thread/task. Nothing
# that a remote caller sends (context, values, method names) can reach it: it is set only by
# ``_ctxh_transition_write``/``_ctxh_transition_create``, private methods that Odoo refuses to
# call over RPC, and is reset as soon as their write returns.
_IN_TRANSITION = contextvars.ContextVar("ctxh_in_transition", default=frozenset())


class CtxhTransitionMixin(models.AbstractModel):
    """Status fields that change only inside the model's transition methods.

    A model lists its status fields in ``_ctxh_guarded_fields``. ``write`` and ``create`` refuse
    them whatever the context, the user or ``sudo()`` (only module data files loaded at install
    or upgrade may set them, see ``_ctxh_loading_data``); the transition methods (``action_*``)
    check the user's groups and the current status, then write through
    ``_ctxh_transition_write``. ``default_<field>`` keys of the context are dropped on create, so a
    forged default cannot create a record in another status either.
    """

    _name = "ctxh.transition.mixin"
    _description = "Guarded Status Transitions"

    _ctxh_guarded_fields = ()

    def _ctxh_guard_message(self, fnames):
        descriptions = self.fields_get(sorted(fnames), ["string"])
        return _(
            "%(fields)s of %(model)s change only through its buttons.",
            fields=", ".join(descriptions[fname]["string"] for fname in sorted(fnames)),
            model=self._description,
        )

    def _ctxh_loading_data(self):
        """Module data files (XML/CSV of an install or upgrade) are loaded by the superuser into a
        registry that is not serving requests yet: no remote caller reaches that state."""
        return self.env.su and not self.pool.ready

    def _ctxh_in_transition(self):
        allowed = _IN_TRANSITION.get()
        return self._ctxh_loading_data() or all((self._name, record_id) in allowed for record_id in self._ids)

    def _ctxh_transition_write(self, vals):
        """Write status fields: only for the transition methods of the model itself."""
        token = _IN_TRANSITION.set(
            _IN_TRANSITION.get() | {(self._name, record_id) for record_id in self._ids}
        )
        try:
            return self.write(vals)
        finally:
            _IN_TRANSITION.reset(token)

    def _ctxh_transition_create(self, vals_list):
        """Create records with status fields set (for instance a reversal document)."""
        token = _IN_TRANSITION.set(_IN_TRANSITION.get() | {(self._name, "create")})
        try:
            return self.create(vals_list)
        finally:
            _IN_TRANSITION.reset(token)

    @api.model_create_multi
    def create(self, vals_list):
        guarded = set(self._ctxh_guarded_fields)
        if guarded and (self._name, "create") not in _IN_TRANSITION.get() and not self._ctxh_loading_data():
            defaults = {f"default_{fname}" for fname in guarded}
            if defaults & set(self.env.context):
                context = {key: value for key, value in self.env.context.items() if key not in defaults}
                self = self.with_env(self.env(context=context))
            # a form sends the initial status it shows: only another value is refused
            initial = self.default_get(list(guarded))
            forged = {
                fname
                for vals in vals_list
                for fname, value in vals.items()
                if fname in guarded and (value or False) != (initial.get(fname) or False)
            }
            if forged:
                raise UserError(self._ctxh_guard_message(forged))
        return super().create(vals_list)

    def write(self, vals):
        forged = set(vals) & set(self._ctxh_guarded_fields)
        if forged and not self._ctxh_in_transition():
            raise UserError(self._ctxh_guard_message(forged))
        return super().write(vals)
