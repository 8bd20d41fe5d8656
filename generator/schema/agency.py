"""`data/agency.yml`: facts about the agency that hold across fiscal years."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema, field_validator

from generator.schema.base import Model, fail
from generator.schema.refs import ImageFile, Url
from generator.schema.text import Text

_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


def _check_email(value: str) -> str:
    if not _EMAIL.match(value.strip()):
        raise fail(f'"{value}" is not an e-mail address.', "Write it as name@agency.go.th.")
    return value.strip()


def _check_phone(value: str) -> str:
    if not re.search(r"[0-9๐-๙]", value) or len(value) > 60:
        raise fail(f'"{value}" is not a phone number.', 'Write it as "0 2123 4567".')
    return value.strip()


Email = Annotated[str, AfterValidator(_check_email)]
Phone = Annotated[str, AfterValidator(_check_phone)]


class SocialLink(Model):
    """A social-media or messaging channel. / ช่องทางสื่อสังคมหรือช่องทางรับส่งข้อความ"""

    name: str = Field(
        description="Name of the channel, e.g. Facebook, LINE. / ชื่อช่องทาง", max_length=100
    )
    url: Url = Field(description="Link to the channel. / ลิงก์")


class Contact(Model):
    """How to reach the agency or one of its units. / ช่องทางติดต่อหน่วยงาน"""

    address: Text | None = Field(None, description="Postal address. / ที่อยู่")
    phones: list[Phone] = Field(
        default_factory=list,
        description='Phone numbers, each in quotes: "0 2123 4567". / หมายเลขโทรศัพท์',
    )
    fax: Phone | None = Field(None, description="Fax number. / โทรสาร")
    email: Email | None = Field(None, description="E-mail address. / อีเมล")
    saraban_email: Email | None = Field(
        None,
        description="E-mail of the records office (สารบรรณอิเล็กทรอนิกส์). / อีเมลสารบรรณอิเล็กทรอนิกส์",
    )
    hours: Text | None = Field(None, description="Office hours. / เวลาทำการ")
    map_url: Url | None = Field(None, description="Link to a map of the office. / ลิงก์แผนที่")
    social: list[SocialLink] = Field(
        default_factory=list, description="Social-media channels. / ช่องทางสื่อสังคม"
    )


HOST_PATTERN = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$"


def _host_name(value: str) -> str:
    host = value.strip().lower()
    if not re.fullmatch(HOST_PATTERN, host):
        raise fail(
            f'"{value}" is not a host name.',
            "Write only the name of the site, e.g. www.example.go.th (no https://, no path).",
        )
    return host


#: A web site's host name, e.g. www.example.go.th.
HostName = Annotated[
    str, AfterValidator(_host_name), WithJsonSchema({"type": "string", "pattern": HOST_PATTERN})
]


class Settings(Model):
    """Choices about how the site looks. / การตั้งค่าการแสดงผลของเว็บไซต์"""

    show_status: bool = Field(
        False,
        description="Show complete / incomplete / missing on the "
        "public checklist page. / แสดงสถานะความครบถ้วนบนเว็บไซต์",
    )
    thai_digits: bool = Field(
        False, description="Write numbers with Thai digits on Thai pages. / ใช้เลขไทยในหน้าภาษาไทย"
    )
    image_hosts: list[HostName] = Field(
        default_factory=list,
        description="Other sites that pages may show images from, e.g. www.example.go.th; "
        "without one, images come from this site only, so that no other site learns who "
        "reads it. / เว็บไซต์อื่นที่อนุญาตให้แสดงรูปภาพได้",
    )


class Agency(Model):
    """The agency that publishes the site (data/agency.yml). / ข้อมูลหน่วยงานผู้เผยแพร่เว็บไซต์"""

    name: Text = Field(description="Full name of the agency. / ชื่อเต็มของหน่วยงาน")
    short_name: Text = Field(description="Abbreviation, e.g. สลธ. / ชื่อย่อ")
    parent: Text | None = Field(None, description="Ministry or parent body. / สังกัด")
    site_url: Url = Field(
        description="Address where the site is published, ending in /, "
        "e.g. https://www.example.go.th/ita/ / ที่อยู่เว็บไซต์"
    )
    logo: ImageFile | None = Field(None, description="Logo file under content/. / ไฟล์ตราสัญลักษณ์")
    contact: Contact = Field(description="Main contact details. / ข้อมูลการติดต่อ")
    units: dict[str, Text] = Field(
        default_factory=dict,
        description="Registry of unit abbreviations (with their final dot) and full names. "
        "/ ทะเบียนชื่อย่อหน่วยงานภายใน",
    )
    settings: Settings = Field(
        default_factory=Settings, description="Display settings. / การตั้งค่าการแสดงผล"
    )

    @field_validator("site_url")
    @classmethod
    def _site_url_is_a_folder(cls, value: str) -> str:
        if not value.startswith("https://") and not value.startswith("http://"):
            raise fail(
                "site_url must be an http(s) address.", "Write it as https://www.example.go.th/ita/"
            )
        if not value.endswith("/"):
            raise fail("site_url must end with /.", f"Write it as {value}/")
        return value

    @field_validator("units")
    @classmethod
    def _unit_keys(cls, value: dict[str, Text]) -> dict[str, Text]:
        for key in value:
            if not key.strip() or len(key) > 40:
                raise fail(f'"{key}" is not a unit abbreviation.', "Write it as สล.")
        return value
