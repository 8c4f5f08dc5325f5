from . import test_shift_generation
from . import test_assignment
from . import test_hours_certificate
from . import test_volunteer_access
from . import test_volunteer_dates
