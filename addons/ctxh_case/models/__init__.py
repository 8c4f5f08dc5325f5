from . import ctxh_team
from . import ctxh_case_stage
from . import ctxh_case_type
from . import ctxh_vulnerable_group
from . import ctxh_case
from . import ctxh_task_group
from . import ctxh_support_type

# --- H1: case workflow ---
from . import ctxh_validity_mixin
from . import ctxh_closure_reason
from . import ctxh_intervention_type
from . import ctxh_agency_kind
from . import res_partner
from . import ctxh_case_assessment
from . import ctxh_case_plan
from . import ctxh_case_plan_line
from . import ctxh_case_intervention
from . import ctxh_case_referral
from . import ctxh_case_note
from . import ctxh_case_consent
from . import ctxh_case_member
from . import ctxh_case_tracing
# --- end H1 ---
# Workforce and service log (H2)
from . import hr_employee
from . import ctxh_training
from . import ctxh_service_log
