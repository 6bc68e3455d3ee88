"""A library that stretches the kiosk's layout: the tests' library in English and Urdu, a clinic
name, and a second article in a category, with long words, long paragraphs, an eleven-item list
(two-digit markers) and one paragraph left untranslated (an English string inside an Urdu page).

Built as a clinic builds it: the content, `extract`, `update`, then a translator's edits.
"""

from __future__ import annotations

from pathlib import Path

from api.catalogues.operations import extract_templates, update_locales
from tests.library import build_library, translate

SLUG = "before-your-visit"
CLINIC_NAME = ("Main Road Skin Clinic", "مین روڈ اسکن کلینک")
UNTRANSLATED = "Parking is available behind the building; the entrance is wheelchair accessible."
CHECKLIST = (
    ("Wash your face with a mild cleanser.", "اپنا چہرہ ہلکے کلینزر سے دھوئیں۔"),
    ("Do not wear make-up.", "میک اپ نہ لگائیں۔"),
    ("Wear comfortable clothes.", "آرام دہ کپڑے پہنیں۔"),
    ("Bring your identity card.", "اپنا شناختی کارڈ ساتھ لائیں۔"),
    ("Bring your previous reports, if any.", "اگر پرانی رپورٹیں ہوں تو ساتھ لائیں۔"),
    ("Eat a light meal beforehand.", "پہلے ہلکا کھانا کھا لیں۔"),
    ("Drink enough water.", "مناسب مقدار میں پانی پیئیں۔"),
    ("Tell us about any allergies.", "اگر کسی چیز سے الرجی ہو تو ہمیں بتائیں۔"),
    ("Switch your phone to silent.", "اپنا فون خاموش کر دیں۔"),
    ("Ask about anything that is unclear.", "جو بات واضح نہ ہو اس کے بارے میں پوچھیں۔"),
    ("Allow time to rest afterwards.", "بعد میں آرام کے لیے وقت رکھیں۔"),
)
URDU = {
    ("", "Before Your Visit: Preparation, Questions and Recommendations"): (
        "آپ کی آمد سے پہلے: تیاری، سوالات اور ہدایات"
    ),
    ("", "Visiting the clinic"): "کلینک میں آمد",
    ("", "Everything to know before you come to the clinic, in one place."): (
        "کلینک آنے سے پہلے جاننے کی ہر بات، ایک جگہ پر۔"
    ),
    ("", "Preparation and Recommendations Before Your Appointment"): "ملاقات سے پہلے تیاری اور ہدایات",
    (
        "",
        "Please arrive ten minutes before your appointment so that there is time to fill in the "
        "registration form and to ask the receptionist any questions you may have.",
    ): (
        "براہِ کرم اپنی ملاقات سے دس منٹ پہلے تشریف لائیں تاکہ رجسٹریشن فارم بھرنے اور استقبالیہ سے"
        " اپنے سوالات پوچھنے کا وقت مل سکے۔"
    ),
    (
        "",
        "Bring a list of the medicines you take, including vitamins and creams, because the doctor "
        "will want to see it before any treatment is planned.",
    ): (
        "اپنی دواؤں کی فہرست ساتھ لائیں، وٹامن اور کریمیں بھی، کیونکہ کسی بھی علاج کی منصوبہ بندی سے پہلے"
        " ڈاکٹر اسے دیکھنا چاہیں گے۔"
    ),
    ("", "On the day of your visit:"): "ملاقات کے دن:",
    ("", "Questions"): "سوالات",
    ("", "Write down your questions before you come."): "آنے سے پہلے اپنے سوالات لکھ لیں۔",
    ("", CLINIC_NAME[0]): CLINIC_NAME[1],
    **{("", english): urdu for english, urdu in CHECKLIST},
}


def _article() -> str:
    english = [key[1] for key in URDU]
    items = ",\n".join(
        f'  {{ id = "step-{number:02d}", text = "{text}" }}' for number, (text, _) in enumerate(CHECKLIST, start=1)
    )
    return f'''slug = "{SLUG}"
title = "{english[0]}"
category = "{english[1]}"
summary = "{english[2]}"

[[sections]]
id = "preparation"
heading = "{english[3]}"

[[sections.blocks]]
type = "paragraph"
text = "{english[4]}"

[[sections.blocks]]
type = "paragraph"
text = "{english[5]}"

[[sections.blocks]]
type = "paragraph"
text = "{UNTRANSLATED}"

[[sections.blocks]]
type = "list"
id = "visit-checklist"
intro = "{english[6]}"
items = [
{items},
]

[[sections]]
id = "questions"
heading = "{english[7]}"
blocks = [{{ type = "paragraph", text = "{english[8]}" }}]
'''


def build_long_read_library(root: Path) -> tuple[Path, Path]:
    content_dir, locales_dir = build_library(root, ("ur",))
    (content_dir / "articles" / f"{SLUG}.toml").write_text(_article(), encoding="utf-8")
    clinic = content_dir / "clinic.toml"
    clinic.write_text(f'name = "{CLINIC_NAME[0]}"\n' + clinic.read_text(encoding="utf-8"), encoding="utf-8")
    extract_templates(content_dir, locales_dir)
    update_locales(locales_dir)
    for path in (locales_dir / "ur" / "LC_MESSAGES").rglob("*.po"):
        translate(path, URDU)
    return content_dir, locales_dir
