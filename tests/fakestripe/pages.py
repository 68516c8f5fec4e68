"""The fake's hosted Checkout pages: plain HTML a browser test can drive."""

from html import escape

INTERVALS = {"day": "jour", "week": "semaine", "month": "mois", "year": "an"}
SYMBOLS = {"eur": "€", "usd": "$", "gbp": "£"}
METHOD_LABELS = {
    "payment": {"card": "Payer par carte", "sepa_debit": "Payer par prélèvement SEPA"},
    "subscription": {"card": "Payer par carte", "sepa_debit": "Payer par prélèvement SEPA"},
    "setup": {"card": "Enregistrer une carte", "sepa_debit": "Enregistrer un mandat SEPA"},
}
STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; background: #f4f4f6; color: #1a1a1a; }
main { max-width: 28rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 8px; }
.notice { color: #595959; font-size: .9rem; }
.total { font-size: 1.5rem; font-weight: bold; }
label, input, button { display: block; width: 100%; box-sizing: border-box; font-size: 1rem; }
input { margin: .25rem 0 1rem; padding: .5rem; }
button { margin-bottom: .5rem; padding: .75rem; border: 0; border-radius: 4px;
  background: #4338ca; color: #fff; cursor: pointer; }
a { color: #4338ca; }
"""


def format_amount(cents, currency, interval=None):
    """50,00 € (French style), followed by "/ mois" for a recurring price."""
    units, rest = divmod(cents, 100)
    text = f"{units:,}".replace(",", " ") + f",{rest:02d} {SYMBOLS.get(currency, currency.upper())}"
    return f"{text} / {INTERVALS[interval]}" if interval else text


def _page(title, body):
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>{escape(title)}</h1>
<p class="notice">Serveur Stripe factice : aucun paiement réel n’a lieu.</p>
{body}
</main>
</body>
</html>
"""


def _link(url, label):
    return f'<p><a href="{escape(url)}">{escape(label)}</a></p>' if url else ""


def message_page(title, message, link_url=None, link_label="Retour au site"):
    return _page(title, f"<p>{escape(message)}</p>\n{_link(link_url, link_label)}")


def checkout_page(session, lines):
    title = "Moyen de paiement de test" if session["mode"] == "setup" else "Paiement de test"
    if session["status"] == "complete":
        return message_page(
            title, "Cette session de paiement est terminée.", session["success_url"]
        )
    if session["status"] == "expired":
        return message_page(title, "Cette session de paiement a expiré.", session["cancel_url"])
    items = "\n".join(
        f"<li>{escape(line['name'])}"
        + (f" × {line['quantity']}" if line["quantity"] > 1 else "")
        + " : "
        + format_amount(line["unit_amount"] * line["quantity"], line["currency"], line["interval"])
        + "</li>"
        for line in lines
    )
    summary = "<p>Enregistrez le moyen de paiement à utiliser pour vos prochains prélèvements.</p>"
    if lines:
        # A session's recurring prices all share one interval (Stripe refuses a mix).
        total = format_amount(session["amount_total"], session["currency"], lines[0]["interval"])
        summary = f'<ul>\n{items}\n</ul>\n<p>Total : <span class="total">{total}</span></p>'
    buttons = "\n".join(
        f'<button type="submit" name="method" value="{method}">{label}</button>'
        for method, label in METHOD_LABELS[session["mode"]].items()
        if method in session["payment_method_types"]
    )
    form = f"""<form method="post">
<label for="email">Adresse e-mail</label>
<input id="email" name="email" type="email" autocomplete="email" required
  value="{escape(session["customer_email"] or "")}">
{buttons}
</form>"""
    return _page(title, f"{summary}\n{form}\n{_link(session['cancel_url'], 'Annuler')}")
