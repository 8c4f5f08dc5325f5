from . import test_period
from . import test_builders
from . import test_template
from . import test_xlsx
from . import test_consolidation
from . import test_access
from . import test_dashboard
