"""`{% sitecache %}`: template fragments kept with the site data until published content changes.

The page cache serves whole pages to anonymous visitors, but a page with a CSRF form (the donation
forms) is never stored, and neither is a page for a signed-in editor: those are rendered every
time, and what keeps them cheap is that their header, footer and cards come from here. A fragment
is keyed on the cache generation (so publishing, moving or unpublishing a page, or saving site
data, drops it, as it drops cached pages), the active language, the site and the values given;
like site data, fragments are only kept in a shared cache (SHARED_CACHE). Nothing personal (a CSRF
token, a signed-in name) may go in one. A page's own parts vary on `page.cache_key` (its id, address
and last publish), as in Wagtail's `{% wagtailpagecache %}`: a publish gives them a new key even
before the generation moves.
"""

from django import template
from django.core.cache.utils import make_template_fragment_key
from django.utils import translation

from wagtail.models import Site

from home.cache import read_site_data_ahead, site_data

register = template.Library()


def fragment_name(request, name: str, vary_on: list) -> str:
    site = Site.find_for_request(request)
    return make_template_fragment_key(
        name, [translation.get_language(), site.pk if site else None, *vary_on]
    )


def current_request(context):
    # `{% include … only %}` leaves the `request` variable out but keeps the context's request;
    # StreamField blocks are rendered with the variable only.
    return getattr(context, "request", None) or context.get("request")


class SiteCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = current_request(context)
        # A preview shows a draft, and without a request there is no telling whether it is one.
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        vary_on = [variable.resolve(context) for variable in self.vary_on]
        return site_data(
            fragment_name(request, self.name, vary_on), lambda: self.nodelist.render(context)
        )


@register.tag
def sitecache(parser, token):
    """`{% sitecache "name" value… %}…{% endsitecache %}`: the values are what else the fragment
    shows (an object's id, a heading level); the language, site and generation are added."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a quoted fragment name")
    nodelist = parser.parse(("endsitecache",))
    parser.delete_first_token()
    return SiteCacheNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])


@register.filter
def state(obj) -> str:
    """Every attribute of a plain object a fragment shows, such as a campaign's progress read at
    each request (`{% sitecache "campaign-card" campaign.pk campaign.progress|state %}`): the
    fragment changes when any of them does, those added later included."""
    return repr(sorted(vars(obj).items())) if hasattr(obj, "__dict__") else repr(obj)


@register.simple_tag(takes_context=True)
def read_cards_ahead(context, name: str, objects, *vary_on) -> str:
    """Reads the fragments `{% sitecache name object.pk vary_on… %}` of a list of cards in one
    round trip; the list's `sitecache` must vary on the same values, in this order."""
    request = current_request(context)
    if request is not None:
        read_site_data_ahead([fragment_name(request, name, [obj.pk, *vary_on]) for obj in objects])
    return ""
