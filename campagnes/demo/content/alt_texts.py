"""The English alternative text of the campaigns' illustrations (their French is their
description)."""

ALT_TEXTS = {
    "campagne-cuisine": "Illustrated shared kitchen, worktop and cooking pot",
    "campagne-cuisine-repas": "Illustrated guests gathered around a meal",
    "campagne-tables": "Illustrated shared table, seen from above",
    "campagne-tables-courses": "Illustrated shelves and crates of vegetables",
    "campagne-partageurs": "Illustrated workshop under a large window",
    "campagne-partageurs-mosaique": "Illustrated mosaic in progress on an easel",
}
