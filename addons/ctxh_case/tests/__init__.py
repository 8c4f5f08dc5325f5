from . import test_case_access
from . import test_case_base
from . import test_case_tour

from . import test_case_workflow
from . import test_case_security
from . import test_case_forms
from . import test_case_close_tour
from . import test_workforce
from . import test_service_log
from . import test_workforce_history
from . import test_award
from . import test_good_citizen
