"""Remove a staff member's second factor (a lost or replaced phone).

Their authenticator app and backup codes stop working at once, in open sessions too; at their next
sign-in they set up a new one (members of SECOND_FACTOR_GROUPS must, others may). Check who is
asking before running it: whoever holds the password then enrols their own phone.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home import otp


class Command(BaseCommand):
    help = "Remove a user's authenticator app and backup codes, so that they set them up again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = otp.reset(user)
        self.stdout.write(
            self.style.SUCCESS(
                f"{removed} device(s) removed for {username}: they set up a new one at sign-in."
            )
        )
