#!/usr/bin/env python3
"""Checks the hash chain of a `support-ops export events` file offline, with Python alone.

Usage: python3 tools/verify-export.py events.ndjson

Each line's hash must equal SHA-256(previous hash of its stream || digest), where digest is
SHA-256 of the canonical JSON (RFC 8785) of [eventId, type, stored data, metadata] and the stored
data is `storedData` when the line has it (sealed personal data), else `data`. Streams must be whole
in the file (export the whole log, or one account with --account). For these events (integers, ASCII
keys) json.dumps with sorted keys and no spaces is RFC 8785.
"""
import hashlib
import json
import sys


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


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
