"""The Stripe layer: the only client of the official library, and the webhook view with its
registry of handlers, to which each payable domain adds its own.
"""
