"""An investor reads the risks, subscribes 5 shares, pays on the fake Stripe's checkout and finds
the signed bulletin; once Finance has approved and issued the shares in the admin, the
certificate is in the investor space."""

import re
from pathlib import Path

from playwright.sync_api import expect

from .admin import sign_in_to_admin
from .test_donation_flow import last_email_to

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_in_to_investor_space(page, mailbox: Path, address: str) -> None:
    page.goto("/fr/mon-espace/connexion/")
    page.locator("input[type=email]").fill(address)
    page.get_by_role("button", name=re.compile("lien de connexion")).click()
    # The page that says the link is sent comes once the email is written.
    expect(page.locator("main")).to_contain_text(address)
    body = last_email_to(mailbox, address).get_payload()
    page.goto(re.search(r"https?://\S+/mon-espace/lien/\S+", body).group(0))
    page.get_by_role("button", name="Se connecter").click()


def test_an_investor_subscribes_pays_and_finds_the_bulletin_then_the_certificate(
    page, mailbox, tmp_path
):
    investor = "louise.bernard@example.org"
    page.goto("/fr/investir/")
    risks = page.locator(".risk-warning")
    expect(risks).to_contain_text("perte totale ou partielle du capital")
    expect(risks).to_contain_text("prospectus soumis à l’approbation de l’AMF")
    page.get_by_role("link", name="Remplir le bulletin de souscription").click()

    page.get_by_label("Personne physique").check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Madame").check()
    for field, value in (
        ("first_name", "Louise"),
        ("last_name", "Bernard"),
        ("birth_date", "1980-05-17"),
        ("birth_place", "Saint-Étienne"),
        ("nationality", "française"),
    ):
        page.locator(f"#id_{field}").fill(value)
    page.get_by_role("button", name="Continuer").click()
    for field, value in (
        ("address", "3 place des Tilleuls"),
        ("postcode", "42400"),
        ("city", "Saint-Chamond"),
        ("email", investor),
        ("phone", "06 00 00 00 00"),
    ):
        page.locator(f"#id_{field}").fill(value)
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Nombre de titres").fill("5")
    page.get_by_role("button", name="Continuer").click()
    identity, proof = tmp_path / "cni.pdf", tmp_path / "justificatif.pdf"
    identity.write_bytes(PDF)
    proof.write_bytes(PDF)
    page.locator("#id_identity").set_input_files(identity)
    page.locator("#id_address_proof").set_input_files(proof)
    page.get_by_role("button", name="Continuer").click()
    # The risks again, before the declarations that commit the investor.
    expect(page.locator(".risk-warning")).to_contain_text("perte totale ou partielle")
    for box in page.locator("input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Continuer").click()

    main = page.locator("main")
    expect(main).to_contain_text("500\u00a0€")
    page.get_by_label("Carte bancaire ou prélèvement SEPA").check()
    page.locator("#id_accepted_name").fill("Louise Bernard")
    page.get_by_role("button", name="Signer et envoyer le bulletin").click()

    # Stripe's page (the fake's): 5 shares at 100 €.
    expect(page.get_by_text("500,00 €", exact=False).first).to_be_visible()
    page.get_by_role("button", name="Payer par carte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, Louise !")
    expect(main).to_contain_text("Payée")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le bulletin signé (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    sign_in_to_investor_space(page, mailbox, investor)
    expect(main).to_contain_text("Bulletin signé (PDF)")
    expect(main.get_by_role("link", name="Attestation de souscription (PDF)")).to_have_count(0)

    # Finance approves and issues the shares in the admin.
    sign_in_to_admin(page, "finance")
    page.goto("/admin/share-subscriptions/?status=paid")
    page.locator("tbody td a").first.click()
    for action in ("Approuver", "Émettre les titres"):
        page.get_by_role("link", name=action).click()
        page.locator("main form button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("Titres émis")

    # Still signed in to the investor space in this browser.
    page.goto("/fr/mon-espace/")
    certificate = main.get_by_role("link", name="Attestation de souscription (PDF)")
    expect(certificate).to_have_count(1)
    with page.expect_download() as download:
        certificate.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
