"""gunicorn's settings: `gunicorn --config=config/gunicorn.conf.py config.wsgi`.

Its error log (which quotes the URL of a request that failed) and its access log go through the
project's LOGGING, whose filter removes personal data. The access line also leaves out the query
string and the referrer, where one-time sign-in tokens travel.
"""

from config.settings.base import LOGGING

logconfig_dict = LOGGING
# gunicorn's default, written out: Stripe's timeouts (STRIPE_TIMEOUT, STRIPE_WEBHOOK_BUDGET in
# config/settings/base.py) are chosen to end well before a worker is killed.
timeout = 30
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
