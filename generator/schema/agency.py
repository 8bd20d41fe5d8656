"""`data/agency.yml`: facts about the agency that hold across fiscal years."""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, WithJsonSchema, field_validator

from generator.messages import Message, _
from generator.schema.base import Model, fail
from generator.schema.refs import ImageFile, Url
from generator.schema.text import Text

#: The data format this version of the tool writes. Every newer tool reads every earlier
#: format (see generator/model/formats.py and CHANGELOG.md).
CURRENT_FORMAT = 1

_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


def _check_email(value: str) -> str:
    if not _EMAIL.match(value.strip()):
        raise fail(
            _('"{value}" is not an e-mail address.', value=value),
            _("Write it as name@agency.go.th."),
        )
    return value.strip()


def _check_phone(value: str) -> str:
    if not re.search(r"[0-9๐-๙]", value) or len(value) > 60:
        raise fail(
            _('"{value}" is not a phone number.', value=value), _('Write it as "0 2123 4567".')
        )
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
            _('"{value}" is not a host name.', value=value),
            _("Write only the name of the site, e.g. www.example.go.th (no https://, no path)."),
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
    messages: Literal["th", "en"] = Field(
        "th",
        description="Language of the tool's messages to editors (oit check, build, serve): "
        "th or en; `--lang` on the command line overrides it. "
        "/ ภาษาของข้อความแจ้งปัญหาถึงผู้แก้ไขข้อมูล (th หรือ en)",
    )
    image_hosts: list[HostName] = Field(
        default_factory=list,
        description="Other sites that pages may show images from, e.g. www.example.go.th; "
        "without one, images come from this site only, so that no other site learns who "
        "reads it. / เว็บไซต์อื่นที่อนุญาตให้แสดงรูปภาพได้",
    )
    show_provisional: bool = Field(
        False,
        description="Say on the public checklist page when the year's checklist is provisional "
        "(compiled from public sources, not yet checked against the NACC's manual); "
        "`oit check` and previews always say it. "
        "/ แสดงบนเว็บไซต์ว่ารายการตามแบบวัดยังไม่ได้ตรวจทานกับคู่มือของสำนักงาน ป.ป.ช.",
    )


#: Characters that the theme would print into HTML unescaped (Material writes site_name
#: as it is into aria-label="..." and <title>), and character references.
_MARKUP = re.compile(r"[<>\"\x00-\x1f\x7f]|&(#?\w+);")


def _check_site_name(text: Text) -> Text:
    """The agency's name is the site's name: text that no page can misread as markup."""
    for value in filter(None, (text.th, text.en)):
        found = _MARKUP.search(value)
        if found:
            char = found.group()
            shown: Message | str = {
                '"': _("a double quote"),
                "\n": _("a line break"),
                "\r": _("a line break"),
            }.get(
                char,
                f'"{char}"' if char in "<>" or found.group(1) else _("a control character"),
            )
            raise fail(
                _(
                    "the agency's name may not contain {what}: it is the site's title, which "
                    "the theme prints into every page as it is.",
                    what=shown,
                ),
                _(
                    'Write the name as plain text, without < > " and without HTML entities '
                    "(write & for &amp;)."
                ),
            )
    return text


def _check_theme_file(value: str) -> str:
    """A logo or icon's path goes into the theme's <img src="..."> as it is."""
    if re.search(r"[\s\"'<>&?#%]", value):
        raise fail(
            _('"{value}" has a space or one of % " \' < > & ? # in its name.', value=value),
            _("Rename the file with letters, digits, - and _ only, e.g. files/logo.png."),
        )
    return value


SiteName = Annotated[Text, AfterValidator(_check_site_name)]
ThemeFile = Annotated[ImageFile, AfterValidator(_check_theme_file)]


class Agency(Model):
    """The agency that publishes the site (data/agency.yml). / ข้อมูลหน่วยงานผู้เผยแพร่เว็บไซต์"""

    format: int = Field(
        CURRENT_FORMAT,
        description="Version of the data format these files are written in; oit init writes "
        "it, leave it as it is (without it: format 1). A newer oit reads every earlier "
        "format. / รุ่นของรูปแบบข้อมูล (ไม่ต้องแก้ไข)",
        ge=1,
    )
    name: SiteName = Field(
        description="Full name of the agency, the site's title in the header and in every "
        "page's title (Thai; `en:` for the English pages). / ชื่อเต็มของหน่วยงาน (ชื่อเว็บไซต์)"
    )
    short_name: Text = Field(description="Abbreviation, e.g. สลธ. / ชื่อย่อ")
    parent: Text | None = Field(None, description="Ministry or parent body. / สังกัด")
    site_url: Url = Field(
        description="Address where the site is published, ending in /, "
        "e.g. https://www.example.go.th/ita/; every full address the site publishes starts "
        "with it. / ที่อยู่เว็บไซต์"
    )
    logo: ThemeFile | None = Field(
        None,
        description="Logo file under content/, shown in the header of every page. "
        "/ ไฟล์ตราสัญลักษณ์ (แสดงที่ส่วนหัวของทุกหน้า)",
    )
    favicon: ThemeFile | None = Field(
        None,
        description="Browser tab icon under content/ (a PNG); without it, the logo. "
        "/ ไอคอนของเว็บไซต์ (ถ้าไม่ระบุ ใช้ตราสัญลักษณ์)",
    )
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
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https"):
            raise fail(
                _("site_url must be an http(s) address."),
                _("Write it as https://www.example.go.th/ita/"),
            )
        if parts.query or parts.fragment or value.endswith(("?", "#")):
            folder = value.split("?")[0].split("#")[0]
            folder = folder if folder.endswith("/") else folder.rsplit("/", 1)[0] + "/"
            raise fail(
                _("site_url is the folder the site is published in; it cannot hold ? or #."),
                _("Write it as {folder}", folder=folder),
            )
        if not value.endswith("/"):
            last = parts.path.rsplit("/", 1)[-1]
            if "." in last:  # index.html: the folder is the one above
                raise fail(
                    _("site_url is the folder the site is published in, not a page."),
                    _("Write it as {folder}", folder=value[: -len(last)]),
                )
            raise fail(_("site_url must end with /."), _("Write it as {value}/", value=value))
        return value

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        if value > CURRENT_FORMAT:  # normally caught before validation (model/formats.py)
            raise fail(
                _(
                    "this data is in format {format}, newer than this version of oit reads "
                    "(format {current}).",
                    format=value,
                    current=CURRENT_FORMAT,
                ),
                _("Upgrade oit to the version the data was written for (see CHANGELOG.md)."),
            )
        return value

    @field_validator("units")
    @classmethod
    def _unit_keys(cls, value: dict[str, Text]) -> dict[str, Text]:
        for key in value:
            if not key.strip() or len(key) > 200:
                raise fail(
                    _('"{key}" is not a unit abbreviation or name.', key=key),
                    _("Write the abbreviation as printed, e.g. สล."),
                )
        return value
