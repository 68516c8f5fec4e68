"""Shapes of the lieux' demo content: vocabulary terms, the lieu sheet and its recurring
activities. The shared shapes (`T` pairs, body blocks) are home.demo.content's."""

import dataclasses
from datetime import date

from home.demo.content import Block, RichText, T
from lieux.choices import Accessibility, LegalForm, LieuKind, PartnerKind, Region


@dataclasses.dataclass(frozen=True)
class Term:
    slug: str
    name: T


@dataclasses.dataclass(frozen=True)
class Recurring:
    name: T
    schedule: T
    price: T
    audience: T
    description: T


@dataclasses.dataclass(frozen=True)
class Lieu:
    title: T
    slug: str
    kind: LieuKind
    intro: T
    street_address: str
    postcode: str
    city: str
    region: Region
    latitude: str
    longitude: str
    surface: int | None
    opening_date: date
    opening_hours: tuple[tuple[int, str, str], ...]
    opening_hours_note: T | None
    founding_idea: RichText
    values: tuple[tuple[T, T], ...]
    activities: tuple[str, ...]
    publics: tuple[str, ...]
    recurring: tuple[Recurring, ...]
    hosted: tuple[tuple[str, T], ...]
    volunteers: int
    jobs: int
    figures_date: date
    governance: RichText
    carrying_structure: str
    legal_form: LegalForm
    accessibility: Accessibility
    accessibility_details: T
    partners: tuple[tuple[str, PartnerKind], ...]
    volunteer_call: T
    email: str
    image: str
    body: tuple[Block, ...]
    phone: str = ""
    website: str = ""
