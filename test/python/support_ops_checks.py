"""Schemathesis checks of what the Support Ops document promises beyond its status list.

Loaded by the fuzz test (test/api/openapi-fuzz.e2e-spec.ts) through SCHEMATHESIS_HOOKS.
Schemathesis's own positive_data_acceptance refuses every 400 to a request within the schema; this
API also refuses, with a 400 naming the field, a request that breaks a rule JSON Schema cannot state
(a date after another, an id that must exist), and the document marks each such field with `x-rule`.
So a request within its schema must be accepted, refused for a state the document lists (404, 409,
412), or refused with a 400 whose every field carries a stated rule.
"""

import re

import schemathesis

STATE_REFUSALS = {401, 403, 404, 409, 412}


def _resolve(schema, root):
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 20:
        name = schema["$ref"].split("/")[-1]
        schema = root.get("components", {}).get("schemas", {}).get(name, {})
        seen += 1
    return schema if isinstance(schema, dict) else {}


def _keys(field):
    """weeklyHours.mon[1].end -> ['weeklyHours', 'mon', '1', 'end']"""
    return [key for key in re.split(r"\.|\[|\]", field) if key != ""]


def _ruled(schema, keys, root):
    """Whether the schema of the field at `keys`, or of an object holding it, states a rule."""
    schema = _resolve(schema, root)
    if "x-rule" in schema:
        return True
    branches = [_resolve(branch, root) for branch in schema.get("anyOf", [])]
    if any("x-rule" in branch for branch in branches):
        return True
    if not keys:
        return False
    head, rest = keys[0], keys[1:]
    for candidate in [schema, *branches]:
        if head in candidate.get("properties", {}):
            if _ruled(candidate["properties"][head], rest, root):
                return True
        if "items" in candidate and head.isdigit():
            if _ruled(candidate["items"], rest, root):
                return True
    return False


def _field_has_rule(operation, field, root):
    for parameter in operation.get("parameters", []):
        parameter = _resolve(parameter, root)
        if parameter.get("name") == field and "x-rule" in _resolve(parameter.get("schema", {}), root):
            return True
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    return body is not None and _ruled(body, _keys(field), root)


@schemathesis.check
def positive_data_accepted_or_refused_by_a_stated_rule(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if status < 400 or status in STATE_REFUSALS:
        return None
    if status == 400:
        root = case.operation.schema.raw_schema
        operation = case.operation.definition.raw
        try:
            errors = response.json().get("details", {}).get("errors", [])
        except ValueError:
            errors = []
        unstated = [error.get("field") for error in errors if not _field_has_rule(operation, error.get("field", ""), root)]
        if errors and not unstated:
            return None
        raise AssertionError(
            f"A request within the schema was refused with 400 for fields with no stated rule: {unstated or 'none named'}"
            f"\n{response.text[:500]}"
        )
    raise AssertionError(f"A request within the schema was answered {status}\n{response.text[:500]}")
