"""Spellings of one mailbox count as one person for limits (home.emails.canonical_email)."""

from django.test import SimpleTestCase

from home.emails import canonical_email


class CanonicalEmailTests(SimpleTestCase):
    def test_tags_case_and_spaces_are_one_mailbox(self):
        for spelling in (
            "Louise+dons@Example.org",
            " louise@example.org ",
            "LOUISE+x+y@EXAMPLE.ORG",
        ):
            self.assertEqual(canonical_email(spelling), "louise@example.org", spelling)

    def test_gmail_ignores_dots_and_its_alias_domain(self):
        self.assertEqual(canonical_email("l.o.uise+a@googlemail.com"), "louise@gmail.com")

    def test_other_domains_keep_their_dots(self):
        self.assertEqual(canonical_email("l.bernard@example.org"), "l.bernard@example.org")

    def test_text_without_an_at_sign_is_only_lowercased(self):
        self.assertEqual(canonical_email(" Pas-Une-Adresse "), "pas-une-adresse")
