from . import ctxh_case_stage_wizard
