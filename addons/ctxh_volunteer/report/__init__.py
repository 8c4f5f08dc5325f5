from . import ctxh_volunteer_certificate
