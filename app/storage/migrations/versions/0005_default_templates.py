"""Seed saved replies in Japanese and English, one or more for every category.

They follow the habits the app is built for: thank people, apologise plainly when the shop is
at fault (no excuses), give the shop's contact details and a named person, and take a heated or
personal matter to a one-to-one channel instead of the public thread. Each fits a Bluesky reply
(300 characters) once filled in. Opening hours differ for every shop, so that reply asks for
them ({opening_hours}; {営業時間} in the Japanese one, so the composer's question reads in the
template's language) until the shop writes its own into the template.

Japanese replies address the customer as "{customer_name|お客}様": a name becomes "Aiko様", and
without one the fallback reads "お客様".

A data migration of its own, like 0002_default_rules: it runs once per workspace, so a shop that
edits or deletes these replies never gets them back. Names the shop already uses are skipped.

Revision ID: 0005_default_templates
Revises: 0004_outbox_replies
Create Date: 2026-12-03
"""

import unicodedata
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005_default_templates"
down_revision = "0004_outbox_replies"
branch_labels = None
depends_on = None

# (category, language, name, body)
DEFAULT_TEMPLATES: list[tuple[str, str, str, str]] = [
    ("thanks", "en", "Thank you",
     "Hi {customer_name|there}, thank you so much for your kind words! They mean a lot to all "
     "of us at {shop_name}. We hope to see you again soon. – {staff_name}"),
    ("apology", "en", "Sorry, we will fix it",
     "{customer_name|Hello}, we are very sorry. This was our mistake, and we want to put it "
     "right. Please email {contact_email} or call {contact_phone} and ask for {staff_name}, "
     "who will take care of it personally."),
    ("private", "en", "Move to email or phone",
     "{customer_name|Hello}, thank you for telling us. So you don't have to share personal "
     "details here, could we continue by email at {contact_email} or by phone at "
     "{contact_phone}? {staff_name} will answer you directly."),
    ("shipping", "en", "Where is my order?",
     "{customer_name|Hello}, we are sorry your order is taking so long. Please email your "
     "order number to {contact_email} (not here, to keep it private), and {staff_name} will "
     "check where it is and get back to you."),
    ("hours", "en", "Opening hours",
     "Hi {customer_name|there}, thanks for asking! {shop_name} is open {opening_hours}. We "
     "look forward to seeing you."),
    ("faq", "en", "Is it in stock?",
     "Hi {customer_name|there}, thanks for asking! Stock changes quickly, so the surest way "
     "is to email {contact_email} or call {contact_phone}. {staff_name} will check for you "
     "straight away."),
    ("other", "en", "We are looking into it",
     "Hi {customer_name|there}, thank you for your message. We are looking into it and will "
     "reply here as soon as we know more. – {staff_name}"),
    ("thanks", "ja", "お礼",
     "{customer_name|お客}様、温かいお言葉をありがとうございます！スタッフ一同、大変励みに"
     "なります。またのご利用を心よりお待ちしております。{shop_name}（担当：{staff_name}）"),
    ("apology", "ja", "お詫び（ご連絡先のご案内）",
     "{customer_name|お客}様、この度はご迷惑をおかけし、誠に申し訳ございません。当店の不手際"
     "です。責任を持って対応いたしますので、お手数ですが{contact_email}または{contact_phone}"
     "までご連絡ください。担当の{staff_name}が承ります。"),
    ("private", "ja", "個別のご連絡のお願い",
     "{customer_name|お客}様、ご連絡ありがとうございます。ご注文内容などを公開の場に書かずに"
     "済むよう、恐れ入りますが{contact_email}または{contact_phone}までご連絡いただけます"
     "でしょうか。担当の{staff_name}が直接ご対応いたします。"),
    ("shipping", "ja", "配送状況のお問い合わせ",
     "{customer_name|お客}様、お待たせしてしまい申し訳ございません。お手数ですが、ご注文番号を"
     "こちらではなく{contact_email}までメールでお知らせください。担当の{staff_name}が配送状況を"
     "確認し、ご連絡いたします。"),
    ("hours", "ja", "営業時間のご案内",
     "{customer_name|お客}様、お問い合わせありがとうございます。{shop_name}の営業時間は"
     "{営業時間}です。ご来店を心よりお待ちしております。"),
    ("faq", "ja", "在庫のお問い合わせ",
     "{customer_name|お客}様、お問い合わせありがとうございます。在庫は日々変わりますので、"
     "{contact_email}または{contact_phone}までお問い合わせください。担当の{staff_name}が"
     "すぐにお調べいたします。"),
    ("other", "ja", "確認中のご連絡",
     "{customer_name|お客}様、ご連絡ありがとうございます。ただいま確認しておりますので、"
     "少々お待ちください。分かり次第、こちらでご返信いたします。（担当：{staff_name}）"),
]

template = sa.table(
    "template",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("category", sa.String),
    sa.column("body", sa.Text),
    sa.column("language", sa.String),
    sa.column("shortcut", sa.String),
    sa.column("use_count", sa.Integer),
    sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
)


def _key(name: str) -> str:
    # As app.services.templates.name_key compares names (migrations import nothing from app,
    # so a later change there cannot rewrite history here).
    return unicodedata.normalize("NFKC", " ".join(name.split())).casefold()


def upgrade() -> None:
    taken = {_key(name) for name in op.get_bind().execute(sa.select(template.c.name)).scalars()}
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {"name": name, "category": category, "body": body, "language": language,
         "shortcut": "", "use_count": 0, "created_at": now, "updated_at": now}
        for category, language, name, body in DEFAULT_TEMPLATES
        if _key(name) not in taken
    ]
    if rows:
        op.bulk_insert(template, rows)


def downgrade() -> None:
    # Only the replies exactly as shipped: one the shop has edited is its own now.
    for _category, language, name, body in DEFAULT_TEMPLATES:
        op.execute(template.delete().where(template.c.name == name,
                                           template.c.language == language,
                                           template.c.body == body))
