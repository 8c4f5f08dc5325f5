from . import vietnamese
