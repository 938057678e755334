#!/usr/bin/env python3
"""An auditor's check of the Support Ops log, offline, sharing no code with the product.

    python3 tools/verify-log.py export events.ndjson
        the hash chain of a `support-ops export events` file (Python's standard library alone)
    python3 tools/verify-log.py bundle acme.proof.json --key <verifier key> [--trusted old.checkpoint]
        an account's proof bundle (`support-ops prove`): every event's chain, its leaf, its inclusion
        under the bundle's signed checkpoint, the account's events contiguous, and with --trusted the
        bundle's checkpoint consistent with one you kept
    python3 tools/verify-log.py checkpoints a.checkpoint b.checkpoint --key <verifier key> [--proof p.json]
        two signed checkpoints of one log: the same tree where they have the same size, else the
        larger extending the smaller (a consistency proof, as GET /v1/ledger/proofs/consistency gives)

Signatures need the `cryptography` package (pip install cryptography) for Ed25519; `export` does not.
The formats, as docs/audit.md states them:
  chain  hash = SHA-256(previous hash of the stream || SHA-256(canonical JSON [eventId, type, data, metadata]))
         canonical JSON is how PostgreSQL prints jsonb: keys shorter first, then by UTF-8 bytes;
         ", " and ": "; strings as JSON escapes them; numbers in plain decimal
  leaf   u8 1 | u8 chained | 32 chain | u16+UTF-8 stream | u64 revision | u64 position |
         i64 recorded ms | u16+UTF-8 account | u64 account sequence  (big-endian)
  tree   RFC 9162: leaf hash SHA-256(0x00 || leaf), node SHA-256(0x01 || left || right)
  note   C2SP signed-note over a C2SP tlog-checkpoint (origin, size, root), Ed25519
Exit status 0 when everything holds; otherwise 1, with one line naming what does not.
"""
import argparse
import base64
import datetime
import hashlib
import json
import struct
import sys


class Refused(Exception):
    pass


# --- canonical JSON and the hash chain -----------------------------------------------------------

def canonical(value):
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: (len(key.encode("utf-8")), key.encode("utf-8")))
        return "{" + ", ".join(json.dumps(key, ensure_ascii=False) + ": " + canonical(value[key]) for key in keys) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(canonical(item) for item in value) + "]"
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return decimal_text(value)
    return json.dumps(value, ensure_ascii=False)


def decimal_text(number):
    """The shortest decimal that reads back as the number (repr), written out without an exponent."""
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    text = repr(number)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    sign = "-" if mantissa.startswith("-") else ""
    whole, _, fraction = mantissa.lstrip("-").partition(".")
    digits, shift = whole + fraction, int(exponent) - len(fraction)
    if shift >= 0:
        return sign + digits + "0" * shift
    point = len(digits) + shift
    if point > 0:
        return sign + digits[:point] + "." + digits[point:]
    return sign + "0." + "0" * -point + digits


def sha256(*parts):
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.digest()


def content_digest(event):
    return sha256(canonical([event["eventId"], event["type"], event["data"], event["metadata"]]).encode("utf-8"))


def name(event):
    return f"event {event['eventId']} ({event['streamId']} revision {event['revision']}, position {event['position']})"


class Chains:
    """Each stream's chain, checked event by event in the order given."""

    def __init__(self):
        self.last = {}

    def check(self, event, stored_data_key="data"):
        stream, revision = event["streamId"], int(event["revision"])
        previous = self.last.get(stream)
        expected_revision = 0 if previous is None else previous[0] + 1
        if revision != expected_revision:
            raise Refused(f"{name(event)}: revision {expected_revision} of its stream is missing before it")
        if event.get("hash") is None:
            if previous is not None and previous[1]:
                raise Refused(f"{name(event)}: it carries no hash after a hashed event of its stream")
            self.last[stream] = (revision, b"")
            return
        stored = dict(event, data=event.get(stored_data_key, event["data"]))
        expected = sha256(previous[1] if previous else b"", content_digest(stored))
        if expected.hex() != event["hash"]:
            raise Refused(f"{name(event)}: its content or an earlier event of its stream was changed (hash mismatch)")
        self.last[stream] = (revision, expected)


# --- the Merkle tree (RFC 9162) ------------------------------------------------------------------

def leaf_bytes(event, account_seq):
    chained = event.get("hash") is not None
    chain = bytes.fromhex(event["hash"]) if chained else content_digest(event)
    stream = event["streamId"].encode("utf-8")
    account = event["metadata"].get("accountId") if isinstance(event["metadata"], dict) else None
    account = (account if isinstance(account, str) else "").encode("utf-8")
    recorded = datetime.datetime.fromisoformat(event["recordedAt"].replace("Z", "+00:00"))
    millis = (recorded - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)) // datetime.timedelta(milliseconds=1)
    return (
        struct.pack(">BB", 1, 1 if chained else 0) + chain
        + struct.pack(">H", len(stream)) + stream
        + struct.pack(">QQq", int(event["revision"]), int(event["position"]), millis)
        + struct.pack(">H", len(account)) + account
        + struct.pack(">Q", int(account_seq))
    )


