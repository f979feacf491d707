"""A tiny JSON Schema checker: just the keywords verslag/schema.json uses."""

from __future__ import annotations

from datetime import date, datetime, time

TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}
FORMATS = {
    "date": date.fromisoformat,
    "time": time.fromisoformat,
    "date-time": datetime.fromisoformat,
}


def _type_ok(waarde, naam: str) -> bool:
    if naam == "integer":
        return isinstance(waarde, int) and not isinstance(waarde, bool)
    if naam == "number":
        return isinstance(waarde, int | float) and not isinstance(waarde, bool)
    return isinstance(waarde, TYPES[naam])


def fouten(waarde, schema: dict, root: dict | None = None, pad: str = "$") -> list[str]:
    root = root or schema
    uit: list[str] = []
    if "$ref" in schema:
        naam = schema["$ref"].removeprefix("#/$defs/")
        return fouten(waarde, root["$defs"][naam], root, pad)
    if "type" in schema:
        typen = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(waarde, t) for t in typen):
            return [f"{pad}: {waarde!r} is not of type {typen}"]
    if "const" in schema and waarde != schema["const"]:
        uit.append(f"{pad}: {waarde!r} != {schema['const']!r}")
    if "enum" in schema and waarde not in schema["enum"]:
        uit.append(f"{pad}: {waarde!r} not in {schema['enum']}")
    if "format" in schema and isinstance(waarde, str):
        try:
            FORMATS[schema["format"]](waarde)
        except ValueError:
            uit.append(f"{pad}: {waarde!r} is not a {schema['format']}")
    if "minimum" in schema and _type_ok(waarde, "number") and waarde < schema["minimum"]:
        uit.append(f"{pad}: {waarde} < {schema['minimum']}")
    if "maximum" in schema and _type_ok(waarde, "number") and waarde > schema["maximum"]:
        uit.append(f"{pad}: {waarde} > {schema['maximum']}")
    if "anyOf" in schema and all(fouten(waarde, s, root, pad) for s in schema["anyOf"]):
        uit.append(f"{pad}: matches none of anyOf")
    for deel in schema.get("allOf", ()):
        if "if" in deel:
            if not fouten(waarde, deel["if"], root, pad):
                uit += fouten(waarde, deel.get("then", {}), root, pad)
        else:
            uit += fouten(waarde, deel, root, pad)
    if isinstance(waarde, dict):
        for sleutel in schema.get("required", ()):
            if sleutel not in waarde:
                uit.append(f"{pad}: missing {sleutel!r}")
        eigenschappen = schema.get("properties", {})
        for sleutel, sub in waarde.items():
            if sleutel in eigenschappen:
                uit += fouten(sub, eigenschappen[sleutel], root, f"{pad}.{sleutel}")
            elif schema.get("additionalProperties") is False:
                uit.append(f"{pad}: unexpected {sleutel!r}")
    if isinstance(waarde, list):
        if "maxItems" in schema and len(waarde) > schema["maxItems"]:
            uit.append(f"{pad}: more than {schema['maxItems']} items")
        if "items" in schema:
            for n, sub in enumerate(waarde):
                uit += fouten(sub, schema["items"], root, f"{pad}[{n}]")
    return uit
