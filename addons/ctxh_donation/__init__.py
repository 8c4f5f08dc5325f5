from . import controllers
from . import models
from .models.ctxh_fund_balance import DROP_TOTALS


def uninstall_hook(env):
    """Drop the triggers of the funds' running totals: they read ctxh_fund, which the uninstall
    drops, and every journal item written afterwards would fail."""
    for statement in DROP_TOTALS:
        env.cr.execute(statement)
