"""What a browser's session holds for share subscriptions: the bulletin's answers so far, the
subscriptions this browser started, and the email the investor space signed in.
"""

SESSION_KEY = "share_subscriptions"
# Subscriptions this browser started: the only ones whose documents it may download.
OWN_KEY = "own_share_subscriptions"
# The email whose share subscriptions the investor space shows (set by its one-time link).
INVESTOR_KEY = "investor_email"


def load_state(request, page_id: int) -> dict:
    return request.session.get(SESSION_KEY, {}).get(str(page_id), {"answers": {}})


def save_state(request, page_id: int, state: dict | None) -> None:
    states = request.session.get(SESSION_KEY, {})
    if state is None:
        states.pop(str(page_id), None)
    else:
        states[str(page_id)] = state
    request.session[SESSION_KEY] = states


def own_ids(request) -> list[str]:
    return request.session.get(OWN_KEY, [])