def leaf_hash(data):
    return sha256(b"\x00", data)


def node_hash(left, right):
    return sha256(b"\x01", left, right)


def root_from_inclusion(index, size, leaf, proof):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def consistent(first, second, first_root, second_root, proof):
    """RFC 9162 section 2.1.4.2."""
    if first == second:
        return not proof and first_root == second_root
    if first == 0 or first > second or not proof:
        return False
    path = list(proof) if first & (first - 1) else [first_root] + list(proof)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == first_root and sr == second_root


# --- signed notes (C2SP signed-note, tlog-checkpoint) --------------------------------------------

def parse_key(text):
    parts = text.strip().split("+", 2)
    if len(parts) != 3:
        raise Refused("the verifier key is not <name>+<key id>+<base64>")
    key_name, key_id, raw = parts[0], parts[1], base64.b64decode(parts[2])
    if len(raw) != 33 or raw[0] != 1:
        raise Refused("the verifier key is not an Ed25519 key")
    if sha256(key_name.encode() + b"\n", raw).hex()[:8] != key_id:
        raise Refused("the verifier key is damaged (its key id does not match)")
    return key_name, bytes.fromhex(key_id), raw[1:]


def open_checkpoint(note, key, what="the checkpoint"):
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key_name, key_id, public = parse_key(key)
    body, separator, signatures = note.partition("\n\n")
    if not separator:
        raise Refused(f"{what} is not a signed note (no blank line before its signatures)")
    body += "\n"
    verifier = Ed25519PublicKey.from_public_bytes(public)
    signed = False
    for line in signatures.splitlines():
        if not line.startswith("— "):
            continue
        signer, _, signature = line[2:].partition(" ")
        raw = base64.b64decode(signature)
        if signer != key_name or raw[:4] != key_id:
            continue
        try:
            verifier.verify(raw[4:], body.encode("utf-8"))
            signed = True
        except InvalidSignature:
            raise Refused(f"{what} does not carry a valid signature of {key_name}: its text was changed or someone else signed it")
    if not signed:
        raise Refused(f"{what} carries no signature of {key_name}")
    lines = body.rstrip("\n").split("\n")
    if len(lines) < 3 or not lines[1].isdigit():
        raise Refused(f"{what} is not a tlog checkpoint (origin, size, root hash)")
    if lines[0] != key_name:
        raise Refused(f"{what} is of the log {lines[0]}, not {key_name}")
    extensions = dict(line.split(" ", 1) for line in lines[3:] if " " in line)
    return {"origin": lines[0], "size": int(lines[1]), "root": base64.b64decode(lines[2]), **extensions}


# --- the commands --------------------------------------------------------------------------------

