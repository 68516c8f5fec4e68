"""Run the fake Stripe for a development server:

    python -m tests.fakestripe --port 12111 \\
        --webhook-url http://127.0.0.1:8000/stripe/webhook/ --webhook-secret whsec_dev

then point the site's Stripe client at http://127.0.0.1:12111 with any sk_test_ key.
"""

import argparse
import contextlib
import logging
import threading

from .server import FakeStripe

parser = argparse.ArgumentParser(
    prog="python -m tests.fakestripe",
    description=__doc__,
    formatter_class=argparse.RawDescriptionHelpFormatter,
)
parser.add_argument("--port", type=int, default=12111)
parser.add_argument("--webhook-url", help="where to POST the signed events (none: not sent)")
parser.add_argument("--webhook-secret", default="whsec_dev")
args = parser.parse_args()
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
with FakeStripe(args.webhook_url, args.webhook_secret).start(args.port) as fake:
    logging.info("Fake Stripe listening on %s (Ctrl+C to stop)", fake.url)
    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()
