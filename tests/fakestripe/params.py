"""Stripe's errors and the checks of request parameters (all values arrive as form strings)."""


class FakeStripeError(Exception):
    """A refusal, answered over HTTP in Stripe's error shape."""

    def __init__(
        self, message, *, status=400, error_type="invalid_request_error", code=None, param=None
    ):
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.code = code
        self.param = param

    def body(self):
        error = {"message": str(self), "type": self.error_type}
        if self.code:
            error["code"] = self.code
            error["doc_url"] = f"https://stripe.com/docs/error-codes/{self.code.replace('_', '-')}"
        if self.param:
            error["param"] = self.param
        return {"error": error}


def missing(param):
    return FakeStripeError(
        f"Missing required param: {param}.", code="parameter_missing", param=param
    )


def require(params, name, param=None):
    value = params.get(name) if isinstance(params, dict) else None
    if value is None or value == "" or value == {}:
        raise missing(param or name)
    return value


def to_int(value, param):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise FakeStripeError(
            f"Invalid integer: {value}", code="parameter_invalid_integer", param=param
        ) from None


def to_bool(value, param):
    if value in (True, False):
        return value
    if value not in ("true", "false"):
        raise FakeStripeError(f"Invalid boolean: {value}", param=param)
    return value == "true"


def choice(value, allowed, param):
    if value not in allowed:
        raise FakeStripeError(f"Invalid {param}: must be one of {', '.join(allowed)}", param=param)
    return value


def hash_param(value, param):
    if not isinstance(value, dict):
        raise FakeStripeError("Invalid object", param=param)
    return value


def array_param(value, param):
    if not isinstance(value, list):
        raise FakeStripeError("Invalid array", param=param)
    return value


def merged_metadata(current, update, param="metadata"):
    """Stripe's metadata update: keys merge, an empty value deletes its key, `metadata=` clears."""
    if update == "":
        return {}
    result = dict(current)
    for key, value in hash_param(update, param).items():
        if not isinstance(value, str):
            raise FakeStripeError(f"Invalid string: {param}[{key}]", param=f"{param}[{key}]")
        if len(key) > 40 or len(value) > 500:
            raise FakeStripeError(
                "Metadata keys are limited to 40 characters and values to 500.",
                param=f"{param}[{key}]",
            )
        if value:
            result[key] = value
        else:
            result.pop(key, None)
    if len(result) > 50:
        raise FakeStripeError("Metadata is limited to 50 keys.", param=param)
    return result


def parse_params(pairs):
    """Stripe's bracket notation (`a[b][0][c]=v`, `types[]=x`) as nested dicts and lists."""
    root = {}
    for key, value in pairs:
        name, bracket, rest = key.partition("[")
        if bracket and not rest.endswith("]"):
            raise FakeStripeError(f"Invalid parameter name: {key}")
        parts = [name, *rest[:-1].split("][")] if bracket else [name]
        node = root
        for depth, part in enumerate(parts):
            part = part or str(len(node))  # `[]` appends
            if depth == len(parts) - 1:
                node[part] = value
                continue
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise FakeStripeError(f"Invalid parameter name: {key}")
    return {name: _with_lists(value) for name, value in root.items()}


def _with_lists(node):
    """Hashes whose keys are all indexes become lists, in index order."""
    if not isinstance(node, dict):
        return node
    node = {key: _with_lists(value) for key, value in node.items()}
    if node and all(key.isdigit() for key in node):
        return [node[key] for key in sorted(node, key=int)]
    return node
