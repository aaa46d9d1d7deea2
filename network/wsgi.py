"""WSGI entry point, for deployments that serve pages from WSGI workers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.production")

application = get_wsgi_application()
