"""The data-format reference: a help page, in Thai and English, written from the JSON Schema.

Where it sits: beside the pipeline, like `json_schema.py`, whose `KINDS` and schemas it
reads, so the page, the editors' autocompletion and the validation come from the same
models. `oit schema` writes it to content/help/data-format.md (Thai) and .en.md (English);
a test fails when the committed pages differ from the models or miss a field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.schema.base import NUMBER_PATTERN
from generator.schema.dates import DATE_PATTERN
from generator.schema.measures import NUMBER_KEY_PATTERN
from generator.schema.refs import FILE_PATTERN, URL_PATTERN
from generator.schema.results import (
    INDICATOR_KEY_PATTERN,
    ITEM_KEY_PATTERN,
    QUESTION_PATTERN,
    SUBINDICATOR_PATTERN,
)
from generator.tools.json_schema import KINDS, Kind, json_schema, split_description

PAGE = "help/data-format"

#: The two forms of text and the date form are explained once, at the top of the page.
_EXPLAINED = {"Text", "LongText"}

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("รูปแบบข้อมูล", "Data format"),
    "intro": (
        "หน้านี้สร้างจากแบบจำลองข้อมูลของเครื่องมือโดยคำสั่ง `oit schema` อย่าแก้ไขหน้านี้เอง "
        "คำอธิบายแต่ละช่องเป็นชื่อภาษาไทยตามด้วยคำอธิบายภาษาอังกฤษ "
        "แฟ้ม JSON Schema ในโฟลเดอร์ `schema/` มาจากแบบจำลองเดียวกัน "
        "VS Code (ส่วนขยาย YAML ของ Red Hat) ใช้แฟ้มเหล่านี้เติมคำและตรวจข้อมูลขณะพิมพ์",
        "This page is written from the tool's data model by `oit schema`; do not edit it by "
        "hand. The JSON Schema files in `schema/` come from the same model: VS Code (Red Hat's "
        "YAML extension) uses them to complete and check data files as you type.",
    ),
    "forms": ("รูปแบบที่ใช้ทุกแฟ้ม", "Forms used in every file"),
    "forms_body": (
        "- **ข้อความ** เขียนเป็นภาษาไทยอย่างเดียว (`title: ข้อมูลผู้บริหาร`) "
        "หรือคู่ไทย–อังกฤษ (`title: {th: ข้อมูลผู้บริหาร, en: Executives}`) "
        "ถ้าไม่มีภาษาอังกฤษ หน้าภาษาอังกฤษจะแสดงข้อความภาษาไทย\n"
        "- **ข้อความยาว (Markdown)** เหมือนข้อความ แต่เขียนย่อหน้า รายการ และลิงก์แบบ Markdown ได้\n"
        "- **วันที่** เขียนแบบ `ปปปป-ดด-วว` ปีเป็น พ.ศ. (`2569-01-15`) หรือ ค.ศ. (`2026-01-15`) ก็ได้ "
        "ใช้เลขไทยได้\n"
        "- **ลิงก์** ต้องขึ้นต้นด้วย `https://`, `http://`, `mailto:` หรือ `tel:`\n"
        "- **ไฟล์** เขียนตำแหน่งนับจากโฟลเดอร์ `content/` เช่น `files/2569/report.pdf`\n"
        "- **ตัวเลข** เขียนเป็นตัวเลข จะมีจุลภาคคั่นหลักพันหรือใช้เลขไทยก็ได้ "
        "(`1290000`, `1,290,000.50`, `๘๕`)\n"
        '- **หมายเลขโทรศัพท์** ใส่ในเครื่องหมายคำพูด (`"0 2123 4567"`)',
        "- **Text**: Thai only (`title: ข้อมูลผู้บริหาร`) or Thai and English "
        "(`title: {th: ข้อมูลผู้บริหาร, en: Executives}`). Without English, English pages show "
        "the Thai text.\n"
        "- **Long text (Markdown)**: like text, with Markdown paragraphs, lists and links.\n"
        "- **Date**: `YYYY-MM-DD`, the year in the Buddhist Era (`2569-01-15`) or the Common "
        "Era (`2026-01-15`); Thai digits are fine.\n"
        "- **Link**: starts with `https://`, `http://`, `mailto:` or `tel:`.\n"
        "- **File**: a path from the `content/` folder, e.g. `files/2569/report.pdf`.\n"
        "- **Number**: digits, with or without thousands separators; Thai digits are fine "
        "(`1290000`, `1,290,000.50`, `๘๕`).\n"
        '- **Phone number**: in quotes (`"0 2123 4567"`).',
    ),
    "files": ("แฟ้ม", "Files"),
    "schema": ("JSON Schema", "JSON Schema"),
    "field": ("คีย์", "Key"),
    "type": ("ชนิด", "Type"),
    "required": ("ต้องมี", "Required"),
    "yes": ("ต้องมี", "yes"),
    "no": ("", ""),
    "description": ("คำอธิบาย", "Description"),
    "keys_of": ("คีย์ของ", "Keys of"),
    "text": ("ข้อความ", "text"),
    "long_text": ("ข้อความยาว (Markdown)", "long text (Markdown)"),
    "date": ("วันที่", "date"),
    "link": ("ลิงก์", "link"),
    "string": ("ค่าข้อความ", "string"),
    "file": ("ไฟล์ใน content/", "file under content/"),
    "integer": ("จำนวนเต็ม", "whole number"),
    "number": ("ตัวเลข", "number"),
    "question": ("รหัสข้อคำถามหรือข้อ OIT", "question or item code"),
    "boolean": ("true หรือ false", "true or false"),
    "object": ("กลุ่มคีย์", "group of keys"),
    "list_of": ("รายการของ", "list of"),
    "one_of": ("ค่าใดค่าหนึ่ง:", "one of:"),
    "map_of": ("ชื่อ: ", "name: "),
    "map_of_number": ("เลขที่: ", "number: "),
    "map_of_item": ("รหัสข้อ OIT: ", "OIT item code: "),
    "map_of_subindicator": ("ตัวชี้วัดย่อย: ", "sub-indicator: "),
    "key": ("รหัส (a-z 0-9 - _)", "key (a-z 0-9 - _)"),
    "block": ("บล็อก", "block"),
}


def _w(key: str, lang: str) -> str:
    th, en = _WORDS[key]
    return th if lang == "th" else en


def render_reference(lang: str) -> str:
    """The whole reference page in one language, as Markdown."""
    lines = [
        "---",
        f"title: {_w('title', lang)}",
        "---",
        "",
        f"# {_w('title', lang)}",
        "",
        _w("intro", lang),
        "",
        f"## {_w('forms', lang)}",
        "",
        _w("forms_body", lang),
    ]
    for kind in KINDS:
        lines += _kind_section(kind, lang)
    return "\n".join(lines) + "\n"


def _kind_section(kind: Kind, lang: str) -> list[str]:
    schema = json_schema(kind)
    defs: dict[str, Any] = schema.get("definitions", {})
    title = kind.title_th if lang == "th" else kind.title_en
    files = ", ".join(f"`{g}`" for g in kind.files)
    lines = [
        "",
        f"## {title} {{ #{kind.name} }}",
        "",
        f"{_w('files', lang)}: {files} · {_w('schema', lang)}: `schema/{kind.file_name}`",
        "",
        _description(schema.get("description", ""), lang),
        "",
        *_table(schema, lang),
    ]
    for name in _defs_in_order(schema, defs):
        model = defs[name]
        lines += [
            "",
            f"### {name} {{ #{kind.name}-{name.lower()} }}",
            "",
            _description(model.get("description", ""), lang),
            "",
            *_table(model, lang),
        ]
    return lines


def _defs_in_order(schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    """The nested models in the order a reader meets them (breadth first from the top)."""
    order: list[str] = []
    queue = [schema]
    while queue:
        node = queue.pop(0)
        for ref in _refs(_mapping(node).get("properties", {})):
            if ref not in order and ref not in _EXPLAINED:
                order.append(ref)
                queue.append(defs[ref])
    return order


def _refs(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        if "$ref" in node:
            found.append(node["$ref"].rsplit("/", 1)[-1])
        for value in node.values():
            found += _refs(value)
    elif isinstance(node, list):
        for value in node:
            found += _refs(value)
    return found


def _mapping(model: dict[str, Any]) -> dict[str, Any]:
    """The keys of a model; one that also takes a shorter form (a Figure's plain number, a
    Step's plain text) has them in the last of its forms."""
    if "properties" in model or "anyOf" not in model:
        return model
    return model["anyOf"][-1]


def _table(model: dict[str, Any], lang: str) -> list[str]:
    model = _mapping(model)
    head = [_w(k, lang) for k in ("field", "type", "required", "description")]
    lines = ["| " + " | ".join(head) + " |", "|---|---|---|---|"]
    required = set(model.get("required", []))
    for name, prop in model.get("properties", {}).items():
        cells = [
            f"`{name}`",
            _type(prop, lang),
            _w("yes" if name in required else "no", lang),
            _description(prop.get("description", ""), lang),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def _type(prop: dict[str, Any], lang: str) -> str:
    """The type of a value in words: 'text', 'list of Document', 'date'..."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        if name == "Text":
            return _w("text", lang)
        if name == "LongText":
            return _w("long_text", lang)
        return name
    if "anyOf" in prop:  # a number is written bare or in quotes: say "number" once
        members = [m for m in prop["anyOf"] if m.get("type") != "null"]
        return " / ".join(dict.fromkeys(_type(m, lang) for m in members))
    if "oneOf" in prop:  # the blocks: one model per `type:`
        return _w("block", lang) + " (" + ", ".join(_type(m, lang) for m in prop["oneOf"]) + ")"
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return _w("one_of", lang) + " " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return f"{_w('list_of', lang)} {_type(prop.get('items', {}), lang)}"
    if kind == "object" and isinstance(prop.get("additionalProperties"), dict):
        keys = _KEYS.get(prop.get("propertyNames", {}).get("pattern"), "map_of")
        return "{" + _w(keys, lang) + _type(prop["additionalProperties"], lang) + "}"
    if kind == "object":
        return _w("object", lang)
    if kind == "string" and "pattern" in prop:
        return _w(_PATTERNS.get(prop["pattern"], "key"), lang)
    if kind in ("string", "integer", "number", "boolean"):
        return _w(kind, lang)
    return ""


#: The words for the patterns of values and of keys (the model's own key names: "key").
_PATTERNS = {
    DATE_PATTERN: "date",
    URL_PATTERN: "link",
    FILE_PATTERN: "file",
    NUMBER_PATTERN: "number",
    QUESTION_PATTERN: "question",
}
_KEYS = {
    NUMBER_KEY_PATTERN: "map_of_number",
    INDICATOR_KEY_PATTERN: "map_of_number",
    ITEM_KEY_PATTERN: "map_of_item",
    SUBINDICATOR_PATTERN: "map_of_subindicator",
}


def _description(text: str, lang: str) -> str:
    english, thai = (_literal(" ".join(part.split())) for part in split_description(text))
    if lang == "en":
        return english
    return f"{thai} ({english})" if thai else english


def _literal(text: str) -> str:
    """`text` with `<` shown as written outside `code`: Markdown would take `<fy>` for HTML."""
    parts = text.split("`")
    return "`".join(part if i % 2 else part.replace("<", "&lt;") for i, part in enumerate(parts))


def _cell(text: str) -> str:
    """A table cell: a pipe would end the cell, a line break the row."""
    return " ".join(text.replace("|", "\\|").split())


def write_reference(content_dir: Path) -> list[Path]:
    """Write the Thai and English reference pages; return the files that changed."""
    changed = []
    for path, text in reference_pages(content_dir).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def reference_pages(content_dir: Path) -> dict[Path, str]:
    return {
        content_dir / f"{PAGE}.md": render_reference("th"),
        content_dir / f"{PAGE}.en.md": render_reference("en"),
    }
