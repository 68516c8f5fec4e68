"""Pure rendering of issued documents (receipts, share bulletins, certificates): public names and
values in, PDF bytes out; no ORM.
"""
