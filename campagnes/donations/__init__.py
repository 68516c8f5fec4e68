"""Gifts and monthly plans: the donation form, Stripe Checkout, the payment handlers and donor
records.
"""
