"""The admin UI: viewsets and views for the Mécénat and Finance teams, registered by
campagnes.wagtail_hooks.
"""
