"""Cross-addon tests of ctxh, run by pytest-odoo against a database where the addons are
installed (``make test`` creates and drops one)."""
