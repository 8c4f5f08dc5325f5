from . import test_case_access
from . import test_case_base
from . import test_case_tour
