from . import test_donation
from . import test_allocation
from . import test_distribution
from . import test_concurrency
from . import test_public
from . import test_integrity
from . import test_documents
from . import test_tours
