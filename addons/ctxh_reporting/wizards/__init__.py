from . import ctxh_report_wizard
from . import ctxh_consolidation_import
