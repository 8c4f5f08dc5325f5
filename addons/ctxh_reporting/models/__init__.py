from . import res_company
from . import ctxh_report_template
from . import ctxh_report_template_line
from . import ctxh_consolidation
from . import ctxh_consolidation_line
from . import ctxh_consolidation_value
from . import ctxh_dashboard_kpi
