from . import ctxh_shift_generate_wizard
from . import ctxh_shift_swap_wizard
from . import ctxh_volunteer_certificate_wizard
