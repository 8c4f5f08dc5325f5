from . import test_case_access
from . import test_case_base
from . import test_case_tour

from . import test_case_workflow
from . import test_case_security
from . import test_case_forms
from . import test_case_close_tour
from . import test_workforce
from . import test_service_log
from . import test_patient_privacy
from . import test_case_followers
from . import test_case_notes
from . import test_access_log
from . import test_bad_inputs
from . import test_case_transitions
from . import test_vietnamese
