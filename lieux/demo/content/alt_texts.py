"""The English alternative text of the lieux' illustrations (their French is their description)."""

ALT_TEXTS = {
    "lieu-lyon": "Illustrated front of a community bistro",
    "lieu-cotiere": "Illustrated shared garden, vegetable beds in the sun",
    "lieu-clermont": "Large illustrated shared table, seen from above",
    "lieu-boussole": "Illustrated figures gathered in a drop-in centre",
    "lieu-le-mans": "Illustrated repair workbench with a bicycle wheel and tools",
    "lieu-laval": "Illustrated digital workshop, screens on a long table",
    "lieu-partageurs": "Illustrated shop window of a small neighbourhood third place",
    "lieu-habitat": "Illustrated shared house with a common room on the ground floor",
    "lieu-fil": "Illustrated mosaic in progress on an easel",
    "lieu-brunoy": "Illustrated shared kitchen, a pot on the stove",
}
