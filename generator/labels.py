"""Fixed words of the generated pages, in Thai and English (the UI vocabulary)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # key: (Thai, English)
    "fiscal_year": ("ปีงบประมาณ", "Fiscal year"),
    "years": ("ข้อมูลทุกปีงบประมาณ", "All fiscal years"),
    "years_intro": (
        "ข้อมูลการเปิดเผยข้อมูลสาธารณะ (OIT) ของทุกปีงบประมาณ ปีที่ผ่านมายังคงเปิดให้ดูได้ที่ที่อยู่เดิม",
        "Open data disclosures (OIT) of every fiscal year. Past years stay online "
        "at their original addresses.",
    ),
    "overview": ("ภาพรวม", "Overview"),
    "oit_checklist": ("รายการข้อมูลตามแบบวัด OIT", "OIT checklist"),
    "oit_items": ("รายการ OIT", "OIT items"),
    "checklist": ("แบบวัด", "Checklist"),
    "items_count": ("จำนวนรายการ", "Items"),
    "group": ("ตัวชี้วัดย่อย", "Sub-indicator"),
    "indicator": ("ตัวชี้วัดที่", "Indicator"),
    "code": ("ข้อ", "Item"),
    "item": ("รายการ", "Title"),
    "last_updated": ("ปรับปรุงล่าสุด", "Last updated"),
    "status": ("สถานะ", "Status"),
    "complete": ("ครบถ้วน", "Complete"),
    "incomplete": ("ยังไม่ครบ", "Incomplete"),
    "missing": ("ยังไม่มีข้อมูล", "Missing"),
    "period": ("ช่วงเวลาของข้อมูล", "Period covered"),
    "period_standing": ("ข้อมูลปัจจุบัน", "Current information"),
    "period_current_fy": ("ปีงบประมาณปัจจุบัน", "Current fiscal year"),
    "period_previous_fy": ("ปีงบประมาณที่ผ่านมา", "Previous fiscal year"),
    "period_multi_year": (
        "แผนหลายปีที่ครอบคลุมปีงบประมาณปัจจุบัน",
        "Multi-year plan covering the current fiscal year",
    ),
    "period_previous_ita_and_current_fy": (
        "ผลการประเมินปีที่ผ่านมาและปีงบประมาณปัจจุบัน",
        "Last year's results and the current fiscal year",
    ),
    "period_first_half_current_fy": (
        "ครึ่งปีแรกของปีงบประมาณปัจจุบัน",
        "First half of the current fiscal year",
    ),
    "period_previous_academic_year": ("ปีการศึกษาที่ผ่านมา", "Previous academic year"),
    "elements": ("องค์ประกอบที่เผยแพร่ในหน้านี้", "What this page publishes"),
    "elements_intro": (
        "องค์ประกอบตามแบบวัด OIT และตำแหน่งบนหน้านี้",
        "The elements the OIT checklist asks for, and where they are on this page",
    ),
    "optional": ("ข้อมูลเพิ่มเติม", "additional"),
    "not_provided": ("ยังไม่มีข้อมูล", "not yet provided"),
    "no_content": ("หน่วยงานยังไม่ได้เผยแพร่ข้อมูลรายการนี้", "The agency has not yet published this item."),
    "documents": ("เอกสาร", "Documents"),
    "download_data": ("ดาวน์โหลดข้อมูลในรูปแบบที่เครื่องอ่านได้", "Download the data"),
    "date": ("วันที่", "Date"),
    "phone": ("โทรศัพท์", "Phone"),
    "fax": ("โทรสาร", "Fax"),
    "email": ("อีเมล", "E-mail"),
    "saraban_email": ("อีเมลสารบรรณ", "Official e-mail (saraban)"),
    "address": ("ที่อยู่", "Address"),
    "hours": ("เวลาทำการ", "Office hours"),
    "map": ("แผนที่", "Map"),
    "social": ("ช่องทางสื่อสังคม", "Social media"),
    "contact": ("ติดต่อ", "Contact"),
    "photo_of": ("รูปถ่าย", "Photo of"),
    "unit": ("หน่วยงาน", "Unit"),
    "window": ("ช่วงเวลาบันทึกข้อมูล OIT ในระบบ ITAS", "OIT window in ITAS"),
    "provisional": (
        "รายการตามแบบวัดนี้รวบรวมจากแหล่งข้อมูลสาธารณะและยังไม่ได้ตรวจทานกับคู่มือการประเมินของสำนักงาน ป.ป.ช.",
        "This checklist was compiled from public sources and has not yet been checked "
        "against the NACC's assessment manual.",
    ),
    "thai_only_note": ("", "Parts of this page are available in Thai only."),
    "external": ("เปิดเว็บไซต์ภายนอก", "opens an external site"),
    "see_checklist": ("ดูรายการทั้งหมด", "See all items"),
    "open_year": ("เปิดดู", "Open"),
    "current_year": ("ปีงบประมาณปัจจุบัน", "current fiscal year"),
    "print_url": ("ที่อยู่หน้านี้", "Address of this page"),
    "item_of_year": ("รายการข้อมูล OIT", "OIT item"),
    "units_responsible": ("หน่วยงานที่รับผิดชอบ", "Responsible unit"),
    # Accessibility: the name of a table's scrolling region, read by screen readers
    "data_table": ("ตารางข้อมูล", "Data table"),
    # Printing (the date is filled in by theme/assets/javascripts/oit-print.js)
    "printed_on": ("พิมพ์เมื่อ", "Printed on"),
}


def label(key: str, lang: str) -> str:
    th, en = LABELS[key]
    return th if lang == "th" else en