def verify_export(args):
    chains, checked, unsealed = Chains(), 0, 0
    with open(args.file, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            event = json.loads(line)
            try:
                chains.check(event, "storedData")
            except Refused as refused:
                raise Refused(f"line {number}: {refused}")
            checked += event.get("hash") is not None
            unsealed += event.get("hash") is None
    return f"ok: {checked} events in {len(chains.last)} streams verified, {unsealed} recorded before the chain"


def within(event, as_of):
    if as_of is None:
        return True
    if as_of.isdigit():
        return int(event["position"]) <= int(as_of)
    return parse_instant(event["recordedAt"]) <= parse_instant(as_of)


def parse_instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def verify_bundle(args):
    with open(args.file, encoding="utf-8") as file:
        bundle = json.load(file)
    if bundle.get("format") != "support-ops.account-proof.v1":
        raise Refused(f"{args.file} is not a Support Ops account proof")
    key = args.key or bundle["verifierKey"]
    checkpoint = open_checkpoint(bundle["checkpoint"], key, "the bundle's checkpoint")
    size, root = checkpoint["size"], checkpoint["root"]
    if args.trusted:
        with open(args.trusted, encoding="utf-8") as file:
            trusted = open_checkpoint(file.read(), key, "your trusted checkpoint")
        check_against_trusted(trusted, checkpoint, bundle.get("consistency"))
    account, as_of = bundle["accountId"], bundle.get("asOf")
    chains, seq, last_position = Chains(), 0, -1
    for event in bundle["events"]:
        if event["metadata"].get("accountId") != account:
            raise Refused(f"{name(event)}: it is not an event of account {account}")
        if int(event["position"]) <= last_position:
            raise Refused(f"{name(event)}: the events are not in log order")
        last_position = int(event["position"])
        if int(event["accountSeq"]) != seq:
            raise Refused(f"{name(event)}: it is the account's event {event['accountSeq']}, where {seq} was expected: events of the account are missing")
        chains.check(event)
        prove_leaf(event, seq, size, root)
        if not within(event, as_of):
            raise Refused(f"{name(event)}: it was recorded after {as_of}")
        seq += 1
    cut = "up to the checkpoint: no later event of the account is in the tree, which only a check of the whole log can show"
    nxt = bundle.get("next")
    if nxt:
        if int(nxt["accountSeq"]) != seq:
            raise Refused(f"{name(nxt)}: the account's next event is number {nxt['accountSeq']}, where {seq} was expected")
        prove_leaf(nxt, seq, size, root)
        if within(nxt, as_of):
            raise Refused(f"{name(nxt)}: it was recorded by {as_of}, yet left out")
        cut = f"as of {as_of}: the account's next event was recorded at {nxt['recordedAt']}"
    return (
        f"ok: account {account}: {seq} events of {len(chains.last)} streams, each in the tree of {size} events "
        f"that {checkpoint['origin']} signed; complete {cut}"
    )


def prove_leaf(event, seq, size, root):
    leaf = leaf_hash(leaf_bytes(event, seq))
    proof = [base64.b64decode(hash) for hash in event["inclusion"]]
    if root_from_inclusion(int(event["leafIndex"]), size, leaf, proof) != root:
        raise Refused(f"{name(event)}: it is not in the signed tree as it is now (its content, place or recorded time differs from the leaf that was signed)")


def check_against_trusted(trusted, checkpoint, consistency):
    if trusted["size"] == checkpoint["size"]:
        if trusted["root"] != checkpoint["root"]:
            raise Refused(f"fork: two different trees of {trusted['size']} events, both signed by {trusted['origin']}")
        return
    if trusted["size"] > checkpoint["size"]:
        raise Refused(f"the bundle's checkpoint ({checkpoint['size']}) is older than your trusted one ({trusted['size']}): ask for a newer bundle")
    if not consistency or int(consistency["from"]) != trusted["size"]:
        raise Refused(f"the bundle carries no consistency proof from your trusted checkpoint ({trusted['size']}): prove again with --since")
    proof = [base64.b64decode(hash) for hash in consistency["proof"]]
    if not consistent(trusted["size"], checkpoint["size"], trusted["root"], checkpoint["root"], proof):
        raise Refused(f"the log was rewritten: the tree of {checkpoint['size']} events does not extend the one of {trusted['size']} you trusted")


def verify_checkpoints(args):
    with open(args.first, encoding="utf-8") as file:
        first = open_checkpoint(file.read(), args.key, args.first)
    with open(args.second, encoding="utf-8") as file:
        second = open_checkpoint(file.read(), args.key, args.second)
    if first["size"] > second["size"]:
        first, second = second, first
    if first["size"] == second["size"]:
        if first["root"] != second["root"]:
            raise Refused(f"fork: two different trees of {first['size']} events, both signed by {first['origin']}")
        return f"ok: the same tree of {first['size']} events"
    if not args.proof:
        raise Refused("checkpoints of different sizes need --proof (GET /v1/ledger/proofs/consistency)")
    with open(args.proof, encoding="utf-8") as file:
        proof = json.load(file)
    if int(proof["from"]) != first["size"] or int(proof["to"]) != second["size"]:
        raise Refused(f"the proof is from {proof['from']} to {proof['to']}, not from {first['size']} to {second['size']}")
    hashes = [base64.b64decode(hash) for hash in proof["proof"]]
    if not consistent(first["size"], second["size"], first["root"], second["root"], hashes):
        raise Refused(f"the log was rewritten: the tree of {second['size']} events does not extend the one of {first['size']}")
    return f"ok: the tree of {second['size']} events extends the one of {first['size']}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="the hash chain of an export (NDJSON)")
    export.add_argument("file")
    export.set_defaults(run=verify_export)
    bundle = commands.add_parser("bundle", help="an account's proof bundle")
    bundle.add_argument("file")
    bundle.add_argument("--key", help="the verifier key you trust (default: the bundle's own, which proves only that the bundle agrees with itself)")
    bundle.add_argument("--trusted", help="a checkpoint you kept: the bundle's must extend it")
    bundle.set_defaults(run=verify_bundle)
    checkpoints = commands.add_parser("checkpoints", help="two checkpoints of one log")
    checkpoints.add_argument("first")
    checkpoints.add_argument("second")
    checkpoints.add_argument("--key", required=True)
    checkpoints.add_argument("--proof")
    checkpoints.set_defaults(run=verify_checkpoints)
    args = parser.parse_args()
    try:
        print(args.run(args))
    except Refused as refused:
        print(f"refused: {refused}", file=sys.stderr)
        sys.exit(1)
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"error: not a file this command reads ({type(error).__name__}: {error})", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
