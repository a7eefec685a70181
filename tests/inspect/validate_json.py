#!/usr/bin/env python3
"""Validates a glasstls events JSON file against inspect/schema/events.schema.json.
Usage: validate_json.py SCHEMA JSON. Exit 0 when valid, 1 with the reason otherwise."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("validate_json: the python3 jsonschema module is missing (apt-get install python3-jsonschema)")
    sys.exit(2)

schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
for e in errors[:5]:
    print("invalid at /%s: %s" % ("/".join(str(p) for p in e.path), e.message))
sys.exit(1 if errors else 0)
