from . import ctxh_team
from . import ctxh_case_stage
from . import ctxh_case_type
from . import ctxh_vulnerable_group
from . import ctxh_case
from . import ctxh_task_group
from . import ctxh_support_type

# Workforce and service log (H2)
from . import hr_employee
from . import ctxh_training
from . import ctxh_service_log
