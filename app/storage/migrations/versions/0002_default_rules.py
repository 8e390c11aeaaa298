"""Seed the rules that flag complaints, questions and praise, in Japanese and English.

A separate data migration so a shop that edits its rules never gets them re-seeded: this runs
once per workspace, when the schema reaches this revision.

Revision ID: 0002_default_rules
Revises: 0001_initial
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_default_rules"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

DEFAULT_RULES: dict[str, dict[str, list[str]]] = {
    "complaint": {
        "ja": [
            "届かない",
            "遅延",
            "遅い",
            "返金",
            "最悪",
            "壊れ",
            "不良",
            "対応が悪い",
            "間違",
            "苦情",
            "キャンセル",
            "連絡がない",
            "まだ届",
            "破損",
        ],
        "en": [
            "refund",
            "late",
            "delayed",
            "never arrived",
            "not arrived",
            "broken",
            "damaged",
            "worst",
            "terrible",
            "disappointed",
            "complaint",
            "wrong item",
            "no reply",
            "still waiting",
        ],
    },
    "question": {
        "ja": ["ですか", "ますか", "教えて", "営業時間", "在庫", "いつ", "どこ", "？"],
        "en": ["?", "how do", "when do", "do you", "is there", "opening hours", "in stock"],
    },
    "praise": {
        "ja": [
            "ありがとう",
            "最高",
            "美味しい",
            "おいしい",
            "素敵",
            "大好き",
            "感動",
            "また来ます",
        ],
        "en": ["thank", "love", "great", "amazing", "awesome", "delicious", "lovely", "best"],
    },
}

rule = sa.table(
    "rule",
    sa.column("kind", sa.String),
    sa.column("phrase", sa.String),
    sa.column("language", sa.String),
)


def upgrade() -> None:
    # A shop may already have added some of these phrases itself; (kind, phrase) is unique, so
    # seed only the missing ones instead of failing the whole upgrade on the first duplicate.
    existing = {tuple(row) for row in op.get_bind().execute(sa.select(rule.c.kind, rule.c.phrase))}
    rows = [
        {"kind": kind, "phrase": phrase, "language": language}
        for kind, by_language in DEFAULT_RULES.items()
        for language, phrases in by_language.items()
        for phrase in phrases
        if (kind, phrase) not in existing
    ]
    if rows:
        op.bulk_insert(rule, rows)


def downgrade() -> None:
    for kind, by_language in DEFAULT_RULES.items():
        for language, phrases in by_language.items():
            op.execute(
                rule.delete().where(
                    rule.c.kind == kind,
                    rule.c.language == language,
                    rule.c.phrase.in_(phrases),
                )
            )
