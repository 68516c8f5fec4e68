"""The personal spaces: the one-time emailed link that signs a person in, then the donor's and the
investor's pages.
"""
