"""The English alternative text of home's illustrations (their French is their description)."""

ALT_TEXTS = {
    "accueil": "Illustrated front of a third place with a striped awning, a shop window and plants",
    "fenetres": "Illustrated building with lit windows and plants on the balconies",
    "atelier": "Illustrated workbench under a large window, with tools and paint pots",
    "table": "Large illustrated shared table seen from above, surrounded by chairs",
    "jardin": "Illustrated vegetable beds and plants in the sun",
    "mains": "Illustrated figures gathered side by side",
    "article-rentree": "Illustrated shared table laid for dinner",
    "article-repair": "Illustrated repair workbench",
    "article-anniversaire": "Illustrated figures gathered for a party",
    "article-numerique": "Illustrated lit windows",
    "article-jardin": "Illustrated vegetable garden in full season",
    "article-bricolage": "Illustrated workbench with hanging tools",
    "article-exposition": "Illustrated figures in front of an exhibition",
}
