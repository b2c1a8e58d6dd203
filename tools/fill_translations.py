"""Fill the unfinished messages of a Qt .ts file from a JSON object, then run
tools/update_translations.sh to compile. Keys are source texts, or "Context|source" for
one context only; values are the translation, or [singular, plural] for a %n message.

    python tools/fill_translations.py ae_desktop/resources/i18n/ae_desktop_es.ts es.json

Prints the messages still unfinished. Finished messages are left as they are."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def fill(ts_path: str, table: dict) -> list[str]:
    """Fill ``ts_path`` in place; returns "Context|source" of what is still unfinished."""
    tree = ET.parse(ts_path)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.find("translation")
            if translation.get("type") != "unfinished":
                continue
            value = table.get(f"{name}|{source}", table.get(source))
            if value is None:
                missing.append(f"{name}|{source}")
                continue
            del translation.attrib["type"]
            if message.get("numerus") == "yes":
                for form, text in zip(translation.findall("numerusform"), value):
                    form.text = text
            else:
                translation.text = value
    with open(ts_path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
    return missing


if __name__ == "__main__":
    ts, table = sys.argv[1], sys.argv[2]
    with open(table, encoding="utf-8") as f:
        still = fill(ts, json.load(f))
    print("\n".join(f"unfinished: {m}" for m in still))
