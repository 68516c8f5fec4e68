"""The personal spaces' pages: sign-in, the donor space and the investor space."""
