from . import ctxh_period_report_xlsx
from . import ctxh_consolidation_xlsx
from . import ctxh_case_register_xlsx
from . import ctxh_fund_disclosure_xlsx
from . import ctxh_volunteer_hours_xlsx
