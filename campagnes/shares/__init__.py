"""The solidarity share offering: the bulletin's steps, the cap and its reservations, payments, the
subscription lifecycle, the register and its documents.
"""
