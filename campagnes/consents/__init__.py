"""Consents given and withdrawn: the wordings people are shown and the records of their answers."""
