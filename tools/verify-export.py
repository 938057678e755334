#!/usr/bin/env python3
"""Checks the hash chain of a `support-ops export events` file offline, with Python alone.

Usage: python3 tools/verify-export.py events.ndjson

Each line's hash must equal SHA-256(previous hash of its stream || digest), where digest is
SHA-256 of the canonical JSON of [eventId, type, stored data, metadata] and the stored data is
`storedData` when the line has it (sealed personal data), else `data`. Canonical JSON is how
PostgreSQL prints jsonb: object keys shorter first, then by their UTF-8 bytes; ", " between items
and ": " after keys; strings as JSON escapes them; numbers in plain decimal, without an exponent.
Streams must be whole in the file (export the whole log, or one account with --account).
"""
import hashlib
import json
import sys


def canonical(value):
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: (len(key.encode("utf-8")), key.encode("utf-8")))
        return "{" + ", ".join(f"{text(key)}: {canonical(value[key])}" for key in keys) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(canonical(item) for item in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return plain_decimal(value)
    return text(value)


def text(value):
    return json.dumps(value, ensure_ascii=False)


def plain_decimal(number):
    """The shortest decimal that reads back as the number, written out without an exponent."""
    if isinstance(number, int):
        return str(number)
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    digits = repr(number)
    if "e" not in digits:
        return digits
    mantissa, exponent = digits.split("e")
    sign = "-" if mantissa.startswith("-") else ""
    whole, _, fraction = mantissa.lstrip("-").partition(".")
    significant, shift = whole + fraction, int(exponent) - len(fraction)
    if shift >= 0:
        return sign + significant + "0" * shift
    point = len(significant) + shift
    return sign + (significant[:point] if point > 0 else "0") + "." + ("0" * -point if point < 0 else "") + significant[max(point, 0):]


def main(path):
    last = {}
    checked = unsealed = 0
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            event = json.loads(line)
            stream = event["streamId"]
            if "hash" not in event:
                if last.get(stream):
                    sys.exit(f"line {number}: event {event['eventId']} has no hash after a sealed event of {stream}")
                last[stream] = b""
                unsealed += 1
                continue
            stored = event.get("storedData", event["data"])
            content = canonical([event["eventId"], event["type"], stored, event["metadata"]])
            digest = hashlib.sha256(content.encode("utf-8")).digest()
            expected = hashlib.sha256(last.get(stream, b"") + digest).hexdigest()
            if expected != event["hash"]:
                sys.exit(f"line {number}: event {event['eventId']} ({stream} revision {event['revision']}) does not match its hash")
            last[stream] = bytes.fromhex(expected)
            checked += 1
    print(f"ok: {checked} events in {len(last)} streams verified, {unsealed} recorded before the chain")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: verify-export.py events.ndjson")
    main(sys.argv[1])
