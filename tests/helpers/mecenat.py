"""What the Mécénat dashboard tests share."""

# The dashboard with its charts and tables, on top of the admin's own queries (session, user,
# permissions, menu, the second factor's device): a fixed number whatever the gifts. Read a
# failure as a query per row. 22 since the list of monthly gifts lapsed in the period (one query).
MAX_DASHBOARD_QUERIES = 22
