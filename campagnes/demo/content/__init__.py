"""Texts and figures of the campaigns, the donate page and the share offering of the demo."""
