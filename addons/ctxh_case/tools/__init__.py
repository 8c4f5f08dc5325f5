from . import vietnamese, xlsx
from .db_defaults import set_required_column_defaults

__all__ = ["set_required_column_defaults", "vietnamese", "xlsx"]
